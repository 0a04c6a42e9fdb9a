"""Home: today at a glance, and one key to everything else."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Button, Footer, Header, Static

from doingthework.core.insights import days_shown_up, showed_up_sentence
from doingthework.core.models import CheckIn, Note
from doingthework.core.periods import Period, local_midnight, local_now
from doingthework.tui.screens.base import DtwScreen


def today_text(entries: list, now) -> str:
    """The Today section: plain sentences, no pressure."""
    today = now.date()
    todays = [e for e in entries if e.at.astimezone().date() == today]
    checkins = [e for e in todays if isinstance(e, CheckIn)]
    lines = []
    if checkins:
        last = checkins[-1]
        mood = f", mood {last.mood}" if last.mood is not None else ""
        lines.append(f"✓ You checked in today ({len(checkins)}×{mood}).")
    else:
        lines.append("○ No check-in yet today. Press c whenever you're ready; it takes a minute.")
    notes = [e for e in entries if isinstance(e, Note)]
    if notes:
        lines.append(f"• {len(notes)} note(s) this week to bring to your next session.")
    lines.append(showed_up_sentence(days_shown_up(entries, today, 7), 7) if entries else "Welcome. Nothing to catch up on — start wherever you like.")
    return "\n".join(lines)


class HomeScreen(DtwScreen[None]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("c", "app.checkin", "Check in", id="checkin"),
        Binding("p", "app.practice", "Practise", id="practice"),
        Binding("t", "app.trigger", "Trigger", id="trigger"),
        Binding("b", "app.boundary", "Boundary", id="boundary"),
        Binding("n", "app.note", "Note", id="note"),
        Binding("h", "app.history", "History", id="history"),
        Binding("e", "app.export", "Export", id="export"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static("Today", classes="section-title")
            yield Static("Looking at today…", id="today")
            yield Static("Go to", classes="section-title")
            with Grid(id="home-actions"):
                yield Button("Check in  (c)", id="go-checkin", variant="primary")
                yield Button("Practise  (p)", id="go-practice")
                yield Button("Trigger  (t)", id="go-trigger")
                yield Button("Boundary  (b)", id="go-boundary")
                yield Button("History  (h)", id="go-history")
                yield Button("Export  (e)", id="go-export")
                yield Button("Help now  (F1)", id="go-help", variant="warning")
            yield Static(
                "dtw is a companion for your practice, not a crisis service. Help now is always one key away.",
                id="home-footnote",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_today()

    def on_screen_resume(self) -> None:
        self.refresh_today()

    @work(thread=True, exclusive=True, group="home")
    def refresh_today(self) -> None:
        """Reading entries happens off the UI thread so Home paints at once."""
        now = local_now()
        week = Period(local_midnight(now.date() - timedelta(days=6)), None)
        result = self.app.store.query(week)
        text = today_text(result.entries, now)
        self.app.call_from_thread(self.query_one("#today", Static).update, text)
        if result.damage:
            first = result.damage[0]
            more = f" (and {len(result.damage) - 1} more)" if len(result.damage) > 1 else ""
            self.app.call_from_thread(
                self.notify,
                f"A line could not be read: {first}{more}. It is kept as it is; `dtw doctor` explains.",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go-checkin":
            self.app.action_checkin()
        elif event.button.id == "go-practice":
            self.app.action_practice()
        elif event.button.id == "go-trigger":
            self.app.action_trigger()
        elif event.button.id == "go-boundary":
            self.app.action_boundary()
        elif event.button.id == "go-history":
            self.app.action_history()
        elif event.button.id == "go-export":
            self.app.action_export()
        elif event.button.id == "go-help":
            self.app.action_help_now()
