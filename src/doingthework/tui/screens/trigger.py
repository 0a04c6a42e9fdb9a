"""The trigger log: what happened, how strong, what the body and mind did, and what helped."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, Collapsible, Input, SelectionList

from doingthework.core import messages
from doingthework.core.checkin import feeling_groups, known_feelings
from doingthework.core.config import Scale
from doingthework.core.logs import build_trigger
from doingthework.core.models import Entry, Trigger
from doingthework.core.periods import Period
from doingthework.tui.screens.form import (
    EntryFormScreen,
    feelings_fields,
    private_field,
    split_list,
    text_or_none,
    when_field,
)
from doingthework.tui.widgets.feeling_picker import FeelingPicker
from doingthework.tui.widgets.number_input import NumberInput
from doingthework.tui.widgets.scale_picker import ScalePicker
from doingthework.tui.widgets.tag_suggester import TagSuggester
from doingthework.tui.widgets.ticks import TickList

INTENSITY = Scale(name="intensity", label="How strong was it?", min=0, max=10, low="barely", high="overwhelming")
AFTER = Scale(name="after", label="How strong is it now?", min=0, max=10, low="barely", high="overwhelming")
TEXT_FIELDS = {
    "what": "What happened?",
    "body": "What did your body do? (tight chest, hot face…)",
    "thought": "What went through your mind?",
    "urge": "What did you feel like doing?",
    "response": "What did you do?",
}
RECORD_FIELDS = {
    "evidence_for": "Evidence for that thought",
    "evidence_against": "Evidence against it",
    "balanced_thought": "A more balanced thought",
    "belief": "How much do you believe it now? 0–100",
    "rerated": "Feelings now, re-rated (e.g. anxious 40%)",
}


class TriggerScreen(EntryFormScreen):
    TITLE_TEXT = "Log a trigger — while it's fresh. Only 'what happened' is needed."
    DRAFT = "trigger"
    WHAT = "a trigger"
    FIRST_FIELD = "#what"
    MANAGED_EXTRAS = tuple(RECORD_FIELDS)
    BINDINGS = [Binding("ctrl+t", "thought_record", "Thought record", id="thought_record")]

    def compose_fields(self) -> ComposeResult:
        plan = self.app.loaded.plan
        yield when_field()
        yield Input(placeholder=TEXT_FIELDS["what"], id="what", classes="field")
        yield ScalePicker(INTENSITY, id="intensity")
        yield Input(
            placeholder="Tags, separated by commas (→ completes)",
            id="tags",
            classes="field",
            suggester=TagSuggester(plan.trigger_tags),
        )
        for name in ("body", "thought"):
            yield Input(placeholder=TEXT_FIELDS[name], id=name, classes="field")
        yield from feelings_fields(feeling_groups(plan))
        for name in ("urge", "response"):
            yield Input(placeholder=TEXT_FIELDS[name], id=name, classes="field")
        if plan.skills:
            skills = TickList(*[(s, s) for s in plan.skills], id="skills")
            skills.border_title = "Skills I used"
            yield skills
        else:
            yield Input(placeholder="Skills I used, separated by commas", id="skills-text", classes="field")
        yield ScalePicker(AFTER, id="after")
        with Collapsible(title="Thought record (ctrl+t)", collapsed=True, id="record"):
            for name, prompt in RECORD_FIELDS.items():
                if name == "belief":
                    yield NumberInput(
                        placeholder=prompt,
                        id=name,
                        classes="field",
                        restrict=r"\d{0,3}",
                        refused_hint="This one takes a number from 0 to 100.",
                    )
                else:
                    yield Input(placeholder=prompt, id=name, classes="field")
        yield private_field()

    def on_mount(self) -> None:
        # Textual calls the base's on_mount as well (each class's handler runs): no super() here
        self.load_history_tags()

    @work(thread=True, exclusive=True, group="tags")
    def load_history_tags(self) -> None:
        """Offer tags used in the last three months as well as the plan's."""
        from datetime import timedelta

        from doingthework.core.insights import TAG_LOOKBACK_DAYS, tags_to_offer

        since = self.now() - timedelta(days=TAG_LOOKBACK_DAYS)
        entries = self.app.store.query(Period(since, None), kinds=["trigger"]).entries
        suggester = self.query_one("#tags", Input).suggester
        if isinstance(suggester, TagSuggester):
            suggester.tags = tags_to_offer(self.app.loaded.plan.trigger_tags, entries)

    def action_thought_record(self) -> None:
        record = self.query_one("#record", Collapsible)
        record.collapsed = not record.collapsed
        if not record.collapsed:
            self.call_after_refresh(self.query_one("#evidence_for", Input).focus)

    def collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {i.id: i.value for i in self.query(Input) if i.id}
        values["intensity"] = self.query_one("#intensity", ScalePicker).value
        values["after"] = self.query_one("#after", ScalePicker).value
        values["feelings"] = self.query_one(FeelingPicker).selected
        if self.query("#skills"):
            values["skills"] = list(self.query_one("#skills", SelectionList).selected)
        values["private"] = self.query_one("#private", Checkbox).value
        return values

    def apply(self, values: dict[str, Any]) -> None:
        for input_ in self.query(Input):
            if input_.id in values:
                input_.value = str(values[input_.id] or "")
        self.query_one("#intensity", ScalePicker).value = values.get("intensity")
        self.query_one("#after", ScalePicker).value = values.get("after")
        self.query_one(FeelingPicker).select_values(values.get("feelings"))
        if self.query("#skills"):
            skills = self.query_one("#skills", SelectionList)
            for index in range(skills.option_count):
                value = skills.get_option_at_index(index).value
                if value in values.get("skills", []):
                    skills.select(value)
        self.query_one("#private", Checkbox).value = bool(values.get("private"))
        if any(values.get(name) not in (None, "") for name in RECORD_FIELDS):
            self.query_one("#record", Collapsible).collapsed = False

    def build(self, values: dict[str, Any]) -> Entry:
        skills = values.get("skills") if "skills" in values else split_list(values.get("skills-text", ""))
        belief = values.get("belief") or ""
        return build_trigger(
            known_feelings(self.app.loaded.plan),
            what=values.get("what"),
            intensity=values.get("intensity"),
            tags=split_list(values.get("tags", "")),
            body=values.get("body"),
            thought=values.get("thought"),
            feelings=values.get("feelings"),
            urge=values.get("urge"),
            response=values.get("response"),
            skills=skills,
            after=values.get("after"),
            thought_record={
                **{k: text_or_none(values.get(k, "")) for k in RECORD_FIELDS if k != "belief"},
                "belief": int(belief) if belief.isdigit() else None,
            },
            private=values.get("private", False),
            at=self.parse_when(values.get("when", "")),
        )

    def values_of(self, entry: Entry) -> dict[str, Any]:
        assert isinstance(entry, Trigger)
        values: dict[str, Any] = {
            "when": self.when_text(entry),
            "what": entry.what,
            "intensity": entry.intensity,
            "after": entry.after,
            "tags": ", ".join(entry.tags),
            "body": entry.body,
            "thought": entry.thought,
            "urge": entry.urge,
            "response": entry.response,
            "feelings": entry.feelings,
            "skills": entry.skills,
            "skills-text": ", ".join(entry.skills),
            "private": entry.private,
        }
        values.update({k: entry.extra.get(k) for k in RECORD_FIELDS})
        return values

    def saved_message(self, entry: Entry) -> str:
        return messages.TRIGGER_LOGGED.format(how_strong="")
