"""The session-prep report: the numbers and lists an export shows, computed from entries.

Pure functions over what the caller hands in: no I/O and no clock of its own. Days are
counted in the time zone of `exported_at` (the caller's local time), so the same data gives
the same report wherever the tests run. Every string in a Report is plain text, the person's
own words included: each format escapes all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from doingthework.core.calendar import sparkline
from doingthework.core.checkin import checkin_form
from doingthework.core.config import Plan
from doingthework.core.errors import BadInput
from doingthework.core.insights import Summary, summarise
from doingthework.core.logs import THOUGHT_RECORD_FIELDS
from doingthework.core.models import (
    OUTCOMES,
    Boundary,
    CheckIn,
    Entry,
    Note,
    Practice,
    Trigger,
    normalise_tag,
)
from doingthework.core.models import Measure as MeasureEntry
from doingthework.core.presets import BUILTIN

# in the order of a session: what needs care, what to bring up, the days, then each part
SECTION_IDS = (
    "safety",
    "agenda",
    "diary",
    "checkins",
    "triggers",
    "boundaries",
    "practice",
    "measures",
    "thoughts",
    "appendix",
)
OLDER_NOTES_SHOWN = 3  # open notes from before the period: the newest few, and how many in all
SPARK_MAX_DAYS = 92  # about a quarter: a longer line no longer reads as a trend on one page
MOST_NOTED = 10  # "named most often" lists stop here
SLEEP_RANGE = (0.0, 12.0)  # the sparkline's floor and ceiling for hours of sleep

THOUGHT_RECORD_LABELS = {
    "evidence_for": "Evidence for the thought",
    "evidence_against": "Evidence against the thought",
    "balanced_thought": "A more balanced thought",
    "belief": "Belief in the balanced thought",
    "rerated": "Feelings now, re-rated",
}


@dataclass(frozen=True)
class ExportContext:
    """Everything an export is made from: the entries, the plan and the period."""

    entries: list[Entry]  # entries in the period, oldest first; private ones already removed unless included
    previous: list[Entry]  # entries of the equally long period just before
    open_notes: list[Note]  # "bring to session" notes not yet discussed; may come from before the period
    plan: Plan
    since: datetime | None
    until: datetime | None
    exported_at: datetime
    full: bool = False  # add the appendix: every entry in the period
    sections: frozenset[str] | None = None  # None = all; else a subset of SECTION_IDS
    # for the JSON export, so that `dtw import` never undoes newer work (core/importing.py):
    revised_at: dict[str, str] | None = None  # entry id -> its newest revision's saved_at
    deleted: tuple[dict, ...] = ()  # entries of the period deleted before the export, as tombstones


# ---- the report -------------------------------------------------------------------------
@dataclass(frozen=True)
class Count:
    """How often something came up."""

    label: str
    count: int


@dataclass(frozen=True)
class SafetyItem:
    """A moment that may need care: an entry that met a signal (core/notice.py), or help now opened."""

    at: datetime
    kind: str  # the entry's kind
    signals: list[str]  # what was noticed, in plain words ("mood 2", "the feeling hopeless")
    opened_help_now: bool


@dataclass(frozen=True)
class SafetySection:
    """Section 1: hard moments, first so they are never missed."""

    items: list[SafetyItem]


@dataclass(frozen=True)
class ScaleTrend:
    """One rating over the period, next to the period before."""

    name: str
    label: str
    unit: str  # "" or " h"
    now: Summary
    before: Summary
    sparkline: str  # one character per day, a space for a day without a value


@dataclass(frozen=True)
class DayNotes:
    """The words written in one day's check-ins."""

    day: date
    parts: list[tuple[str, str]]  # (what it is: "Intention", "Note", a question; the text)


@dataclass(frozen=True)
class CheckinsSection:
    """Section 2: how the check-ins went."""

    checkins: int
    days_checked_in: int
    days_in_period: int
    scales: list[ScaleTrend]
    spark_first_day: date
    spark_last_day: date
    feelings: list[Count]
    body: list[Count]
    days: list[DayNotes]


@dataclass
class TagStats:
    """One trigger tag: how often, and the highest intensity."""

    tag: str
    count: int
    peak: int | None


