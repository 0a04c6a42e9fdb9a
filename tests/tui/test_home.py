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
    week = [Trigger(what="a", intensity=5, tags=["Work"], at=NOW), Trigger(what="b", intensity=5, tags=["work ", "money"], at=NOW),
            Boundary(boundary="x", outcome="held", at=NOW), Boundary(boundary="y", outcome="crossed", at=NOW)]
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
