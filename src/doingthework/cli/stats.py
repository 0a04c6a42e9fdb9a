"""`dtw stats`: the numbers of a period, in a few kind lines or as one JSON object."""

from __future__ import annotations

from typing import Any

import typer

from doingthework.cli.options import JsonOption, SinceOption, UntilOption
from doingthework.cli.output import print_json, report_damage, say

DEFAULT_SINCE = "30d"
TOP_TAGS = 5


def stats(ctx: typer.Context, since: SinceOption = None, until: UntilOption = None, json: JsonOption = False) -> None:
    """Check-ins, moods, triggers, boundaries and practice over a period (the last 30 days unless --since says otherwise)."""
    from datetime import timedelta

    from doingthework.core import insights
    from doingthework.core.periods import Period, local_midnight, local_now, period

    now = local_now()
    span = period(since, until, now=now, default_since=DEFAULT_SINCE)
    # an open end is the end of today, so "the last 30 days" counts 30 whole days
    span = Period(span.since, span.until or local_midnight(now.date() + timedelta(days=1)))
    result = ctx.obj.store.query(span)
    report_damage(result.damage)
    numbers = insights.stats(result.entries, span.since, span.until)
    if json:
        print_json(numbers)
        return
    for line in stats_lines(numbers, last_days=until is None and _counts_back(since or DEFAULT_SINCE)):
        say(line)  # tags are the person's words


def _counts_back(since: str) -> bool:
    """True when --since counts back from today (30d, 2w, today, yesterday): then "the last N days" reads right."""
    value = since.strip().lower()
    return value in ("today", "yesterday") or (value[-1:] in ("d", "w") and value[:-1].isdigit())


def _rating(name: str, summary: dict[str, Any], unit: str = "") -> str | None:
    if not summary["n"]:
        return None
    if summary["n"] == 1:
        return f"{name}: {summary['mean']:g}{unit} (1 rating)."
    times = f"{summary['n']} ratings"
    return (
        f"{name}: {summary['mean']:.1f}{unit} on average, from {summary['min']:g}{unit} to "
        f"{summary['max']:g}{unit} ({times})."
    )


def stats_lines(numbers: dict[str, Any], last_days: bool = True) -> list[str]:
    """Plain sentences for people; every number from `numbers`, nothing judged."""
    days, checked = numbers["days"], numbers["days_checked_in"]
    if days and last_days:
        lines = [f"You checked in on {checked} of the last {days} days."]
    elif days:
        lines = [f"You checked in on {checked} of the {days} days in this period."]
    else:
        lines = [f"You checked in on {checked} day{'s' if checked != 1 else ''}."]
    if not any(numbers[k] for k in ("checkins", "triggers", "boundaries", "practices", "days_shown_up", "measures")):
        lines.append("Nothing logged in this period yet — that's fine. `--since all` looks further back.")
        return lines
    for line in (
        _rating("Mood", numbers["mood"]),
        _rating("Energy", numbers["energy"]),
        _rating("Sleep", numbers["sleep"], " h"),
    ):
        if line:
            lines.append(line)
    if noted := _most_often(numbers["checkins_by_tag"]):
        lines.append(f"Check-in tags most often: {noted}.")
    triggers = numbers["triggers"]
    if triggers:
        named = _most_often(numbers["triggers_by_tag"])
        lines.append(f"Triggers: {triggers} noted" + (f"; tags most often: {named}." if named else "."))
    if numbers["boundaries"]:
        outcomes = ", ".join(
            f"{count} {outcome}" for outcome, count in numbers["boundaries_by_outcome"].items() if count
        )
        lines.append(f"Boundaries: {numbers['boundaries']} noticed" + (f" — {outcomes}." if outcomes else "."))
    if numbers["practices"]:
        lines.append(
            f"Practice: {numbers['practice_minutes']:g} minutes over {numbers['practices']} "
            f"practice{'s' if numbers['practices'] != 1 else ''}."
        )
    lines += [_measure_line(m) for m in numbers["measures"].values()]
    return lines


def _most_often(counts: dict[str, int]) -> str:
    """'work (5), family (2)': the first few tags, most often first ('' for none)."""
    return ", ".join(f"{tag} ({count})" for tag, count in list(counts.items())[:TOP_TAGS])


def _measure_line(m: dict[str, Any]) -> str:
    """'PHQ-9: 5 (mild) most recently; 2 in this period, average 6.0; 2 lower than the one before.'"""
    from doingthework.core.measures import change_words

    line = f"{m['title']}: {m['last']}" + (f" ({m['band']})" if m["band"] else "") + " most recently"
    if m["n"] > 1:
        line += f"; {m['n']} in this period, average {m['mean']:g}"
        line += f"; {change_words(m['change'])}"
    return line + "."
