"""Patterns: what a period of entries shows — triggers by tag, weekday and hour, mood against
sleep, boundaries over time, practice per week, and, when there are any, mood by the tags of
check-ins and each questionnaire's scores — each a small chart with one plain sentence.

The screen paints at once; reading and counting happen in a worker, for "all" too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Select, Static
from textual.worker import get_current_worker

from doingthework.core import insights
from doingthework.core.measures import Measure, known
from doingthework.core.models import OUTCOMES, Entry, Trigger
from doingthework.core.periods import Period, local_midnight
from doingthework.tui.screens.base import DtwScreen
from doingthework.tui.widgets.bar_chart import BarChart, ColumnChart

PERIODS = [("Last 4 weeks", "4"), ("Last 3 months", "13"), ("Last year", "52"), ("Everything", "all")]
TOP_TAGS = 6
TAG_WIDTH = 16
HOUR_AXIS = "0           6           12          18        23"  # two cells an hour


@dataclass
class Patterns:
    """Everything the charts show, computed off the UI thread."""

    weeks: int
    entries: int
    tags: list[tuple[str, int]]
    triggers: int
    by_weekday: list[int]
    weekday_names: list[str]
    by_hour: list[int]
    sleep: list[tuple[str, float, int]]
    boundaries: list[dict[str, int]]
    practice: list[float]
    before_after: tuple[float | None, float | None, int]
    tag_moods: list[tuple[str, float, int]] = field(default_factory=list)  # check-ins' tags (Daylio's activities)
    measures: list[insights.MeasureTrend] = field(default_factory=list)


def weeks_for(choice: str, entries: list[Entry], today: date) -> int:
    """How many seven-day blocks the period covers; for everything, back to the first entry."""
    if choice != "all":
        return int(choice)
    if not entries:
        return 1
    first = min(e.at.astimezone().date() for e in entries)
    return max(1, math.ceil(((today - first).days + 1) / 7))


def compute(
    entries: list[Entry],
    choice: str,
    today: date,
    week_start: str = "monday",
    definitions: Mapping[str, Measure] | None = None,
) -> Patterns:
    """`definitions`: the questionnaires there are (`measures.known(plan)`), for titles and bands."""
    weeks = weeks_for(choice, entries, today)
    return Patterns(
        weeks=weeks,
        entries=len(entries),
        tags=insights.top_tags(entries, None),
        triggers=sum(1 for e in entries if isinstance(e, Trigger)),
        by_weekday=insights.triggers_by_weekday(entries, week_start),
        weekday_names=insights.weekday_names(week_start),
        by_hour=insights.triggers_by_hour(entries),
        sleep=insights.mood_by_sleep(entries),
        boundaries=insights.boundary_outcomes_by_week(entries, weeks, today),
        practice=insights.practice_minutes_by_week(entries, weeks, today),
        before_after=insights.practice_before_after(entries),
        tag_moods=insights.mood_by_tag(entries, TOP_TAGS),
        measures=insights.measure_trends(entries, known(None) if definitions is None else definitions),
    )


def day_label(day: date, with_year: bool) -> str:
    """'Tue 03 Nov', or '03 Nov 2025' when the scores shown span more than one year."""
    return day.strftime("%d %b %Y") if with_year else day.strftime("%a %d %b")


def measure_section(trend: insights.MeasureTrend) -> Vertical:
    """A questionnaire's scores: a bar a filling against the whole range, the bands, one sentence."""
    with_year = len({day.year for day, _, _ in trend.points}) > 1
    chart = BarChart()
    chart.add_class("measure-chart")
    chart.show(
        [
            (day_label(day, with_year), score, f"{score} · {band}" if band else str(score))
            for day, score, band in trend.points
        ],
        maximum=trend.most,
    )
    parts = [Static(f"{trend.title} scores", classes="section-title", markup=False), chart]
    if bands := insights.bands_line(trend.bands):
        parts.append(Static(bands, classes="measure-bands", markup=False))
    parts.append(Static(trend.sentence, classes="sentence measure-sentence", markup=False))
    return Vertical(*parts, classes="measure-section")


def tag_mood_section(rows: list[tuple[str, float, int]]) -> list[Static | BarChart]:
    """Mood on the check-ins noting each tag (Daylio's activities come in as tags), most noted first."""
    chart = BarChart()
    chart.show(
        [(_short(tag), mood, f"mood {mood:.1f} · {n} check-in{'s' if n != 1 else ''}") for tag, mood, n in rows],
        maximum=10,
    )
    return [
        Static("Mood on check-ins with each tag", classes="section-title"),
        chart,
        Static(insights.tag_mood_sentence(rows), classes="sentence", markup=False),
    ]


def _short(tag: str) -> str:
    return tag if len(tag) <= TAG_WIDTH else tag[: TAG_WIDTH - 1] + "…"


