"""History keeps its place: every action leaves the cursor on the row it acted on (or its
neighbour after a delete), the count follows, and a row's status stays readable at 80 columns."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import DataTable

from doingthework.core.models import Boundary, Note
from doingthework.core.store import Store
from doingthework.tui.screens.history import HistoryScreen

from .conftest import settle

LONG = "ask about the way the sleep diary and the mornings keep going wrong every single week"


def seed(paths, count: int = 6) -> list[str]:
    now = datetime.now().astimezone()
    store = Store(paths)
    ids = []
    for index in range(count):  # newest first in the list: note 0 is the top row
        note = store.add(Note(text=f"note {index} {LONG}", at=now - timedelta(hours=index + 1)))
        ids.append(note.id)
    return ids


async def open_history(app, pilot) -> DataTable:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(app.screen, HistoryScreen)
    return app.screen.query_one(DataTable)


def cursor_id(table: DataTable) -> str:
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


async def test_x_twice_marks_and_unmarks_the_same_note(make_app, paths, saved):
    ids = seed(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_history(app, pilot)
        await pilot.press("down", "down", "down")
        assert cursor_id(table) == ids[3]
        await pilot.press("x")
        await settle(pilot)
        assert cursor_id(table) == ids[3]
        row = table.get_row(ids[3])
        assert str(row[2]).endswith("(discussed)")  # the text is cut, never the status
        await pilot.press("x")
        await settle(pilot)
        assert cursor_id(table) == ids[3]
    assert all("discussed" not in n.extra for n in saved("note"))


async def test_delete_leaves_the_cursor_on_the_neighbour_and_the_count_drops(make_app, paths):
    ids = seed(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_history(app, pilot)
        status = app.screen.query_one("#history-status")
        assert str(status.render()).startswith("6 entries")
        await pilot.press("down", "down", "d")
        await settle(pilot)
        assert cursor_id(table) == ids[3]
        assert str(status.render()).startswith("5 entries")
        await pilot.press("u")
        await settle(pilot)
        assert cursor_id(table) == ids[2]  # brought back, and the cursor with it
        assert str(status.render()).startswith("6 entries")


async def test_an_edit_comes_back_to_the_row_edited(make_app, paths, saved):
    ids = seed(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_history(app, pilot)
        await pilot.press("down", "down", "down", "down", "e")
        await pilot.pause()
        assert "editing" in str(app.screen.query_one("#form-title").render())
        await pilot.press("end", "!", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen) and cursor_id(table) == ids[4]
    assert next(n for n in saved("note") if n.id == ids[4]).text.endswith("!")


async def test_a_boundary_outcome_stays_visible_at_80_columns(make_app, paths):
    Store(paths).add(
        Boundary(
            boundary="no calls after nine in the evening unless it is about the kids",
            with_="my mother",
            outcome="crossed",
            at=datetime.now().astimezone() - timedelta(hours=1),
        )
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_history(app, pilot)
        text = str(table.get_row_at(0)[2])
        assert text.endswith("(crossed)") and "…" in text
        assert len(text) <= 80 - 17 - 9 - 6 - 2


async def test_entries_without_a_form_do_not_offer_edit(make_app, paths):
    from doingthework.core.models import Practice
    from doingthework.tui.screens.history import EntryScreen

    Store(paths).add(
        Practice(
            preset="box",
            planned_seconds=180,
            actual_seconds=60,
            completed=False,
            at=datetime.now().astimezone() - timedelta(hours=1),
        )
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        assert "edit" not in {b.binding.action for b in app.active_bindings.values() if b.binding.show}
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert "e edit" not in str(app.screen.query_one("#entry-keys").render())
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)  # nothing happened: there is no form to open


def test_details_read_as_sentences_not_field_dumps():
    from doingthework.core.models import CheckIn, Practice, Session, Trigger
    from doingthework.tui.screens.history import describe

    at = datetime(2026, 11, 20, 9, 30).astimezone()
    trigger = Trigger(what="email", intensity=7, after=3, tags=["work"], at=at)
    trigger.extra = {"evidence_for": "tone", "belief": 60, "from_a_newer_dtw": "kept"}
    entries = [
        trigger,
        CheckIn(mood=6, energy=4, sleep_hours=7.5, scales={"urge_to_use": 2}, at=at),
        Practice(preset="box", planned_seconds=112.0, actual_seconds=10.7, completed=False, before=4, at=at),
        Boundary(boundary="no calls after 9", outcome="held", with_="mum", at=at),
        Note(text="ask about sleep", at=at),
        Session(date="2026-11-18", at=at),
    ]
    for entry in entries:
        text = describe(entry)
        for raw in ("planned seconds", "actual seconds", "completed:", "sleep hours", "False", "True", "_"):
            assert raw not in text, (entry.kind, raw, text)
    assert "Box breathing: 11 seconds of 1 min 52 s planned, ended when it felt right." in describe(entries[2])
    assert "How strong it was: 7 of 10, and 3 afterwards." in describe(trigger)
    assert "From a newer dtw: kept" in describe(trigger)  # nothing is hidden, only worded


def marked(table: DataTable) -> list[str]:
    """The rows whose "when" cell carries the cursor glyph."""
    return [key.value for key in table.rows if str(table.get_cell(key, "when")).startswith("▸")]


async def test_the_cursor_row_carries_a_glyph_through_every_action(make_app, paths, monkeypatch):
    """Without colour the cursor row is only bold; a glyph marks it, and follows it."""
    monkeypatch.setenv("NO_COLOR", "1")
    ids = seed(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_history(app, pilot)
        assert marked(table) == [cursor_id(table)] == [ids[0]]
        for keys in (("down", "down"), ("x",), ("up",), ("d",), ("u",), ("end",), ("home",), ("pagedown",)):
            await pilot.press(*keys)
            await settle(pilot)
            assert marked(table) == [cursor_id(table)], f"after {keys}"
