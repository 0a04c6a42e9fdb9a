"""A note to bring to the next session, written or edited in one line."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from doingthework.core.errors import BadInput
from doingthework.core.models import Entry, Note
from doingthework.tui.screens.form import EntryFormScreen, private_field


class NoteScreen(EntryFormScreen):
    TITLE_TEXT = "Something to bring to your next session."
    DRAFT = "note"
    WHAT = "a note"
    FIRST_FIELD = "#text"

    def compose_fields(self) -> ComposeResult:
        yield Input(placeholder="What would you like to talk about?", id="text", classes="field")
        yield private_field()

    def collect(self) -> dict[str, Any]:
        return {"text": self.query_one("#text", Input).value, "private": self.query_one("#private", Checkbox).value}

    def apply(self, values: dict[str, Any]) -> None:
        self.query_one("#text", Input).value = values.get("text") or ""
        self.query_one("#private", Checkbox).value = bool(values.get("private"))

    def build(self, values: dict[str, Any]) -> Entry:
        if not values["text"].strip():
            raise BadInput("a note needs a few words", field="text")
        entry = Note(text=values["text"].strip(), private=values["private"])
        if self.editing:
            entry.at = self.editing.at
        return entry

    def values_of(self, entry: Entry) -> dict[str, Any]:
        assert isinstance(entry, Note)
        return {"text": entry.text, "private": entry.private}

    def saved_message(self, entry: Entry) -> str:
        return "Noted for your next session."
