"""The app shows a plan's and an entry's text safely: an escape sequence pasted into plan.toml
can't clear the screen, write the clipboard or hide the crisis lines on help now."""

from __future__ import annotations

import pytest

from doingthework.tui.screens.help_now import HelpNowScreen

from ..cli.test_text_safety import BAD, dangerous_in, toml_string
from .conftest import settle
from .test_help_everywhere import CLASSES, build

CLEAR = "\x1b[2J\x1b[3J\x1b[H"  # clear the screen and the scrollback, cursor home
PLAN = f"""
[safety]
crisis_lines = [{toml_string("Local line 555-0111 " + BAD)}]
people = [{toml_string(BAD)}, "Sam 555-0100"]
warning_signs = [{toml_string(CLEAR)}]
"""


def screen_text(app) -> str:
    """Every character the screen would send to the terminal as text, from its compositor."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


async def test_help_now_with_escape_sequences_in_the_plan_still_shows_the_crisis_lines(make_app):
    app = make_app(plan=PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpNowScreen)
        lines = str(app.screen.query_one("#help-crisis-lines").render())
        assert "Local line 555-0111" in lines and "emergency number" in lines
        assert not dangerous_in(lines, allow_lines=True)
        shown = screen_text(app)
        assert "Local line 555-0111" in shown and "emergency number" in shown and "Crisis lines" in shown
        assert not dangerous_in(shown), sorted(set(dangerous_in(shown)))
        assert "\ufffd" in shown  # something was there, and the person can see that it was


# ---- every screen and dialog, found by introspection, over hostile entries, plan and drafts ----
EVERYWHERE_PLAN = f"""
boundaries = [{toml_string("no calls " + BAD)}]
trigger_tags = [{toml_string(BAD)}]
[safety]
people = [{toml_string(BAD)}]
[checkin]
questions = [{{ name = "q1", prompt = {toml_string("How is " + BAD)} }}]
"""


def _seed_hostile(paths) -> None:
    from datetime import datetime, timedelta

    from doingthework.core.models import Boundary, CheckIn, Note, Trigger
    from doingthework.core.store import Store

    store = Store(paths)
    now = datetime.now().astimezone().replace(microsecond=0)
    store.add(Note(text="note " + BAD, at=now - timedelta(hours=1)))
    store.add(Trigger(what="trigger " + BAD, intensity=6, tags=[BAD], at=now - timedelta(hours=2)))
    store.add(Boundary(boundary="boundary " + BAD, outcome="held", with_=BAD, at=now - timedelta(hours=3)))
    store.add(CheckIn(mood=4, intention=BAD, feelings=[BAD], at=now - timedelta(hours=4)))
    for form in ("checkin", "trigger", "boundary", "note"):  # drafts a form offers back
        store.save_draft(form, {"what": BAD, "text": BAD, "boundary": BAD, "intention": BAD})


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
async def test_no_screen_sends_a_control_character_to_the_terminal(make_app, paths, cls):
    _seed_hostile(paths)
    app = make_app(plan=EVERYWHERE_PLAN)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")  # History first: its rows are entry text
        await settle(pilot)
        await pilot.pause(0.3)
        await app.push_screen(build(cls, app))
        await pilot.pause(0.3)
        await settle(pilot)
        shown = screen_text(app)
        assert not dangerous_in(shown), (cls.__name__, sorted(set(dangerous_in(shown))))
