"""The one door to entries.

Layout (docs/data-format.md): append-only JSON Lines, one file per month per device,
`entries/YYYY-MM.<device>.jsonl`. Every line is a whole revision of one entry, or a
tombstone. Reads merge every file of the months asked for and keep, for each id, the
newest revision by (`saved_at`, `device`) — so files copied between machines, or
sync-conflict copies of them, merge without loss or duplicates.

Every write holds an inter-process lock, appends one line, and fsyncs before returning.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from doingthework.core.errors import BadInput, StoreError
from doingthework.core.fsutil import (
    FileLock,
    LinkRefused,
    Refused,
    append_durably,
    ensure_private_dir,
    is_link,
    read_nofollow,
    replace_durably,
    tighten_file,
    undo_append,
)
from doingthework.core.models import (
    KINDS,
    Entry,
    entry_from_dict,
    format_at,
    normalise_tag,
)
from doingthework.core.paths import Paths
from doingthework.core.periods import Period, month_key, months_between
from doingthework.core.vault import CUT_OFF, PassphraseSource, Vault, looks_encrypted

FORMAT_VERSION = 1
CANONICAL_NAME = re.compile(r"^(\d{4}-\d{2})\.([0-9a-z]+)\.jsonl$")
ENTRY_FILE_NAME = re.compile(r"^(\d{4}-\d{2})\..*\.jsonl$")
LOCK_TIMEOUT_SECONDS = 15
ALL_TIME = Period()  # a query's default: every entry (a Period is frozen, so one serves every call)


@dataclass(frozen=True)
class Damage:
    """A line that could not be read. Says where and why, never what the line holds.

    `newer` marks a line a newer dtw wrote (another format version or kind of entry): it is
    skipped and reported, but it is not damaged, so repair leaves it where it is.
    """

    path: Path
    line: int
    reason: str
    newer: bool = False

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return f"{where}: {self.reason}"


@dataclass
class Revision:
    """One line of an entries file, parsed; `entry` is None for a tombstone."""

    record: dict[str, Any]
    entry: Entry | None
    path: Path
    line: int

    @property
    def id(self) -> str:
        entry_id: str = self.record["id"]  # a line without a string id is damage, never a Revision
        return entry_id

    @property
    def deleted(self) -> bool:
        return self.entry is None

    @property
    def order(self) -> tuple[str, str]:
        return (self.record["saved_at"], self.record["device"])


@dataclass
class FileRead:
    """What one entries file held: its revisions, and any lines that could not be read."""

    revisions: list[Revision] = field(default_factory=list)
    damage: list[Damage] = field(default_factory=list)


@dataclass
class QueryResult:
    """The entries a query found, and any damage met on the way."""

    entries: list[Entry]
    damage: list[Damage]


def entry_files(entries_dir: Path) -> list[Path]:
    """Every entries file, canonical ones and sync-conflict copies alike, by name.

    Links are never followed: a link among the files is left out (`dtw doctor` names it), and a
    link as the entries or data folder stops the read with a StoreError.
    """
    for folder in (entries_dir.parent, entries_dir):
        if is_link(folder):
            raise StoreError(_describe_os_error(LinkRefused(folder), "read your entries"))
    try:
        names = [e.name for e in os.scandir(entries_dir) if e.is_file(follow_symlinks=False)]
    except FileNotFoundError:
        return []
    except OSError as exc:  # a file where the data folder should be, a folder that can't be read
        if exc.errno == errno.ENOTDIR:  # name the one that is a file, not the folder below it
            blocking = next(
                (f for f in (entries_dir.parent, entries_dir) if f.exists() and not f.is_dir()), entries_dir
            )
            exc = NotADirectoryError(errno.ENOTDIR, exc.strerror, str(blocking))
        raise StoreError(_describe_os_error(exc, "read your entries")) from None
    return sorted(entries_dir / n for n in names if ENTRY_FILE_NAME.match(n))


def is_conflict_copy(path: Path) -> bool:
    return ENTRY_FILE_NAME.match(path.name) is not None and CANONICAL_NAME.match(path.name) is None


def kinds_filter(kinds: frozenset[str]) -> tuple[re.Pattern[bytes], ...]:
    """Patterns that together match every line that could be a revision of an entry of `kinds`.

    A line that names its kind in plain bytes, any tombstone, and (so that nothing is ever
    missed) any line with a JSON \\u escape, which could spell a kind in another way. Every
    revision of an entry has the same kind (the store refuses to change it), so the newest
    revision of each wanted entry is always among the matches. Three patterns, not one with
    alternatives: each starts with a literal, which makes a scan ten times faster.
    """
    names = b"|".join(re.escape(k.encode("utf-8")) for k in sorted(kinds))
    return (
        re.compile(rb'"kind"[ \t\r]*:[ \t\r]*"(?:' + names + rb')"'),
        re.compile(rb'"deleted"'),
        re.compile(rb"\\u"),
    )


def parse_lines(path: Path, data: bytes, only: tuple[re.Pattern[bytes], ...] | None = None) -> FileRead:
    """Parse the bytes of an entries file into revisions and damage.

    With `only`, lines none of its patterns match are skipped unparsed (a read for some kinds of entry,
    see `kinds_filter`); damage is then reported only for the lines that were read.
    """
    result = FileRead()
    torn = data != b"" and not data.endswith(b"\n")
    # a last line without its newline: whole if it parses (a hand edit, a copy, another tool),
    # cut off by an interrupted write if it doesn't (every record ends in "}", so a cut one never does)
    last = data.count(b"\n") + 1 if torn else 0
    for number, raw in _numbered_lines(data, only):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError as exc:
            # a write cut off inside a character leaves bytes that are not UTF-8: still a cut-off write
            if number == last:
                reason = CUT_OFF
            elif isinstance(exc, UnicodeDecodeError):
                reason = "not UTF-8 text"
            else:
                reason = "not valid JSON"
            result.damage.append(Damage(path, number, reason))
            continue
        except RecursionError:
            result.damage.append(Damage(path, number, "nested too deeply to be an entry"))
            continue
        try:
            entry = _record_entry(record)
        except NewerRecord as exc:
            result.damage.append(Damage(path, number, exc.message, newer=True))
            continue
        except BadInput as exc:
            result.damage.append(Damage(path, number, exc.message))
            continue
        result.revisions.append(Revision(record, entry, path, number))
    return result


def _numbered_lines(data: bytes, only: tuple[re.Pattern[bytes], ...] | None) -> Iterable[tuple[int, bytes]]:
    """(line number, line) for every line, or with `only` for the lines its patterns match, and
    the last line whatever it holds (so that a cut-off one is always reported). The patterns run
    over the whole file at once: a year of files is scanned in under a millisecond."""
    if only is None:
        lines = data.split(b"\n")
        if lines[-1] == b"":
            lines.pop()
        yield from enumerate(lines, start=1)
        return
    number, counted_to, start = 1, 0, -1
    for at in sorted(match.start() for pattern in only for match in pattern.finditer(data)):
        if at < start:
            continue  # a second match on a line already given
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        number += data.count(b"\n", counted_to, start)
        counted_to = start
        if end == -1:
            end = len(data)
        yield number, data[start:end]
        start = end
    if data and not data.endswith(b"\n") and start < len(data):
        tail = data.rfind(b"\n") + 1
        yield data.count(b"\n") + 1, data[tail:]


class NewerRecord(BadInput):
    """A record this dtw can't read because a newer one wrote it."""


