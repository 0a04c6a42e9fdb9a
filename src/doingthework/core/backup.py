"""One file that holds everything: `dtw backup` writes it, `dtw restore` brings it back.

A backup is a zip file holding a manifest, every entries file as it is on disk (an encrypted
file stays encrypted), the key records when encryption is on, and config.toml and plan.toml.
The manifest names each file with its size and SHA-256, so a damaged or changed backup is
refused whole before anything is written.

Restoring into a folder with no entries puts the files back byte for byte. Into a folder that
has entries, the backup's entries are merged like `dtw import` (core/importing.py): only what is
new comes in, and nothing changed or deleted here since the backup was made is undone.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from doingthework.core.crypto import Locked, WrongPassphrase  # the module alone: cryptography loads on use
from doingthework.core.errors import BadInput, StoreError
from doingthework.core.fsutil import ensure_private_dir, is_link, read_given, read_nofollow, replace_durably
from doingthework.core.store import (
    Damage,
    Revision,
    Store,
    entry_files,
    newest_revisions,
    parse_lines,
)
from doingthework.core.store import _describe_os_error as describe_os_error
from doingthework.core.vault import PassphraseSource, looks_encrypted

FORMAT_NAME = "doingthework-backup"
VERSION = 1
MANIFEST = "manifest.json"
# what a backup may hold, and nothing else: no path can climb out of the folder it goes into
ALLOWED = re.compile(
    r"entries/[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.jsonl|keys/[0-9a-f]{16}\.json|config/(config|plan)\.toml"
)
MAX_MEMBER = 1 << 30  # 1 GiB unpacked, for one file: ten years of entries are a few MB
MAX_MEMBERS = 10_000


@dataclass
class Backup:
    """A backup file's contents, checked against its manifest."""

    made_at: datetime | None
    encrypted: bool
    files: dict[str, bytes]  # name in the backup -> bytes

    def under(self, folder: str) -> dict[str, bytes]:
        return {name.split("/", 1)[1]: data for name, data in self.files.items() if name.startswith(folder + "/")}


@dataclass
class Restored:
    """What a restore did (or, with dry_run, would do)."""

    copied: list[str] = field(default_factory=list)  # files put back as they were (an empty folder)
    settings_kept: list[str] = field(default_factory=list)  # config/plan here already, left as they are
    merged: Any = None  # the ImportPlan of a merge into a folder with entries

    def summary(self) -> str:
        if self.merged is not None:
            text = f"merged like an import: {self.merged.summary()}"
        else:
            entries = sum(1 for name in self.copied if name.startswith("entries/"))
            text = f"{entries} entries file{'s' if entries != 1 else ''} put back as they were"
            keys = sum(1 for name in self.copied if name.startswith("keys/"))
            if keys:
                text += f", with {keys} key record{'s' if keys != 1 else ''}"
            settings = [name.split("/", 1)[1] for name in self.copied if name.startswith("config/")]
            if settings:
                text += f", and {' and '.join(settings)}"
        if self.settings_kept:
            one = len(self.settings_kept) == 1
            text += f"; your {' and '.join(self.settings_kept)} here {'was' if one else 'were'} kept as "
            text += "it is" if one else "they are"
        return text


# ---- making one -------------------------------------------------------------------------
def make_backup(store: Store, config_dir: Path, now: datetime) -> tuple[bytes, dict[str, int]]:
    """The backup's bytes, read under the store's lock so no half-saved entry is in it, and how
    many files of each kind it holds."""
    files: dict[str, bytes] = {}
    with store.lock():
        for path in entry_files(store.paths.entries_dir):
            files[f"entries/{path.name}"] = read_nofollow(path)
        keys_dir = store.paths.keys_dir
        if keys_dir.is_dir() and not is_link(keys_dir):
            for path in sorted(keys_dir.glob("*.json")):
                if ALLOWED.fullmatch(f"keys/{path.name}") and not is_link(path):
                    files[f"keys/{path.name}"] = read_nofollow(path)
    for name in ("config.toml", "plan.toml"):
        path = config_dir / name
        try:
            files[f"config/{name}"] = path.read_bytes()  # read through a link: a dotfiles repo is still yours
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StoreError(f"could not read {path} for the backup ({exc.strerror}); nothing was written") from None
    manifest = {
        "format": FORMAT_NAME,
        "version": VERSION,
        "made_at": now.isoformat(timespec="seconds"),
        "encrypted": store.vault.enabled,
        "files": [
            {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files.items())
        ],
    }
    out = io.BytesIO()
    stamp = now.timetuple()[:6]
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in [(MANIFEST, json.dumps(manifest, indent=1).encode("utf-8")), *sorted(files.items())]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # private when unpacked by hand too
            archive.writestr(info, data)
    counts = {kind: sum(1 for name in files if name.startswith(kind + "/")) for kind in ("entries", "keys", "config")}
    return out.getvalue(), counts


