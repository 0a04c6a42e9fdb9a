"""Pure functions over entries: showing up, averages, trends. No I/O, no clock of their own."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from doingthework.core.measures import Band, title_of
from doingthework.core.measures import Measure as Questionnaire
from doingthework.core.models import (
    OUTCOMES,
    Boundary,
    CheckIn,
    Entry,
    Measure,
    Note,
    Practice,
    Trigger,
    format_at,
    normalise_tag,
)


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
    """Mean, lowest, highest and how many, of a list of numbers (None when empty)."""

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
    """'mood 6, your 7-day average is 5.2' for each rating given today; the average counts the
    rating just saved along with the earlier check-ins of the week."""
    earlier = [c for c in earlier if c.id != saved.id]
    lines = []
    for name, value, past in (
        ("mood", saved.mood, [c.mood for c in earlier]),
        ("energy", saved.energy, [c.energy for c in earlier]),
        ("sleep", saved.sleep_hours, [c.sleep_hours for c in earlier]),
    ):
        if value is None:
            continue
        summary = summarise([*past, value])
        if summary.n > 1:
            lines.append(f"{name} {value:g}, your 7-day average is {summary.mean:.1f}")
        else:
            lines.append(f"{name} {value:g}")
    return lines


# ---- patterns and stats -----------------------------------------------------------------
# Days, weekdays and hours are read in local time (`entry.at.astimezone()`): a trigger at
# 23:30 in London is that evening's, whatever offset it was saved with.

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SLEEP_BUCKETS = (("under 6 h", 0.0, 6.0), ("6–7 h", 6.0, 7.0), ("7–8 h", 7.0, 8.0), ("8 h or more", 8.0, math.inf))
ENOUGH = 3  # fewer entries than this and a chart says so instead of naming a pattern
NOT_ENOUGH = "Not enough yet to see a pattern — that's fine."


def _local(entry: Entry) -> datetime:
    return entry.at.astimezone()


def _within(entries: Iterable[Entry], since: datetime | None, until: datetime | None) -> list[Entry]:
    return [e for e in entries if (since is None or e.at >= since) and (until is None or e.at < until)]


def _summary_json(values: Iterable[float | None]) -> dict[str, Any]:
    s = summarise(values)
    return {"mean": None if s.mean is None else round(s.mean, 2), "min": s.low, "max": s.high, "n": s.n}


def days_in(since: datetime | None, until: datetime | None) -> int | None:
    """How many local calendar days the half-open period [since, until) touches; None if open."""
    if since is None or until is None:
        return None
    first = since.astimezone().date()
    last = (until - timedelta(microseconds=1)).astimezone().date()
    return max(0, (last - first).days + 1)


def stats(entries: Iterable[Entry], since: datetime | None, until: datetime | None) -> dict[str, Any]:
    """The numbers of a period, as `dtw stats --json` prints them. Entries outside [since, until) are left out."""
    entries = _within(entries, since, until)
    checkins = [e for e in entries if isinstance(e, CheckIn)]
    triggers = [e for e in entries if isinstance(e, Trigger)]
    boundaries = [e for e in entries if isinstance(e, Boundary)]
    practices = [e for e in entries if isinstance(e, Practice)]
    return {
        "since": None if since is None else format_at(since),
        "until": None if until is None else format_at(until),
        "days": days_in(since, until),
        "days_shown_up": len({_local(e).date() for e in entries}),
        "days_checked_in": len({_local(c).date() for c in checkins}),
        "checkins": len(checkins),
        "mood": _summary_json(c.mood for c in checkins),
        "energy": _summary_json(c.energy for c in checkins),
        "sleep": _summary_json(c.sleep_hours for c in checkins),
        "triggers": len(triggers),
        "triggers_by_tag": dict(top_tags(triggers, None)),
        "checkins_by_tag": dict(top_tags(checkins, None, CheckIn)),
        "boundaries": len(boundaries),
        "boundaries_by_outcome": {o: sum(1 for b in boundaries if b.outcome == o) for o in OUTCOMES},
        "practices": len(practices),
        "practice_minutes": round(sum((p.actual_seconds or 0) for p in practices) / 60, 1),
        "measures": measures_json([e for e in entries if isinstance(e, Measure)]),
    }


def measures_json(filled: list[Measure]) -> dict[str, dict[str, Any]]:
    """Each questionnaire of the period (oldest first in `filled`): the last score and its band,
    the mean, how many, and the change from the one before the last (None with only one)."""
    out: dict[str, dict[str, Any]] = {}
    for measure_id in dict.fromkeys(m.measure for m in filled):
        scores = [m for m in filled if m.measure == measure_id and m.score is not None]
        if not scores:
            continue
        last = scores[-1]
        out[measure_id] = {
            "title": title_of(measure_id, last.title),
            "last": last.score,
            "band": last.band,
            "mean": round(sum(m.score or 0 for m in scores) / len(scores), 1),
            "n": len(scores),
            "change": None if len(scores) < 2 else (last.score or 0) - (scores[-2].score or 0),
        }
    return out


MEASURE_POINTS = 12  # fillings of one measure a chart shows, the latest


@dataclass(frozen=True)
class MeasureTrend:
    """One questionnaire over a period: its latest scores (oldest first) and one plain sentence."""

    measure: str
    title: str
    points: list[tuple[date, int, str | None]]  # local day, score, band words
    filled: int  # how many times in the period; `points` holds at most MEASURE_POINTS of them
    most: int | None  # the highest possible score, when the questionnaire is known
    bands: tuple[Band, ...]
    sentence: str


def measure_trends(
    entries: Iterable[Entry], definitions: Mapping[str, Questionnaire], shown: int = MEASURE_POINTS
) -> list[MeasureTrend]:
    """Each questionnaire filled in among `entries`, in order of its first filling: scores oldest
    first, with bands from its definition (`measures.known(plan)`) when there is one, else as saved."""
    filled = sorted((e for e in entries if isinstance(e, Measure) and e.score is not None), key=lambda e: e.at)
    trends = []
    for measure_id in dict.fromkeys(m.measure for m in filled):
        mine = [m for m in filled if m.measure == measure_id]
        definition = definitions.get(measure_id)
        title = definition.title if definition else title_of(measure_id, mine[-1].title)
        points = [
            (
                _local(m).date(),
                m.score or 0,
                definition.band(m.score or 0) if definition and definition.bands else m.band,
            )
            for m in mine
        ]
        trends.append(
            MeasureTrend(
                measure=measure_id,
                title=title,
                points=points[-shown:],
                filled=len(points),
                most=definition.most() if definition else None,
                bands=definition.bands if definition else (),
                sentence=measure_sentence(title, points, shown),
            )
        )
    return trends


def _score_words(score: int, band: str | None) -> str:
    return f"{score} ({band})" if band else str(score)


def measure_sentence(title: str, points: list[tuple[date, int, str | None]], shown: int = MEASURE_POINTS) -> str:
    """'PHQ-9: 3 times in this period, from 14 (moderate) to 9 (mild).' — the numbers and the
    band words, nothing more."""
    if not points:
        return f"{title}: not filled in during this period."
    first, last = points[0], points[-1]
    if len(points) == 1:
        return f"{title}: once in this period, {_score_words(first[1], first[2])}."
    times = "twice" if len(points) == 2 else f"{len(points)} times"
    sentence = (
        f"{title}: {times} in this period, from {_score_words(first[1], first[2])} to {_score_words(last[1], last[2])}"
    )
    if len(points) > shown:
        sentence += f"; the chart shows the latest {shown}"
    return sentence + "."


def bands_line(bands: Iterable[Band]) -> str:
    """'Bands: 0–4 minimal · 5–9 mild · …', or '' for a questionnaire without bands."""
    parts = [f"{b.low}–{b.high} {b.words}" for b in bands]
    return "Bands: " + " · ".join(parts) if parts else ""


def top_tags(entries: Iterable[Entry], n: int | None, kind: type[Trigger | CheckIn] = Trigger) -> list[tuple[str, int]]:
    """The tags (normalised) of the entries of `kind` — triggers' tags, or check-ins' (Daylio's
    activities) — by how many entries have each, most first; ties alphabetically. n=None: all."""
    counts = Counter(
        tag
        for e in entries
        if isinstance(e, kind)
        for tag in dict.fromkeys(normalise_tag(t) for t in e.tags if t.strip())
    )
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked if n is None else ranked[:n]


def mood_by_tag(entries: Iterable[Entry], n: int | None = None) -> list[tuple[str, float, int]]:
    """(tag, mean mood, check-ins) over the check-ins with a mood and that tag, the most noted tag
    first (ties alphabetically); at most `n`. A check-in with two tags counts for both."""
    moods: dict[str, list[int]] = {}
    for e in entries:
        if isinstance(e, CheckIn) and e.mood is not None:
            for tag in dict.fromkeys(normalise_tag(t) for t in e.tags if t.strip()):
                moods.setdefault(tag, []).append(e.mood)
    ranked = sorted(moods.items(), key=lambda item: (-len(item[1]), item[0]))[:n]
    return [(tag, sum(values) / len(values), len(values)) for tag, values in ranked]


TAG_LOOKBACK_DAYS = 90  # tags used this recently are offered beside the plan's


def tags_to_offer(plan_tags: Iterable[str], recent: Iterable[Entry]) -> list[str]:
    """The tags to offer while one is typed: the plan's, then those the `recent` entries (oldest
    first) used, newest first; each once. The trigger screen and the shell's completion offer these."""
    used = [t for e in reversed(list(recent)) for t in getattr(e, "tags", [])]
    return list(dict.fromkeys([*plan_tags, *used]))


