from __future__ import annotations

from datetime import datetime, timedelta

from doingthework.core.models import Boundary, CheckIn, Note, Practice, Session, Trigger
from doingthework.core.store import Store
from doingthework.tui.screens.home import month_text, today_text, week_text
from doingthework.tui.widgets.year_map import YearMap

from .conftest import settle

NOW = datetime(2026, 11, 25, 18, 0).astimezone()


def test_today_says_what_is_done_kindly():
    text = today_text([], NOW)
    assert "No check-in yet today" in text and "No practice yet today" in text and "Welcome" in text
    done = [CheckIn(mood=6, at=NOW - timedelta(hours=1)), Practice(preset="box", actual_seconds=180, at=NOW)]
    text = today_text(done, NOW, Session(date="2026-12-02", at=datetime(2026, 12, 2, 10).astimezone()), open_notes=2)
    assert "You checked in today (1×, mood 6)" in text and "You practised today (3 min)" in text
    assert "2 notes to bring" in text and "Next session: Wednesday 02 December" in text


def test_month_text_counts_days_and_draws_sparklines():
    month = [CheckIn(mood=m, energy=5, at=NOW - timedelta(days=d)) for d, m in ((0, 6), (1, 4), (10, 8))]
    text = month_text(month, NOW)
    assert text.startswith("You showed up 3 of the last 30 days.")
    mood_line = next(line for line in text.splitlines() if line.startswith("mood"))
    assert len(mood_line.split("  ", 1)[1].strip("\n")) >= 10 and "▁" not in mood_line[:6]
    assert "streak" not in text.lower()


def test_week_text_tags_and_boundaries():
    week = [
        Trigger(what="a", intensity=5, tags=["Work"], at=NOW),
        Trigger(what="b", intensity=5, tags=["work ", "money"], at=NOW),
        Boundary(boundary="x", outcome="held", at=NOW),
        Boundary(boundary="y", outcome="crossed", at=NOW),
    ]
    text = week_text(week)
    assert "work (2)" in text and "money (1)" in text and "2 noticed, 1 held" in text
    assert "that's fine" in week_text([])


async def test_home_paints_then_fills_in_from_a_worker(make_app, paths):
    store = Store(paths)
    store.add(CheckIn(mood=7, at=NOW - timedelta(hours=2)))
    store.add(Note(text="ask about sleep", at=NOW - timedelta(days=1)))
    app = make_app(clock=lambda: NOW)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        assert "You checked in today" in str(app.screen.query_one("#today").render())
        assert "1 note to bring" in str(app.screen.query_one("#today").render())
        year = app.screen.query_one(YearMap)
        assert year.weeks and year.weeks[-1][NOW.weekday()].mood == 7


async def test_the_first_frame_is_light_and_the_rest_follows(make_app, monkeypatch):
    """Home's first frame holds today, the month and the week, and the footer; the places to go
    and the year are mounted just after it is painted (Textual's Lazy; docs/performance.md)."""
    from textual.lazy import Lazy
    from textual.widgets import Button, Footer

    from doingthework.tui.screens.home import HomeScreen

    app = make_app(clock=lambda: NOW)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        assert len(app.screen.query("#home-actions Button")) == 10  # every place, Patterns, Note, questionnaires too
        assert app.screen.query_one(YearMap)
        assert len(app.screen_stack) == 1 and isinstance(app.screen, HomeScreen)  # Home is the bottom of the stack

    async def never(self, widgets) -> None:
        pass

    monkeypatch.setattr(Lazy, "mount_composed_widgets", never)
    app = make_app(clock=lambda: NOW)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#today") and app.screen.query_one(Footer)
        assert not app.screen.query(Button) and not app.screen.query(YearMap)


async def test_the_year_is_not_lost_when_it_is_read_before_it_is_mounted(make_app, paths, monkeypatch):
    """The worker can finish before the lazy part of Home is mounted: the year shows once it is."""
    from textual.lazy import Lazy

    Store(paths).add(CheckIn(mood=7, at=NOW - timedelta(hours=2)))
    held: list = []

    async def later(self, widgets) -> None:
        held.append(self)

    monkeypatch.setattr(Lazy, "mount_composed_widgets", later)
    app = make_app(clock=lambda: NOW)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert "You checked in today" in str(app.screen.query_one("#today").render())
        assert not app.screen.query(YearMap)  # read, and not yet mounted
        monkeypatch.undo()
        await Lazy.mount_composed_widgets(held[0], [])
        await settle(pilot)
        year = app.screen.query_one(YearMap)
        assert year.weeks and year.weeks[-1][NOW.weekday()].mood == 7
        assert "Putting your year together" not in str(year.render())


async def test_the_places_to_go_open_with_enter_or_a_click(make_app):
    from doingthework.tui.screens.checkin import CheckinScreen
    from doingthework.tui.screens.history import HistoryScreen
    from doingthework.tui.screens.home import HomeScreen

    app = make_app(clock=lambda: NOW)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        app.screen.query_one("#go-checkin").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.click("#go-history")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_home_reads_the_month_and_the_year_once_at_start(make_app, monkeypatch):
    from doingthework.core.store import Store as StoreClass

    reads = []
    original = StoreClass.query
    monkeypatch.setattr(
        StoreClass, "query", lambda self, *a, **k: reads.append(a[0] if a else None) or original(self, *a, **k)
    )
    app = make_app(clock=lambda: NOW)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert len(reads) == 2  # the last 30 days, then the year: not twice over
