"""One snapshot per screen state, at 80×24, blinking off. Update with --snapshot-update after a deliberate change."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from .conftest import settle


async def _settled(pilot) -> None:
    await settle(pilot)


FIXED_NOW = datetime(2026, 11, 25, 18, 0).astimezone()


def test_home(make_app, snap_compare):
    assert snap_compare(make_app(clock=lambda: FIXED_NOW), run_before=_settled)


def test_home_with_history(make_app, snap_compare, paths):
    from doingthework.core.models import Boundary, CheckIn, Trigger
    from doingthework.core.store import Store

    store = Store(paths)
    for days, mood in ((0, 6), (1, 4), (2, 5), (4, 7), (9, 3), (40, 8), (200, 2)):
        store.add(CheckIn(id=f"{days:016x}", mood=mood, energy=5, at=FIXED_NOW - timedelta(days=days, hours=2)))
    store.add(Trigger(id="a" * 16, what="email", intensity=7, tags=["work"], at=FIXED_NOW - timedelta(days=1)))
    store.add(Boundary(id="b" * 16, boundary="no calls after 9", outcome="held", at=FIXED_NOW - timedelta(days=2)))
    assert snap_compare(make_app(clock=lambda: FIXED_NOW), run_before=_settled, terminal_size=(100, 50))


def test_checkin_empty(make_app, snap_compare):
    assert snap_compare(make_app("checkin"), run_before=_settled)


def test_checkin_filled(make_app, snap_compare):
    async def fill(pilot) -> None:
        await settle(pilot)
        await pilot.press("6", "tab", "4", "tab", "7", ".", "5")
        await settle(pilot)

    assert snap_compare(make_app("checkin"), run_before=fill)


def test_checkin_saved(make_app, snap_compare):
    async def save(pilot) -> None:
        await settle(pilot)
        await pilot.press("6", "tab", "4", "ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app("checkin"), run_before=save)


def test_checkin_saved_on_a_hard_day(make_app, snap_compare):
    async def save(pilot) -> None:
        await settle(pilot)
        await pilot.press("1", "ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app("checkin"), run_before=save)


def test_help_now(make_app, snap_compare):
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_help)


def test_help_now_with_a_plan(make_app, snap_compare):
    plan = '[safety]\nwarning_signs = ["Not sleeping"]\npeople = ["Sam — 555 0100"]\nreasons = ["My niece"]\n'

    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(plan=plan), run_before=open_help)


def test_help_now_with_a_full_plan(make_app, snap_compare):
    """All eight parts of a safety plan: the crisis lines are still on the first screen at 80×24."""
    plan = (Path(__file__).parent.parent / "fixtures" / "full_safety_plan.toml").read_text()

    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(plan=plan), run_before=open_help)


def test_trigger_empty(make_app, snap_compare):
    assert snap_compare(make_app("trigger"), run_before=_settled)


def test_trigger_with_thought_record_open(make_app, snap_compare):
    async def fill(pilot) -> None:
        await settle(pilot)
        for key in ["a", "r", "g", "u", "e", "tab", "6", "ctrl+t"]:
            await pilot.press(key)
        await settle(pilot)

    assert snap_compare(make_app("trigger"), run_before=fill)


def test_boundary_empty(make_app, snap_compare):
    plan = 'boundaries = ["no calls after 9"]\n'
    assert snap_compare(make_app("boundary", plan=plan), run_before=_settled)


def test_history(make_app, snap_compare, paths):
    from datetime import datetime

    from doingthework.core.models import Boundary, Note, Trigger
    from doingthework.core.store import Store

    store = Store(paths)
    day = datetime(2026, 11, 20, 9, 30).astimezone()
    store.add(Trigger(what="email from my boss", intensity=7, after=3, tags=["work"], at=day))
    store.add(Boundary(boundary="no calls after 9", outcome="held", with_="mum", at=day.replace(hour=21)))
    store.add(Note(text="ask about the sleep diary", at=day.replace(day=21)))

    async def open_history(pilot) -> None:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        pilot.app.screen.query_one("#filter-period").value = "all"
        await pilot.pause(0.3)
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_history)


def test_export(make_app, snap_compare, paths, tmp_path):
    from datetime import datetime

    from doingthework.core.models import Note, Session, Trigger
    from doingthework.core.store import Store
    from doingthework.tui.screens.export import ExportScreen

    store = Store(paths)
    now = datetime(2026, 11, 25, 18, 0).astimezone()
    store.add(Session(id="0000000000000000", date="2026-11-18", at=datetime(2026, 11, 18, 10, 0).astimezone()))
    store.add(
        Trigger(
            id="0000000000000001",
            what="email from my boss",
            intensity=7,
            after=3,
            tags=["work"],
            at=datetime(2026, 11, 24, 9, 30).astimezone(),
        )
    )
    store.add(
        Note(id="0000000000000002", text="ask about the sleep diary", at=datetime(2026, 11, 25, 8, 0).astimezone())
    )

    async def open_export(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(ExportScreen(folder=tmp_path, now=lambda: now))
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_export, terminal_size=(120, 40))


def test_checkin_filled_without_colour(make_app, snap_compare, monkeypatch):
    """With NO_COLOR, what is ticked and what is chosen show by a glyph (▐X▌, ▐●▌), not a shade."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def fill(pilot) -> None:
        await settle(pilot)
        await pilot.press("6", "tab", "4", "tab", "7", "tab", "down", "space")
        await settle(pilot)

    assert snap_compare(make_app("checkin"), run_before=fill)