def triggers_by_weekday(entries: Iterable[Entry], week_start: str = "monday") -> list[int]:
    """Seven counts, the first for `week_start` (monday or sunday)."""
    counts = [0] * 7
    shift = 1 if week_start == "sunday" else 0
    for e in entries:
        if isinstance(e, Trigger):
            counts[(_local(e).weekday() + shift) % 7] += 1
    return counts


def weekday_names(week_start: str = "monday") -> list[str]:
    return list(WEEKDAYS[-1:] + WEEKDAYS[:-1]) if week_start == "sunday" else list(WEEKDAYS)


def triggers_by_hour(entries: Iterable[Entry]) -> list[int]:
    """Twenty-four counts, one per local hour of the day (0 = midnight to 1 am)."""
    counts = [0] * 24
    for e in entries:
        if isinstance(e, Trigger):
            counts[_local(e).hour] += 1
    return counts


def mood_by_sleep(entries: Iterable[Entry]) -> list[tuple[str, float, int]]:
    """(sleep bucket, mean mood, check-ins) over check-ins with both answers; buckets without any left out."""
    moods: dict[str, list[int]] = {}
    for e in entries:
        if isinstance(e, CheckIn) and e.mood is not None and e.sleep_hours is not None:
            label = next(name for name, low, high in SLEEP_BUCKETS if low <= e.sleep_hours < high)
            moods.setdefault(label, []).append(e.mood)
    return [
        (name, sum(moods[name]) / len(moods[name]), len(moods[name])) for name, _, _ in SLEEP_BUCKETS if name in moods
    ]


