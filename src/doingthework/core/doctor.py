"""Check every data and config file; on request, set damaged parts aside (never delete them)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from doingthework.core import config as config_module
from doingthework.core.errors import ConfigError
from doingthework.core.fsutil import (
    FILE_MODE,
    append_durably,
    ensure_private_dir,
    fsync_dir,
    replace_durably,
    tighten_file,
)
from doingthework.core.store import (
    FORMAT_VERSION,
    Revision,
    Store,
    entry_files,
    is_conflict_copy,
    parse_lines,
)


@dataclass
class Finding:
    """One thing `dtw doctor` checked, and how it went."""

    level: str  # "ok", "fixed", "warning", "problem"
    message: str


@dataclass
class Report:
    """Everything one run of `dtw doctor` found."""

    findings: list[Finding] = field(default_factory=list)
    settings_mistake: bool = False  # config.toml or plan.toml can't be used as it is (exit 2)

    def add(self, level: str, message: str) -> None:
        self.findings.append(Finding(level, message))

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "problem"]


def check(store: Store, repair: bool = False) -> Report:
    report = Report()
    _check_config(store, report)
    _check_modes(store, report)
    _check_entries(store, report, repair)
    return report


def _check_config(store: Store, report: Report) -> None:
    config_dir = store.paths.config_dir
    for path in config_module.loose_modes(config_dir):
        report.add("fixed", f"{path} could be read by others; it is now private (0600)")
    try:
        loaded = config_module.load(config_dir, create=False)
    except ConfigError as exc:
        report.add("problem", exc.message)
        report.settings_mistake = True
        return
    for warning in loaded.warnings:
        report.add("warning", warning)
    report.add("ok", f"config.toml and plan.toml are fine ({config_dir})")


def _check_modes(store: Store, report: Report) -> None:
    """Tighten dtw's own folders and files only: the data folder may sit inside a synced folder."""
    paths = store.paths
    if not paths.data_dir.exists():
        report.add("ok", f"no entries yet ({paths.data_dir} will be created with your first one)")
        return
    loosened = ensure_private_dir(paths.data_dir)
    for folder in (paths.entries_dir, paths.drafts_dir, paths.quarantine_dir):
        if not folder.is_dir():
            continue
        loosened += ensure_private_dir(folder)
        for item in folder.iterdir():
            try:
                if item.is_file() and tighten_file(item):
                    loosened.append(item)
            except FileNotFoundError:
                continue  # renamed or removed while we looked
    if paths.lock_file.exists() and tighten_file(paths.lock_file):
        loosened.append(paths.lock_file)
    for path in loosened:
        report.add("fixed", f"{path} could be read by others; it is now private")
    if not loosened:
        report.add("ok", "the data folder and its files are private (0700 / 0600)")


def _check_entries(store: Store, report: Report, repair: bool) -> None:
    files = entry_files(store.paths.entries_dir)
    total_lines = 0
    left_damaged = 0
    by_id: dict[str, list[Revision]] = {}
    for path in files:
        try:
            read = parse_lines(path, path.read_bytes())
        except FileNotFoundError:
            continue  # a sync tool moved it while we looked
        except OSError as exc:
            report.add("problem", f"{path} could not be read ({exc.strerror})")
            continue
        total_lines += len(read.revisions)
        for rev in read.revisions:
            by_id.setdefault(rev.id, []).append(rev)
        for damage in read.damage:
            if damage.newer:
                report.add("warning", f"{damage} (kept as it is)")
        damaged = [d for d in read.damage if not d.newer]
        if not damaged:
            continue
        if repair and not is_conflict_copy(path):
            moved = _quarantine_lines(store, path)
            for damage in damaged:
                if damage.line in moved:
                    report.add("fixed", f"{damage} — moved to quarantine")
        else:
            left_damaged += len(damaged)
            for damage in damaged:
                report.add("problem" if not repair else "fixed", f"{damage}" + (" — moved to quarantine" if repair else ""))
    for path in (p for p in files if is_conflict_copy(p)):
        if not path.exists():
            continue
        if repair:
            _fold_conflict_copy(store, path)
            report.add("fixed", f"{path.name} looks like a sync-conflict copy: its entries are merged, the file is in quarantine")
        else:
            report.add("warning", f"{path.name} looks like a sync-conflict copy; its entries are read and merged by id. "
                       "`dtw doctor --repair` folds it in and sets the copy aside")
    if left_damaged and not repair:
        report.add("warning", "the damaged lines are left exactly as they are; `dtw doctor --repair` moves them to quarantine")
    _check_kinds(store, report, repair, by_id)
    report.add("ok", f"{len(files)} entries file(s), {total_lines} readable line(s)")