def _record_entry(record: Any) -> Entry | None:
    """The entry a record holds (None for a tombstone); BadInput says what is wrong with it."""
    if not isinstance(record, dict):
        raise BadInput("not an entry object")
    version = record.get("v")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise NewerRecord(f"written by a newer dtw (format version {version}); update dtw to read it")
    if version != FORMAT_VERSION:
        raise BadInput(f"unknown format version (this dtw reads version {FORMAT_VERSION})")
    kind = record.get("kind")
    if not record.get("deleted") and not isinstance(kind, str):
        raise BadInput("'kind' must be text")
    if not record.get("deleted") and kind not in KINDS:
        raise NewerRecord("a kind of entry this dtw doesn't know (perhaps from a newer dtw); update dtw to read it")
    for key in ("id", "saved_at", "device"):
        if not isinstance(record.get(key), str) or not record[key]:
            raise BadInput(f"missing '{key}'")
    if record.get("deleted"):
        return None
    return entry_from_dict(record)  # it leaves out the store's own keys (models.RESERVED_KEYS) itself


def first_saved(revisions: Iterable[Revision]) -> dict[str, str]:
    """When each id was first saved: its earliest revision's `saved_at` among those read."""
    first: dict[str, str] = {}
    for rev in revisions:
        saved = rev.record["saved_at"]
        if rev.id not in first or saved < first[rev.id]:
            first[rev.id] = saved
    return first


