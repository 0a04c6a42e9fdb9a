"""Home: today at a glance, and one key to everything else."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalGroup, VerticalScroll
from textual.lazy import Lazy
from textual.widgets import Button, Footer, Header, Static
from textual.widgets.button import ButtonVariant
from textual.worker import get_current_worker

from doingthework.core import insights
from doingthework.core.calendar import daily_means, last_days, sparkline, year_in_pixels
from doingthework.core.insights import days_shown_up, practice_time, showed_up_sentence
from doingthework.core.measures import due, due_window, due_words
from doingthework.core.models import Boundary, CheckIn, Practice, Trigger, normalise_tag
from doingthework.core.periods import Period, local_midnight
from doingthework.tui.screens.base import HIDDEN_QUIT, DtwScreen
from doingthework.tui.widgets.year_map import YearMap


def today_text(week: list, now, next_session=None, open_notes: int = 0, due: str = "") -> str:
    """The Today section: plain sentences, no pressure."""
    today = now.date()
    todays = [e for e in week if e.at.astimezone().date() == today]
    checkins = [e for e in todays if isinstance(e, CheckIn)]
    practices = [e for e in todays if isinstance(e, Practice)]
    lines = []
    if checkins:
        last = checkins[-1]
        mood = f", mood {last.mood}" if last.mood is not None else ""
        lines.append(f"✓ You checked in today ({len(checkins)}×{mood}).")
    else:
        lines.append("○ No check-in yet today. Press c whenever you're ready; it takes a minute.")
    if practices:
        seconds = sum((p.actual_seconds or 0) for p in practices)
        lines.append(f"✓ You practised today ({practice_time(seconds)}).")
    else:
        lines.append("○ No practice yet today. p starts a three-minute breathing practice.")
    if due:  # "PHQ-9 is due": a reminder the plan asked for, never a count of days late
        lines.append(f"• {due}, whenever you're ready (m).")
    if open_notes:
        lines.append(f"• {open_notes} note{'s' if open_notes != 1 else ''} to bring to your next session.")
    if next_session is not None:
        lines.append(f"• Next session: {next_session.at.astimezone():%A %d %B}.")
    if not week:
        lines.append("Welcome. Nothing to catch up on — start wherever you like.")
    return "\n".join(lines)


def month_text(month: list, now) -> str:
    """Showing up and trends over the last 30 days, kindly."""
    today = now.date()
    days = last_days(today, 30)
    shown = days_shown_up(month, today, 30)
    lines = [showed_up_sentence(shown, 30) if month else "Your last 30 days will show here as you go."]
    lines_before = len(lines)
    for label, value, low, high in (("mood  ", lambda c: c.mood, 1, 10), ("energy", lambda c: c.energy, 1, 10)):
        means = daily_means(month, value, days)
        if any(m is not None for m in means):
            lines.append(f"{label}  {sparkline(means, low, high)}")
    if len(lines) > lines_before:
        lines.append("        (one mark a day, higher is better; a gap where there was no rating)")
    return "\n".join(lines)


def week_text(week: list) -> str:
    tags = Counter(normalise_tag(t) for e in week if isinstance(e, Trigger) for t in e.tags)
    boundaries = [e for e in week if isinstance(e, Boundary)]
    lines = []
    if tags:
        lines.append("Trigger tags: " + ", ".join(f"{tag} ({n})" for tag, n in tags.most_common(3)))
    if boundaries:
        held = sum(1 for b in boundaries if b.outcome in ("held", "communicated"))
        lines.append(f"Boundaries: {len(boundaries)} noticed, {held} held or said out loud.")
    return "\n".join(lines) or "Nothing logged yet this week — that's fine."


def go(label: str, place: str, variant: ButtonVariant = "default") -> Button:
    """One of Home's places to go: a one-line button that opens the place, as its key does."""
    return Button(label, id=f"go-{place}", variant=variant, compact=True, action=f"app.open('{place}')")


