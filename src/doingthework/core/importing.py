"""Reading a `dtw export --format json` file back, and deciding what of it is new.

All of the file is checked before anything is written, by the same rules the command line
applies to what a person types (`check_importable`). Then each entry is weighed against what
is here (`plan_import`): an import only ever adds what is new, or a newer version of what is
here. An entry changed or deleted here after the file's version of it was saved stays as it
is here; an import never deletes anything (docs/data-format.md, "Importing").
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from doingthework.core.errors import BadInput
from doingthework.core.fsutil import read_given
from doingthework.core.models import CheckIn, Entry, entry_from_dict
from doingthework.core.models import Measure as MeasureEntry

FORMAT_NAME = "doingthework"
VERSION = 1
LARGEST_NUMBER = 1_000_000  # no rating, duration or count a person writes comes near this
EXTRA_DEPTH = 16  # extra fields (thought records, newer dtw's fields) nest a level or two, not dozens
EXTRA_SIZE = 64 * 1024  # bytes of JSON in one entry's extra fields
PRACTICE_SECONDS = 24 * 3600
FUTURE_GRACE = timedelta(minutes=1)


@dataclass
class ExportFile:
    """What an export file holds, checked."""

    entries: list[Entry]
    revised_at: dict[str, datetime]  # entry id -> when the file's version of it was saved
    exported_at: datetime | None
    deleted: list[dict[str, Any]]  # tombstones: entries deleted where the file was made


@dataclass
class ImportPlan:
    """What an import would do, before it does it."""

    new: list[Entry] = field(default_factory=list)
    updated: list[tuple[Entry, datetime]] = field(default_factory=list)  # (the file's version, its old `at` here)
    same: int = 0  # already here, exactly as in the file
    kept: int = 0  # changed or deleted here after the file's version: kept as it is here
    deleted_there: int = 0  # deleted where the file was made, still here: kept

    @property
    def to_write(self) -> list[Entry]:
        return self.new + [entry for entry, _ in self.updated]

    def summary(self) -> str:
        parts = [f"{len(self.new)} new", f"{self.same} already here"]
        if self.updated:
            parts.append(f"{len(self.updated)} updated (newer in the file)")
        parts.append(f"{self.kept} newer here (kept)")
        if self.deleted_there:
            parts.append(
                f"{self.deleted_there} deleted in the file but still here (kept; delete them here if you meant to)"
            )
        return ", ".join(parts)


def read_export(
    path: Path, limits: Any = None, now: datetime | None = None, measures: dict[str, Any] | None = None
) -> ExportFile:
    """The file's entries, every one checked (`check_importable`); BadInput names the first that
    can't be used, by its place in the file, and nothing is imported."""
    try:
        data = json.loads(read_given(path, "an export file"))
    except RecursionError:
        raise BadInput(f"{path} is nested too deeply to be a dtw export; nothing was imported") from None
    except ValueError as exc:
        if "digits" in str(exc):  # Python refuses integers of thousands of digits
            raise BadInput(f"{path} holds a number too long to be real; nothing was imported") from None
        raise BadInput(
            f"{path} is not a JSON file", hint="it should be written by `dtw export --format json`"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise BadInput(f"{path} is not a dtw export", hint="it should be written by `dtw export --format json`")
    if data.get("version") != VERSION:
        version = data.get("version")
        shown = (
            version
            if isinstance(version, int) and not isinstance(version, bool) and abs(version) < 10**6
            else "unknown"
        )
        raise BadInput(f"{path} is export version {shown}; this dtw reads version {VERSION}")
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise BadInput(f"{path} has no list of entries")
    now = now or datetime.now().astimezone()
    entries: list[Entry] = []
    ids: set[str] = set()
    for index, item in enumerate(raw, start=1):
        try:
            entry = entry_from_dict(item)
            check_importable(entry, limits, now, measures)
        except BadInput as exc:
            raise BadInput(f"{path}: entry {index} can't be used ({exc.message}); nothing was imported") from None
        except (RecursionError, OverflowError, ValueError):
            raise BadInput(
                f"{path}: entry {index} can't be used (it holds a value too large or deep to be real); "
                "nothing was imported"
            ) from None
        if entry.id in ids:
            raise BadInput(f"{path}: entry {index} repeats an id; nothing was imported")
        ids.add(entry.id)
        entries.append(entry)
    return ExportFile(
        entries,
        _revised_at(path, data.get("revised_at")),
        _moment(data.get("exported_at")),
        _deleted(data.get("deleted")),
    )


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _revised_at(path: Path, value: Any) -> dict[str, datetime]:
    if value is None:
        return {}  # a file from before dtw wrote these: exported_at stands in for every entry
    if not isinstance(value, dict):
        raise BadInput(f"{path}: 'revised_at' must map entry ids to times; nothing was imported")
    out: dict[str, datetime] = {}
    for key, when in value.items():
        moment = _moment(when)
        if moment is None:
            raise BadInput(f"{path}: 'revised_at' holds a time that can't be read; nothing was imported")
        out[key] = moment
    return out


def _deleted(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [t for t in value if isinstance(t, dict) and isinstance(t.get("id"), str) and _moment(t.get("deleted_at"))]


def check_importable(entry: Entry, limits: Any, now: datetime, measures: dict[str, Any] | None = None) -> None:
    """The command line's rules, for an entry that comes from a file: its time between 1900 and
    now (a session may be ahead, up to 2200: models.py refuses the rest), ratings on their scales, sane numbers, and extra
    fields of a sane depth and size. `limits` is the check-in form (core/checkin.checkin_form),
    or None for the default scales; `measures` the questionnaires known here (core/measures.py
    `known`), or None for the built-in ones: a filled-in one must have an allowed answer for each
    of its questions, as `dtw measure --answers` does. One this dtw doesn't know keeps the
    model's own checks (whole answers; the score their sum)."""
    from doingthework.core.checkin import DEFAULT_ENERGY, DEFAULT_MOOD

    # the years 1900-2200 (and a session's date) are the model's own rules (core/models.py)
    if entry.kind != "session" and entry.at > now + FUTURE_GRACE:
        raise BadInput("'at' is in the future; entries can only be dated now or earlier")
    for name, value in _numbers(entry):
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if is_number and (not math.isfinite(value) or abs(value) > LARGEST_NUMBER):
            raise BadInput(f"{name if name.startswith('a ') else repr(name)} is too large a number")
    if isinstance(entry, CheckIn):
        mood = getattr(limits, "mood", None) or DEFAULT_MOOD
        energy = getattr(limits, "energy", None) or DEFAULT_ENERGY
        scales = {s.name: s for s in getattr(limits, "scales", [])}
        for name, scale in (("mood", mood), ("energy", energy)):
            value = getattr(entry, name)
            if value is not None and not scale.min <= value <= scale.max:
                raise BadInput(f"'{name}' must be between {scale.min:g} and {scale.max:g}")
        for name, rating in entry.scales.items():
            scale = scales.get(name)
            if scale is not None and rating is not None and not scale.min <= rating <= scale.max:
                raise BadInput(f"the scale '{name}' must be between {scale.min:g} and {scale.max:g}")
    if isinstance(entry, MeasureEntry):
        from doingthework.core.measures import known

        definition = (known(None) if measures is None else measures).get(entry.measure)
        if definition is not None:
            definition.check(entry.answers, entry.difficulty)
    if entry.kind == "practice":
        for name in ("planned_seconds", "actual_seconds"):
            value = getattr(entry, name)
            if value is not None and not 0 <= value <= PRACTICE_SECONDS:
                raise BadInput(f"'{name}' must be between 0 and {PRACTICE_SECONDS}")
    if entry.extra:
        _check_extra(entry.extra)


def _numbers(entry: Entry) -> list[tuple[str, Any]]:
    """The entry's own numeric fields and named scales, by name."""
    out = [(name, getattr(entry, name)) for name in entry.own_fields()]
    out += [("a scale's value", value) for value in getattr(entry, "scales", {}).values()]  # names are the file's
    return out


def _check_extra(extra: dict[str, Any]) -> None:
    stack: list[tuple[Any, int]] = [(extra, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > EXTRA_DEPTH:
            raise BadInput(f"its extra fields nest more than {EXTRA_DEPTH} levels deep")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
        elif (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and ((isinstance(value, float) and not math.isfinite(value)) or abs(value) > 10**15)
        ):
            raise BadInput("its extra fields hold a number too large to be real")
    if len(json.dumps(extra, ensure_ascii=False).encode("utf-8", "surrogatepass")) > EXTRA_SIZE:
        raise BadInput(f"its extra fields are larger than {EXTRA_SIZE // 1024} KB")


def plan_import(file: ExportFile, here: dict[str, Any]) -> ImportPlan:
    """Weigh each entry of the file against the newest revision here (`Store.newest_here`).

    The file's version of an entry is as new as its `revised_at` time or, in a file from
    before dtw wrote those, as its `exported_at`. Here wins whenever it was saved later; with
    neither time known, here wins too. An id that is here as another kind of entry stops the
    import before anything is written (an entry never changes kind).
    """
    plan = ImportPlan()
    for index, entry in enumerate(file.entries, start=1):
        rev = here.get(entry.id)
        if rev is None:
            plan.new.append(entry)
            continue
        if rev.entry is not None and rev.entry.kind != entry.kind:
            raise BadInput(
                f"entry {index} has the id of a {rev.entry.kind} already here but is a {entry.kind}; nothing was imported"
            )
        if rev.entry is not None and rev.entry == entry:
            plan.same += 1
            continue
        theirs = file.revised_at.get(entry.id) or file.exported_at
        ours = _moment(rev.record.get("saved_at"))
        if theirs is None or ours is None or ours >= theirs:
            plan.kept += 1  # changed or deleted here after the file's version was saved
            continue
        if rev.entry is None:
            plan.new.append(entry)  # deleted here, then changed there later: the newer wins
        else:
            plan.updated.append((entry, rev.entry.at))
    for tombstone in file.deleted:
        rev = here.get(tombstone["id"])
        if rev is not None and rev.entry is not None:
            plan.deleted_there += 1
    return plan
