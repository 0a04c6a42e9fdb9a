"""What a check-in asks, drawn from the plan, and the one place its answers are checked.

The command line and the check-in screen both build entries here, so both accept and
refuse exactly the same things.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from doingthework.core.config import Plan, Scale
from doingthework.core.errors import BadInput
from doingthework.core.feelings import FEELING_GROUPS
from doingthework.core.logs import clean_feelings, clean_text
from doingthework.core.models import CheckIn

DEFAULT_MOOD = Scale(name="mood", label="Mood", min=1, max=10, low="very low", high="very good")
DEFAULT_ENERGY = Scale(name="energy", label="Energy", min=1, max=10, low="drained", high="full of energy")
SLEEP_MAX_HOURS = 24


@dataclass
class CheckinForm:
    """The fields a check-in shows, in order, after the plan's additions and hidden defaults."""

    mood: Scale | None
    energy: Scale | None
    sleep: bool
    feeling_groups: dict[str, tuple[str, ...]]
    body: bool
    intention: bool
    note: bool
    scales: list[Scale] = field(default_factory=list)  # the plan's own, beyond mood and energy
    questions: list[tuple[str, str]] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    focus_areas: list[str] = field(default_factory=list)

    @property
    def all_scales(self) -> list[Scale]:
        return [s for s in (self.mood, self.energy) if s] + self.scales

    @property
    def feelings(self) -> tuple[str, ...]:
        return tuple(w for words in self.feeling_groups.values() for w in words)


def feeling_groups(plan: Plan) -> dict[str, tuple[str, ...]]:
    """The plan's own feelings list, or the default groups; the same everywhere feelings are asked."""
    return {"your feelings": tuple(plan.checkin.feelings)} if plan.checkin.feelings else dict(FEELING_GROUPS)


def known_feelings(plan: Plan) -> tuple[str, ...]:
    return tuple(w for words in feeling_groups(plan).values() for w in words)


def checkin_form(plan: Plan) -> CheckinForm:
    hidden = set(plan.checkin.hide)
    own = {s.name: s for s in plan.checkin.scales}
    mood = own.pop("mood", DEFAULT_MOOD)
    if mood.risk_at_or_below is None and mood.risk_at_or_above is None:
        # a very low mood gently offers help now: [safety.notice] mood_at_or_below, or the
        # bottom two points of the scale (1 and 2 on 1-10); a mood scale's own risk_* wins
        threshold = plan.safety.notice.mood_at_or_below
        mood = replace(mood, risk_at_or_below=mood.min + 1 if threshold is None else threshold)
    groups = feeling_groups(plan)
    return CheckinForm(
        mood=None if "mood" in hidden else mood,
        energy=None if "energy" in hidden else own.pop("energy", DEFAULT_ENERGY),
        sleep="sleep" not in hidden,
        feeling_groups={} if "feelings" in hidden else groups,
        body="body" not in hidden,
        intention="intention" not in hidden,
        note="note" not in hidden,
        scales=list(own.values()),
        questions=[(q.name, q.prompt) for q in plan.checkin.questions],
        skills=list(plan.skills) if plan.checkin.skills else [],
        kinds=list(plan.checkin.kinds),
        focus_areas=list(plan.focus_areas),
    )


def _check_scale(scale: Scale, value: float | None) -> None:
    if value is not None and not (scale.min <= value <= scale.max):
        raise BadInput(f"{scale.name} must be between {scale.min} and {scale.max}", field=f"scale-{scale.name}")


def build_checkin(
    form: CheckinForm,
    *,
    mood: int | None = None,
    energy: int | None = None,
    sleep_hours: float | None = None,
    feelings: list[str] | None = None,
    body: str | None = None,
    intention: str | None = None,
    note: str | None = None,
    scales: dict[str, float] | None = None,
    answers: dict[str, str] | None = None,
    skills: list[str] | None = None,
    checkin_kind: str | None = None,
    focus_area: str | None = None,
    private: bool = False,
    at: datetime | None = None,
) -> CheckIn:
    """A CheckIn from the answers given; BadInput names the first answer that can't be used."""
    for name, value in (("mood", mood), ("energy", energy)):
        scale = getattr(form, name)
        if value is not None and scale is None:
            raise BadInput(f"your plan hides {name} from the check-in")
        if scale:
            _check_scale(scale, value)
    if sleep_hours is not None and not (0 <= sleep_hours <= SLEEP_MAX_HOURS):
        raise BadInput(f"sleep must be between 0 and {SLEEP_MAX_HOURS} hours", field="sleep")
    if feelings and not form.feeling_groups:
        raise BadInput("your plan hides feelings from the check-in")
    chosen = clean_feelings(feelings, form.feelings)
    own_scales = {s.name: s for s in form.scales}
    for name, rating in (scales or {}).items():
        if name not in own_scales:
            names = ", ".join(own_scales) or "none yet (add them to plan.toml under [[checkin.scales]])"
            raise BadInput(f"there is no check-in scale called '{name}'", hint=f"scales in your plan: {names}")
        _check_scale(own_scales[name], rating)
    questions = dict(form.questions)
    for name in answers or {}:
        if name not in questions:
            raise BadInput(f"there is no check-in question called '{name}'")
    if checkin_kind is not None and checkin_kind not in form.kinds:
        raise BadInput(
            f"'{checkin_kind}' is not a check-in kind in your plan", hint=f"kinds: {', '.join(form.kinds) or 'none'}"
        )
    entry = CheckIn(
        mood=mood,
        energy=energy,
        sleep_hours=sleep_hours,
        feelings=chosen,
        body=clean_text(body),
        intention=clean_text(intention),
        note=clean_text(note),
        scales=dict(scales or {}),
        private=private,
    )
    if at is not None:
        entry.at = at
    extras = {
        "answers": {k: v for k, v in (answers or {}).items() if clean_text(v)},
        "skills": list(skills or []),
        "checkin_kind": checkin_kind,
        "focus_area": focus_area,
    }
    entry.extra = {k: v for k, v in extras.items() if v}
    return entry
