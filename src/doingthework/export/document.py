"""The page every readable format shows, in plain words, as a few kinds of block.

The wording lives here once; Markdown and HTML only draw the blocks. Every string in a block
is plain text (the person's own words included), cleaned of control characters and bidi
overrides here, and every renderer escapes all of it, so only a renderer's own markup can
shape the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date, datetime
from typing import Any, ClassVar

from doingthework.core.insights import Summary, practice_time
from doingthework.core.report import (
    AgendaSection,
    AppendixSection,
    BoundariesSection,
    CheckinsSection,
    Count,
    DiarySection,
    ExportContext,
    Homework,
    MeasuresSection,
    PracticeSection,
    Report,
    SafetySection,
    ThoughtsSection,
    TriggersSection,
    build_report,
)
from doingthework.core.sanitize import clean_text

# ---- the exporter interface -------------------------------------------------------------


class Exporter:
    """One output format: turns an export's context into text. Never prints, never writes files."""

    name: ClassVar[str] = ""

    def export(self, context: ExportContext) -> str:
        raise NotImplementedError


class DocumentExporter(Exporter):
    """A readable format: it only draws the page built here (`build_document`), which is the same
    for each of them."""

    def export(self, context: ExportContext) -> str:
        return self.render(build_document(build_report(context)))

    def render(self, document: Document) -> str:
        raise NotImplementedError


# ---- blocks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the page's title."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text."""

    text: str
    quiet: bool = False  # a gentle aside: the page's note about itself


