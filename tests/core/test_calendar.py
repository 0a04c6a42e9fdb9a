from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from doingthework.core.calendar import daily_means, last_days, year_in_pixels
from doingthework.core.models import CheckIn, Note

TODAY = date(2026, 11, 25)  # a Wednesday


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour).astimezone()


def test_last_days_ends_today():
    days = last_days(TODAY, 3)
    assert days == [date(2026, 11, 23), date(2026, 11, 24), TODAY]


def test_daily_means_average_each_day_and_leave_gaps():
    entries = [
        CheckIn(mood=4, at=at(TODAY)),
        CheckIn(mood=6, at=at(TODAY, 20)),
        CheckIn(at=at(TODAY - timedelta(days=1))),
        Note(text="x", at=at(TODAY - timedelta(days=2))),
    ]
    assert daily_means(entries, lambda c: c.mood, last_days(TODAY, 3)) == [None, None, 5.0]


def test_year_in_pixels_has_weeks_of_seven_days_ending_today():
    weeks = year_in_pixels([], TODAY)
    assert all(len(week) == 7 for week in weeks)
    days = [cell.day for week in weeks for cell in week if cell is not None]
    assert days[0] == TODAY - timedelta(days=364) and days[-1] == TODAY and len(days) == 365
    assert weeks[0].index(next(c for c in weeks[0] if c is not None)) == days[0].weekday()  # Monday rows first
    assert weeks[-1][TODAY.weekday()].day == TODAY and weeks[-1][TODAY.weekday() + 1] is None


def test_year_in_pixels_starts_weeks_on_sunday_when_asked():
    weeks = year_in_pixels([], TODAY, week_start="sunday")
    first_real = next(c for c in weeks[0] if c is not None)
    assert weeks[0].index(first_real) == (first_real.day.weekday() + 1) % 7


def test_year_in_pixels_marks_mood_and_showing_up():
    entries = [
        CheckIn(mood=3, at=at(TODAY)),
        CheckIn(mood=9, at=at(TODAY, 21)),
        Note(text="x", at=at(TODAY - timedelta(days=1))),
    ]
    cells = {c.day: c for week in year_in_pixels(entries, TODAY) for c in week if c is not None}
    assert cells[TODAY].mood == 6 and cells[TODAY].showed_up
    assert cells[TODAY - timedelta(days=1)].mood is None and cells[TODAY - timedelta(days=1)].showed_up
    assert not cells[TODAY - timedelta(days=2)].showed_up


def test_days_follow_local_time_across_zones_and_dst():
    london = ZoneInfo("Europe/London")
    late = datetime(2026, 3, 29, 0, 30, tzinfo=london)  # the night the clocks go forward
    entry = CheckIn(mood=5, at=late.astimezone(UTC))
    assert daily_means([entry], lambda c: c.mood, [entry.at.astimezone().date()]) == [5.0]
