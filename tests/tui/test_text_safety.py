"""The app shows a plan's and an entry's text safely: an escape sequence pasted into plan.toml
can't clear the screen, write the clipboard or hide the crisis lines on help now."""

from __future__ import annotations

from doingthework.tui.screens.help_now import HelpNowScreen

from ..cli.test_text_safety import BAD, dangerous_in, toml_string
from .conftest import settle

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
