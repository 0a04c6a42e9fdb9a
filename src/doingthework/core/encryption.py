"""Turning encryption on and off, and changing the passphrase (`dtw encrypt`, `dtw decrypt`,
`dtw passphrase`): each crash-safe, and each finished by running it again.

Every file is converted on its own, through a temporary file, fsync and a rename, under the
store's lock, so a kill at any moment leaves each file whole, either as it was or converted, and
both kinds are read side by side. The key record is written before the first file is encrypted,
and removed only after the last file that needs it is decrypted.

Only this device's files are converted (its entries files, and the drafts and quarantine in the
data folder): rewriting another device's files would make two writers of one synced file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doingthework.core.errors import BadInput
from doingthework.core.fsutil import is_link
from doingthework.core.store import Store, entry_files
from doingthework.core.vault import CannotRead, first_line, looks_encrypted


@dataclass
class Converted:
    """What a conversion did: files converted, files already so, and other devices' files left."""

    converted: int = 0
    already: int = 0
    others: list[Path] = field(
        default_factory=list
    )  # other files not in the new form (other devices', conflict copies)
    kept: list[Path] = field(default_factory=list)  # quarantine files with damaged records: kept encrypted


def own_files(store: Store) -> list[Path]:
    """This device's entries files, then every draft and quarantine file (links never included)."""
    paths = store.paths
    mine = store.own_files()
    for folder in (paths.drafts_dir, paths.quarantine_dir):
        if is_link(folder):
            continue
        try:
            mine += sorted(folder / e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False))
        except (FileNotFoundError, NotADirectoryError):
            pass
    return mine


def _others(store: Store, encrypted: bool) -> list[Path]:
    own = set(own_files(store))
    return [
        p
        for p in entry_files(store.paths.entries_dir)
        if p not in own and looks_encrypted(_first_line_or_nothing(p)) != encrypted
    ]


def _first_line_or_nothing(path: Path) -> bytes:
    try:
        return first_line(path)
    except OSError:
        return b""


def _convert_each(
    store: Store, convert: Callable[[Path], bool], done: Converted, *, keep_damaged: bool = False
) -> None:
    """Convert each of this device's files in turn (each all or nothing), counting what changed.
    First, the temporary files an earlier run left when it was killed mid-file go: in entries/,
    every write holds the lock we hold, so none of them is in use."""
    leftovers = [p for p in store.paths.entries_dir.glob(".*.tmp") if p.is_file() and not p.is_symlink()]
    for leftover in leftovers:
        leftover.unlink()
    for path in own_files(store):
        try:
            changed = convert(path)
        except CannotRead:
            # a record that can't be decrypted: an entries file waits for `doctor --repair`; a
            # quarantine file (damage set aside, kept for you to look at) stays as it is
            if not keep_damaged or path.parent != store.paths.quarantine_dir:
                raise
            done.kept.append(path)
            continue
        if changed:
            done.converted += 1
        else:
            done.already += 1


def encrypt(store: Store, passphrase: str, kdf: dict[str, Any] | None = None) -> Converted:
    """Turn encryption on (a new key, wrapped by `passphrase`) or, when it is on already, finish
    it with the folder's passphrase: every one of this device's files is encrypted."""
    from doingthework.core.crypto import new_key

    done = Converted()
    with store.lock():
        if store.vault.enabled:
            store.vault.unlock(passphrase)  # WrongPassphrase: this folder has a passphrase already
        else:
            record, data_key = new_key(passphrase, kdf)
            store.vault.add_key(record, data_key)
        _convert_each(store, store.encrypt_file, done)
    done.others = _others(store, encrypted=False)
    return done


def decrypt(store: Store) -> Converted:
    """Back to plain JSON Lines: every one of this device's files decrypted, then the key records
    retired (kept, so that other devices' encrypted files, synced here or still on their way,
    still open; no new file is written with them)."""
    done = Converted()
    if not store.vault.enabled:
        raise BadInput("your entries aren't encrypted, so there is nothing to decrypt")
    store.vault.keys()  # asks for the passphrase (WrongPassphrase, nothing written)
    with store.lock():
        _convert_each(store, store.decrypt_file, done, keep_damaged=True)
        done.others = _others(store, encrypted=True)
        store.vault.retire_keys()
    return done


def change_passphrase(store: Store, old: str, new: str, kdf: dict[str, Any] | None = None) -> int:
    """Wrap every key `old` opens with `new` instead; the files themselves are not touched.
    Returns how many keys were rewrapped."""
    from doingthework.core.crypto import rewrap

    if not store.vault.enabled:
        raise BadInput("your entries aren't encrypted, so there is no passphrase to change", hint="`dtw encrypt`")
    with store.lock():
        keys = store.vault.unlock(old)
        records = [r for r in store.vault.key_records() if r.get("id") in keys]
        for record in records:
            store.vault.replace_key_record(rewrap(record, keys[record["id"]], new, kdf))
    store.vault.unlock(new)
    return len(records)