def _check_kinds(store: Store, report: Report, repair: bool, by_id: dict[str, list[Revision]]) -> None:
    """An entry never changes kind, and reads for some kinds rely on it (docs/data-format.md).
    Revisions of two kinds under one id could only come from an import by an older dtw.

    Repair appends, never rewrites: a copy of the newest revision, then a tombstone (older than
    that copy) in each month that holds a revision of another kind. Whole reads still see the
    newest; a read for the other kind now meets a tombstone newer than its old revision.
    """
    for entry_id, revisions in by_id.items():
        kinds = sorted({r.entry.kind for r in revisions if r.entry is not None})
        if len(kinds) < 2:
            continue
        newest = max(revisions, key=lambda r: r.order)
        newest_kind = newest.entry.kind if newest.entry is not None else None
        tombstones = [r for r in revisions if r.entry is None]
        unsettled = [
            r for r in revisions
            if r.entry is not None and r.entry.kind != newest_kind
            # settled once a newer tombstone sits in the same month (a read of that month meets it)
            and not any(t.path.name[:7] == r.path.name[:7] and t.order > r.order for t in tombstones)
        ]
        if not unsettled:
            continue
        short = entry_id[:8]
        if not repair:
            report.add("problem", f"entry {short} has revisions of more than one kind ({', '.join(kinds)}); "
                       "a list of one kind may show an older one. `dtw doctor --repair` settles it")
            continue
        if newest.entry is None:
            continue  # deleted: every read already ends at its tombstone
        moment = datetime.now(timezone.utc)
        tombstone_at = moment.isoformat(timespec="microseconds")
        copy_at = (moment + timedelta(microseconds=1)).isoformat(timespec="microseconds")
        copy = {**newest.record, "saved_at": copy_at, "device": store.device}
        months = sorted({rev.path.name[:7] for rev in unsettled})  # the month of the file, where reads meet it
        new_tombstones = [{"v": FORMAT_VERSION, "id": entry_id, "kind": newest.entry.kind,
                           "at": f"{month}-15T12:00:00+00:00",  # places it in that month's file
                           "deleted": True, "saved_at": tombstone_at, "device": store.device} for month in months]
        store.add_revisions([copy, *new_tombstones])  # the copy first: cut off after it, nothing is hidden
        report.add("fixed", f"entry {short} had revisions of more than one kind ({', '.join(kinds)}); "
                   f"it is a {newest.entry.kind} everywhere now")


def _quarantine_path(store: Store, name: str, suffix: str = "damaged") -> Path:
    """A new, unused name in quarantine/: nothing there is ever replaced."""
    ensure_private_dir(store.paths.quarantine_dir)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    for count in range(1000):
        candidate = store.paths.quarantine_dir / f"{name}.{stamp}{'' if not count else f'-{count}'}.{suffix}"
        if not candidate.exists():
            return candidate
    raise OSError(f"too many files in {store.paths.quarantine_dir}")


def _quarantine_lines(store: Store, path: Path) -> set[int]:
    """Copy the damaged lines into quarantine (durably), then rewrite the file without them.

    Returns the numbers of the lines moved. Lines from a newer dtw are not damaged and stay.
    """
    with store.lock():
        # judge damage again under the lock: a line seen half-written before may be whole now
        data = path.read_bytes()
        bad_lines = {d.line for d in parse_lines(path, data).damage if not d.newer}
        if not bad_lines:
            return set()
        lines = data.split(b"\n")
        torn = lines[-1] != b""
        if not torn:
            lines.pop()
        bad = [lines[n - 1] for n in sorted(bad_lines) if n <= len(lines)]
        append_durably(_quarantine_path(store, path.name), b"".join(line + b"\n" for line in bad))
        keep = [line for n, line in enumerate(lines, start=1) if n not in bad_lines]
        replace_durably(path, b"".join(line + b"\n" for line in keep if line.strip()))
    return bad_lines


def _newer_lines(path: Path, read) -> list[bytes]:
    """The raw lines a newer dtw wrote, which this one keeps without reading."""
    wanted = {d.line for d in read.damage if d.newer}
    if not wanted:
        return []
    lines = path.read_bytes().split(b"\n")
    return [lines[n - 1] for n in sorted(wanted) if n <= len(lines)]


def _fold_conflict_copy(store: Store, path: Path) -> None:
    """Append what only the conflict copy holds to this device's files, then set the copy aside."""
    read = parse_lines(path, path.read_bytes())
    if read.damage:
        _quarantine_lines(store, path)
        read = parse_lines(path, path.read_bytes())
    month = path.name[:7]
    others = [p for p in entry_files(store.paths.entries_dir) if p.name[:7] == month and p != path]
    known = {(r.id, r.order) for p in others for r in parse_lines(p, p.read_bytes()).revisions}
    missing = [rev.record for rev in read.revisions if (rev.id, rev.order) not in known]
    if missing:
        store.add_revisions(missing)
    newer = _newer_lines(path, read)
    if newer:
        store.add_raw_lines(month, newer)
    target = _quarantine_path(store, path.name, suffix="merged")
    os.rename(path, target)
    os.chmod(target, FILE_MODE)
    fsync_dir(path.parent)
    fsync_dir(target.parent)

