"""Bringing history from another tool (`dtw import --from jrnl|daylio FILE`).

Each source module reads its file into `SourceEntry`s (an entry of the JSON contract, without
its id, and where in the file it came from) and `Problem`s (a line that can't be read, and why,
never its words). `read_source` then gives each entry its stable id and checks it by the same
rules as any import (`check_importable`), so the result is an `ExportFile` that `plan_import`
weighs against what is here: importing the same file twice adds nothing, and an entry changed
here since is kept as it is here. Nothing is imported unless every row can be.

The stable id is the first 16 hex digits of SHA-256 over the source's name, what names the entry
there (jrnl: its date, time to the minute, and title; Daylio: its date and time) and, for a second
entry with the same name in one file, its place among them (docs/data-format.md, "Importing from
jrnl or Daylio").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from doingthework.core.errors import BadInput
from doingthework.core.models import EARLIEST_YEAR, LATEST_YEAR

SOURCES = ("jrnl", "daylio")
SHOWN_PROBLEMS = 10


@dataclass(frozen=True)
class SourceEntry:
    """One entry read from another tool's file: where it starts, what names it there, and the
    entry itself as the JSON contract has it (without `id`)."""

    line: int  # a line number, or an entry's number in a JSON file (`where` says which)
    key: str
    data: dict[str, Any]
    where: str = "line"


@dataclass(frozen=True)
class Problem:
    """A part of the file that can't be used: where, and why (never what it says)."""

    line: int
    reason: str
    where: str = "line"

    def __str__(self) -> str:
        return f"{self.where} {self.line}: {self.reason}"


def stable_id(source: str, key: str, occurrence: int) -> str:
    """The same id for the same entry of the same source, however often it is imported."""
    seed = f"{source}\x00{key}\x00{occurrence}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(seed).hexdigest()[:16]


def local_moment(naive: datetime, zone: tzinfo | None = None) -> datetime:
    """A wall-clock time from the file, in `zone` (None: this computer's time zone at that date,
    summer time included)."""
    naive = naive.replace(microsecond=0)
    if not EARLIEST_YEAR <= naive.year <= LATEST_YEAR:
        raise BadInput(f"its date must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}")
    return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()


def entry_at(
    line: int,
    moment: datetime,
    zone: tzinfo | None,
    kind: str,
    tags: list[str],
    *,
    name: str | None = None,
    where: str = "line",
    **fields: Any,
) -> SourceEntry:
    """An entry of `kind` written at `moment` (the file's wall-clock time, read in `zone`), each of
    its tags once and in order. Its file names it by that minute, and by `name` where the source
    gives entries one (jrnl's title): the key its stable id is made from."""
    key = f"{moment:%Y-%m-%d %H:%M}" if name is None else f"{moment:%Y-%m-%d %H:%M}\x00{name}"
    data = {"kind": kind, "at": local_moment(moment, zone).isoformat(), **fields}
    data["tags"] = [tag for tag in dict.fromkeys(tags) if tag.strip()]
    return SourceEntry(line=line, key=key, data=data, where=where)


def read_text(path: Path) -> str:
    """The file as text: UTF-8, a byte-order mark dropped. BadInput names what is wrong."""
    from doingthework.core.fsutil import read_given

    raw = read_given(path, "a file to import")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BadInput(
            f"{path}: line {line} is not UTF-8 text; nothing was imported",
            hint="export it again from the app, as UTF-8",
        ) from None


def too_many(path: Path, problems: list[Problem]) -> BadInput:
    """One message naming every part of the file that can't be used (the first ten)."""
    shown = [f"  {problem}" for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        shown.append(f"  ... and {len(problems) - SHOWN_PROBLEMS} more")
    count = "1 entry" if len(problems) == 1 else f"{len(problems)} entries"
    return BadInput(f"{path}: {count} in it can't be used; nothing was imported:\n" + "\n".join(shown))


def summary(plan: Any) -> str:
    """What an import from another tool does (`importing.ImportPlan`), in its own words: an entry
    that is here in another version (changed here, or in the other tool since) is kept as here."""
    parts = [f"{len(plan.new)} new", f"{plan.same} already here"]
    if plan.kept:
        parts.append(f"{plan.kept} here in another version (kept as {'it is' if plan.kept == 1 else 'they are'} here)")
    return ", ".join(parts)


def read_source(
    source: str,
    path: Path,
    *,
    limits: Any = None,
    now: datetime | None = None,
    jrnl_config: Path | None = None,
    mood_map: str | None = None,
    zone: tzinfo | None = None,
) -> Any:
    """Every entry of another tool's file, each checked as an import checks it (an
    `importing.ExportFile` for `plan_import`); BadInput names each row that can't be used."""
    from doingthework.core.importing import ExportFile, check_importable
    from doingthework.core.models import entry_from_dict

    if source == "jrnl":
        from doingthework.core.sources import jrnl

        if mood_map:
            raise BadInput("--mood-map is for Daylio's moods; a jrnl journal has none")
        found, problems = jrnl.read(path, read_text(path), jrnl.read_config(jrnl_config), zone)
    elif source == "daylio":
        from doingthework.core.sources import daylio

        if jrnl_config:
            raise BadInput("--jrnl-config is for a jrnl journal, not a Daylio export")
        moods = daylio.mood_map(mood_map, getattr(limits, "mood", None))
        found, problems = daylio.read(read_text(path), moods, zone)
    else:
        raise BadInput(f"dtw can't import from '{source}' yet", hint=f"it reads: {', '.join(SOURCES)}")
    now = now or datetime.now().astimezone()
    entries = []
    seen: dict[str, int] = {}
    for item in found:
        occurrence = seen.get(item.key, 0)
        seen[item.key] = occurrence + 1
        try:
            entry = entry_from_dict({"id": stable_id(source, item.key, occurrence), "private": False, **item.data})
            check_importable(entry, limits, now)
        except BadInput as exc:
            problems.append(Problem(item.line, exc.message, item.where))
            continue
        entries.append(entry)
    if problems:
        raise too_many(path, sorted(problems, key=lambda p: p.line))
    if not entries:
        raise BadInput(f"{path} holds no entries; nothing was imported")
    return ExportFile(entries, revised_at={}, exported_at=None, deleted=[])
