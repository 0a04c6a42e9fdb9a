"""Noticing, gently: whether a saved entry may come from a hard moment.

One place decides it, for the command line, the app and the session page alike. A signal
is met with one calm line and a way to help now, never a wall (docs/usage.md, help now). What a
signal says is plain words about what fired ("mood 2", "the feeling hopeless", "words the
plan watches for, in the urge"), never the person's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from doingthework.core.config import Plan
    from doingthework.core.models import Entry

DEFAULT_FEELINGS = ("hopeless",)
DEFAULT_TRIGGER_INTENSITY = 9
# whole phrases, so that "we agreed to end it at 5" or "I won't be here tomorrow" stay ordinary
DEFAULT_WORDS = (
    "hurt myself",
    "harm myself",
    "self-harm",
    "selfharm",
    "kill myself",
    "suicide",
    "suicidal",
    "end it all",
    "end my life",
    "take my life",
    "want to die",
    "don't want to be here",
    "do not want to be here",
    "not be here anymore",
    "want to disappear",
    "better off without me",
    "no reason to live",
)
# the fields where a person's inner words live, by kind: urges, thoughts and notes
WORD_FIELDS = {
    "checkin": ("note",),
    "trigger": ("urge", "thought"),
    "boundary": ("note",),
    "note": ("text",),
    "journal": ("title", "body"),  # a journal brought from jrnl is read like a note
}
FIELD_WORDS = {
    "note": "the note",
    "text": "the note",
    "urge": "the urge",
    "thought": "the thought",
    "title": "the title",
    "body": "the journal entry",
}


@dataclass(frozen=True)
class NoticeRules:
    """plan.toml's [safety.notice]: what counts as a moment that may need care."""

    mood_at_or_below: float | None = None  # None: the bottom two points of the mood scale
    feelings: tuple[str, ...] = DEFAULT_FEELINGS
    trigger_intensity_at_or_above: float = DEFAULT_TRIGGER_INTENSITY
    words: tuple[str, ...] = DEFAULT_WORDS
    off: bool = False


class Signal(NamedTuple):
    """One thing that fired, in plain words."""

    kind: str  # "rating", "feeling", "intensity" or "words"
    text: str


def signals(entry: Entry, plan: Plan) -> list[Signal]:
    """What in `entry` the plan's rules notice (empty when nothing does, or noticing is off)."""
    from doingthework.core.checkin import checkin_form
    from doingthework.core.models import CheckIn, Trigger
    from doingthework.core.models import Measure as MeasureEntry

    rules = plan.safety.notice
    if rules.off:
        return []
    found: list[Signal] = []
    if isinstance(entry, CheckIn):
        form = checkin_form(plan)
        values = {"mood": entry.mood, "energy": entry.energy, **entry.scales}
        for scale in form.all_scales:
            value = values.get(scale.name)
            if scale.is_risk(value):
                found.append(Signal("rating", f"{(scale.label or scale.name).lower()} {_number(value)}"))
    if (
        isinstance(entry, Trigger)
        and entry.intensity is not None
        and entry.intensity >= rules.trigger_intensity_at_or_above
    ):
        found.append(Signal("intensity", f"a trigger at {entry.intensity} of 10"))
    if isinstance(entry, MeasureEntry):
        from doingthework.core.measures import known

        measure = known(plan).get(entry.measure)
        if measure is not None and measure.noticed(entry.answers):
            found.append(Signal("answer", f"an answer to {measure.title} question {measure.notice_item}"))
    wanted = {_normal(word) for word in rules.feelings}
    for feeling in getattr(entry, "feelings", None) or []:
        if _normal(feeling) in wanted:
            found.append(Signal("feeling", f"the feeling {feeling}"))
    pattern = _words_pattern(tuple(rules.words))
    if pattern is not None:
        for name in WORD_FIELDS.get(entry.kind, ()):
            text = getattr(entry, name, None)
            if isinstance(text, str) and pattern.search(_normal(text)):
                found.append(Signal("words", f"words the plan watches for, in {FIELD_WORDS[name]}"))
    return found


def newly_noticed(entry: Entry, plan: Plan, before: Entry | None = None) -> list[Signal]:
    """The signals to meet now: none for an edit of an entry already noticed (once per entry)."""
    if before is not None and signals(before, plan):
        return []
    return signals(entry, plan)


def _number(value: float | None) -> str:
    return f"{value:g}" if value is not None else ""


def _normal(text: str) -> str:
    """Case, hyphens, curly quotes and runs of spaces don't matter: 'Self–Harm' is 'self harm'."""
    text = text.casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[-\u2010-\u2015_]+", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=8)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for all the phrases, each matched as whole words."""
    phrases = sorted({p for p in (_normal(w) for w in words) if any(c.isalnum() for c in p)}, key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


# ---- what a person reads at that moment (the command line and the app say the same) ---------
CARE_LINE = "That sounds like a hard moment. Your plan and people who can help are here whenever you want them."
CARE_LINE_CLI = "That sounds like a hard moment. Your plan and people who can help are one command away: dtw help-now"
ON_THE_PAGE = (
    "Moments like this are listed under \u201cSafety first\u201d on your session page, to talk through if you want."
)
ON_THE_PAGE_PRIVATE = "This entry is private, so it stays off your session page unless you choose to include it."


def care_lines(entry: Entry, cli: bool = False) -> list[str]:
    """The two short lines said once, when an entry that meets a signal is saved."""
    return [CARE_LINE_CLI if cli else CARE_LINE, ON_THE_PAGE_PRIVATE if entry.private else ON_THE_PAGE]
