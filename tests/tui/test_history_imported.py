"""What comes from jrnl and Daylio in History: the Journal kind in the menu, a check-in found by
its tags (Daylio's activities), and a row's words shown as written, brackets and all."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import DataTable, Input, Select
from textual.widgets._data_table import default_cell_formatter

from doingthework.core.models import CheckIn, Journal, Trigger
from doingthework.core.store import Store
from doingthework.tui.screens.history import HistoryScreen

from .conftest import settle


def shown(app) -> list[str]:
    """Each row's entry cell as the table draws it."""
    table = app.screen.query_one(DataTable)
    return [default_cell_formatter(table.get_row_at(i)[2]).plain for i in range(table.row_count)]


async def test_journal_entries_and_checkin_tags_in_history(make_app, paths):
    now = datetime.now().astimezone()
    store = Store(paths)
    store.add(CheckIn(mood=9, tags=["friends", "walk"], at=now - timedelta(hours=3)))
    store.add(Journal(title="Hard day.", body="at @work", tags=["work"], starred=True, at=now - timedelta(hours=2)))
    store.add(Trigger(what="email [cc boss]", intensity=5, tags=["work"], at=now - timedelta(hours=1)))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert shown(app) == ["email [cc boss] (5) [work]", "★ Hard day. at @work [work]", "mood 9 · [friends, walk]"]
        kinds = app.screen.query_one("#filter-kind", Select)
        kinds.value = "journal"
        await settle(pilot)
        assert shown(app) == ["★ Hard day. at @work [work]"]
        kinds.clear()
        app.screen.query_one("#filter-tag", Input).value = "Walk"
        await pilot.pause(0.5)
        await settle(pilot)
        assert shown(app) == ["mood 9 · [friends, walk]"]
