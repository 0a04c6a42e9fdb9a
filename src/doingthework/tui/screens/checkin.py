"""The check-in: keyboard first, every field skippable, kept as a draft until saved."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import (
    Checkbox,
    Input,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from doingthework.core.checkin import CheckinForm, build_checkin
from doingthework.core.errors import BadInput
from doingthework.core.insights import (
    checkin_comparison,
    days_shown_up,
    showed_up_sentence,
)
from doingthework.core.models import CheckIn, Entry
from doingthework.core.notice import care_lines, newly_noticed
from doingthework.core.periods import Period, local_midnight
from doingthework.tui.screens.form import EntryFormScreen, feelings_fields, private_field
from doingthework.tui.screens.modals import SavedScreen
from doingthework.tui.widgets.feeling_picker import FeelingPicker
from doingthework.tui.widgets.number_input import NumberInput
from doingthework.tui.widgets.scale_picker import ScalePicker
from doingthework.tui.widgets.ticks import TickList


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


class CheckinScreen(EntryFormScreen):
    """The check-in, on the shared form base (screens/form.py): what differs is its fields and
    the kind summary after saving."""

    CSS_PATH = [Path(__file__).with_name("form.tcss"), Path(__file__).with_suffix(".tcss")]
    TITLE_TEXT = "Check in — every field can be skipped. A digit sets a scale, tab moves on, ctrl+s saves."
    FIRST_FIELD = "ScalePicker"
    DRAFT = "checkin"
    WHAT = "a check-in"
    MANAGED_EXTRAS = ("answers", "skills", "checkin_kind", "focus_area")

    @property
    def form(self) -> CheckinForm:
        return self.app.form

    # ---- layout ----------------------------------------------------------------------
    def compose_fields(self) -> ComposeResult:
        form = self.form
        if form.kinds:
            yield Select([(k, k) for k in form.kinds], prompt="Which check-in?", id="kind")
        for scale in [s for s in (form.mood, form.energy) if s]:
            yield ScalePicker(scale, id=f"scale-{scale.name}")
        if form.sleep:
            yield NumberInput(
                placeholder="Hours of sleep, e.g. 7.5",
                id="sleep",
                classes="field",
                restrict=r"[0-9.,]*",
                max_length=5,
                refused_hint="Sleep takes a number of hours, like 7.5.",
            )
        if form.feeling_groups:
            yield from feelings_fields(form.feeling_groups)
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
            skills = TickList(*[(s, s) for s in form.skills], id="skills")
            skills.border_title = "Skills I used"
            yield skills
        if form.note:
            yield Static("Anything else", classes="field-label")
            yield TextArea(id="note", soft_wrap=True)
        yield private_field()

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
            if select.id:  # each has one: kind, focus-area
                values[select.id] = None if select.value is Select.NULL else select.value
        if self.query("#note"):
            values["note"] = self.query_one("#note", TextArea).text
        values["private"] = self.query_one("#private", Checkbox).value
        return values

    def apply(self, values: dict[str, Any]) -> None:
        """Fill the form from `collect()`-shaped values (a draft); whatever doesn't fit is left empty."""
        scales, answers = values.get("scales"), values.get("answers")
        scales = scales if isinstance(scales, dict) else {}
        answers = answers if isinstance(answers, dict) else {}
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
            value = values.get(select.id or "")
            select.value = value if value in choices.get(select.id or "", []) else Select.NULL
        if self.query("#note"):
            self.query_one("#note", TextArea).text = str(values.get("note") or "")
        self.query_one("#private", Checkbox).value = bool(values.get("private"))

    def values_of(self, entry: Entry) -> dict[str, Any]:
        assert isinstance(entry, CheckIn)
        return checkin_values(entry)

    def build(self, values: dict[str, Any]) -> CheckIn:
        sleep_text = (values.get("sleep") or "").replace(",", ".").strip()
        try:
            sleep = float(sleep_text) if sleep_text else None
        except ValueError:
            raise BadInput("Sleep is a number of hours, like 7.5 (or leave it empty).", field="sleep") from None
        scales = {k: v for k, v in values["scales"].items() if v is not None}
        entry = build_checkin(
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
        if self.editing:
            entry.at = self.editing.at
            if isinstance(self.editing, CheckIn):
                entry.tags = list(self.editing.tags)  # the form doesn't show tags (Daylio's activities): kept
        return entry

    # ---- after saving: a short, kind summary ---------------------------------------------
    def after_save(self, entry: Entry) -> None:
        if self.editing:
            super().after_save(entry)
            return
        assert isinstance(entry, CheckIn)
        care = care_lines(entry) if newly_noticed(entry, self.app.loaded.plan) else []
        if care:
            self.app.offer_care(care, entry, show=False)  # the summary below shows it
        self.app.push_screen(SavedScreen(self.summary(entry), care), self._after_saved)

    def summary(self, entry: CheckIn) -> list[str]:
        now = self.now()
        week = self.app.store.query(Period(local_midnight(now.date() - timedelta(days=6)), None)).entries
        lines = checkin_comparison(entry, [e for e in week if isinstance(e, CheckIn)])
        lines.append(showed_up_sentence(days_shown_up(week, now.date(), 7), 7))
        return lines

    def _after_saved(self, wants_help: bool | None) -> None:
        self.dismiss(None)
        if wants_help:
            self.app.action_help_now()  # notes it on the check-in, for "Safety first"
