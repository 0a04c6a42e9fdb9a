"""The entries a person writes, as dataclasses, to and from the plain dicts of the JSON contract.

Field names follow the command-line flags (docs/usage.md; the JSON contract in docs/data-format.md). Unknown fields are kept in `extra`
so that nothing a newer version (or a thought record) wrote is ever dropped.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, ClassVar

from doingthework.core.errors import BadInput

OUTCOMES = ("communicated", "held", "bent", "crossed")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # an entry's time, a session's date, a --since or --until
LARGEST_NUMBER = 10**12
BASE_KEYS = ("id", "kind", "at", "private")
RESERVED_KEYS = ("v", "saved_at", "device", "deleted")  # the store's own, on each line
# `with` is a Python keyword: the attribute is `with_`, the JSON key is `with`.
_JSON_NAME = {"with_": "with"}
_NOT_OWN_OR_EXTRA = frozenset(BASE_KEYS + RESERVED_KEYS)
_ATTR_NAME = {v: k for k, v in _JSON_NAME.items()}


def new_id() -> str:
    return secrets.token_hex(8)


def now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def read_at(value: Any) -> datetime:
    """An entry's `at` as JSON holds it (what a person types is periods.parse_at)."""
    if isinstance(value, datetime):
        at = value
    elif isinstance(value, str):
        try:
            at = datetime.fromisoformat(value)
        except ValueError:
            raise BadInput("'at' is not an ISO 8601 date and time") from None
    else:
        raise BadInput("'at' must be an ISO 8601 date and time")
    if not EARLIEST_YEAR <= at.year <= LATEST_YEAR:
        # years 1 and 9999 are valid ISO dates, but a week or a zone away from them there is no date
        raise BadInput(f"'at' must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    if at.tzinfo is None:
        at = at.astimezone()  # a naive time is taken as local time
    return at


def normalise_tag(tag: str) -> str:
    """'Work ', 'work' and 'WORK' are one tag."""
    return " ".join(tag.split()).casefold()


def format_at(at: datetime) -> str:
    return at.isoformat(timespec="seconds" if not at.microsecond else "microseconds")


# One coercer per annotation used below; each raises BadInput naming the field, never its value.
def _int_or_none(name: str, value: Any) -> int | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (isinstance(value, float) and not value.is_integer())
    ):
        raise BadInput(f"'{name}' must be a whole number")
    _sane(name, value)
    return int(value)


