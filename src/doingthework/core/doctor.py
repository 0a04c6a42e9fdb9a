"""Check every data and config file; on request, set damaged parts aside (never delete them)."""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from doingthework.core import config as config_module
from doingthework.core.errors import ConfigError, StoreError
from doingthework.core.fsutil import (
    DIR_MODE,
    append_durably,
    ensure_private_dir,
    fsync_dir,
    is_link,
    read_nofollow,
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
from doingthework.core.vault import looks_encrypted


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
    if not _check_links(store, report, repair):
        return report  # the data folder itself is a link: nothing in it is read or changed
    try:
        _check_modes(store, report)
        if not is_link(store.paths.entries_dir):  # named above; read once repair has set it aside
            _check_entries(store, report, repair)
    except OSError as exc:
        # a full disk or a folder that can't be written, half-way through a repair: each step
        # copies into quarantine before it rewrites, so the file itself is as it was
        from doingthework.core.store import _describe_os_error

        raise StoreError(_describe_os_error(exc, "finish the repair")) from None
    return report


def _is_dir(path: Path) -> bool:
    """A real folder (not a link to one)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _check_links(store: Store, report: Report, repair: bool) -> bool:
    """Name every link where dtw keeps things (docs/data-format.md, "Links and permissions").

    dtw never follows them. config.toml and plan.toml (and their folder) may be links the person
    made (a dotfiles repo): read through, never written, chmodded or copied, and left in place.
    A link as the data or state folder is left too, with what to do. Any other link is a problem;
    repair sets the link itself aside (data side: into quarantine/; state side: renamed beside
    where it was, as the state folder never syncs), never what it points to. Nothing is read
    through a link here: only its own path is named.

    Returns False when the data folder itself is a link, so nothing more is checked in it.
    """
    paths = store.paths
    for path in (paths.config_dir, paths.config_file, paths.plan_file):
        if is_link(path):
            report.add(
                "warning",
                f"{path} is a link: dtw reads your settings through it but never writes there, "
                "changes its mode or keeps a copy of it (keep what it points to private yourself)",
            )
    usable = True
    for path, variable in ((paths.data_dir, "DTW_DATA_DIR or --data-dir"), (paths.state_dir, "DTW_STATE_DIR")):
        if is_link(path):
            report.add(
                "problem",
                f"{path} is a link, and dtw never follows links in its own folders, so nothing "
                f"is saved there. Point {variable} at the folder itself",
            )
            usable = usable and path != paths.data_dir
    inner: list[tuple[Path, Path]] = []  # (link, where it is set aside)
    if _is_dir(paths.data_dir):
        for path in (paths.entries_dir, paths.drafts_dir, paths.quarantine_dir, paths.keys_dir, paths.lock_file):
            if is_link(path):
                inner.append((path, paths.quarantine_dir))
        for folder in (paths.entries_dir, paths.drafts_dir, paths.keys_dir):
            if _is_dir(folder):
                inner += [(Path(e.path), paths.quarantine_dir) for e in os.scandir(folder) if e.is_symlink()]
        if _is_dir(paths.quarantine_dir):
            for item in sorted(e.path for e in os.scandir(paths.quarantine_dir) if e.is_symlink()):
                report.add(
                    "warning", f"{item} is a link set aside earlier; dtw never follows it. Delete it when you're ready"
                )
    if _is_dir(paths.state_dir):
        for path in (paths.last_good_dir, paths.device_file):
            if is_link(path):
                inner.append((path, path.parent))
        if _is_dir(paths.last_good_dir):
            for name in ("config.toml", "plan.toml"):
                if is_link(paths.last_good_dir / name):
                    inner.append((paths.last_good_dir / name, paths.last_good_dir))
    for link, into in inner:
        if not repair:
            report.add(
                "problem",
                f"{link} is a link; dtw never follows links in its own folders and has left it "
                "alone. `dtw doctor --repair` sets the link itself aside (what it points to is never read or moved)",
            )
            continue
        try:
            where = _set_link_aside(store, link, into)
        except OSError as exc:
            report.add(
                "problem",
                f"{link} is a link and could not be set aside ({exc.strerror or exc}); dtw has not followed it",
            )
            continue
        report.add(
            "fixed",
            f"{link} was a link; the link itself is now {where} (what it points to was not read, moved or changed)",
        )
    return usable


def _set_link_aside(store: Store, link: Path, into: Path) -> Path:
    """Move a link, as a link, to a new name in `into` (made 0700 if need be); never replaces anything."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    if link == into:  # quarantine/ itself: move it out of the way first, then into a real quarantine/
        parked = link.with_name(f".{link.name}.{secrets.token_hex(4)}.link")
        os.rename(link, parked)
        fsync_dir(link.parent)
        link = parked.with_name(link.name)  # named as it was
        source = parked
    else:
        source = link
    ensure_private_dir(into)
    for count in range(1000):
        target = into / f"{link.name}.{stamp}{'' if not count else f'-{count}'}.link"
        if not os.path.lexists(target):
            break
    else:
        raise OSError(f"too many files in {into}")
    os.rename(source, target)  # rename moves the link itself
    fsync_dir(source.parent)
    fsync_dir(into)
    return target


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
    folders = [paths.data_dir] + [
        f for f in (paths.entries_dir, paths.drafts_dir, paths.quarantine_dir, paths.keys_dir) if _is_dir(f)
    ]
    loosened: list[Path] = []
    for folder in folders:
        try:
            loosened += ensure_private_dir(folder, writable=False)  # tighten only; never loosened, never a link
            mode = os.lstat(folder).st_mode & 0o777
        except OSError as exc:
            report.add("problem", f"{folder} could not be checked ({exc.strerror or exc})")
            continue
        if mode & DIR_MODE != DIR_MODE:
            report.add(
                "warning",
                f"{folder} is read-only ({mode:04o}); dtw leaves it as you set it, "
                "and nothing can be saved there until it is writable again",
            )
        if folder == paths.data_dir:
            continue
        for entry in os.scandir(folder):
            try:
                if entry.is_file(follow_symlinks=False) and tighten_file(Path(entry.path)):
                    loosened.append(Path(entry.path))
            except FileNotFoundError:
                continue  # renamed or removed while we looked
    if os.path.lexists(paths.lock_file) and not is_link(paths.lock_file) and tighten_file(paths.lock_file):
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
            read = store.parse(path)
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
                report.add(
                    "problem" if not repair else "fixed", f"{damage}" + (" — moved to quarantine" if repair else "")
                )
    for path in (p for p in files if is_conflict_copy(p)):
        if not path.exists():
            continue
        if repair:
            _fold_conflict_copy(store, path)
            report.add(
                "fixed",
                f"{path.name} looks like a sync-conflict copy: its entries are merged, the file is in quarantine",
            )
        else:
            report.add(
                "warning",
                f"{path.name} looks like a sync-conflict copy; its entries are read and merged by id. "
                "`dtw doctor --repair` folds it in and sets the copy aside",
            )
    if left_damaged and not repair:
        report.add(
            "warning", "the damaged lines are left exactly as they are; `dtw doctor --repair` moves them to quarantine"
        )
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
            r
            for r in revisions
            if r.entry is not None
            and r.entry.kind != newest_kind
            # settled once a newer tombstone sits in the same month (a read of that month meets it)
            and not any(t.path.name[:7] == r.path.name[:7] and t.order > r.order for t in tombstones)
        ]
        if not unsettled:
            continue
        short = entry_id[:8]
        if not repair:
            report.add(
                "problem",
                f"entry {short} has revisions of more than one kind ({', '.join(kinds)}); "
                "a list of one kind may show an older one. `dtw doctor --repair` settles it",
            )
            continue
        if newest.entry is None:
            continue  # deleted: every read already ends at its tombstone
        moment = datetime.now(UTC)
        tombstone_at = moment.isoformat(timespec="microseconds")
        copy_at = (moment + timedelta(microseconds=1)).isoformat(timespec="microseconds")
        copy = {**newest.record, "saved_at": copy_at, "device": store.device}
        months = sorted({rev.path.name[:7] for rev in unsettled})  # the month of the file, where reads meet it
        new_tombstones = [
            {
                "v": FORMAT_VERSION,
                "id": entry_id,
                "kind": newest.entry.kind,
                "at": f"{month}-15T12:00:00+00:00",  # places it in that month's file
                "deleted": True,
                "saved_at": tombstone_at,
                "device": store.device,
            }
            for month in months
        ]
        store.add_revisions([copy, *new_tombstones])  # the copy first: cut off after it, nothing is hidden
        report.add(
            "fixed",
            f"entry {short} had revisions of more than one kind ({', '.join(kinds)}); "
            f"it is a {newest.entry.kind} everywhere now",
        )