def default_filename(now: datetime) -> str:
    return f"dtw-backup-{now:%Y-%m-%d}.zip"


# ---- reading one ------------------------------------------------------------------------
def read_backup(path: Path) -> Backup:
    """A backup file, every file checked against the manifest; BadInput naming what is wrong,
    before anything is written."""
    shown = str(path)
    data = read_given(path, "a backup file")  # yours, wherever it is: a link to it is followed
    damaged = f"{shown} is damaged or not a dtw backup"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BadInput(f"{damaged} (it is not a zip file)", hint="it should be written by `dtw backup`") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BadInput(f"{damaged} (it holds {len(infos)} files)")
        names = [info.filename for info in infos]
        if MANIFEST not in names:
            raise BadInput(f"{damaged} (it has no {MANIFEST})", hint="it should be written by `dtw backup`")
        if len(set(names)) != len(names):
            raise BadInput(f"{damaged} (a file is in it twice)")
        try:
            manifest = json.loads(_member(archive, MANIFEST, damaged))
        except ValueError:
            raise BadInput(f"{damaged} (its manifest is not JSON)") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
            raise BadInput(f"{damaged} (its manifest is not a dtw backup's)")
        if manifest.get("version") != VERSION:
            raise BadInput(
                f"{shown} is backup version {manifest.get('version')!r:.20}; this dtw reads version {VERSION}"
            )
        listed = manifest.get("files")
        if not isinstance(listed, list) or not all(isinstance(item, dict) for item in listed):
            raise BadInput(f"{damaged} (its manifest lists no files)")
        files: dict[str, bytes] = {}
        for item in listed:
            name = item.get("name")
            if not isinstance(name, str) or not ALLOWED.fullmatch(name):
                raise BadInput(f"{damaged} (it names a file dtw never writes: {str(name)[:60]!r})")
            if name not in names:
                raise BadInput(f"{damaged} ({name} is missing from it)")
            content = _member(archive, name, damaged)
            if len(content) != item.get("size") or hashlib.sha256(content).hexdigest() != item.get("sha256"):
                raise BadInput(f"{damaged} ({name} is not as it was when the backup was made)")
            files[name] = content
        unlisted = set(names) - set(files) - {MANIFEST}
        if unlisted:
            raise BadInput(f"{damaged} (it holds files its manifest doesn't name)")
    made_at = None
    if isinstance(manifest.get("made_at"), str):
        try:
            made_at = datetime.fromisoformat(manifest["made_at"])
        except ValueError:
            made_at = None
    return Backup(made_at if made_at and made_at.tzinfo else None, bool(manifest.get("encrypted")), files)


