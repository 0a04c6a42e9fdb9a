"""Day-by-day views: a year in pixels coloured by mood, and daily means drawn as sparklines.

Pure functions: they take the entries and `today`, never a clock of their own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from doingthework.core.models import CheckIn, Entry

NO_ENTRY = "no entry"
SHOWED_UP = "showed up"  # an entry that day, but no mood rating
SPARK_CHARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Day:
    """One day of the year map: its mean mood, and whether anything was written."""

    day: date
    mood: float | None  # the day's mean mood, if rated
    showed_up: bool


def daily_means(
    entries: Iterable[Entry], value: Callable[[CheckIn], float | None], days: list[date]
) -> list[float | None]:
    """The mean of `value` over each day's check-ins (local days), None where there is none."""
    by_day: dict[date, list[float]] = {}
    for entry in entries:
        if isinstance(entry, CheckIn):
            v = value(entry)
            if v is not None:
                by_day.setdefault(entry.at.astimezone().date(), []).append(v)
    return [sum(by_day[d]) / len(by_day[d]) if d in by_day else None for d in days]


def last_days(today: date, count: int) -> list[date]:
    return [today - timedelta(days=count - 1 - i) for i in range(count)]


def year_in_pixels(entries: Iterable[Entry], today: date, week_start: str = "monday") -> list[list[Day | None]]:
    """Weeks as columns, weekdays as rows (starting on `week_start`), about a year back to `today`.

    A cell is None outside the year (before its first day, after today).
    """
    entries = list(entries)
    first = today - timedelta(days=364)
    offset = 0 if week_start == "monday" else 1
    # back to the start of that week
    start = first - timedelta(days=(first.weekday() + offset) % 7)
    moods: dict[date, list[int]] = {}
    seen: set[date] = set()
    for entry in entries:
        day = entry.at.astimezone().date()
        seen.add(day)
        if isinstance(entry, CheckIn) and entry.mood is not None:
            moods.setdefault(day, []).append(entry.mood)
    weeks: list[list[Day | None]] = []
    day = start
    while day <= today:
        week: list[Day | None] = []
        for _ in range(7):
            if day < first or day > today:
                week.append(None)
            else:
                mood = sum(moods[day]) / len(moods[day]) if day in moods else None
                week.append(Day(day, mood, day in seen))
            day += timedelta(days=1)
        weeks.append(week)
    return weeks


def sparkline(values_by_day: list[float | None], low: float, high: float) -> str:
    """One character per day, ▁ at `low` up to █ at `high`; a space for a day without a value."""
    top = len(SPARK_CHARS) - 1
    out = []
    for value in values_by_day:
        if value is None:
            out.append(" ")
        elif high <= low:
            out.append(SPARK_CHARS[top // 2])
        else:
            level = math.floor((value - low) / (high - low) * top + 0.5)
            out.append(SPARK_CHARS[max(0, min(top, level))])
    return "".join(out)
