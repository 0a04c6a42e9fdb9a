"""The boundary log: which boundary, with whom, how it went, and what to keep for next time."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Select, Static

from doingthework.core.checkin import feeling_groups, known_feelings
from doingthework.core.errors import DtwError
from doingthework.core.logs import build_boundary
from doingthework.core.models import OUTCOMES, Boundary, Entry
from doingthework.tui.screens.form import EntryFormScreen, feelings_fields, private_field, when_field
from doingthework.tui.widgets.feeling_picker import FeelingPicker
from doingthework.tui.widgets.ticks import TickBox, TickRadio

OUTCOME_WORDS = {
    "communicated": "Communicated — I said it",
    "held": "Held — it stayed in place",
    "bent": "Bent — I gave a little",
    "crossed": "Crossed — it didn't hold this time",
}


class BoundaryScreen(EntryFormScreen):
    TITLE_TEXT = "Log a boundary moment. Every outcome is worth noticing."
    DRAFT = "boundary"
    WHAT = "a boundary moment"
    FIRST_FIELD = "#standing, #boundary"
    MANAGED_EXTRAS = ("helped", "next_time")

    def compose_fields(self) -> ComposeResult:
        plan = self.app.loaded.plan
        yield when_field()
        if plan.boundaries:
            yield Select(
                [(b, b) for b in plan.boundaries],
                prompt="One of my standing boundaries…",
                id="standing",
                classes="field",
            )
            yield Input(placeholder="…or a new one, in my own words", id="boundary", classes="field")
        else:
            yield Input(placeholder="Which boundary?", id="boundary", classes="field")
        yield TickBox("Add a new one to my standing boundaries (plan.toml)", id="save-to-plan")
        yield Input(placeholder="With whom?", id="with", classes="field")
        yield Static("How did it go?", classes="field-label")
        with RadioSet(id="outcome"):
            for outcome in OUTCOMES:
                yield TickRadio(OUTCOME_WORDS[outcome], id=f"outcome-{outcome}")
        yield from feelings_fields(feeling_groups(plan))
        yield Input(placeholder="What helped?", id="helped", classes="field")
        yield Input(placeholder="What would I do next time?", id="next_time", classes="field")
        yield Input(placeholder="Anything else", id="note", classes="field")
        yield private_field()

    def collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {i.id: i.value for i in self.query(Input) if i.id}
        if self.query("#standing"):
            standing = self.query_one("#standing", Select).value
            values["standing"] = None if standing is Select.NULL else standing
        pressed = self.query_one("#outcome", RadioSet).pressed_button
        values["outcome"] = pressed.id.removeprefix("outcome-") if pressed and pressed.id else None
        values["feelings"] = self.query_one(FeelingPicker).selected
        values["private"] = self.query_one("#private", Checkbox).value
        values["save-to-plan"] = self.query_one("#save-to-plan", Checkbox).value
        return values

    def apply(self, values: dict[str, Any]) -> None:
        for input_ in self.query(Input):
            if input_.id in values:
                input_.value = str(values[input_.id] or "")
        if values.get("outcome") in OUTCOMES:
            self.query_one(f"#outcome-{values['outcome']}", RadioButton).value = True
        self.query_one(FeelingPicker).select_values(values.get("feelings"))
        self.query_one("#private", Checkbox).value = bool(values.get("private"))

    def build(self, values: dict[str, Any]) -> Entry:
        text = (values.get("boundary") or "").strip() or values.get("standing")
        return build_boundary(
            known_feelings(self.app.loaded.plan),
            boundary=text,
            outcome=values.get("outcome"),
            with_=values.get("with"),
            feelings=values.get("feelings"),
            note=values.get("note"),
            helped=values.get("helped"),
            next_time=values.get("next_time"),
            private=values.get("private", False),
            at=self.parse_when(values.get("when", "")),
        )

    def values_of(self, entry: Entry) -> dict[str, Any]:
        assert isinstance(entry, Boundary)
        return {
            "when": self.when_text(entry),
            "boundary": entry.boundary,
            "with": entry.with_,
            "outcome": entry.outcome,
            "feelings": entry.feelings,
            "note": entry.note,
            "helped": entry.extra.get("helped"),
            "next_time": entry.extra.get("next_time"),
            "private": entry.private,
        }

    def after_save(self, entry: Entry) -> None:
        """Once the entry is saved (never before: a refused save must leave the plan as it was),
        a new boundary the person asked to keep goes into plan.toml."""
        values = self.collect()
        new = (values.get("boundary") or "").strip()
        if values.get("save-to-plan") and new and not self.editing:
            from doingthework.core.config import add_standing_boundary

            try:
                if add_standing_boundary(self.app.plan_file, new):
                    self.app.loaded.plan.boundaries.append(new)
            except DtwError as exc:
                self.notify(
                    f"Your entry is saved; the boundary couldn't be added to your plan: {exc.message}",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )
        super().after_save(entry)

    def saved_message(self, entry: Entry) -> str:
        return "Logged. Thank you for noticing it."
