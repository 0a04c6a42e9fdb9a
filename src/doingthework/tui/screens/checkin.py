"""The check-in: keyboard first, every field skippable, kept as a draft until saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from doingthework.core.checkin import build_checkin
from doingthework.core.errors import DtwError
from doingthework.core.insights import (
    checkin_comparison,
    days_shown_up,
    showed_up_sentence,
)
from doingthework.core.models import CheckIn
from doingthework.core.notice import care_lines, newly_noticed
from doingthework.core.periods import Period, local_midnight, local_now
from doingthework.tui.screens.base import DtwScreen
from doingthework.tui.screens.form import kept_extras
from doingthework.tui.screens.modals import ConfirmScreen, SavedScreen
from doingthework.tui.widgets.feeling_picker import FeelingPicker
from doingthework.tui.widgets.scale_picker import ScalePicker
from doingthework.tui.widgets.title_bar import TitleBar

DRAFT = "checkin"
DRAFT_DELAY_SECONDS = 0.4


def checkin_values(entry: CheckIn) -> dict[str, Any]:
    """An earlier check-in in the shape `collect()` gives, to fill the form for editing."""
    return {
        "scales": {"mood": entry.mood, "energy": entry.energy, **entry.scales},
        "sleep": "" if entry.sleep_hours is None else f"{entry.sleep_hours:g}",
        "feelings": entry.feelings,
        "body": entry.body,
        "intention": entry.intention,
        "note": entry.note,
        "answers": entry.extra.get("answers", {}),
        "skills": entry.extra.get("skills", []),
        "kind": entry.extra.get("checkin_kind"),
        "focus-area": entry.extra.get("focus_area"),
        "private": entry.private,
    }


class CheckinScreen(DtwScreen[CheckIn | None]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # four feeling groups side by side when there is room
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "leave", "Back", id="back"),
    ]

    def __init__(self, editing: CheckIn | None = None) -> None:
        super().__init__()
        self.editing = editing  # an earlier check-in opened from the history: saved as a new revision
        self._pristine: dict[str, Any] | None = None
        self._draft_timer: Timer | None = None
        self._owns_draft = True  # False while an earlier draft waits for a decision

    @property
    def form(self):
        return self.app.form

    # ---- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        form = self.form
        yield TitleBar()
        with VerticalScroll(id="checkin-body"):
            yield Static("Check in — every field can be skipped. A digit sets a scale, tab moves on, ctrl+s saves.", id="checkin-help")
            if form.kinds:
                yield Select([(k, k) for k in form.kinds], prompt="Which check-in?", id="kind")
            for scale in [s for s in (form.mood, form.energy) if s]:
                yield ScalePicker(scale, id=f"scale-{scale.name}")
            if form.sleep:
                yield Input(placeholder="Hours of sleep, e.g. 7.5", id="sleep", classes="field", restrict=r"[0-9.,]*", max_length=5)
            if form.feeling_groups:
                yield Static("Feelings (space to pick any that fit)", classes="field-label")
                yield FeelingPicker(form.feeling_groups, id="feelings")
            if form.body:
                yield Input(placeholder="Where do you feel it in your body?", id="body", classes="field")
            if form.intention:
                with Horizontal(id="intention-row"):
                    yield Input(placeholder="An intention for today", id="intention", classes="field")
                    if form.focus_areas:
                        yield Select([(f, f) for f in form.focus_areas], prompt="Focus area", id="focus-area")
            for scale in form.scales:
                yield ScalePicker(scale, id=f"scale-{scale.name}")
            for name, prompt in form.questions:
                yield Input(placeholder=prompt, id=f"question-{name}", classes="field")
            if form.skills:
                skills = SelectionList[str](*[(s, s) for s in form.skills], id="skills")
                skills.border_title = "Skills I used"
                yield skills
            if form.note:
                yield Static("Anything else", classes="field-label")
                yield TextArea(id="note", soft_wrap=True)
            yield Checkbox("Private (left out of exports)", id="private")
            yield Static("", id="checkin-error")
            yield Button("Save  (ctrl+s)", id="save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        first = self.query(ScalePicker).first() if self.query(ScalePicker) else None
        (first or self.query_one("#checkin-body")).focus()
        if self.editing:
            self._owns_draft = False  # drafts belong to new check-ins only
            self.apply(checkin_values(self.editing))
            self.call_after_refresh(lambda: setattr(self, "_pristine", self.collect()))
            return
        self._pristine = self.collect()
        draft = self.app.store.load_draft(DRAFT)
        if draft:
            self._owns_draft = False
            fields, kept_at = draft
            when = kept_at.astimezone().strftime("%H:%M on %a %d %b")

            def answer(resume: bool | None) -> None:
                self._owns_draft = resume is not None
                if resume:
                    self.apply(fields)
                elif resume is False:
                    self.app.store.clear_draft(DRAFT)
                # escape decides nothing: the draft stays until this form is changed or saved

            self.app.push_screen(
                ConfirmScreen(
                    f"You started a check-in at {when} and didn't save it.\nPick up where you left off?",
                    "Continue it",
                    "Start fresh",
                    escape_answer=None,
                ),
                answer,
            )

    # ---- the form's values ---------------------------------------------------------------
    def collect(self) -> dict[str, Any]:
        """Everything entered so far, as plain values (also what a draft keeps)."""
        values: dict[str, Any] = {"scales": {}, "answers": {}, "feelings": [], "skills": []}
        for picker in self.query(ScalePicker):
            values["scales"][picker.scale.name] = picker.value
        for input_ in self.query(Input):
            if input_.id and input_.id.startswith("question-"):
                values["answers"][input_.id.removeprefix("question-")] = input_.value
            elif input_.id:
                values[input_.id] = input_.value
        if self.query(FeelingPicker):
            values["feelings"] = self.query_one(FeelingPicker).selected
        if self.query("#skills"):
            values["skills"] = list(self.query_one("#skills", SelectionList).selected)
        for select in self.query(Select):
            values[select.id] = None if select.value is Select.NULL else select.value
        if self.query("#note"):
            values["note"] = self.query_one("#note", TextArea).text
        values["private"] = self.query_one("#private", Checkbox).value
        return values

    def apply(self, values: dict[str, Any]) -> None:
        """Fill the form from `collect()`-shaped values (a draft); whatever doesn't fit is left empty."""
        scales = values.get("scales") if isinstance(values.get("scales"), dict) else {}
        answers = values.get("answers") if isinstance(values.get("answers"), dict) else {}
        for picker in self.query(ScalePicker):
            value = scales.get(picker.scale.name)
            picker.value = value if type(value) is int and value in picker.numbers else None
        for input_ in self.query(Input):
            if input_.id and input_.id.startswith("question-"):
                input_.value = str(answers.get(input_.id.removeprefix("question-"), ""))
            elif input_.id:
                input_.value = str(values.get(input_.id) or "")
        if self.query(FeelingPicker):
            self.query_one(FeelingPicker).select_values(values.get("feelings"))
        if self.query("#skills"):
            skills = self.query_one("#skills", SelectionList)
            chosen = values.get("skills")
            wanted = {c for c in chosen if isinstance(c, str)} if isinstance(chosen, list) else set()
            skills.deselect_all()
            for index in range(skills.option_count):
                if skills.get_option_at_index(index).value in wanted:
                    skills.select(skills.get_option_at_index(index).value)
        choices = {"kind": self.form.kinds, "focus-area": self.form.focus_areas}
        for select in self.query(Select):
            value = values.get(select.id)
            select.value = value if value in choices.get(select.id or "", []) else Select.NULL
        if self.query("#note"):
            self.query_one("#note", TextArea).text = str(values.get("note") or "")
        self.query_one("#private", Checkbox).value = bool(values.get("private"))

    @property
    def dirty(self) -> bool:
        return self._pristine is not None and self.collect() != self._pristine

    # ---- drafts: any change is kept shortly after it is made ----------------------------
    @on(ScalePicker.Changed)
    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self._pristine is None:
            return
        self.query_one("#checkin-error", Static).update("")
        if self._draft_timer:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self.keep_draft)

    def keep_draft(self) -> None:
        if self.editing:
            return
        try:
            if self.dirty:
                self._owns_draft = True  # from here on, this form is the draft
                self.app.store.save_draft(DRAFT, self.collect())
            elif self._owns_draft:
                self.app.store.clear_draft(DRAFT)
        except DtwError as exc:
            self.notify(exc.message, severity="warning")

    # ---- save and leave ----------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def build(self) -> CheckIn:
        values = self.collect()
        sleep_text = (values.get("sleep") or "").replace(",", ".").strip()
        try:
            sleep = float(sleep_text) if sleep_text else None
        except ValueError:
            self.query_one("#sleep").focus()
            raise DtwError("Sleep is a number of hours, like 7.5 (or leave it empty).") from None
        scales = {k: v for k, v in values["scales"].items() if v is not None}
        return build_checkin(
            self.form,
            mood=scales.pop("mood", None) if self.form.mood else None,
            energy=scales.pop("energy", None) if self.form.energy else None,
            sleep_hours=sleep,
            feelings=values["feelings"],
            body=values.get("body"),
            intention=values.get("intention"),
            note=values.get("note"),
            scales=scales,
            answers=values["answers"],
            skills=values["skills"],
            checkin_kind=values.get("kind"),
            focus_area=values.get("focus-area"),
            private=values["private"],
        )

    def action_save(self) -> None:
        error = self.query_one("#checkin-error", Static)
        try:
            entry = self.build()
            if self.editing:
                managed = ("answers", "skills", "checkin_kind", "focus_area")
                entry = replace(entry, id=self.editing.id, at=self.editing.at,
                                extra=kept_extras(self.editing, entry, managed))
                self.app.store.update(entry)
            else:
                self.app.store.add(entry)
        except DtwError as exc:
            error.update(exc.message + (f" — {exc.hint}" if exc.hint else ""))
            return
        if self.editing:
            self._pristine = self.collect()
            noticed = newly_noticed(entry, self.app.loaded.plan, self.editing)
            if not noticed:
                self.notify("Saved.", timeout=4)
            self.dismiss(entry)
            if noticed:
                self.app.call_later(self.app.offer_care, ["Saved.", *care_lines(entry)], entry)
            return
        if self._draft_timer:
            self._draft_timer.stop()
        self.app.store.clear_draft(DRAFT)
        self._pristine = self.collect()
        care = care_lines(entry) if newly_noticed(entry, self.app.loaded.plan) else []
        if care:
            self.app.offer_care(care, entry, show=False)  # the summary below shows it
        self.app.push_screen(SavedScreen(self.summary(entry), care), self._after_saved)

    def summary(self, entry: CheckIn) -> list[str]:
        now = local_now()
        week = self.app.store.query(Period(local_midnight(now.date() - timedelta(days=6)), None)).entries
        lines = checkin_comparison(entry, [e for e in week if isinstance(e, CheckIn)])
        lines.append(showed_up_sentence(days_shown_up(week, now.date(), 7), 7))
        return lines

    def _after_saved(self, wants_help: bool | None) -> None:
        self.dismiss(None)
        if wants_help:
            self.app.action_help_now()  # notes it on the check-in, for "Safety first"

    def action_leave(self) -> None:
        if not self.dirty:
            if self._owns_draft:
                self.app.store.clear_draft(DRAFT)
            self.dismiss(None)
            return

        def answer(leave: bool | None) -> None:
            if leave:
                if self._draft_timer:
                    self._draft_timer.stop()
                if self._owns_draft:
                    self.app.store.clear_draft(DRAFT)
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Leave without saving this check-in?", "Leave", "Keep going"), answer)