@dataclass(frozen=True)
class TriggerLine:
    """One trigger as a chain, in the order it happened: what, how strong before and after, then
    (label, text) for each part written: thought, feelings, body, urge, what I did, skills."""

    at: datetime
    what: str
    intensity: int | None
    after: int | None
    tags: list[str]
    chain: list[tuple[str, str]]


@dataclass(frozen=True)
class ThoughtRecord:
    """One trigger's thought record, column by column."""

    at: datetime
    parts: list[tuple[str, str]]  # (label, text), in the order of the columns of a thought record


@dataclass(frozen=True)
class TriggersSection:
    """Section 3: what set things off, and what helped."""

    count: int
    by_tag: list[TagStats]
    untagged: int
    intensity: Summary  # of triggers with both ratings, before ...
    after: Summary  # ... and after
    drop: Summary  # intensity minus after, where both exist
    skills: list[Count]
    lines: list[TriggerLine]


@dataclass(frozen=True)
class ThoughtsSection:
    """Thought records written with triggers, in full, last on the page."""

    records: list[ThoughtRecord]


@dataclass(frozen=True)
class BoundaryLine:
    """One boundary moment, as the page lists it."""

    at: datetime
    boundary: str
    with_: str | None
    outcome: str | None
    details: list[tuple[str, str]]  # what helped, next time, note


@dataclass(frozen=True)
class BoundariesSection:
    """Section 4: boundaries, by outcome and by person."""

    count: int
    by_outcome: list[Count]  # every outcome in OUTCOMES order, then "not noted" if any
    by_person: list[Count]
    lines: list[BoundaryLine]


@dataclass
class PresetMinutes:
    """Time spent with one practice."""

    preset: str  # its name, where dtw knows it
    times: int
    minutes: float


@dataclass(frozen=True)
class PracticeSection:
    """Section 5: practice, and how the person felt before and after."""

    count: int
    minutes: float
    by_preset: list[PresetMinutes]
    completed: int
    stopped: int
    before: Summary  # of practices with both ratings
    after: Summary
    change: Summary  # after minus before, where both exist


@dataclass(frozen=True)
class MeasureLine:
    """A questionnaire filled in: when, its score out of the most, the band, and the change
    from the one before it (of the same questionnaire, in the period or the one before)."""

    at: datetime
    title: str
    score: int
    most: int
    band: str | None
    change: int | None


@dataclass(frozen=True)
class MeasuresSection:
    """Questionnaires (PHQ-9, GAD-7) filled in during the period, oldest first."""

    lines: list[MeasureLine]


@dataclass(frozen=True)
class AgendaNote:
    """A note for the session not yet discussed."""

    at: datetime
    text: str


@dataclass(frozen=True)
class Homework:
    """A piece of homework from the plan, and the practice done toward it in the period, if any."""

    text: str
    practised: int = 0  # practices of a preset the homework names
    seconds: float = 0.0


@dataclass(frozen=True)
class AgendaSection:
    """To bring up: this period's open notes, the newest few still open from before (and how
    many there are), and the homework from the plan."""

    notes: list[AgendaNote]
    older: list[AgendaNote]
    older_count: int
    homework: list[Homework]


@dataclass(frozen=True)
class AppendixItem:
    """One entry in full, for the appendix (export/entry_words.py puts it in words)."""

    at: datetime
    entry: Entry


@dataclass(frozen=True)
class AppendixSection:
    """Section 7 (with --full): every entry of the period."""

    items: list[AppendixItem]