def newest_revisions(revisions: Iterable[Revision]) -> dict[str, Revision]:
    newest: dict[str, Revision] = {}
    for rev in revisions:
        current = newest.get(rev.id)
        if current is None or rev.order > current.order:
            newest[rev.id] = rev
    return newest


def encode_record(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


class Store:
    """Add, update, delete and query entries. Safe across processes and synced machines."""

    def __init__(self, paths: Paths, passphrase: PassphraseSource | None = None) -> None:
        self.paths = paths
        # encryption at rest (core/vault.py): the passphrase is asked for only when an encrypted file is met
        self.vault = Vault(paths, passphrase)
        self._device: str | None = None
        self._last_saved: datetime | None = None
        # (path, kinds or None for every kind) -> (size and mtime when read, what was read)
        self._cache: dict[tuple[Path, frozenset[str] | None], tuple[tuple[int, int], FileRead]] = {}

    # ---- where things live ----------------------------------------------------------
    @property
    def device(self) -> str:
        """This machine's id, kept in the state dir so that it never syncs."""
        if self._device is None:
            self._device = _load_or_create_device_id(self.paths.device_file)
        return self._device

    def file_for(self, at: datetime) -> Path:
        return self.paths.entries_dir / f"{month_key(at)}.{self.device}.jsonl"

    def files_for(self, since: datetime | None, until: datetime | None) -> list[Path]:
        files = entry_files(self.paths.entries_dir)
        span = months_between(since, until)
        if span is None:
            return files
        first, last = span
        return [p for p in files if first <= p.name[:7] <= last]

    def first_month(self) -> str | None:
        """The earliest 'YYYY-MM' any entries file holds, or None with no entries."""
        files = entry_files(self.paths.entries_dir)
        return min((p.name[:7] for p in files), default=None)

    # ---- reading ----------------------------------------------------------------------
    def read_file(self, path: Path, kinds: frozenset[str] | None = None) -> FileRead:
        """Parse one file, reusing the last parse while the file is unchanged.

        With `kinds`, only the lines that could hold those kinds are parsed (`kinds_filter`):
        the agenda's look-back for notes then costs a scan of a year's bytes, not a parse of
        every entry in them. A whole read already made serves too.
        """
        try:
            st = path.stat()
        except FileNotFoundError:
            for key in list(self._cache):  # a copy first: a worker thread may be adding to it
                if key[0] == path:
                    self._cache.pop(key, None)
            return FileRead()
        stamp = (st.st_size, st.st_mtime_ns)
        for key in ((path, None), (path, kinds)) if kinds else ((path, None),):
            cached = self._cache.get(key)
            if cached and cached[0] == stamp:
                return cached[1]
        try:
            data = read_nofollow(path)
        except FileNotFoundError:
            return FileRead()
        except OSError as exc:
            return FileRead(damage=[Damage(path, 0, f"the whole file could not be read ({exc.strerror})")])
        data, damage = self.plain(path, data)
        result = parse_lines(path, data, kinds_filter(kinds) if kinds else None)
        result.damage[:0] = damage
        self._cache[(path, kinds)] = (stamp, result)
        return result

    def parse(self, path: Path) -> FileRead:
        """Parse one file afresh, uncached (for doctor, which rewrites files)."""
        data, damage = self.plain(path, read_nofollow(path))
        result = parse_lines(path, data)
        result.damage[:0] = damage
        return result

    def plain(self, path: Path, data: bytes) -> tuple[bytes, list[Damage]]:
        """A file's bytes as plain JSON Lines, line for line: an encrypted file decrypted (its
        header and any damaged record as empty lines), with the damage met doing so. A file this
        passphrase can't open as a whole (another device's key, a damaged header) reads as empty,
        named as kept, never as damage to repair."""
        if not looks_encrypted(data):
            return data, []
        from doingthework.core.crypto import BadHeader, UnknownKey

        if not self.vault.key_files():  # its key record hasn't arrived (a sync still under way?)
            reason = "encrypted, and no key record for it is in this folder yet; the file is kept as it is"
            return b"", [Damage(path, 1, reason, newer=True)]
        from doingthework.core.crypto import Locked

        try:
            plain, bad = self.vault.decode(data)
        except (UnknownKey, BadHeader) as exc:
            return b"", [Damage(path, 1, f"encrypted, and {exc.message}; the file is kept as it is", newer=True)]
        except Locked:
            if not self.vault.unlocks_elsewhere:
                raise
            # the app, which never asks in the terminal: a file encrypted since it was opened
            reason = "encrypted since dtw was opened; open dtw again to unlock it. The file is kept as it is"
            return b"", [Damage(path, 1, reason, newer=True)]
        return plain, [Damage(path, line, reason) for line, reason in bad]

    def _revisions(
        self, files: Iterable[Path], kinds: frozenset[str] | None = None
    ) -> tuple[list[Revision], list[Damage]]:
        revisions: list[Revision] = []
        damage: list[Damage] = []
        for path in files:
            read = self.read_file(path, kinds)
            revisions.extend(read.revisions)
            damage.extend(read.damage)
        return revisions, damage

    def query(
        self,
        period: Period = ALL_TIME,
        kinds: Iterable[str] | None = None,
        tag: str | None = None,
        search: str | None = None,
    ) -> QueryResult:
        """Entries in `period`, oldest first, with any damage met on the way."""
        kinds = frozenset(kinds) if kinds else None
        revisions, damage = self._revisions(self.files_for(period.since, period.until), kinds)
        wanted_tag = normalise_tag(tag) if tag else None
        needle = search.casefold() if search else None
        found: list[tuple[Entry, str]] = []
        saved_first = first_saved(revisions)
        for rev in newest_revisions(revisions).values():
            entry = rev.entry
            if entry is None:  # deleted
                continue
            if entry.at not in period or (kinds and entry.kind not in kinds):
                continue
            if wanted_tag and wanted_tag not in {normalise_tag(t) for t in getattr(entry, "tags", [])}:
                continue
            if needle and not any(needle in text.casefold() for text in entry.text_fields()):
                continue
            found.append((entry, saved_first[rev.id]))
        # by when they happened; two in the same second in the order they were first saved
        found.sort(key=lambda pair: (pair[0].at, pair[1], pair[0].id))
        return QueryResult([entry for entry, _ in found], damage)

    def revision_times(self, period: Period = ALL_TIME) -> tuple[dict[str, str], list[dict[str, Any]]]:
        """For an export: when each entry of `period` was last changed (its newest revision's
        `saved_at`), and the entries of `period` deleted here, as tombstones with `deleted_at`."""
        revisions, _ = self._revisions(self.files_for(period.since, period.until))
        changed: dict[str, str] = {}
        deleted: list[dict[str, Any]] = []
        for rev in newest_revisions(revisions).values():
            if rev.entry is not None:
                if rev.entry.at in period:
                    changed[rev.id] = rev.record["saved_at"]
                continue
            try:
                at = datetime.fromisoformat(rev.record["at"])
            except (KeyError, TypeError, ValueError):
                continue
            if at.tzinfo is not None and at in period:
                deleted.append(
                    {
                        "id": rev.id,
                        "kind": rev.record.get("kind"),
                        "at": rev.record["at"],
                        "deleted_at": rev.record["saved_at"],
                    }
                )
        return changed, sorted(deleted, key=lambda t: (t["at"], t["id"]))

    def newest_here(self) -> dict[str, Revision]:
        """Every id's newest revision, tombstones included (import decides against these)."""
        revisions, _ = self._revisions(entry_files(self.paths.entries_dir))
        return newest_revisions(revisions)

    def latest(self, kind: str, before: datetime | None = None) -> Entry | None:
        """The newest entry of `kind` at or before `before`. Reads month files newest first and
        stops at the first month that has one, so a weekly session costs a file or two."""
        files = entry_files(self.paths.entries_dir)
        for month in sorted({p.name[:7] for p in files}, reverse=True):
            revisions, _ = self._revisions((p for p in files if p.name[:7] == month), frozenset([kind]))
            candidates = [
                r.entry
                for r in newest_revisions(revisions).values()
                if r.entry is not None and r.entry.kind == kind and (before is None or r.entry.at <= before)
            ]
            if candidates:
                best = max(candidates, key=lambda e: (e.at, e.id))
                # a proper read around it: a newer revision may sit in a neighbouring month's file
                nearby = self.query(Period(best.at - timedelta(days=31), before), kinds=[kind]).entries
                return nearby[-1] if nearby else None
        return None

    def add_many(self, entries: list[Entry], old_at: dict[str, datetime] | None = None) -> None:
        """Save several entries under one lock, one durable append per month file (import).
        An entry in `old_at` is a new revision of one here: like `update`, a revision whose month
        changed goes to the old month's file too."""
        for entry in entries:
            _check_round_trip(entry)
        old_at = old_at or {}
        by_file: dict[Path, list[bytes]] = {}
        with self._locked():
            for entry in entries:
                record = {
                    "v": FORMAT_VERSION,
                    **entry.to_dict(),
                    "saved_at": self._next_saved_at(),
                    "device": self.device,
                }
                targets = {self.file_for(entry.at)}
                if entry.id in old_at:
                    targets.add(self.file_for(old_at[entry.id]))
                for target in sorted(targets):
                    by_file.setdefault(target, []).append(encode_record(record))
            self._append({path: b"".join(lines) for path, lines in by_file.items()})

    def get(self, entry_id: str) -> Entry | None:
        """The newest revision of one entry, or None if it never was or was deleted."""
        rev = self._find(entry_id)
        return None if rev is None else rev.entry

    def _find(self, entry_id: str) -> Revision | None:
        marker = json.dumps(entry_id).encode("utf-8")
        best: Revision | None = None
        for path in entry_files(self.paths.entries_dir):
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            if marker not in data and not looks_encrypted(data):
                continue  # cheap skip: most files never mention this id
            for rev in self.read_file(path).revisions:
                if rev.id == entry_id and (best is None or rev.order > best.order):
                    best = rev
        return best

    # ---- writing ----------------------------------------------------------------------
    def add(self, entry: Entry) -> Entry:
        _check_round_trip(entry)
        with self._locked():
            self._write(entry.to_dict(), [self.file_for(entry.at)])
        return entry

    def update(self, entry: Entry) -> Entry:
        """Save a new revision. If its month changed, the old month's file learns too."""
        _check_round_trip(entry)
        with self._locked():
            previous = self._find(entry.id)
            if previous is None or previous.entry is None:  # never was, or deleted
                raise BadInput(f"no entry has the id '{entry.id}'")
            if previous.entry.kind != entry.kind:
                # every revision of an entry has one kind: reads for some kinds rely on it
                raise BadInput(f"entry '{entry.id}' is a {previous.entry.kind}; it can't become a {entry.kind}")
            targets = [self.file_for(entry.at)]
            old_at = previous.entry.at
            if month_key(old_at) != month_key(entry.at):
                # the revision goes to both months so a read of either sees the newest
                targets.append(self.file_for(old_at))
            self._write(entry.to_dict(), targets)
        return entry

    def delete(self, entry_id: str) -> Entry:
        """Append a tombstone; the earlier revisions stay on disk (see docs/data-format.md)."""
        with self._locked():
            previous = self._find(entry_id)
            entry = None if previous is None else previous.entry
            if entry is None:  # never was, or deleted
                raise BadInput(f"no entry has the id '{entry_id}'")
            tombstone = {"id": entry.id, "kind": entry.kind, "at": format_at(entry.at), "deleted": True}
            self._write(tombstone, [self.file_for(entry.at)])
        return entry

    def erase(self, entry_id: str) -> tuple[int, int]:
        """Delete an entry and remove every revision of it from this device's files, so its words
        are gone from them: a tombstone stays (other devices' copies stay hidden), each file is
        rewritten whole through a temporary file (a kill leaves it as it was or without them).
        Works on an entry deleted before, too. Returns how many revisions were removed, and how
        many are left in other devices' files (they go when those devices erase or compact)."""
        with self._locked():
            newest = self._find(entry_id)
            if newest is None:
                raise BadInput(f"no entry has the id '{entry_id}'")
            if newest.entry is not None:  # hidden first: a kill after this loses nothing
                entry = newest.entry
                tombstone = {"id": entry.id, "kind": entry.kind, "at": format_at(entry.at), "deleted": True}
                self._write(tombstone, [self.file_for(entry.at)])
            # then read the files as they are now (that write may have encrypted one whole), still locked
            own = set(self.own_files())
            found: list[Revision] = []
            elsewhere = 0
            for path in entry_files(self.paths.entries_dir):
                for rev in self.parse(path).revisions:
                    if rev.id == entry_id and rev.entry is not None:
                        if path in own:
                            found.append(rev)
                        else:
                            elsewhere += 1
            by_file: dict[Path, set[int]] = {}
            for rev in found:
                by_file.setdefault(rev.path, set()).add(rev.line)
            for path, lines in by_file.items():
                self.rewrite_without(path, lines)
        return len(found), elsewhere

    def compact(self) -> int:
        """Rewrite this device's files without superseded revisions (earlier revisions of an edited
        entry, and the words of deleted ones: their tombstones stay). Damaged lines and lines from
        a newer dtw are kept. Returns how many revisions were removed."""
        removed = 0
        with self._locked():
            revisions, _ = self._revisions(entry_files(self.paths.entries_dir))
            newest = newest_revisions(revisions)
            for path in self.own_files():
                stale = {
                    rev.line
                    for rev in self.parse(path).revisions
                    if (best := newest.get(rev.id)) is not None and rev.order < best.order
                }
                if stale:
                    self.rewrite_without(path, stale)
                    removed += len(stale)
        return removed

    def own_files(self) -> list[Path]:
        """This device's entries files (the ones it writes; never another device's)."""
        return [
            p
            for p in entry_files(self.paths.entries_dir)
            if (m := CANONICAL_NAME.match(p.name)) is not None and m.group(2) == self.device
        ]

    def rewrite_without(self, path: Path, lines: set[int]) -> None:
        """Rewrite one file whole without the given line numbers (each other line as it was: an
        encrypted file keeps its header and its other records). The caller holds the lock."""
        raw = read_nofollow(path).split(b"\n")
        if raw and raw[-1] == b"":
            raw.pop()
        kept = [line for number, line in enumerate(raw, start=1) if number not in lines and line.strip()]
        replace_durably(path, b"".join(line + b"\n" for line in kept))
        self._forget(path)

    def add_revisions(self, records: list[dict[str, Any]]) -> None:
        """Append already-made revisions as they are (used by repair to fold sync-conflict copies)."""
        with self._locked():
            for record in records:
                at = datetime.fromisoformat(record["at"])
                self._append({self.file_for(at): encode_record(record)})

    # ---- drafts: unsaved forms, kept so that a crash or a closed terminal loses nothing ----
    def save_draft(self, name: str, data: dict[str, Any]) -> None:

        try:
            ensure_private_dir(self.paths.data_dir)
            ensure_private_dir(self.paths.drafts_dir)
            body = {"v": FORMAT_VERSION, "saved_at": datetime.now(UTC).isoformat(), "fields": data}
            raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
            replace_durably(
                self.paths.drafts_dir / f"{name}.json", self.vault.encode(raw) if self.vault.enabled else raw
            )
        except OSError as exc:
            raise StoreError(_describe_os_error(exc, "keep your draft")) from None

    def load_draft(self, name: str) -> tuple[dict[str, Any], datetime] | None:
        """A draft and when it was kept; a damaged draft is set aside in quarantine, never lost."""
        path = self.paths.drafts_dir / f"{name}.json"
        if is_link(self.paths.data_dir) or is_link(self.paths.drafts_dir):
            return None  # never read through a linked folder; `dtw doctor` names it
        try:
            raw = read_nofollow(path)  # a link is set aside below, as a link, unread
            if looks_encrypted(raw):
                raw, damage = self.plain(path, raw)
                if damage:
                    if damage[0].newer:
                        return None  # under a key this passphrase doesn't open: kept as it is
                    raise ValueError("a damaged draft")
            body = json.loads(raw)
            return dict(body["fields"]), datetime.fromisoformat(body["saved_at"])
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, OSError, RecursionError):
            try:
                ensure_private_dir(self.paths.quarantine_dir)
                os.rename(path, self.paths.quarantine_dir / f"draft-{name}.{secrets.token_hex(4)}.damaged")
            except OSError:
                pass  # an unreadable draft we can't move is left where it is, untouched
            return None

    def clear_draft(self, name: str) -> None:
        try:
            (self.paths.drafts_dir / f"{name}.json").unlink()
        except FileNotFoundError:
            pass

    def add_raw_lines(self, month: str, lines: list[bytes]) -> None:
        """Keep lines this dtw can't read (from a newer one) in this device's file for `month`."""
        with self._locked():
            target = self.paths.entries_dir / f"{month}.{self.device}.jsonl"
            self._append({target: b"".join(line.rstrip(b"\n") + b"\n" for line in lines)})

    def _write(self, body: dict[str, Any], targets: list[Path]) -> None:
        record = {"v": FORMAT_VERSION, **body, "saved_at": self._next_saved_at(), "device": self.device}
        line = encode_record(record)
        self._append(dict.fromkeys(targets, line))

    def _append(self, lines_by_file: dict[Path, bytes]) -> None:
        """Append each file's bytes, all or nothing: if one fails, put back the ones already written."""
        done: list[tuple[Path, int]] = []
        try:
            ensure_private_dir(self.paths.entries_dir)
            if self.vault.enabled:
                lines_by_file = {path: self._sealed(path, data) for path, data in lines_by_file.items()}
            for path, data in lines_by_file.items():
                size = path.stat().st_size if path.exists() else -1
                append_durably(path, data)
                done.append((path, size))
        except OSError as exc:
            for path, size in done:
                undo_append(path, size)
            raise StoreError(_describe_os_error(exc, "save")) from None

    def _sealed(self, path: Path, plain: bytes) -> bytes:
        """With encryption on: the records to append for these plain lines. A plain file of this
        device's (kept from before, or left by an interrupted `dtw encrypt`) is encrypted first."""
        sealed = self.vault.for_append(path, plain)
        if sealed is None:
            self.encrypt_file(path)
            sealed = self.vault.for_append(path, plain)
            assert sealed is not None
        return sealed

    def encrypt_file(self, path: Path) -> bool:
        """Rewrite one plain file encrypted, all or nothing (a temporary file, fsync, rename).
        False when it was encrypted already. The caller holds the lock."""
        data = read_nofollow(path)
        if looks_encrypted(data):
            return False
        replace_durably(path, self.vault.encode(data))
        self._forget(path)
        return True

    def decrypt_file(self, path: Path) -> bool:
        """Rewrite one encrypted file as plain JSON Lines, all or nothing. False when it was plain
        already; CannotRead (nothing written) when a record can't be decrypted, so nothing is lost."""
        from doingthework.core.vault import CannotRead

        data = read_nofollow(path)
        if not looks_encrypted(data):
            return False
        plain, damage = self.vault.decode(data)
        if damage:
            raise CannotRead(
                f"{path.name} line {damage[0][0]}: {damage[0][1]}; the file is kept encrypted",
                hint="`dtw doctor --repair` sets damaged records aside; then run this again",
            )
        replace_durably(path, b"".join(line + b"\n" for line in plain.split(b"\n") if line.strip()))
        self._forget(path)
        return True

    def _forget(self, path: Path) -> None:
        for key in list(self._cache):
            if key[0] == path:
                self._cache.pop(key, None)

    def _next_saved_at(self) -> str:
        moment = datetime.now(UTC)
        if self._last_saved and moment <= self._last_saved:
            moment = self._last_saved + timedelta(microseconds=1)
        self._last_saved = moment
        return moment.isoformat(timespec="microseconds")

    def _locked(self) -> _WriteLock:
        try:
            ensure_private_dir(self.paths.data_dir)
        except OSError as exc:
            raise StoreError(_describe_os_error(exc, "open the data folder")) from None
        return _WriteLock(FileLock(self.paths.lock_file, timeout=LOCK_TIMEOUT_SECONDS))

    def lock(self) -> _WriteLock:
        """The writers' lock, for maintenance that rewrites files (doctor --repair)."""
        return self._locked()