def test_boundary_filled_without_colour(make_app, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    plan = 'boundaries = ["no calls after 9"]\n'

    async def fill(pilot) -> None:
        await settle(pilot)
        pilot.app.screen.query_one("#outcome-held").value = True
        pilot.app.screen.query_one("#save-to-plan").value = True
        pilot.app.screen.query_one("#outcome").focus()  # the outcomes in view
        await settle(pilot)

    assert snap_compare(make_app("boundary", plan=plan), run_before=fill)


# ---- the screens and dialogs that had none, and the lists without colour, all at 80×24 ----


def test_note_empty(make_app, snap_compare):
    async def open_note(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_note)


def test_practice_chooser_without_colour(make_app, snap_compare, monkeypatch):
    """The chooser is a list: without colour its highlighted practice is reversed, not a shade."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def choose(pilot) -> None:
        await settle(pilot)
        await pilot.press("p", "down")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=choose)


def test_leave_without_saving_focuses_keep_going(make_app, snap_compare):
    async def leave(pilot) -> None:
        await settle(pilot)
        await pilot.press("a", "r", "g", "u", "e", "escape")
        await settle(pilot)

    assert snap_compare(make_app("trigger"), run_before=leave)


def _seed_history(paths) -> None:
    from doingthework.core.models import Boundary, Note, Trigger
    from doingthework.core.store import Store

    store = Store(paths)
    day = datetime(2026, 11, 20, 9, 30).astimezone()
    store.add(Trigger(id="0000000000000001", what="email from my boss", intensity=7, after=3, tags=["work"], at=day))
    store.add(
        Boundary(
            id="0000000000000002", boundary="no calls after 9", outcome="held", with_="mum", at=day.replace(hour=21)
        )
    )
    store.add(
        Note(id="0000000000000003", text="ask about the sleep diary", at=day.replace(day=21), extra={"discussed": True})
    )


async def _open_history_all(pilot) -> None:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    pilot.app.screen.query_one("#filter-period").value = "all"
    await pilot.pause(0.3)
    await settle(pilot)


def test_history_without_colour(make_app, snap_compare, paths, monkeypatch):
    """The cursor row carries ▸ and is reversed; "(discussed)" and the outcome stay on the row."""
    monkeypatch.setenv("NO_COLOR", "1")
    _seed_history(paths)

    async def second_row(pilot) -> None:
        await _open_history_all(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=second_row)


def test_history_kind_drop_down_without_colour(make_app, snap_compare, paths, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    _seed_history(paths)

    async def drop_down(pilot) -> None:
        await _open_history_all(pilot)
        pilot.app.screen.query_one("#filter-kind").focus()
        await pilot.press("enter", "down", "down")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=drop_down)


def test_history_entry_dialog(make_app, snap_compare, paths):
    _seed_history(paths)

    async def read(pilot) -> None:
        await _open_history_all(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=read)


def test_export_at_80_columns(make_app, snap_compare, paths, tmp_path):
    from doingthework.core.models import Note
    from doingthework.core.store import Store
    from doingthework.tui.screens.export import ExportScreen

    Store(paths).add(
        Note(id="0000000000000002", text="ask about the sleep diary", at=datetime(2026, 11, 25, 8, 0).astimezone())
    )

    async def open_export(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(ExportScreen(folder=tmp_path, now=lambda: FIXED_NOW))
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_export)