def _quarantine_path(store: Store, name: str, suffix: str = "damaged") -> Path:
    """A new, unused name in quarantine/: nothing there is ever replaced."""
    ensure_private_dir(store.paths.quarantine_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for count in range(1000):
        candidate = store.paths.quarantine_dir / f"{name}.{stamp}{'' if not count else f'-{count}'}.{suffix}"
        if not os.path.lexists(candidate):
            return candidate
    raise OSError(f"too many files in {store.paths.quarantine_dir}")


def _quarantine_lines(store: Store, path: Path) -> set[int]:
    """Copy the damaged lines into quarantine (durably), then rewrite the file without them.

    Returns the numbers of the lines moved. Lines from a newer dtw are not damaged and stay.
    """
    with store.lock():
        # judge damage again under the lock: a line seen half-written before may be whole now
        data = read_nofollow(path)  # a link put here meanwhile is refused, never read
        plain, damage = store.plain(path, data)
        bad_lines = {d.line for d in [*damage, *parse_lines(path, plain).damage] if not d.newer}
        if not bad_lines:
            return set()
        lines = data.split(b"\n")
        torn = lines[-1] != b""
        if not torn:
            lines.pop()
        bad = [lines[n - 1] for n in sorted(bad_lines) if n <= len(lines)]
        moved = b"".join(line + b"\n" for line in bad)
        if looks_encrypted(data):  # the records as they are, still encrypted, after their file's header
            moved = lines[0] + b"\n" + moved
        elif store.vault.enabled:  # a plain file of an encrypted folder: what is set aside is encrypted
            moved = store.vault.encode(moved)
        append_durably(_quarantine_path(store, path.name), moved)
        keep = [line for n, line in enumerate(lines, start=1) if n not in bad_lines]
        replace_durably(path, b"".join(line + b"\n" for line in keep if line.strip()))
    return bad_lines


def _newer_lines(store: Store, path: Path, read) -> list[bytes]:
    """The lines a newer dtw wrote, which this one keeps without reading (decrypted, if they were)."""
    wanted = {d.line for d in read.damage if d.newer}
    if not wanted:
        return []
    lines = store.plain(path, read_nofollow(path))[0].split(b"\n")
    return [lines[n - 1] for n in sorted(wanted) if n <= len(lines)]


def _fold_conflict_copy(store: Store, path: Path) -> None:
    """Append what only the conflict copy holds to this device's files, then set the copy aside."""
    read = store.parse(path)
    if any(d.newer and d.line == 1 and not read.revisions for d in read.damage) and looks_encrypted(
        read_nofollow(path)
    ):
        raise StoreError(f"{path.name} is encrypted with a key this passphrase doesn't open; it is left as it is")
    if read.damage:
        _quarantine_lines(store, path)
        read = store.parse(path)
    month = path.name[:7]
    others = [p for p in entry_files(store.paths.entries_dir) if p.name[:7] == month and p != path]
    known = {(r.id, r.order) for p in others for r in store.parse(p).revisions}
    missing = [rev.record for rev in read.revisions if (rev.id, rev.order) not in known]
    if missing:
        store.add_revisions(missing)
    newer = _newer_lines(store, path, read)
    if newer:
        store.add_raw_lines(month, newer)
    target = _quarantine_path(store, path.name, suffix="merged")
    if is_link(path):  # put here since it was read: set aside like any link, never chmodded
        raise StoreError(f"{path.name} became a link while doctor read it; nothing was moved. Run `dtw doctor` again")
    os.rename(path, target)
    tighten_file(target)
    fsync_dir(path.parent)
    fsync_dir(target.parent)
