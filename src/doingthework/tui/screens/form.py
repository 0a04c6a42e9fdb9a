"""What every entry form shares (check-in, trigger, boundary, note), in one place:

- ctrl+s saves; a mistake is shown beside the form, in a toast, and focus moves to the field;
- every change is kept as a draft shortly after it is made, and when the form closes unsaved
  (escape, ctrl+q, a closed terminal); the draft is offered back next time;
- escape asks first if something was entered, with "Keep going" focused;
- an entry can be opened for editing (saved as a new revision of the same entry);
- after a save, a hard moment is met with one calm line and a door to help now (core/notice.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult, CSSPathType
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from doingthework.core.errors import DtwError
from doingthework.core.models import Entry, format_at
from doingthework.core.notice import care_lines, newly_noticed
from doingthework.core.periods import parse_when_text
from doingthework.tui.screens.base import DtwScreen
from doingthework.tui.screens.modals import ConfirmScreen
from doingthework.tui.widgets.feeling_picker import FeelingPicker
from doingthework.tui.widgets.scale_picker import ScalePicker
from doingthework.tui.widgets.ticks import TickBox

DRAFT_DELAY_SECONDS = 0.4


WHEN_PROMPT = "When? now · 14:30 · yesterday · 2026-11-20T09:00"


def when_field() -> Input:
    """The "When?" line of the trigger and boundary forms (blank: now)."""
    return Input(placeholder=WHEN_PROMPT, id="when", classes="field")


def feelings_fields(groups: Any) -> ComposeResult:
    """The feelings picker and its label, as every form that asks for feelings shows them."""
    yield Static("Feelings (space to pick any that fit)", classes="field-label")
    yield FeelingPicker(groups, id="feelings")


def private_field() -> TickBox:
    return TickBox("Private (left out of exports)", id="private")


class EntryFormScreen(DtwScreen[Entry | None]):
    """Subclasses give `TITLE_TEXT`, `DRAFT` and implement compose_fields, collect, apply, build
    and values_of."""

    CSS_PATH: ClassVar[CSSPathType | None] = Path(__file__).with_name("form.tcss")  # a form may add its own
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "leave", "Back", id="back"),
    ]
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (110, "-wide"),
    ]  # e.g. four feeling groups side by side when there is room
    TITLE_TEXT = ""
    FIRST_FIELD = ""  # the field that has focus when the form opens
    DRAFT: ClassVar[str] = ""  # the draft's name in the data folder's drafts/ (one per form)
    WHAT = "entry"  # what the form makes, in words: "Pick up the trigger you started …?"
    MANAGED_EXTRAS: tuple[str, ...] = ()  # extra fields this form shows and edits; any others are kept as they are

    def __init__(self, editing: Entry | None = None) -> None:
        super().__init__()
        self.editing = editing  # an earlier entry opened from the history: saved as a new revision
        self._pristine: dict[str, Any] | None = None
        self._draft_timer: Timer | None = None
        self._owns_draft = True  # False while an earlier draft waits for a decision
        self._finished = False  # saved or left on purpose: nothing more to keep
        self._latest: dict[str, Any] | None = None  # the values at the last change

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

    def after_save(self, entry: Entry) -> None:
        """The thanks: a toast (or, after a hard moment, the calm line at the foot of the screen
        beneath), and back to where the person came from."""
        noticed = newly_noticed(entry, self.app.loaded.plan, self.editing)
        thanks = "Saved your changes." if self.editing else self.saved_message(entry)
        if not noticed:
            self.notify(thanks, timeout=4)
        self.dismiss(entry)
        if noticed:
            self.app.call_later(self.app.offer_care, [thanks, *care_lines(entry)], entry)

    # ---- layout and opening ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="form-body"):
            title = self.TITLE_TEXT + (
                f" — editing the one from {self.when_text(self.editing)}" if self.editing else ""
            )
            yield Static(title, id="form-title")
            yield from self.compose_fields()
            yield Static("", id="form-error")
            yield Button("Save  (ctrl+s)", id="form-save", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.editing:
            self._owns_draft = False  # drafts belong to new entries only
            self.apply(self.values_of(self.editing))
        first = self.query(self.FIRST_FIELD) if self.FIRST_FIELD else None
        focusable = [w for w in self.query("#form-body *") if w.focusable]
        if first:
            first.first().focus()
        elif focusable:
            focusable[0].focus()
        if not self.editing:
            # now, not after a refresh: keys typed ahead in a burst must count as changes
            self._pristine = self.collect()
        self.call_after_refresh(self._opened)

    def _opened(self) -> None:
        if self.editing:
            self._pristine = self.collect()  # once the entry's values have settled in the fields
            return
        if not self.DRAFT:
            return
        draft = self.app.store.load_draft(self.DRAFT)
        if not draft:
            return
        self._owns_draft = False
        fields, kept_at = draft
        when = kept_at.astimezone().strftime("%H:%M on %a %d %b")

        def answer(resume: bool | None) -> None:
            self._owns_draft = resume is not None
            if resume:
                self.apply(fields)
            elif resume is False:
                self.app.store.clear_draft(self.DRAFT)
            # escape decides nothing: the draft stays until this form is changed or saved

        self.app.push_screen(
            ConfirmScreen(
                f"You started {self.WHAT} at {when} and didn't save it.\nPick up where you left off?",
                "Continue it",
                "Start fresh",
                escape_answer=None,
                safe=True,  # continuing keeps what was typed
            ),
            answer,
        )

    # ---- the values ----------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._pristine is not None and self.collect() != self._pristine

    def when_text(self, entry: Entry) -> str:
        return format_at(entry.at.astimezone())[:16].replace("T", " ")

    def parse_when(self, text: str) -> Any:
        if self.editing and text.strip() == self.when_text(self.editing):
            return self.editing.at  # unchanged: keep the exact moment, seconds and zone
        return parse_when_text(text, self.now())

    # ---- drafts: any change is kept shortly after it is made -----------------------------
    @on(ScalePicker.Changed)
    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    @on(RadioSet.Changed)
    def _changed(self) -> None:
        if self._pristine is None or self._finished:
            return
        self.query_one("#form-error", Static).update("")
        self._latest = self.collect()  # what a closing app keeps, when the fields are gone
        if self._draft_timer:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self.keep_draft)

    def keep_draft(self, values: dict[str, Any] | None = None) -> None:
        if self.editing or not self.DRAFT or self._finished:
            return
        values = self.collect() if values is None else values
        try:
            if values != self._pristine:
                self._owns_draft = True  # from here on, this form is the draft
                self.app.store.save_draft(self.DRAFT, values)
            elif self._owns_draft:
                self.app.store.clear_draft(self.DRAFT)
        except DtwError as exc:
            self.notify(exc.message, severity="warning")

    def on_unmount(self) -> None:
        """ctrl+q, a closed terminal, SIGTERM: the app closes under the form. What was typed in
        the last moments, before the timer kept it, is kept now (from the last change: the
        fields themselves are already gone)."""
        if self._draft_timer:
            self._draft_timer.stop()
        if not self._finished and self._latest is not None and self._pristine is not None:
            try:
                self.keep_draft(self._latest)
            except Exception:  # noqa: BLE001, S110 — closing must not fail; the timer's draft still stands
                pass

    def _finish(self) -> None:
        self._finished = True
        if self._draft_timer:
            self._draft_timer.stop()

    # ---- save and leave ----------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "form-save":
            self.action_save()

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
            self.call_after_refresh(error.scroll_visible)
            return
        self._finish()
        if self.DRAFT and not self.editing:
            self.app.store.clear_draft(self.DRAFT)
        self._pristine = self.collect()
        self.after_save(entry)

    def action_leave(self) -> None:
        if not self.dirty:
            self._finish()
            if self._owns_draft and self.DRAFT and not self.editing:
                self.app.store.clear_draft(self.DRAFT)
            self.dismiss(None)
            return

        def answer(leave: bool | None) -> None:
            if leave:
                self.keep_draft()  # kept, and offered back next time
                self._finish()
                self.dismiss(None)

        question = "Leave without saving?"
        if self.DRAFT and not self.editing:
            question = f"Leave {self.WHAT} for now? What you wrote is kept as a draft and offered next time."
        self.app.push_screen(ConfirmScreen(question, "Leave", "Keep going"), answer)


def kept_extras(original: Entry, edited: Entry, managed: tuple[str, ...]) -> dict[str, Any]:
    """An edit keeps every extra field the form doesn't show (a newer dtw's, 'discussed', ...)."""
    kept = {k: v for k, v in original.extra.items() if k not in managed}
    return {**kept, **edited.extra}


def text_or_none(value: str) -> str | None:
    return value if value.strip() else None


def split_list(value: str) -> list[str]:
    """'work, family ,money' -> ['work', 'family', 'money']"""
    return [part.strip() for part in value.split(",") if part.strip()]