@dataclass(frozen=True)
class Report:
    """The whole page as data; each exporter renders it in its own format."""

    since: datetime | None
    until: datetime | None
    exported_at: datetime
    first_day: date
    last_day: date
    entries: int
    safety: SafetySection | None = None
    agenda: AgendaSection | None = None
    diary: DiarySection | None = None
    checkins: CheckinsSection | None = None
    triggers: TriggersSection | None = None
    boundaries: BoundariesSection | None = None
    practice: PracticeSection | None = None
    measures: MeasuresSection | None = None
    thoughts: ThoughtsSection | None = None
    appendix: AppendixSection | None = None

    @property
    def days_in_period(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def sections(self) -> list[tuple[str, Any]]:
        """The sections that have something to show, in the order of SECTION_IDS."""
        return [(name, getattr(self, name)) for name in SECTION_IDS if getattr(self, name) is not None]


# ---- building it ------------------------------------------------------------------------
def build_report(context: ExportContext) -> Report:
    wanted = set(SECTION_IDS) if context.sections is None else set(context.sections)
    unknown = wanted - set(SECTION_IDS)
    if unknown:
        raise BadInput(f"unknown section: {', '.join(sorted(unknown))}", hint=f"sections: {', '.join(SECTION_IDS)}")
    zone = context.exported_at.tzinfo
    entries = sorted(context.entries, key=lambda e: e.at)
    first_day, last_day = _days_of(context, entries, zone)
    builders: dict[str, Callable[[], Any]] = {
        "safety": lambda: _safety(context.plan, entries, zone),
        "checkins": lambda: _checkins(context, entries, first_day, last_day, zone),
        "measures": lambda: _measures(context, entries),
        "triggers": lambda: _triggers(entries, zone),
        "thoughts": lambda: _thoughts(entries, zone),
        "boundaries": lambda: _boundaries(entries, zone),
        "practice": lambda: _practice(context.plan, entries),
        "agenda": lambda: _agenda(context, entries, first_day, zone),
        "diary": lambda: _diary(context.plan, entries, first_day, last_day, zone),
        "appendix": lambda: _appendix(entries, zone) if context.full else None,
    }
    return Report(
        since=context.since,
        until=context.until,
        exported_at=context.exported_at,
        first_day=first_day,
        last_day=last_day,
        entries=len(entries),
        **{name: builders[name]() for name in SECTION_IDS if name in wanted},
    )


def _measures(context: ExportContext, entries: list[Entry]) -> MeasuresSection | None:
    from doingthework.core.measures import known as known_measures
    from doingthework.core.measures import title_of

    filled = [e for e in entries if isinstance(e, MeasureEntry) and e.score is not None]
    if not filled:
        return None
    measures = known_measures(context.plan)
    earlier = sorted(
        (e for e in context.previous if isinstance(e, MeasureEntry) and e.score is not None), key=lambda e: e.at
    )
    lines = []
    for entry in filled:
        before = [e for e in (*earlier, *filled) if e.measure == entry.measure and e.at < entry.at]
        known = measures.get(entry.measure)
        lines.append(
            MeasureLine(
                at=entry.at,
                title=title_of(entry.measure, entry.title),
                score=entry.score or 0,
                most=known.most() if known else max(entry.score or 0, 0),
                band=entry.band,
                change=None if not before else (entry.score or 0) - (before[-1].score or 0),
            )
        )
    return MeasuresSection(lines)


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    return moment.astimezone(zone)


def _day(moment: datetime, zone: tzinfo | None) -> date:
    return moment.astimezone(zone).date()


def _days_of(context: ExportContext, entries: list[Entry], zone: tzinfo | None) -> tuple[date, date]:
    """The first and last calendar day of the period; an open start begins with the first entry."""
    if context.until is not None:
        last = _day(context.until - timedelta(microseconds=1), zone)
    else:
        last = _day(context.exported_at, zone)
    if context.since is not None:
        first = _day(context.since, zone)
    elif entries:
        first = _day(entries[0].at, zone)
    else:
        first = last
    if entries:  # never leave an entry outside the days shown, whatever the caller passed
        first = min(first, _day(entries[0].at, zone))
        last = max(last, _day(entries[-1].at, zone))
    return first, max(first, last)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _kept(text: str) -> str:
    """Free text as it was written: its line breaks kept, a run of blank lines as one (a paragraph
    break), spaces within a line folded, nothing blank at either end."""
    lines = [" ".join(part.split()) for part in text.splitlines()]
    kept = [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]
    return "\n".join(kept).strip("\n")


def _key(text: str) -> str:
    return _clean(text).casefold()


def _most_often(words: Iterable[str], limit: int | None = MOST_NOTED) -> list[Count]:
    """Counts of words that are the same but for case and spacing, most often first; ties in order of first mention."""
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for word in words:
        key = _key(word)
        if not key:
            continue
        shown.setdefault(key, _clean(word))
        counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts, key=lambda k: -counts[k])  # stable: ties keep first-mention order
    return [Count(shown[k], counts[k]) for k in ranked[:limit]]