class _WriteLock:
    """The store's lock, with its failures said in plain words."""

    def __init__(self, lock: FileLock) -> None:
        self.lock = lock

    def __enter__(self) -> None:
        try:
            self.lock.acquire()
        except TimeoutError:
            raise StoreError(
                "another dtw has been writing for a while, so nothing was saved; please try again"
            ) from None
        except OSError as exc:
            raise StoreError(_describe_os_error(exc, "lock the data folder")) from None
        try:
            tighten_file(self.lock.path)
        except OSError:
            pass

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def _check_round_trip(entry: Entry) -> None:
    """Never acknowledge a save that could not be read back (e.g. a True where a number goes)."""
    entry.validate()
    entry_from_dict(entry.to_dict())


def _describe_os_error(exc: OSError, doing: str) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission was denied",
        errno.EPERM: "permission was denied",
        errno.EROFS: "the disk is read-only",
    }
    reason = (
        (exc.strerror or type(exc).__name__)
        if isinstance(exc, Refused)
        else reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    )
    if isinstance(exc, LinkRefused):
        reason += " (`dtw doctor` explains)"
    where = f" ({exc.filename})" if exc.filename else ""
    return f"could not {doing}: {reason}{where}. Nothing was changed; what you saved before is safe."


def _load_or_create_device_id(path: Path) -> str:
    try:
        if is_link(path.parent):  # the id names files in the (synced) data folder: never read through a link
            raise LinkRefused(path.parent)
        value = read_nofollow(path).decode("utf-8", "replace").strip()
        if re.fullmatch(r"[0-9a-z]{4,32}", value):
            return value
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StoreError(_describe_os_error(exc, "read this device's id")) from None
    value = secrets.token_hex(4)
    try:
        ensure_private_dir(path.parent)

        replace_durably(path, (value + "\n").encode())
    except OSError as exc:
        raise StoreError(_describe_os_error(exc, "create this device's id")) from None
    return value
