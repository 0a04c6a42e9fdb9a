"""Pure functions over entries: showing up, averages, trends. No I/O, no clock of their own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from doingthework.core.models import CheckIn, Entry


def days_shown_up(entries: Iterable[Entry], today: date, days: int) -> int:
    """On how many of the last `days` days (counting today) any entry was made."""
    first = today - timedelta(days=days - 1)
    return len({d for e in entries if first <= (d := e.at.astimezone().date()) <= today})


def showed_up_sentence(count: int, days: int) -> str:
    """Kind words, never a streak: 'You showed up 4 of the last 7 days.'"""
    if count == 0:
        return "Welcome back. Every check-in counts, whenever it happens."
    if count == days:
        return f"You showed up each of the last {days} days."
    return f"You showed up {count} of the last {days} days."


@dataclass(frozen=True)
class Summary:
    mean: float | None
    low: float | None
    high: float | None
    n: int


def summarise(values: Iterable[float | None]) -> Summary:
    present = [v for v in values if v is not None]
    if not present:
        return Summary(None, None, None, 0)
    return Summary(sum(present) / len(present), min(present), max(present), len(present))


def checkin_comparison(saved: CheckIn, earlier: Iterable[CheckIn]) -> list[str]:
    """'mood 6, your 7-day average is 5.2' for each rating given today, against earlier check-ins."""
    earlier = [c for c in earlier if c.id != saved.id]
    lines = []
    for name, value, past in (
        ("mood", saved.mood, [c.mood for c in earlier]),
        ("energy", saved.energy, [c.energy for c in earlier]),
        ("sleep", saved.sleep_hours, [c.sleep_hours for c in earlier]),
    ):
        if value is None:
            continue
        summary = summarise(past)
        if summary.n:
            lines.append(f"{name} {value:g}, your 7-day average is {summary.mean:.1f}")
        else:
            lines.append(f"{name} {value:g}")
    return lines
