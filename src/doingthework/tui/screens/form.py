"""What every entry form shares: ctrl+s saves, escape asks first if something was entered,
mistakes are shown beside the form and saving waits, and an entry can be opened for editing
(saved as a new revision of the same entry)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Input, Static

from doingthework.core.errors import DtwError
from doingthework.core.models import Entry, format_at
from doingthework.core.notice import care_lines, newly_noticed
from doingthework.core.periods import parse_when_text
from doingthework.tui.screens.base import DtwScreen
from doingthework.tui.screens.modals import ConfirmScreen
from doingthework.tui.widgets.title_bar import TitleBar


class EntryFormScreen(DtwScreen[Entry | None]):
    """Subclasses give `TITLE_TEXT` and implement compose_fields, collect, apply, build and values_of."""

    CSS_PATH = Path(__file__).with_name("form.tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "leave", "Back", id="back"),
    ]
    TITLE_TEXT = ""
    FIRST_FIELD = ""  # the field that has focus when the form opens
    MANAGED_EXTRAS: tuple[str, ...] = ()  # extra fields this form shows and edits; any others are kept as they are

    def __init__(self, editing: Entry | None = None) -> None:
        super().__init__()
        self.editing = editing
        self._pristine: dict[str, Any] | None = None

    # ---- for subclasses ----------------------------------------------------------------
    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def collect(self) -> dict[str, Any]:
        raise NotImplementedError

    def apply(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def build(self, values: dict[str, Any]) -> Entry:
        raise NotImplementedError

    def values_of(self, entry: Entry) -> dict[str, Any]:
        raise NotImplementedError

    def saved_message(self, entry: Entry) -> str:
        return "Saved."

    # ---- shared ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="form-body"):
            title = self.TITLE_TEXT + (" — editing" if self.editing else "")
            yield Static(title, id="form-title")
            yield from self.compose_fields()
            yield Static("", id="form-error")
            yield Button("Save  (ctrl+s)", id="form-save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        if self.editing:
            self.apply(self.values_of(self.editing))
        first = self.query(self.FIRST_FIELD) if self.FIRST_FIELD else None
        focusable = [w for w in self.query("#form-body *") if w.focusable]
        if first:
            first.first().focus()
        elif focusable:
            focusable[0].focus()
        self.call_after_refresh(self._remember_pristine)

    def _remember_pristine(self) -> None:
        self._pristine = self.collect()

    @property
    def dirty(self) -> bool:
        return self._pristine is not None and self.collect() != self._pristine

    def when_text(self, entry: Entry) -> str:
        return format_at(entry.at.astimezone())[:16].replace("T", " ")

    def parse_when(self, text: str) -> Any:
        if self.editing and text.strip() == self.when_text(self.editing):
            return self.editing.at  # unchanged: keep the exact moment, seconds and zone
        return parse_when_text(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "form-save":
            self.action_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#form-error", Static).update("")

    def action_save(self) -> None:
        error = self.query_one("#form-error", Static)
        try:
            entry = self.build(self.collect())
            if self.editing:
                entry = replace(entry, id=self.editing.id, extra=kept_extras(self.editing, entry, self.MANAGED_EXTRAS))
                self.app.store.update(entry)
            else:
                self.app.store.add(entry)
        except DtwError as exc:
            message = exc.message + (f" — {exc.hint}" if exc.hint else "")
            error.update(message)
            self.notify(message, severity="warning", timeout=6)
            field = self.query(f"#{exc.field}") if exc.field else None
            if field:
                field.first().focus()
            return
        self._pristine = self.collect()
        # a hard moment is met once per entry (an edit of one already noticed says nothing more),
        # with the thanks and the calm line together at the foot of the screen, not in a toast
        noticed = newly_noticed(entry, self.app.loaded.plan, self.editing)
        if not noticed:
            self.notify(self.saved_message(entry), timeout=4)
        self.dismiss(entry)
        if noticed:
            self.app.call_later(self.app.offer_care, [self.saved_message(entry), *care_lines(entry)], entry)

    def action_leave(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answer(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Leave without saving?", "Leave", "Keep going"), answer)


def kept_extras(original: Entry, edited: Entry, managed: tuple[str, ...]) -> dict[str, Any]:
    """An edit keeps every extra field the form doesn't show (a newer dtw's, 'discussed', ...)."""
    kept = {k: v for k, v in original.extra.items() if k not in managed}
    return {**kept, **edited.extra}


def text_or_none(value: str) -> str | None:
    return value if value.strip() else None


def split_list(value: str) -> list[str]:
    """'work, family ,money' -> ['work', 'family', 'money']"""
    return [part.strip() for part in value.split(",") if part.strip()]
