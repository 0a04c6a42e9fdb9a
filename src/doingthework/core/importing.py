"""Reading a `dtw export --format json` file back: all of it is checked before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

from doingthework.core.errors import BadInput
from doingthework.core.models import Entry, entry_from_dict

FORMAT_NAME = "doingthework"
VERSION = 1


def read_export(path: Path) -> list[Entry]:
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise BadInput(f"{path} does not exist") from None
    except OSError as exc:
        raise BadInput(f"{path} could not be read ({exc.strerror})") from None
    except (ValueError, RecursionError):
        raise BadInput(f"{path} is not a JSON file", hint="it should be written by `dtw export --format json`") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise BadInput(f"{path} is not a dtw export", hint="it should be written by `dtw export --format json`")
    if data.get("version") != VERSION:
        raise BadInput(f"{path} is export version {data.get('version')!r}; this dtw reads version {VERSION}")
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise BadInput(f"{path} has no list of entries")
    entries: list[Entry] = []
    ids: set[str] = set()
    for index, item in enumerate(raw, start=1):
        try:
            entry = entry_from_dict(item)
        except BadInput as exc:
            raise BadInput(f"{path}: entry {index} can't be used ({exc.message}); nothing was imported") from None
        if entry.id in ids:
            raise BadInput(f"{path}: entry {index} repeats an id; nothing was imported")
        ids.add(entry.id)
        entries.append(entry)
    return entries


def new_revisions(entries: list[Entry], existing: dict[str, Entry]) -> list[Entry]:
    """The entries to save: those not already here as they are. An id that is here as another
    kind of entry stops the import before anything is written (an entry never changes kind)."""
    for index, entry in enumerate(entries, start=1):
        here = existing.get(entry.id)
        if here is not None and here.kind != entry.kind:
            raise BadInput(
                f"entry {index} has the id of a {here.kind} already here but is a {entry.kind}; nothing was imported"
            )
    return [e for e in entries if existing.get(e.id) != e]