# ---- 1. safety first --------------------------------------------------------------------
def _safety(plan: Plan, entries: list[Entry], zone: tzinfo | None) -> SafetySection | None:
    from doingthework.core.notice import signals

    items: list[SafetyItem] = []
    for entry in entries:
        noticed = [signal.text for signal in signals(entry, plan)]
        opened = bool(entry.extra.get("opened_help_now"))
        if noticed or opened:
            items.append(SafetyItem(_local(entry.at, zone), entry.kind, noticed, opened))
    return SafetySection(items) if items else None


# ---- 2. check-ins -----------------------------------------------------------------------
@dataclass(frozen=True)
class _ScaleSpec:
    """A rating the check-ins section follows: where it comes from and its range."""

    name: str
    label: str
    unit: str
    low: float
    high: float
    value: Callable[[CheckIn], float | None]


def _scale_specs(plan: Plan, checkins: list[CheckIn]) -> list[_ScaleSpec]:
    form = checkin_form(plan)
    mood = form.mood or checkin_form(Plan()).mood
    energy = form.energy or checkin_form(Plan()).energy
    assert mood is not None and energy is not None
    specs = [
        _ScaleSpec("mood", mood.label or "Mood", "", mood.min, mood.max, lambda c: c.mood),
        _ScaleSpec("energy", energy.label or "Energy", "", energy.min, energy.max, lambda c: c.energy),
        _ScaleSpec("sleep", "Sleep", " h", *SLEEP_RANGE, lambda c: c.sleep_hours),
    ]
    own = {s.name: s for s in form.scales}
    names = list(own) + sorted({n for c in checkins for n in c.scales if n not in own and n not in ("mood", "energy")})
    for name in names:
        scale = own.get(name)
        low: float
        high: float
        if scale is not None:
            label, low, high = scale.label or name, scale.min, scale.max
        else:  # a scale since taken out of the plan: its own values set the range
            seen = [v for c in checkins if (v := c.scales.get(name)) is not None]
            label, low, high = name, min(seen, default=1), max(seen, default=10)
        specs.append(_ScaleSpec(name, label, "", low, high, _own_scale(name)))
    return specs


def _own_scale(name: str) -> Callable[[CheckIn], float | None]:
    """What a check-in gave on one of the plan's own scales (a function per name, not a late-bound lambda)."""
    return lambda c: c.scales.get(name)


def _daily_means(
    checkins: list[CheckIn], value: Callable[[CheckIn], float | None], days: list[date], zone: tzinfo | None
) -> list[float | None]:
    by_day: dict[date, list[float]] = {}
    for c in checkins:
        v = value(c)
        if v is not None:
            by_day.setdefault(_day(c.at, zone), []).append(v)
    return [summarise(by_day[d]).mean if d in by_day else None for d in days]


def _checkins(
    context: ExportContext, entries: list[Entry], first_day: date, last_day: date, zone: tzinfo | None
) -> CheckinsSection | None:
    checkins = [e for e in entries if isinstance(e, CheckIn)]
    if not checkins:
        return None
    before = [e for e in context.previous if isinstance(e, CheckIn)]
    spark_first = max(first_day, last_day - timedelta(days=SPARK_MAX_DAYS - 1))
    days = [spark_first + timedelta(days=i) for i in range((last_day - spark_first).days + 1)]
    trends = []
    for spec in _scale_specs(context.plan, checkins):
        now = summarise(spec.value(c) for c in checkins)
        if not now.n:
            continue
        trends.append(
            ScaleTrend(
                name=spec.name,
                label=spec.label,
                unit=spec.unit,
                now=now,
                before=summarise(spec.value(c) for c in before),
                sparkline=sparkline(_daily_means(checkins, spec.value, days, zone), spec.low, spec.high),
            )
        )
    questions = {q.name: q.prompt for q in context.plan.checkin.questions}
    notes: dict[date, list[tuple[str, str]]] = {}
    for c in checkins:
        parts = [("Intention", c.intention), ("Note", c.note)]
        answers = c.extra.get("answers")
        if isinstance(answers, dict):
            parts += [(questions.get(str(k), str(k)), v) for k, v in answers.items() if isinstance(v, str)]
        kept = [(label, _kept(text)) for label, text in parts if text and text.strip()]
        if kept:
            notes.setdefault(_day(c.at, zone), []).extend(kept)
    return CheckinsSection(
        checkins=len(checkins),
        days_checked_in=len({_day(c.at, zone) for c in checkins}),
        days_in_period=(last_day - first_day).days + 1,
        scales=trends,
        spark_first_day=spark_first,
        spark_last_day=last_day,
        feelings=_most_often(w for c in checkins for w in c.feelings),
        body=_most_often(c.body for c in checkins if c.body),  # as written: a comma never splits it
        days=[DayNotes(d, parts) for d, parts in notes.items()],
    )