def _week_index(entry: Entry, weeks: int, today: date) -> int | None:
    back = (today - _local(entry).date()).days
    if back < 0 or back >= 7 * weeks:
        return None
    return weeks - 1 - back // 7


def boundary_outcomes_by_week(entries: Iterable[Entry], weeks: int, today: date) -> list[dict[str, int]]:
    """For each of the last `weeks` seven-day blocks (oldest first, the last ending today): outcome → count."""
    result = [dict.fromkeys(OUTCOMES, 0) for _ in range(weeks)]
    for e in entries:
        if isinstance(e, Boundary) and e.outcome in OUTCOMES:
            i = _week_index(e, weeks, today)
            if i is not None:
                result[i][e.outcome] += 1
    return result


def practice_minutes_by_week(entries: Iterable[Entry], weeks: int, today: date) -> list[float]:
    """Minutes practised in each of the last `weeks` seven-day blocks (oldest first), one decimal."""
    seconds = [0.0] * weeks
    for e in entries:
        if isinstance(e, Practice):
            i = _week_index(e, weeks, today)
            if i is not None:
                seconds[i] += e.actual_seconds or 0
    return [round(s / 60, 1) for s in seconds]


def practice_before_after(entries: Iterable[Entry]) -> tuple[float | None, float | None, int]:
    """Mean rating before and after, over practices rated both times."""
    both = [
        (e.before, e.after) for e in entries if isinstance(e, Practice) and e.before is not None and e.after is not None
    ]
    if not both:
        return None, None, 0
    return sum(before for before, _ in both) / len(both), sum(after for _, after in both) / len(both), len(both)


# ---- one plain sentence under each chart ------------------------------------------------
def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def tags_sentence(tags: list[tuple[str, int]], triggers: int) -> str:
    if triggers < ENOUGH or not tags:
        return NOT_ENOUGH if triggers < ENOUGH else "None of these triggers has a tag yet; tags help patterns show."
    tag, count = tags[0]
    if len(tags) > 1 and tags[1][1] == count:
        return f"“{tag}” and “{tags[1][0]}” came up most often ({count} times each, of {_plural(triggers, 'trigger')})."
    return f"“{tag}” came up most often ({count} of {_plural(triggers, 'trigger')})."


def weekday_sentence(counts: list[int], week_start: str = "monday") -> str:
    total = sum(counts)
    if total < ENOUGH:
        return NOT_ENOUGH
    top = max(counts)
    busiest = [name for name, c in zip(weekday_names(week_start), counts, strict=True) if c == top]
    if len(busiest) > 2:
        return f"Triggers were spread across the week ({total} in all)."
    return f"Most triggers came on {' and '.join(d + 's' for d in busiest)} ({top} of {total}{' each' if len(busiest) > 1 else ''})."