def _float_or_none(name: str, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadInput(f"'{name}' must be a number")
    _sane(name, value)  # first: a whole number of 400 digits can't even become a float
    if not math.isfinite(value):
        raise BadInput(f"'{name}' must be a number")
    return value


def _sane(name: str, value: float) -> None:
    """No rating, duration or count comes near this; a 4000-digit one can't even be shown."""
    if abs(value) > LARGEST_NUMBER:
        raise BadInput(f"'{name}' is too large a number")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(name: str, value: str) -> str:
    """Text that can be written as UTF-8: a JSON "\\ud800" escape alone is not."""
    if not value.isascii() and _LONE_SURROGATE.search(value):
        raise BadInput(f"'{name}' holds something that isn't text (a lone surrogate)")
    return value


def _str_or_none(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInput(f"'{name}' must be text")
    return _text(name, value)


def _str(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise BadInput(f"'{name}' must be text")
    return _text(name, value)


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadInput(f"'{name}' must be true or false")
    return value


def _str_list(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"'{name}' must be a list of words")
    return [_text(name, v) for v in value]


def _scales(name: str, value: Any) -> dict[str, float | None]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadInput(f"'{name}' must map names to numbers")
    out: dict[str, float | None] = {}
    for key, number in value.items():
        if not isinstance(key, str):
            raise BadInput(f"'{name}' must map names to numbers")
        try:
            out[key] = _float_or_none(name, number)
        except BadInput as exc:  # the key is the file's (a hand-edit's): never part of the message
            raise BadInput(exc.message.replace(f"'{name}'", f"a value in '{name}'", 1)) from None
    return out


def _int_list(name: str, value: Any) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadInput(f"'{name}' must be a list of whole numbers")
    out = []
    for item in value:
        number = _int_or_none(name, item)
        if number is None:
            raise BadInput(f"'{name}' must be a list of whole numbers")
        out.append(number)
    return out


COERCE = {
    "int | None": _int_or_none,
    "float | None": _float_or_none,
    "str | None": _str_or_none,
    "str": _str,
    "bool": _bool,
    "list[str]": _str_list,
    "list[int]": _int_list,
    "dict[str, float | None]": _scales,
}


@dataclass(kw_only=True)
class Entry:
    """What every entry has: an id, a time, and whether it is private."""

    kind: ClassVar[str] = ""
    id: str = field(default_factory=new_id)
    at: datetime = field(default_factory=now)
    private: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def own_fields(self) -> list[str]:
        return [f.name for f in fields(self) if f.name not in (*BASE_KEYS, "extra")]

    def to_dict(self) -> dict[str, Any]:
        """The entry as the JSON contract shows it: base keys, own fields, then any extras."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "at": format_at(self.at), "private": self.private}
        for name in self.own_fields():
            value = getattr(self, name)
            out[_JSON_NAME.get(name, name)] = (
                list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value
            )
        for key, value in self.extra.items():
            if key not in RESERVED_KEYS:
                out.setdefault(key, value)
        return out

    def validate(self) -> None:
        """Checks that hold for every entry of this kind, whoever wrote it."""

    def summary(self) -> str:
        """One line about the entry, for lists."""
        return ""

    def text_fields(self) -> list[str]:
        """Every piece of the person's own text, for search."""
        texts: list[str] = []
        for name in self.own_fields():
            value = getattr(self, name)
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list):
                texts.extend(v for v in value if isinstance(v, str))
        texts.extend(v for v in self.extra.values() if isinstance(v, str))
        return texts


def _check_range(name: str, value: float | None, low: float, high: float) -> None:
    if value is not None and not (low <= value <= high):
        raise BadInput(f"'{name}' must be between {low:g} and {high:g}")


@dataclass(kw_only=True)
class CheckIn(Entry):
    """The morning check-in: ratings, feelings, body, intention."""

    kind: ClassVar[str] = "checkin"
    mood: int | None = None
    energy: int | None = None
    sleep_hours: float | None = None
    feelings: list[str] = field(default_factory=list)
    body: str | None = None
    intention: str | None = None
    note: str | None = None
    scales: dict[str, float | None] = field(default_factory=dict)  # a hand-edited null is kept
    tags: list[str] = field(default_factory=list)  # what the day held (Daylio's activities)

    def summary(self) -> str:
        parts = [
            f"{name} {value:g}"
            for name, value in (("mood", self.mood), ("energy", self.energy), ("sleep", self.sleep_hours))
            if value is not None
        ]
        parts += [f"{name} {value:g}" for name, value in self.scales.items() if value is not None]
        if self.feelings:
            parts.append(", ".join(self.feelings))
        if self.intention:
            parts.append(f"intention: {self.intention}")
        if self.tags:
            parts.append(f"[{', '.join(self.tags)}]")
        return " · ".join(parts) or "checked in"

    def validate(self) -> None:
        _check_range("sleep_hours", self.sleep_hours, 0, 24)


@dataclass(kw_only=True)
class Trigger(Entry):
    """Something that set things off, and what happened next."""

    kind: ClassVar[str] = "trigger"
    what: str = ""
    intensity: int | None = None
    tags: list[str] = field(default_factory=list)
    body: str | None = None
    thought: str | None = None
    feelings: list[str] = field(default_factory=list)
    urge: str | None = None
    response: str | None = None
    skills: list[str] = field(default_factory=list)
    after: int | None = None

    def summary(self) -> str:
        level = (
            ""
            if self.intensity is None
            else f" ({self.intensity}" + ("" if self.after is None else f" → {self.after}") + ")"
        )
        tags = f" [{', '.join(self.tags)}]" if self.tags else ""
        return f"{self.what}{level}{tags}"

    def validate(self) -> None:
        if not self.what.strip():
            raise BadInput("a trigger needs a few words about what happened ('what')")
        _check_range("intensity", self.intensity, 0, 10)
        _check_range("after", self.after, 0, 10)


@dataclass(kw_only=True)
class Boundary(Entry):
    """A boundary moment and how it went."""

    kind: ClassVar[str] = "boundary"
    boundary: str = ""
    outcome: str | None = None
    with_: str | None = None
    feelings: list[str] = field(default_factory=list)
    note: str | None = None

    def summary(self) -> str:
        who = f" with {self.with_}" if self.with_ else ""
        outcome = f" — {self.outcome}" if self.outcome else ""
        return f"{self.boundary}{who}{outcome}"

    def validate(self) -> None:
        if not self.boundary.strip():
            raise BadInput("a boundary entry needs the boundary itself ('boundary')")
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise BadInput(f"'outcome' must be one of: {', '.join(OUTCOMES)}")


@dataclass(kw_only=True)
class Practice(Entry):
    """A breathing or grounding practice, logged when it ends."""

    kind: ClassVar[str] = "practice"
    preset: str = ""
    planned_seconds: float | None = None
    actual_seconds: float | None = None
    completed: bool = False
    before: int | None = None
    after: int | None = None

    def summary(self) -> str:
        minutes = (self.actual_seconds or 0) / 60
        done = "" if self.completed else " (stopped early)"
        change = "" if self.before is None or self.after is None else f", {self.before} → {self.after}"
        return f"{self.preset}, {minutes:.1f} min{done}{change}"

    def validate(self) -> None:
        _check_range("before", self.before, 0, 10)
        _check_range("after", self.after, 0, 10)


@dataclass(kw_only=True)
class Note(Entry):
    """A note to bring to the next session."""

    kind: ClassVar[str] = "note"
    text: str = ""

    def summary(self) -> str:
        return self.text + ("  (discussed)" if self.extra.get("discussed") else "")

    def validate(self) -> None:
        if not self.text.strip():
            raise BadInput("a note needs some text")


@dataclass(kw_only=True)
class Session(Entry):
    """A therapy session, held or ahead."""

    kind: ClassVar[str] = "session"
    date: str = ""

    def summary(self) -> str:
        return f"therapy session on {self.date}"

    def validate(self) -> None:
        from datetime import date

        try:
            day = date.fromisoformat(self.date)
        except ValueError:
            raise BadInput("'date' must be a date like 2026-11-25") from None
        if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise BadInput(f"'date' must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}")


@dataclass(kw_only=True)
class Measure(Entry):
    """A questionnaire filled in (core/measures.py): which one, each answer, the score and its band."""

    kind: ClassVar[str] = "measure"
    measure: str = ""
    title: str | None = None  # the questionnaire's title when it was filled in
    answers: list[int] = field(default_factory=list)
    score: int | None = None
    band: str | None = None
    difficulty: int | None = None

    def summary(self) -> str:
        from doingthework.core.measures import title_of

        return f"{title_of(self.measure, self.title)} {self.score}" + (f" ({self.band})" if self.band else "")

    def validate(self) -> None:
        if not self.measure.strip():
            raise BadInput("a measure needs its id ('measure')")
        if not self.answers:
            raise BadInput("a measure needs its 'answers'")
        for answer in self.answers:
            _check_range("answers", answer, 0, 1000)
        if self.score is not None and self.score != sum(self.answers):
            raise BadInput("'score' must be the sum of the answers")


@dataclass(kw_only=True)
class Journal(Entry):
    """A journal entry brought from another journal (jrnl): a title, the words, its tags, a star."""

    kind: ClassVar[str] = "journal"
    title: str | None = None
    body: str | None = None
    tags: list[str] = field(default_factory=list)
    starred: bool = False

    def summary(self) -> str:
        words = " ".join(part for part in (self.title, self.body) if part and part.strip())
        star = "★ " if self.starred else ""
        tags = f" [{', '.join(self.tags)}]" if self.tags else ""
        return f"{star}{' '.join(words.split())}{tags}"

    def validate(self) -> None:
        if not (self.title or "").strip() and not (self.body or "").strip():
            raise BadInput("a journal entry needs a title or some words ('title' or 'body')")


KINDS: dict[str, type[Entry]] = {
    cls.kind: cls for cls in (CheckIn, Trigger, Boundary, Practice, Note, Session, Measure, Journal)
}
_COERCERS: dict[type[Entry], dict[str, Any]] = {}


def _coercers(cls: type[Entry]) -> dict[str, Any]:
    """A kind's own fields and the coercer of each, worked out once (reading ten years of
    history builds thousands of entries)."""
    found = _COERCERS.get(cls)
    if found is None:
        found = _COERCERS[cls] = {
            f.name: COERCE[str(f.type)] for f in fields(cls) if f.name not in (*BASE_KEYS, "extra")
        }
    return found


def entry_from_dict(data: dict[str, Any]) -> Entry:
    """Build an entry from the JSON contract's dict; raises BadInput naming the bad field."""
    if not isinstance(data, dict):
        raise BadInput("an entry must be a JSON object")
    kind = data.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise BadInput(f"unknown kind of entry (this dtw knows {', '.join(KINDS)})")
    entry_id = data.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise BadInput("an entry needs an 'id'")
    kwargs: dict[str, Any] = {
        "id": entry_id,
        "at": read_at(data.get("at")),
        "private": _bool("private", data.get("private", False)),
    }
    coercers = _coercers(cls)
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in _NOT_OWN_OR_EXTRA:
            continue  # the base keys, read above; and the store's own, which are never the entry's
        attr = _ATTR_NAME.get(key, key)
        coerce = coercers.get(attr)
        if coerce is not None:
            kwargs[attr] = coerce(key, value)
        else:
            extra[key] = value
    kwargs["extra"] = extra
    entry = cls(**kwargs)
    entry.validate()
    return entry