# ---- 3. triggers ------------------------------------------------------------------------
def _chain(t: Trigger) -> list[tuple[str, str]]:
    """The parts of a trigger after what happened, in the order they come: only those written."""
    parts = [
        ("Thought", t.thought),
        ("Feelings", ", ".join(f for f in t.feelings if f.strip())),
        ("In the body", t.body),
        ("Urge", t.urge),
        ("What I did", t.response),
        ("Skills", ", ".join(s for s in t.skills if s.strip())),
    ]
    return [(label, _kept(text)) for label, text in parts if text and text.strip()]


def _triggers(entries: list[Entry], zone: tzinfo | None) -> TriggersSection | None:
    triggers = [e for e in entries if isinstance(e, Trigger)]
    if not triggers:
        return None
    tags: dict[str, TagStats] = {}
    for t in triggers:
        for tag in dict.fromkeys(normalise_tag(tag) for tag in t.tags if normalise_tag(tag)):
            stats = tags.setdefault(tag, TagStats(tag, 0, None))
            stats.count += 1
            if t.intensity is not None:
                stats.peak = t.intensity if stats.peak is None else max(stats.peak, t.intensity)
    by_tag = sorted(tags.values(), key=lambda s: -s.count)  # stable: ties keep first-mention order
    both = [(t.intensity, t.after) for t in triggers if t.intensity is not None and t.after is not None]
    return TriggersSection(
        count=len(triggers),
        by_tag=by_tag,
        untagged=sum(1 for t in triggers if not any(normalise_tag(tag) for tag in t.tags)),
        intensity=summarise(intensity for intensity, _ in both),
        after=summarise(after for _, after in both),
        drop=summarise(intensity - after for intensity, after in both),
        skills=_most_often(s for t in triggers for s in t.skills),
        lines=[
            TriggerLine(
                _local(t.at, zone),
                _kept(t.what),
                t.intensity,
                t.after,
                [normalise_tag(g) for g in t.tags if normalise_tag(g)],
                _chain(t),
            )
            for t in triggers
        ],
    )


def _thoughts(entries: list[Entry], zone: tzinfo | None) -> ThoughtsSection | None:
    records = []
    for t in entries:
        if not isinstance(t, Trigger):
            continue
        record = {k: t.extra.get(k) for k in THOUGHT_RECORD_FIELDS}
        if not any(v is not None and v != "" for v in record.values()):
            continue
        parts = [("Situation", t.what), ("Thought", t.thought or ""), ("Feelings", ", ".join(t.feelings))]
        for key in THOUGHT_RECORD_FIELDS:
            value = record[key]
            if key == "belief" and isinstance(value, (int, float)) and not isinstance(value, bool):
                parts.append((THOUGHT_RECORD_LABELS[key], f"{value:g}%"))
            elif value is not None:
                parts.append((THOUGHT_RECORD_LABELS[key], _as_text(value)))
        records.append(
            ThoughtRecord(_local(t.at, zone), [(label, _kept(text)) for label, text in parts if _kept(text)])
        )
    return ThoughtsSection(records) if records else None


# ---- 4. boundaries ----------------------------------------------------------------------
def _boundaries(entries: list[Entry], zone: tzinfo | None) -> BoundariesSection | None:
    boundaries = [e for e in entries if isinstance(e, Boundary)]
    if not boundaries:
        return None
    by_outcome = [Count(o, sum(1 for b in boundaries if b.outcome == o)) for o in OUTCOMES]
    not_noted = sum(1 for b in boundaries if b.outcome not in OUTCOMES)
    if not_noted:
        by_outcome.append(Count("not noted", not_noted))
    lines = []
    for b in boundaries:
        details = [("what helped", b.extra.get("helped")), ("next time", b.extra.get("next_time")), ("note", b.note)]
        lines.append(
            BoundaryLine(
                at=_local(b.at, zone),
                boundary=_clean(b.boundary),
                with_=_clean(b.with_) if b.with_ and b.with_.strip() else None,
                outcome=b.outcome,
                details=[(label, _kept(text)) for label, text in details if isinstance(text, str) and text.strip()],
            )
        )
    return BoundariesSection(
        count=len(boundaries),
        by_outcome=by_outcome,
        by_person=_most_often((b.with_ for b in boundaries if b.with_), limit=None),
        lines=lines,
    )