@dataclass(frozen=True)
class Table:
    """A table of text, with numbers aligned right."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # which columns hold numbers (aligned right)


@dataclass(frozen=True)
class Item:
    """One item of a bullet list."""

    text: str
    lead: str = ""  # shown first, in bold: a date, or a label


@dataclass(frozen=True)
class BulletList:
    """A list of items."""

    items: tuple[Item, ...]


@dataclass(frozen=True)
class Sparklines:
    """Rows of one character per day, with a label each."""

    rows: tuple[tuple[str, str], ...]  # (label, one character per day)

    def lines(self) -> list[str]:
        """A line a row: the labels (white space folded) padded to one width, so the days line up."""
        labels = [" ".join(label.split()) for label, _ in self.rows]
        width = max((len(label) for label in labels), default=0)
        return [f"{label.ljust(width)}  {line}".rstrip() for label, (_, line) in zip(labels, self.rows, strict=False)]


Block = Heading | Paragraph | Table | BulletList | Sparklines


@dataclass(frozen=True)
class Section:
    """One section of the page and its blocks."""

    id: str
    blocks: list[Block]


@dataclass(frozen=True)
class Document:
    """The page as blocks, the same for every format."""

    title: str
    intro: str
    sections: list[Section]
    empty: str = ""  # said instead of sections when there are none


# ---- words ------------------------------------------------------------------------------
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NO_VALUE = "–"


def day_label(day: date, this_year: int | None = None) -> str:
    """'Mon 2 Nov', with the year when it is not `this_year`. Not locale-dependent, on purpose."""
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1][:3]}"
    return text if this_year == day.year else f"{text} {day.year}"


def moment_label(moment: datetime, this_year: int | None = None) -> str:
    return f"{day_label(moment.date(), this_year)}, {moment:%H:%M}"


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_label(first: date, last: date) -> str:
    """'2–15 November 2026', '28 October – 15 November 2026', or one day."""
    if first == last:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {long_date(last)}"
    return f"{long_date(first)} – {long_date(last)}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def number(value: float | None, unit: str = "") -> str:
    """A rating or an average as a person reads it: '5', '5.3', '7.5 h'."""
    if value is None:
        return NO_VALUE
    return f"{round(value, 1):g}{unit}"


def counted(counts: list[Count], quoted: bool = False, sep: str = ", ") -> str:
    """'anxious (3), tired (2), calm': how many times, when more than once. Free text that may hold
    commas of its own (a body note) is joined with `sep` = "; ", so a comma never reads as a split."""
    return sep.join((f"“{c.label}”" if quoted else c.label) + (f" ({c.count})" if c.count > 1 else "") for c in counts)


def labelled(label: str, text: str) -> str:
    """'Intention: rest', or 'How was work? fine' when the label is a question."""
    return f"{label} {text}" if label.endswith(("?", ":")) else f"{label}: {text}"


def change_words(change: Summary, unit: str = "points") -> str:
    if change.mean is None:
        return ""
    amount = abs(round(change.mean, 1))
    if amount == 0:
        return "about the same"
    return f"{amount:g} {unit} {'higher' if change.mean > 0 else 'lower'}"


# ---- the page ---------------------------------------------------------------------------


def build_document(report: Report) -> Document:
    year = report.last_day.year
    builders: dict[str, Callable[[Any, int], list[Block]]] = {  # each takes its own section's type
        "safety": _safety,
        "checkins": _checkins,
        "measures": _measures,
        "triggers": _triggers,
        "boundaries": _boundaries,
        "practice": _practice,
        "agenda": _agenda,
        "diary": _diary,
        "thoughts": _thoughts,
        "appendix": _appendix,
    }
    sections = [Section(name, builders[name](section, year)) for name, section in report.sections()]
    exported = report.exported_at
    document: Document = _shown_safely(
        Document(
            title=f"Session prep: {period_label(report.first_day, report.last_day)}",
            intro=(
                "A personal record kept with doingthework, to talk through together; it is not a clinical assessment. "
                f"Made on {WEEKDAY_NAMES[exported.weekday()]} {long_date(exported.date())} at {exported:%H:%M}."
            ),
            sections=sections,
            empty="Nothing was written down in this period, and that is okay. How it went is still worth talking about.",
        )
    )
    return document


def _shown_safely(value: Any) -> Any:
    """The document with every string in it, the person's words and the plan's included, as it
    is safe to show (core/sanitize.py): the one place text flows through on its way to a page,
    so Markdown and HTML never carry a control character, bidi override or lone surrogate."""
    if isinstance(value, str):
        return clean_text(value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _shown_safely(getattr(value, f.name)) for f in fields(value)})
    if isinstance(value, (list, tuple)):
        return type(value)(_shown_safely(v) for v in value)
    return value


KIND_WORDS = {
    "checkin": "check-in",
    "trigger": "trigger",
    "boundary": "boundary",
    "note": "note",
    "practice": "practice",
    "measure": "measure",
    "journal": "journal entry",
}


def _safety(section: SafetySection, year: int) -> list[Block]:
    items = []
    for item in section.items:
        parts = [", ".join(item.signals)] if item.signals else []
        if item.opened_help_now:
            parts.append("help now was opened")
        items.append(
            Item(f"{KIND_WORDS.get(item.kind, item.kind)}: " + "; ".join(parts), lead=moment_label(item.at, year))
        )
    return [
        Heading(2, "Safety first"),
        Paragraph(
            "Moments that may need care: what was noticed, and whether help now was opened. "
            "They can be a good place to start."
        ),
        BulletList(tuple(items)),
    ]


def _days_sentence(section: CheckinsSection) -> str:
    days, total = section.days_checked_in, section.days_in_period
    if total == 1:
        text = "You checked in on this day"
    elif days == total:
        text = f"You checked in on each of the {total} days"
    else:
        text = f"You checked in on {days} of {total} days"
    if section.checkins != days:
        text += f" ({plural(section.checkins, 'check-in')})"
    return text + "."


def _checkins(section: CheckinsSection, year: int) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Check-ins"), Paragraph(_days_sentence(section))]
    if section.scales:
        rows = tuple(
            (
                f"{t.label} (hours)" if t.unit else t.label,
                number(t.now.mean),
                number(t.now.low),
                number(t.now.high),
                str(t.now.n),
                number(t.before.mean),
            )
            for t in section.scales
        )
        blocks.append(
            Table(
                ("Rating", "Average", "Lowest", "Highest", "Times rated", "Average, period before"),
                rows,
                (False, True, True, True, True, True),
            )
        )
        first, last = section.spark_first_day, section.spark_last_day
        blocks.append(
            Paragraph(
                f"Day by day, {day_label(first, year)} to {day_label(last, year)}: one mark a day, higher is more, a gap where there was no rating."
            )
        )
        blocks.append(Sparklines(tuple((t.label, t.sparkline) for t in section.scales)))
    if section.feelings:
        blocks.append(Paragraph(f"Feelings named most often: {counted(section.feelings)}"))
    if section.body:
        blocks.append(Paragraph(f"Noticed in the body: {counted(section.body, sep='; ')}"))
    if section.days:
        blocks.append(Heading(3, "Intentions and notes"))
        blocks.append(
            BulletList(
                tuple(
                    Item("\n".join(labelled(label, text) for label, text in d.parts), lead=day_label(d.day, year))
                    for d in section.days
                )
            )
        )
    return blocks


def _triggers(section: TriggersSection, year: int) -> list[Block]:
    sentence = f"You logged {plural(section.count, 'trigger')}."
    if section.drop.n and section.drop.mean is not None:  # summarise() gives a mean whenever n > 0
        sentence += (
            f" Where you noted how strong it was before and after, it went from {number(section.intensity.mean)} "
            f"to {number(section.after.mean)} on average, {change_words(Summary(-section.drop.mean, None, None, section.drop.n))} "
            f"({plural(section.drop.n, 'trigger')})."
        )
    blocks: list[Block] = [Heading(2, "Triggers"), Paragraph(sentence)]
    if section.by_tag:
        rows = tuple((t.tag, str(t.count), number(t.peak)) for t in section.by_tag)
        blocks.append(Table(("Tag", "Times", "Highest intensity"), rows, (False, True, True)))
        if section.untagged:
            blocks.append(Paragraph(f"{plural(section.untagged, 'trigger')} without a tag."))
    if section.skills:
        blocks.append(Paragraph(f"Skills used: {counted(section.skills)}"))
    items = []
    for line in section.lines:
        first = [line.what]
        if line.intensity is not None or line.after is not None:
            level = number(line.intensity)
            first.append(
                f"intensity {level} → {number(line.after)}" if line.after is not None else f"intensity {level}"
            )
        if line.tags:
            first.append(", ".join(line.tags))
        # the chain, one part a line, in the order it happened: what, thought, feelings, body, urge, …
        text = "\n".join([" — ".join(first), *(labelled(label, part) for label, part in line.chain)])
        items.append(Item(text, lead=moment_label(line.at, year)))
    blocks += [Heading(3, "Each trigger, as it happened"), BulletList(tuple(items))]
    return blocks


def _thoughts(section: ThoughtsSection, year: int) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Thought records")]
    for record in section.records:
        blocks.append(Heading(3, moment_label(record.at, year)))
        blocks.append(BulletList(tuple(Item(text, lead=label) for label, text in record.parts)))
    return blocks


def _diary(section: DiarySection, year: int) -> list[Block]:
    about = "One row a day; a blank where nothing was noted."
    if section.cut:
        about += f" The latest {len(section.days)} days of the period."
    rows = tuple(
        (day_label(day, year), *(cell if cell is not None else "" for cell in cells)) for day, cells in section.days
    )
    numeric = (False, *(not words for words in section.words))
    return [Heading(2, "Diary card"), Paragraph(about), Table(("Day", *section.columns), rows, numeric)]


def _boundaries(section: BoundariesSection, year: int) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, "Boundaries"),
        Paragraph(f"{plural(section.count, 'boundary moment')}. Every outcome is worth noticing."),
        Table(("Outcome", "Times"), tuple((c.label, str(c.count)) for c in section.by_outcome), (False, True)),
    ]
    if section.by_person:
        blocks.append(Paragraph(f"With: {counted(section.by_person)}"))
    items = []
    for line in section.lines:
        parts = [line.boundary]
        if line.with_:
            parts.append(f"with {line.with_}")
        if line.outcome:
            parts.append(line.outcome)
        text = " — ".join(parts)
        if line.details:
            text += "; " + "; ".join(f"{label}: {value}" for label, value in line.details)
        items.append(Item(text, lead=day_label(line.at.date(), year)))
    blocks.append(BulletList(tuple(items)))
    return blocks


def _measures(section: MeasuresSection, year: int) -> list[Block]:
    from doingthework.core.measures import SCREENING_NOTE, change_words

    items = []
    for line in section.lines:
        text = f"{line.title}: {line.score} of {line.most}" + (f", {line.band}" if line.band else "")
        if line.change is not None:
            text += f", {change_words(line.change)}"
        items.append(Item(text + ".", lead=moment_label(line.at, year)))
    return [Heading(2, "Measures"), BulletList(tuple(items)), Paragraph(SCREENING_NOTE)]


def _practice(section: PracticeSection, year: int) -> list[Block]:
    sentence = (
        f"You practised {plural(section.count, 'time')}, {practice_time(section.minutes * 60, exact=True)} in all."
    )
    if section.stopped:
        # not a score: stopping when it feels right is part of the practice
        sentence += f" {plural(section.stopped, 'practice was', 'practices were')} ended when it felt right."
    blocks: list[Block] = [
        Heading(2, "Practice"),
        Paragraph(sentence),
        Table(
            ("Practice", "Times", "Time"),
            tuple((p.preset, str(p.times), practice_time(p.minutes * 60, exact=True)) for p in section.by_preset),
            (False, True, True),
        ),
    ]
    if section.change.n:
        blocks.append(
            Paragraph(
                f"How you felt (0–10), where you noted it before and after: {number(section.before.mean)} before, "
                f"{number(section.after.mean)} after on average, {change_words(section.change)} ({plural(section.change.n, 'practice')})."
            )
        )
    return blocks


def _agenda(section: AgendaSection, year: int) -> list[Block]:
    blocks: list[Block] = [Heading(2, "To bring up")]
    if section.notes:
        blocks.append(BulletList(tuple(Item(n.text, lead=day_label(n.at.date(), year)) for n in section.notes)))
    elif section.older_count:
        blocks.append(Paragraph("No new notes in this period."))
    if section.older_count:
        which = (
            f"The newest {len(section.older)} of {section.older_count}"
            if section.older_count > len(section.older)
            else "Notes from before this period"
        )
        blocks += [
            Heading(3, f"Still open from before ({section.older_count})"),
            Paragraph(f"{which}, not yet marked as talked through; x in History marks one once it has been."),
            BulletList(tuple(Item(n.text, lead=day_label(n.at.date(), year)) for n in section.older)),
        ]
    if section.homework:
        blocks += [Heading(3, "Homework from the plan"), BulletList(tuple(_homework(h) for h in section.homework))]
    return blocks


def _homework(h: Homework) -> Item:
    if not h.practised:
        return Item(h.text)
    times = "once" if h.practised == 1 else f"{h.practised} times"
    return Item(f"{h.text} — practised {times} in this period ({practice_time(h.seconds, exact=True)})")


def _appendix(section: AppendixSection, year: int) -> list[Block]:
    """Each entry in the same words as History's detail (export/entry_words.py), a line a sentence."""
    from doingthework.export import entry_words

    items = []
    for item in section.items:
        kind = entry_words.ONE_KIND.get(item.entry.kind, item.entry.kind) + (" (private)" if item.entry.private else "")
        lines = entry_words.sentences(item.entry) or [kind]
        items.append(Item("\n".join(lines), lead=f"{moment_label(item.at, year)} · {kind}"))
    return [Heading(2, "Appendix: every entry"), BulletList(tuple(items))]