class PatternsScreen(DtwScreen[None]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self._own_clock = now  # a fixed clock in tests keeps the charts (and the snapshot) the same
        self.patterns: Patterns | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="patterns-top"):
            yield Select(PERIODS, value="4", allow_blank=False, id="patterns-period")
            yield Static("Looking at your entries…", id="patterns-status")
        with VerticalScroll(id="patterns-body"):
            for key, title in (
                ("tags", "Triggers by tag"),
                ("weekday", "Triggers by weekday"),
                ("hour", "Triggers by hour of the day"),
                ("sleep", "Mood after different nights of sleep"),
                ("boundaries", "Boundary moments, week by week"),
                ("practice", "Practice minutes, week by week"),
            ):
                yield Static(title, classes="section-title")
                if key in ("hour", "boundaries", "practice"):
                    yield ColumnChart(id=f"chart-{key}", column_width=2 if key == "hour" else None)
                else:
                    yield BarChart(id=f"chart-{key}")
                yield Static("", id=f"text-{key}", classes="sentence", markup=False)
            yield Static("", id="text-change", classes="sentence", markup=False)
            yield Vertical(id="patterns-tag-moods")  # only when check-ins have tags (imported from Daylio)
            yield Vertical(id="patterns-measures")  # a section a questionnaire, only when there are any
            yield Static(
                "Patterns are for noticing, not judging; they are not a diagnosis. "
                "Your therapist can help make sense of them.",
                id="patterns-footnote",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        select = self.query_one("#patterns-period", Select)
        select.focus()
        self.recompute(str(select.value))

    @on(Select.Changed, "#patterns-period")
    def period_changed(self, event: Select.Changed) -> None:
        if self.is_mounted:
            self.query_one("#patterns-status", Static).update("Looking at your entries…")
            self.recompute(str(event.value))

    @work(thread=True, exclusive=True, group="patterns")
    def recompute(self, choice: str) -> None:
        """Read the period and count, off the UI thread; `choice` is a PERIODS value."""
        today = self.now().date()
        since = None if choice == "all" else local_midnight(today - timedelta(days=7 * int(choice) - 1))
        result = self.app.store.query(Period(since, local_midnight(today + timedelta(days=1))))
        week_start = getattr(self.app.loaded.config, "week_start", "monday")
        plan = getattr(self.app.loaded, "plan", None)
        patterns = compute(result.entries, choice, today, week_start, known(plan))
        if not get_current_worker().is_cancelled:  # a newer choice is already being counted
            self.app.call_from_thread(self.show, patterns)

    def show(self, p: Patterns) -> None:
        self.patterns = p
        weeks = f"{p.weeks} week{'s' if p.weeks != 1 else ''}"
        entries = f"{p.entries} entr{'y' if p.entries == 1 else 'ies'}"
        self.query_one("#patterns-status", Static).update(f"{entries} over {weeks}.")

        tags = [(_short(t), n, str(n)) for t, n in p.tags[:TOP_TAGS]]
        self.query_one("#chart-tags", BarChart).show(tags or [("no tags yet", 0, "0")])
        self._say("tags", insights.tags_sentence(p.tags, p.triggers))

        self.query_one("#chart-weekday", BarChart).show(
            [(name[:3], n, str(n)) for name, n in zip(p.weekday_names, p.by_weekday, strict=True)]
        )
        self._say("weekday", insights.weekday_sentence(p.by_weekday, p.weekday_names[0].lower()))

        self.query_one("#chart-hour", ColumnChart).show([("triggers", p.by_hour)], axis=HOUR_AXIS)
        self._say("hour", insights.hour_sentence(p.by_hour))

        sleep = [(name, mood, f"mood {mood:.1f} · {n} night{'s' if n != 1 else ''}") for name, mood, n in p.sleep]
        self.query_one("#chart-sleep", BarChart).show(sleep or [("no nights yet", 0, "")], maximum=10)
        self._say("sleep", insights.sleep_sentence(p.sleep))

        self.query_one("#chart-boundaries", ColumnChart).show(
            [(o, [week[o] for week in p.boundaries]) for o in OUTCOMES], unit="week"
        )
        self._say("boundaries", insights.boundaries_sentence(p.boundaries))

        self.query_one("#chart-practice", ColumnChart).show([("minutes", p.practice)], unit="week")
        self._say("practice", insights.practice_sentence(p.practice))
        self._say("change", insights.practice_change_sentence(*p.before_after))

        tag_moods = self.query_one("#patterns-tag-moods", Vertical)
        tag_moods.remove_children()
        if p.tag_moods:
            tag_moods.mount_all(tag_mood_section(p.tag_moods))

        # the number of questionnaires varies with the period: the old sections go, the new ones come
        measures = self.query_one("#patterns-measures", Vertical)
        measures.remove_children()
        if p.measures:
            measures.mount_all(measure_section(trend) for trend in p.measures)

    def _say(self, key: str, sentence: str) -> None:
        self.query_one(f"#text-{key}", Static).update(sentence)