# ---- 5. practice ------------------------------------------------------------------------
def _preset_names(plan: Plan) -> dict[str, str]:
    names = {p.id: p.name for p in BUILTIN}
    for raw in plan.practice:
        if isinstance(raw.get("id"), str) and isinstance(raw.get("name"), str):
            names[raw["id"]] = raw["name"]
    return names


def _practice(plan: Plan, entries: list[Entry]) -> PracticeSection | None:
    practices = [e for e in entries if isinstance(e, Practice)]
    if not practices:
        return None
    names = _preset_names(plan)
    by_preset: dict[str, PresetMinutes] = {}
    for p in practices:
        row = by_preset.setdefault(p.preset, PresetMinutes(names.get(p.preset, p.preset or "unnamed practice"), 0, 0.0))
        row.times += 1
        row.minutes += (p.actual_seconds or 0) / 60
    both = [(p.before, p.after) for p in practices if p.before is not None and p.after is not None]
    return PracticeSection(
        count=len(practices),
        minutes=sum((p.actual_seconds or 0) / 60 for p in practices),
        by_preset=sorted(by_preset.values(), key=lambda r: -r.minutes),  # stable: ties keep first-use order
        completed=sum(1 for p in practices if p.completed),
        stopped=sum(1 for p in practices if not p.completed),
        before=summarise(before for before, _ in both),
        after=summarise(after for _, after in both),
        change=summarise(after - before for before, after in both),
    )


# ---- 6. agenda --------------------------------------------------------------------------
def _agenda(context: ExportContext, entries: list[Entry], first_day: date, zone: tzinfo | None) -> AgendaSection | None:
    """This period's open notes in full; from before it, the newest few and how many in all (a
    year of notes never discussed would otherwise fill the page); the homework, with the practice
    done toward it where it names a practice."""
    open_notes = [
        AgendaNote(_local(n.at, zone), _kept(n.text))
        for n in sorted(context.open_notes, key=lambda n: n.at)
        if not n.extra.get("discussed") and n.text.strip()
    ]
    notes = [n for n in open_notes if n.at.date() >= first_day]
    older = [n for n in open_notes if n.at.date() < first_day]
    names = _preset_names(context.plan)
    practices = [e for e in entries if isinstance(e, Practice)]
    homework = []
    for text in (h for h in context.plan.homework if h.strip()):
        wanted = text.casefold()
        named = {pid for pid, name in names.items() if name.casefold() in wanted or pid.casefold() in wanted.split()}
        done = [p for p in practices if p.preset in named]
        homework.append(Homework(_clean(text), len(done), sum(p.actual_seconds or 0 for p in done)))
    if not (open_notes or homework):
        return None
    return AgendaSection(notes, older[::-1][:OLDER_NOTES_SHOWN], len(older), homework)


# ---- the diary card -----------------------------------------------------------------------
DIARY_MAX_DAYS = SPARK_MAX_DAYS  # a longer card no longer fits a session; the latest days are shown


@dataclass(frozen=True)
class DiarySection:
    """One row a day: the columns, then per day its cells (None where nothing was noted, never 0)."""

    columns: list[str]  # the headers, e.g. "Mood", "Trigger", "Practice"
    words: list[bool]  # which columns hold words (the rest hold numbers)
    days: list[tuple[date, list[str | None]]]
    cut: bool  # the period is longer than DIARY_MAX_DAYS: the latest days are shown


USUAL_DIARY = ("trigger", "urges", "skills", "boundaries", "practice")  # after the ratings given


