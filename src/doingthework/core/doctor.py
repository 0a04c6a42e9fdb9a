"""Check every data and config file; on request, set damaged parts aside (never delete them)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from doingthework.core import config as config_module
from doingthework.core.errors import ConfigError
from doingthework.core.fsutil import FILE_MODE, append_durably, ensure_private_dir, fsync_dir, replace_durably, tighten_file
from doingthework.core.store import Store, entry_files, is_conflict_copy, parse_lines


@dataclass
class Finding:
    level: str  # "ok", "fixed", "warning", "problem"
    message: str


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

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
        return
    for warning in loaded.warnings:
        report.add("warning", warning)
    report.add("ok", f"config.toml and plan.toml are fine ({config_dir})")


def _check_modes(store: Store, report: Report) -> None:
    data_dir = store.paths.data_dir
    if not data_dir.exists():
        report.add("ok", f"no entries yet ({data_dir} will be created with your first one)")
        return
    loosened = ensure_private_dir(data_dir)
    for root, dirs, files in os.walk(data_dir):
        for name in dirs:
            loosened += ensure_private_dir(Path(root) / name)
        for name in files:
            path = Path(root) / name
            if tighten_file(path):
                loosened.append(path)
    for path in loosened:
        report.add("fixed", f"{path} could be read by others; it is now private")
    if not loosened:
        report.add("ok", "the data folder and its files are private (0700 / 0600)")


def _check_entries(store: Store, report: Report, repair: bool) -> None:
    files = entry_files(store.paths.entries_dir)
    total_lines = 0
    damaged_files = 0
    for path in files:
        read = parse_lines(path, path.read_bytes())
        total_lines += len(read.revisions)
        if read.damage:
            damaged_files += 1
            for damage in read.damage:
                report.add("problem" if not repair else "fixed", f"{damage}" + ("" if not repair else " — moved to quarantine"))
            if repair:
                _quarantine_lines(store, path)
    conflicts = [p for p in files if is_conflict_copy(p)]
    for path in conflicts:
        if repair:
            _fold_conflict_copy(store, path)
            report.add("fixed", f"{path.name} looks like a sync-conflict copy: its entries are merged, the file is in quarantine")
        else:
            report.add("warning", f"{path.name} looks like a sync-conflict copy; its entries are read and merged by id. "
                       "`dtw doctor --repair` folds it in and sets the copy aside")
    if damaged_files and not repair:
        report.add("warning", "the damaged lines are left exactly as they are; `dtw doctor --repair` moves them to quarantine")
    report.add("ok", f"{len(files)} entries file(s), {total_lines} readable line(s)")


def _quarantine_path(store: Store, name: str, suffix: str = "damaged") -> Path:
    """A new, unused name in quarantine/: nothing there is ever replaced."""
    ensure_private_dir(store.paths.quarantine_dir)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    for count in range(1000):
        candidate = store.paths.quarantine_dir / f"{name}.{stamp}{'' if not count else f'-{count}'}.{suffix}"
        if not candidate.exists():
            return candidate
    raise OSError(f"too many files in {store.paths.quarantine_dir}")


def _quarantine_lines(store: Store, path: Path) -> None:
    """Copy the damaged lines into quarantine (durably) before rewriting the file without them."""
    with store.lock():
        # judge damage again under the lock: a line seen half-written before may be whole now
        data = path.read_bytes()
        bad_lines = {d.line for d in parse_lines(path, data).damage}
        if not bad_lines:
            return
        lines = data.split(b"\n")
        torn = lines[-1] != b""
        if not torn:
            lines.pop()
        bad = [lines[n - 1] for n in sorted(bad_lines) if n <= len(lines)]
        append_durably(_quarantine_path(store, path.name), b"".join(line + b"\n" for line in bad))
        keep = [line for n, line in enumerate(lines, start=1) if n not in bad_lines]
        replace_durably(path, b"".join(line + b"\n" for line in keep if line.strip()))


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
    target = _quarantine_path(store, path.name, suffix="merged")
    os.rename(path, target)
    os.chmod(target, FILE_MODE)
    fsync_dir(path.parent)
    fsync_dir(target.parent)

