"""Trigger and boundary entries: the one place their answers are checked, for the CLI and screens alike.

The answer cleaners here (blank text, feelings) serve the check-in too."""

from __future__ import annotations

from datetime import datetime

from doingthework.core.errors import BadInput
from doingthework.core.feelings import closest_feeling
from doingthework.core.models import OUTCOMES, Boundary, Trigger, normalise_tag

# Greenberger & Padesky's thought-record columns, kept as extra fields on a trigger
THOUGHT_RECORD_FIELDS = ("evidence_for", "evidence_against", "balanced_thought", "belief", "rerated")


def clean_text(value: str | None) -> str | None:
    """Blank answers are skipped answers."""
    return value if value and value.strip() else None


def clean_tags(tags: list[str] | None) -> list[str]:
    """'Work', 'work ' and 'WORK' are one tag; order kept, duplicates dropped."""
    out: list[str] = []
    for tag in tags or []:
        clean = normalise_tag(tag)
        if clean and clean not in out:
            out.append(clean)
    return out


def clean_feelings(feelings: list[str] | None, known: tuple[str, ...]) -> list[str]:
    chosen: list[str] = []
    for word in feelings or []:
        clean = " ".join(word.split()).casefold()
        if clean not in known:
            close = closest_feeling(clean, known)
            hint = f"did you mean '{close}'?" if close else f"the list: {', '.join(known)}"
            # the word itself is not repeated: it may be something private typed in the wrong place
            raise BadInput("one of the feelings given is not in the list", hint=hint, field="feelings")
        if clean not in chosen:
            chosen.append(clean)
    return chosen


def _required(field: str, value: str | None, message: str) -> str:
    """An answer that must be given: its text, trimmed; BadInput naming the field when it is blank."""
    given = clean_text(value)
    if given is None:
        raise BadInput(message, field=field)
    return given.strip()


def _rating(name: str, value: int | None, high: int = 10) -> int | None:
    if value is not None and not (0 <= value <= high):
        raise BadInput(f"{name} must be between 0 and {high}", field=name.split()[0])
    return value


def build_trigger(
    known_feelings: tuple[str, ...],
    *,
    what: str | None,
    intensity: int | None,
    tags: list[str] | None = None,
    body: str | None = None,
    thought: str | None = None,
    feelings: list[str] | None = None,
    urge: str | None = None,
    response: str | None = None,
    skills: list[str] | None = None,
    after: int | None = None,
    thought_record: dict[str, object] | None = None,
    private: bool = False,
    at: datetime | None = None,
) -> Trigger:
    entry = Trigger(
        what=_required("what", what, "please say in a few words what happened"),
        intensity=_rating("intensity", intensity),
        tags=clean_tags(tags),
        body=clean_text(body),
        thought=clean_text(thought),
        feelings=clean_feelings(feelings, known_feelings),
        urge=clean_text(urge),
        response=clean_text(response),
        skills=[s.strip() for s in skills or [] if s.strip()],
        after=_rating("intensity afterwards", after),
        private=private,
    )
    if at is not None:
        entry.at = at
    record = {k: v for k, v in (thought_record or {}).items() if k in THOUGHT_RECORD_FIELDS}
    belief = record.get("belief")
    if belief is not None and (isinstance(belief, bool) or not isinstance(belief, int) or not 0 <= belief <= 100):
        raise BadInput("belief in the balanced thought must be between 0 and 100", field="belief")
    entry.extra = {k: (clean_text(v) if isinstance(v, str) else v) for k, v in record.items()}
    entry.extra = {k: v for k, v in entry.extra.items() if v is not None}
    return entry


def build_boundary(
    known_feelings: tuple[str, ...],
    *,
    boundary: str | None,
    outcome: str | None,
    with_: str | None = None,
    feelings: list[str] | None = None,
    note: str | None = None,
    helped: str | None = None,
    next_time: str | None = None,
    private: bool = False,
    at: datetime | None = None,
) -> Boundary:
    named = _required("boundary", boundary, "please name the boundary")
    if outcome is not None and outcome not in OUTCOMES:
        raise BadInput(f"the outcome can be {', '.join(OUTCOMES)}", field="outcome")
    entry = Boundary(
        boundary=named,
        outcome=outcome,
        with_=clean_text(with_),
        feelings=clean_feelings(feelings, known_feelings),
        note=clean_text(note),
        private=private,
    )
    if at is not None:
        entry.at = at
    entry.extra = {k: v for k, v in (("helped", clean_text(helped)), ("next_time", clean_text(next_time))) if v}
    return entry