def _diary(
    plan: Plan, entries: list[Entry], first_day: date, last_day: date, zone: tzinfo | None
) -> DiarySection | None:
    """The diary card (DBT's is the model): each day of the period, dated, with the day's ratings
    (their mean), the strongest trigger, urges noted, skills used, feelings, boundary outcomes and
    practice time: the columns the plan's [diary_card] names, else the ratings given and the usual ones."""
    from doingthework.core.insights import practice_time

    if not entries:
        return None
    first = max(first_day, last_day - timedelta(days=DIARY_MAX_DAYS - 1))
    days = [first + timedelta(days=i) for i in range((last_day - first).days + 1)]
    by_day: dict[date, list[Entry]] = {}
    for e in entries:
        by_day.setdefault(_day(e.at, zone), []).append(e)
    checkins = [e for e in entries if isinstance(e, CheckIn)]
    specs = {s.name: s for s in _scale_specs(plan, checkins)}
    wanted = plan.diary_columns or [
        *(name for name, s in specs.items() if any(s.value(c) is not None for c in checkins)),
        *USUAL_DIARY,
    ]

    def rating(spec: _ScaleSpec) -> Callable[[list[Entry]], str | None]:
        def cell(todays: list[Entry]) -> str | None:
            values = [v for c in todays if isinstance(c, CheckIn) and (v := spec.value(c)) is not None]
            return f"{round(summarise(values).mean or 0, 1):g}" if values else None

        return cell

    def strongest(todays: list[Entry]) -> str | None:
        level = max((t.intensity for t in todays if isinstance(t, Trigger) and t.intensity is not None), default=None)
        return None if level is None else str(level)

    def words(found: Iterable[str]) -> str | None:
        return ", ".join(c.label for c in _most_often(found, limit=None)) or None

    def practised(todays: list[Entry]) -> str | None:
        done = [p for p in todays if isinstance(p, Practice)]
        return practice_time(sum(p.actual_seconds or 0 for p in done), exact=True) if done else None

    makers: dict[str, tuple[str, bool, Callable[[list[Entry]], str | None]]] = {
        name: (f"{spec.label} (h)" if spec.unit else spec.label, False, rating(spec)) for name, spec in specs.items()
    }
    makers |= {
        "trigger": ("Trigger", False, strongest),
        "urges": (
            "Urges noted",
            True,
            lambda todays: (
                "; ".join(_clean(t.urge) for t in todays if isinstance(t, Trigger) and t.urge and t.urge.strip())
                or None
            ),
        ),
        "skills": (
            "Skills",
            True,
            lambda todays: words(
                [s for t in todays if isinstance(t, Trigger) for s in t.skills]
                + [s for c in todays if isinstance(c, CheckIn) for s in c.extra.get("skills", []) if isinstance(s, str)]
            ),
        ),
        "feelings": ("Feelings", True, lambda todays: words(f for e in todays for f in getattr(e, "feelings", []))),
        "boundaries": (
            "Boundaries",
            True,
            lambda todays: ", ".join(b.outcome or "noted" for b in todays if isinstance(b, Boundary)) or None,
        ),
        "practice": ("Practice", True, practised),
    }
    chosen = [makers[name] for name in wanted if name in makers]
    rows = [(d, [make(by_day.get(d, [])) for _, _, make in chosen]) for d in days]
    if not any(cell is not None for _, cells in rows for cell in cells):
        return None  # nothing the card shows was noted (a note alone, a session)
    return DiarySection([c for c, _, _ in chosen], [w for _, w, _ in chosen], rows, first > first_day)


# ---- 7. appendix ------------------------------------------------------------------------
SHOWN_DEPTH = 8  # extra fields nested deeper than this (a hand edit, a tool) show as "…"


def _as_text(value: Any, depth: int = 0) -> str:
    if depth > SHOWN_DEPTH:
        return "…"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(_as_text(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_as_text(v, depth + 1)}" for k, v in value.items())
    return str(value)


def _appendix(entries: list[Entry], zone: tzinfo | None) -> AppendixSection | None:
    items = [AppendixItem(_local(entry.at, zone), entry) for entry in entries]
    return AppendixSection(items) if items else None


__all__ = [
    "SECTION_IDS",
    "AgendaSection",
    "AppendixSection",
    "BoundariesSection",
    "CheckinsSection",
    "Count",
    "ExportContext",
    "PracticeSection",
    "Report",
    "SafetySection",
    "ScaleTrend",
    "TriggersSection",
    "build_report",
]
