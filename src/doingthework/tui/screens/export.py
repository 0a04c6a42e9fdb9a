"""The session-prep export: choose the period and sections, read the page, save it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Footer, Header, Select, Static

from doingthework.core.errors import DtwError
from doingthework.core.output_target import save_new_in
from doingthework.core.session_prep import (
    choose_period,
    default_filename,
    gather,
)
from doingthework.tui.screens.base import DtwScreen
from doingthework.tui.widgets.page_preview import PagePreview
from doingthework.tui.widgets.ticks import TickBox

PERIODS = [
    ("Since my last session", "last-session"),
    ("Last 7 days", "7d"),
    ("Last 14 days", "14d"),
    ("Last 30 days", "30d"),
]
# every section of the page but the appendix (its own box below), in the page's order
SECTIONS = [
    ("safety", "Safety first"),
    ("agenda", "To bring up"),
    ("diary", "Diary card"),
    ("checkins", "Check-ins"),
    ("triggers", "Triggers"),
    ("boundaries", "Boundaries"),
    ("practice", "Practice"),
    ("measures", "Questionnaires"),
    ("thoughts", "Thought records"),
]
FORMATS = [
    ("Markdown", "md"),
    ("Printable HTML", "html"),
    ("JSON (everything)", "json"),
    ("CSV (a row per entry)", "csv"),
]


class ExportScreen(DtwScreen[None]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, folder: Path | None = None, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.folder = folder or Path.cwd()
        self._own_clock = now  # a fixed clock in tests keeps the page (and its snapshot) the same
        self.context = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="export-body"):
            with VerticalScroll(id="export-options"):
                yield Static("Period", classes="field-label")
                yield Select(PERIODS, value="last-session", allow_blank=False, id="export-period")
                yield Static("Sections", classes="field-label")
                for key, label in SECTIONS:
                    yield TickBox(label, value=True, id=f"section-{key}")
                yield TickBox("Include private entries", id="include-private")
                yield TickBox("Appendix: every entry", id="full")
                yield Static("Save as", classes="field-label")
                yield Select(FORMATS, value=self.app.loaded.config.export_format, allow_blank=False, id="export-format")
                yield Static("", id="export-period-text")
            with VerticalScroll(id="export-preview-box", can_focus=True):  # tab reaches it; arrows and PageDown read it
                yield PagePreview("Putting the page together…", id="export-preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-period", Select).focus()
        self.rebuild()

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def options_changed(self) -> None:
        if self.is_mounted:
            self.rebuild()

    def options(self) -> dict:
        sections = frozenset(k for k, _ in SECTIONS if self.query_one(f"#section-{k}", Checkbox).value)
        if self.query_one("#full", Checkbox).value:
            sections |= {"appendix"}
        return {
            "since": str(self.query_one("#export-period", Select).value),
            "include_private": self.query_one("#include-private", Checkbox).value,
            "full": self.query_one("#full", Checkbox).value,
            "sections": sections,
        }

    @work(thread=True, exclusive=True, group="export")
    def rebuild(self) -> None:
        """Reading the period and writing the page happen off the UI thread."""
        from doingthework.export import export_text

        options = self.options()
        store = self.app.store
        now = self.now()
        chosen = choose_period(store, options["since"], None, now=now)
        context, _ = gather(
            store,
            self.app.loaded.plan,
            chosen,
            include_private=options["include_private"],
            full=options["full"],
            sections=options["sections"],
            now=now,
        )
        text = export_text("md", context)
        self.app.call_from_thread(self.show, context, chosen.explanation, text)

    def show(self, context, explanation: str, text: str) -> None:
        self.context = context
        self.query_one("#export-period-text", Static).update(f"Covering {explanation}: {len(context.entries)} entries.")
        self.query_one("#export-preview", PagePreview).update(text)

    def action_save(self) -> None:
        from doingthework.export import export_text

        if self.context is None:
            self.notify("One moment — the page is still being put together.")
            return
        fmt = str(self.query_one("#export-format", Select).value)
        try:  # today's page, or -2, -3 … beside it: an earlier page is never replaced
            path = save_new_in(
                self.folder,
                default_filename(fmt, self.context.exported_at),
                export_text(fmt, self.context).encode("utf-8"),
            )
        except DtwError as exc:
            self.notify(exc.message, severity="error", markup=False)  # a folder name may hold [brackets]
            return
        plain = (
            " It is plain text (your entries are encrypted): keep it somewhere private."
            if self.app.store.vault.enabled
            else ""
        )
        self.notify(f"Saved to {path}.{plain}", timeout=8 if not plain else 12, markup=False)