def _member(archive: zipfile.ZipFile, name: str, damaged: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_MEMBER:
        raise BadInput(f"{damaged} ({name} would unpack to more than {MAX_MEMBER >> 30} GiB)")
    try:
        with archive.open(info) as member:
            content = member.read(MAX_MEMBER + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise BadInput(f"{damaged} ({name} can't be unpacked)") from None
    if len(content) > MAX_MEMBER:
        raise BadInput(f"{damaged} ({name} would unpack to more than {MAX_MEMBER >> 30} GiB)")
    return content


# ---- restoring it -----------------------------------------------------------------------
def restore(
    store: Store,
    config_dir: Path,
    backup: Backup,
    *,
    dry_run: bool = False,
    limits: Any = None,
    measures: dict[str, Any] | None = None,
    backup_passphrase: PassphraseSource | None = None,
) -> Restored:
    """Bring a backup back: byte for byte into a folder with no entries and no key records, or
    merged like an import (`limits` and `measures` as `dtw import` checks with) into any other,
    so a folder's own encryption always applies to what comes in. An encrypted backup merged
    into a folder is opened with that folder's keys, and with those `backup_passphrase` opens
    for any it lacks (another machine's, or a folder with none). config.toml and plan.toml
    come back only where there are none yet, or where they are still the ones dtw wrote on first
    run; yours are never replaced."""
    from doingthework.core.templates import CONFIG_TEMPLATE, PLAN_TEMPLATE

    done = Restored()
    settings: dict[str, bytes] = {}
    for name, data in backup.under("config").items():
        here = config_dir / name
        if is_link(config_dir) or is_link(here):  # kept elsewhere (dotfiles): never written through
            done.settings_kept.append(name)
            continue
        first_run = (CONFIG_TEMPLATE if name == "config.toml" else PLAN_TEMPLATE).encode("utf-8")
        try:
            current = here.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError:
            current = b"unreadable"
        if current is None or current in (first_run, data):
            if current != data:
                settings[name] = data
        else:
            done.settings_kept.append(name)
    if _untouched(store):
        done.copied = sorted(
            [f"entries/{n}" for n in backup.under("entries")]
            + [f"keys/{n}" for n in backup.under("keys")]
            + [f"config/{n}" for n in settings]
        )
        if dry_run:
            return done
        with store.lock():
            still = _untouched(store)
            if still:
                _put_back(store, backup)
        if still:
            _put_settings(config_dir, settings)
            return done
        done.copied = []  # another dtw wrote meanwhile: merged instead, outside the lock
    done.merged = _merge(store, backup, backup_passphrase, dry_run=dry_run, limits=limits, measures=measures)
    if not dry_run:
        _put_settings(config_dir, settings)
    done.copied = [f"config/{n}" for n in settings]
    return done


def _untouched(store: Store) -> bool:
    """No entries and no key records: the backup can go back exactly as it was (a folder with
    key records of its own would get files its passphrase can't open, or plain ones unsealed)."""
    return not entry_files(store.paths.entries_dir) and not store.vault.key_files()


def _put_back(store: Store, backup: Backup, only: Callable[[bytes], bool] = lambda data: True) -> None:
    """The backup's key records and entries files (those `only` keeps), as they were. The
    caller holds the lock, or owns the folder."""
    try:
        for folder, target in (("keys", store.paths.keys_dir), ("entries", store.paths.entries_dir)):
            files = {name: data for name, data in backup.under(folder).items() if folder == "keys" or only(data)}
            if not files:
                continue
            ensure_private_dir(store.paths.data_dir)
            ensure_private_dir(target)
            for name, data in files.items():
                replace_durably(target / name, data)
    except OSError as exc:
        raise StoreError(describe_os_error(exc, "restore the backup")) from None


def _put_settings(config_dir: Path, settings: dict[str, bytes]) -> None:
    if not settings:
        return
    try:
        ensure_private_dir(config_dir)
        for name, data in settings.items():
            replace_durably(config_dir / name, data)
    except OSError as exc:
        raise StoreError(describe_os_error(exc, "put back your plan and settings")) from None


def _merge(
    store: Store,
    backup: Backup,
    backup_passphrase: PassphraseSource | None,
    *,
    dry_run: bool,
    limits: Any,
    measures: dict[str, Any] | None,
) -> Any:
    """The backup's entries weighed against what is here, as `dtw import` weighs a file's."""
    from doingthework.core.importing import ExportFile, check_importable, plan_import

    revisions, damage = _backup_revisions(store, backup, backup_passphrase)
    if damage:
        raise BadInput(
            f"the backup has {len(damage)} line{'s' if len(damage) != 1 else ''} dtw can't read "
            f"(the first: {damage[0]})",
            hint="restore it into an empty folder (--data-dir) to keep every line as it was, then `dtw doctor`",
        )
    newest = newest_revisions(revisions)
    entries = sorted((rev.entry for rev in newest.values() if rev.entry is not None), key=lambda e: e.at)
    now = datetime.now().astimezone()
    for index, entry in enumerate(entries, start=1):
        try:
            check_importable(entry, limits, now, measures)
        except BadInput as exc:
            raise BadInput(f"the backup's entry {index} can't be used ({exc.message}); nothing was restored") from None
    revised = {}
    for rev in newest.values():
        try:
            revised[rev.id] = datetime.fromisoformat(rev.record["saved_at"])
        except (KeyError, TypeError, ValueError):
            continue
    deleted = [{"id": rev.id} for rev in newest.values() if rev.entry is None]
    plan = plan_import(ExportFile(entries, revised, backup.made_at, deleted), store.newest_here())
    if plan.to_write and not dry_run:
        store.add_many(plan.to_write, old_at={entry.id: at for entry, at in plan.updated})
    return plan


def _backup_revisions(
    store: Store, backup: Backup, backup_passphrase: PassphraseSource | None = None
) -> tuple[list[Revision], list[Damage]]:
    """Every revision in the backup's entries files. Plain files are read in memory: nothing of
    them is written anywhere. Encrypted ones are opened through the backup's own key records,
    put with only those files (ciphertext) in a private temporary folder, and opened with this
    folder's keys, and with those `backup_passphrase` opens when these are not enough."""
    revisions: list[Revision] = []
    damage: list[Damage] = []
    sealed = {}
    for name, data in sorted(backup.under("entries").items()):
        if looks_encrypted(data):
            sealed[name] = data
            continue
        read = parse_lines(Path("entries") / name, data)
        revisions += read.revisions
        damage += read.damage
    if not sealed:
        return revisions, damage
    from doingthework.core.paths import Paths

    with tempfile.TemporaryDirectory(prefix="dtw-restore-") as folder:  # 0700
        paths = Paths(
            data_dir=Path(folder) / "data", config_dir=Path(folder) / "config", state_dir=Path(folder) / "state"
        )
        _put_back(Store(paths), backup, only=looks_encrypted)
        # this folder's keys first: a backup of this folder made before `dtw passphrase` has the
        # same keys under the old passphrase. Its passphrase is asked at most once, for both.
        keys = store.vault.keys() if store.vault.enabled or store.vault.needed() else {}
        if _missing_keys(sealed.values(), keys):  # another machine's, another passphrase: the backup's own
            keys = {**keys, **_backup_keys(Store(paths), backup_passphrase)}
        theirs = Store(paths)  # no passphrase of its own: it is handed the keys
        theirs.vault.use_keys(keys)
        for path in entry_files(paths.entries_dir):
            read = theirs.read_file(path)
            revisions += read.revisions
            damage += [replace(d, path=Path("entries") / path.name) for d in read.damage]
    return revisions, damage


def _missing_keys(files: Iterable[bytes], keys: dict[str, bytes]) -> bool:
    """Is any of these encrypted files sealed with a key not among `keys`?"""
    from doingthework.core.crypto import BadHeader, FileCipher, UnknownKey

    for data in files:
        try:
            FileCipher.from_header(data.split(b"\n", 1)[0], keys)
        except UnknownKey:
            return True
        except BadHeader:
            continue  # named as damage when the file is read
    return False


def _backup_keys(backup_store: Store, backup_passphrase: PassphraseSource | None) -> dict[str, bytes]:
    """The keys the backup's own passphrase opens among its key records."""
    from doingthework.core.crypto import unlock

    if backup_passphrase is None:
        raise BackupPassphraseNeeded()
    try:
        passphrase = backup_passphrase()
    except Locked:
        raise BackupPassphraseNeeded() from None
    try:
        return unlock(backup_store.vault.key_records(), passphrase)
    except WrongPassphrase:
        raise BackupPassphraseWrong() from None


class BackupPassphraseWrong(WrongPassphrase):
    """The passphrase given for the backup opens none of its key records."""

    MESSAGE = "that passphrase doesn't open the backup's key"
    HINT = "give the passphrase the backup was made with (capitals and spaces count); nothing was restored"


class BackupPassphraseNeeded(Locked):
    """An encrypted backup, and no passphrase for it at hand."""

    MESSAGE = "the backup is encrypted, and there is no terminal to ask for its passphrase"
    HINT = "run `dtw restore` in a terminal, or set DTW_BACKUP_PASSPHRASE_COMMAND; nothing was restored"