class HomeScreen(DtwScreen[None]):
    """Today at a glance, the last 30 days, this week, the places to go and the year."""

    # The screen's .tcss, read as default CSS: a CSS_PATH makes Textual re-parse every
    # stylesheet from scratch when the screen first shows (docs/performance.md, "The app").
    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")
    BINDINGS = [
        Binding("c", "app.open('checkin')", "Check in", id="checkin"),
        Binding("p", "app.open('practice')", "Practise", id="practice"),
        Binding("t", "app.open('trigger')", "Trigger", id="trigger"),
        Binding("b", "app.open('boundary')", "Boundary", id="boundary"),
        Binding("n", "app.open('note')", "Note", id="note"),
        # the footer holds F1 and five places at 80 columns; these four are in "Go to", keys and all
        Binding("h", "app.open('history')", "History", id="history", show=False),
        Binding("a", "app.open('patterns')", "Patterns", id="patterns", show=False),
        Binding("e", "app.open('export')", "Export", id="export", show=False),
        Binding("m", "app.open('measures')", "Questionnaires", id="measures", show=False),
        HIDDEN_QUIT,
    ]

    def __init__(self) -> None:
        super().__init__()
        # the year map holds what the worker hands it even before it is mounted (it is in the
        # lazy part of the page, and reading can finish first), and shows it once it is
        self._year = YearMap(id="year")

    def compose(self) -> ComposeResult:
        """Today, the last 30 days and this week, with the keys in the footer, in the first frame;
        the places to go and the year just after it (Textual's `Lazy`)."""
        yield Header(icon="")
        with VerticalScroll(id="home-body"):
            if self.app.loaded.problems:  # a settings mistake dtw is working around (core/config.py load)
                yield Static("\n".join(self.app.loaded.problems), id="settings-problem", markup=False)
            yield Static("Today", classes="section-title")
            yield Static("Looking at today…", id="today")
            yield Static("The last 30 days", classes="section-title")
            yield Static("", id="month", markup=False)
            yield Static("This week", classes="section-title")
            yield Static("", id="week", markup=False)
            with Lazy(VerticalGroup(id="home-rest")):
                yield Static("Go to", classes="section-title")
                with Grid(id="home-actions"):
                    yield go("Check in  (c)", "checkin", variant="primary")
                    yield go("Practise  (p)", "practice")
                    yield go("Trigger  (t)", "trigger")
                    yield go("Boundary  (b)", "boundary")
                    yield go("Note  (n)", "note")
                    yield go("History  (h)", "history")
                    yield go("Patterns  (a)", "patterns")
                    yield go("Export  (e)", "export")
                    yield Button("Help now  (F1)", id="go-help", variant="warning", compact=True, action="app.help_now")
                    yield go("Questionnaires  (m)", "measures")
                yield Static("Your year", classes="section-title")
                yield self._year
                yield Static(
                    "dtw is a companion for your practice, not a helpline. Help now is always one key away (F1).",
                    id="home-footnote",
                )
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        # Home shows (first, or again): after its frame is painted, the worker starts reading;
        # not while encrypted entries wait for their passphrase (the unlock screen is over Home)
        if not self.app.locked:
            self.call_after_refresh(self.refresh_today)

    @work(thread=True, exclusive=True, group="home")
    def refresh_today(self) -> None:
        """Reading entries happens off the UI thread so Home paints at once: today first, the year last."""
        store = self.app.store
        now = self.now()
        month = store.query(Period(local_midnight(now.date() - timedelta(days=29)), None))
        week_start = local_midnight(now.date() - timedelta(days=6))
        week = [e for e in month.entries if e.at >= week_start]
        open_notes = insights.open_notes(month.entries)
        upcoming = [e for e in month.entries if e.kind == "session" and e.at > now]
        texts = (
            today_text(week, now, upcoming[0] if upcoming else None, open_notes, self._due(month.entries)),
            month_text(month.entries, now),
            week_text(week),
        )
        worker = get_current_worker()
        if worker.is_cancelled:  # a newer read has started (Home shown again): it will say all this
            return
        self.app.call_from_thread(self._show_glance, *texts)
        if month.damage:
            self.app.call_from_thread(self._damage_notice, month.damage)
        year = store.query(Period(local_midnight(now.date() - timedelta(days=371)), None))
        weeks = year_in_pixels(year.entries, now.date(), self.app.loaded.config.week_start)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_year, weeks, self.app.loaded.config.week_start)

    def _due(self, month: list) -> str:
        """'PHQ-9 is due', or '' (most plans switch none on, and then nothing more is read)."""
        plan, today = self.app.loaded.plan, self.now().date()
        days = due_window(plan)
        if not days:
            return ""
        if days > 30:  # a measure due less often than monthly: read back as far as it needs
            month = self.app.store.query(Period(local_midnight(today - timedelta(days=days - 1)), None)).entries
        return due_words(due(plan, month, today))

    def _show_glance(self, today: str, month: str, week: str) -> None:
        self.query_one("#today", Static).update(today)
        self.query_one("#month", Static).update(month)
        self.query_one("#week", Static).update(week)

    def _show_year(self, weeks: list, week_start: str) -> None:
        self._year.show(weeks, week_start)

    def _damage_notice(self, damage: list) -> None:
        more = f" (and {len(damage) - 1} more)" if len(damage) > 1 else ""
        self.notify(
            f"A line could not be read: {damage[0]}{more}. It is kept as it is; `dtw doctor` explains.",
            severity="warning",
            timeout=10,
            markup=False,
        )