def _hour_span(hour: int) -> str:
    return f"{hour:02d}:00 and {(hour + 1) % 24:02d}:00"


def hour_sentence(counts: list[int]) -> str:
    total = sum(counts)
    if total < ENOUGH:
        return NOT_ENOUGH
    parts = {
        "the night (0–6)": range(6),
        "the morning (6–12)": range(6, 12),
        "the afternoon (12–18)": range(12, 18),
        "the evening (18–24)": range(18, 24),
    }
    by_part = {name: sum(counts[h] for h in hours) for name, hours in parts.items()}
    part, n = max(by_part.items(), key=lambda item: item[1])
    tied_parts = [name for name, count in by_part.items() if count == n]
    if len(tied_parts) > 1:
        return f"Triggers were spread across the day ({total} in all)."
    peak = max(range(24), key=lambda h: counts[h])
    if sum(1 for count in counts if count == counts[peak]) > 1:  # no one hour stands out: don't name one
        return f"Most triggers came in {part}: {n} of {total}."
    return f"Most triggers came in {part}: {n} of {total}; the busiest hour was between {_hour_span(peak)} ({counts[peak]})."


def sleep_sentence(rows: list[tuple[str, float, int]]) -> str:
    if sum(n for _, _, n in rows) < ENOUGH:
        return NOT_ENOUGH
    return _highest_and_lowest(rows, "On nights with {} of sleep")


def _highest_and_lowest(rows: list[tuple[str, float, int]], opening: str, quoted: bool = False) -> str:
    """'<opening, with the highest>, your mood averaged 6.8; with <the lowest>, 4.9.'"""
    best = max(rows, key=lambda r: r[1])
    low = min(rows, key=lambda r: r[1])

    def name(label: str) -> str:
        return f"“{label}”" if quoted else label

    sentence = f"{opening.format(name(best[0]))}, your mood averaged {best[1]:.1f}"
    if low is not best and low[1] < best[1]:
        sentence += f"; with {name(low[0])}, {low[1]:.1f}"
    return sentence + "."


def tag_mood_sentence(rows: list[tuple[str, float, int]]) -> str:
    """'On check-ins noting “walk”, your mood averaged 6.8; with “work”, 4.9.' over the tags noted
    often enough to say anything; noticing, never a cause."""
    rows = [row for row in rows if row[2] >= ENOUGH]
    return _highest_and_lowest(rows, "On check-ins noting {}", quoted=True) if rows else NOT_ENOUGH


def boundaries_sentence(by_week: list[dict[str, int]]) -> str:
    totals = {o: sum(week[o] for week in by_week) for o in OUTCOMES}
    total = sum(totals.values())
    if total == 0:
        return "No boundary moments logged in this period — that's fine."
    kept = totals["held"] + totals["communicated"]
    return (
        f"You noticed {_plural(total, 'boundary moment')}; {kept} of them you held or said out loud. "
        "Noticing the others counts too."
    )


def practice_time(seconds: float, exact: bool = False) -> str:
    """Time spent practising, in words a person reads at a glance: '40 seconds', '2 min 30 s',
    '25 min' (with `exact`, as the session page has it: '25 min 10 s'). Under a minute it is
    never '0 min'."""
    whole = max(0, round(seconds))
    if whole < 60:
        return _plural(whole, "second")
    minutes, rest = divmod(whole, 60)
    if (minutes < 10 or exact) and rest:
        return f"{minutes} min {rest} s"
    return f"{round(whole / 60)} min"


def practice_sentence(minutes: list[float]) -> str:
    total = sum(minutes)
    if total == 0:
        return "No practice logged in this period — a three-minute breath is there whenever you want it."
    weeks = len(minutes)
    return (
        f"You practised {practice_time(total * 60)} over {_plural(weeks, 'week')}, "
        f"about {practice_time(total * 60 / max(weeks, 1))} a week."
    )


def practice_change_sentence(before: float | None, after: float | None, n: int) -> str:
    if n == 0 or before is None or after is None:
        return "Rate how you feel before and after a practice to see the change here."
    return f"On average you rated {before:.1f} before practising and {after:.1f} after ({_plural(n, 'practice')} with both)."


OPEN_NOTES_DAYS = 30  # Home's "notes to bring" and the nudge's "things to bring" look this far back


def open_notes(entries: Iterable[Entry]) -> int:
    """Notes to bring to a session not yet marked as talked through (Home counts the last
    OPEN_NOTES_DAYS; core/nudge.py counts the same, its own quick way, pinned by a test)."""
    return sum(1 for e in entries if isinstance(e, Note) and not e.extra.get("discussed"))
