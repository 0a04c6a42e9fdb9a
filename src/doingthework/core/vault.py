"""Encryption at rest as the store uses it: where the keys live, unlocking once per process, and
files going in and out of their encrypted form (the format: docs/data-format.md, "Encryption";
the cryptography itself: core/crypto.py).

Encryption is on for a data folder when its `keys/` folder holds a key record. Each key record is a
file of its own, `keys/<key id>.json`, so two devices that turn encryption on while offline each
add a file and a sync never has two writers of one file. Every entries file, draft and quarantine
file this device writes while encryption is on is encrypted; files other devices wrote stay as they
are until those devices convert them, and both kinds are read side by side.

The passphrase is asked for only when an encrypted file must be opened (or written), once per
process: `help-now`, `--help` and anything that reads no entries never ask and never import
`cryptography`.

An encrypted file keeps its line numbers: line 1 is the header, each later line one record, so a
damaged record is named by its line like any damaged line, and `doctor --repair` moves the record
itself (still encrypted) into quarantine.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doingthework.core.crypto import CannotRead, Locked  # the module alone: cryptography itself loads on use
from doingthework.core.fsutil import ensure_private_dir, is_link, read_nofollow, replace_durably

if TYPE_CHECKING:
    from doingthework.core.crypto import FileCipher
    from doingthework.core.paths import Paths

HEADER_START = b'{"dtw"'  # every header dtw writes starts so (core/crypto.py FileCipher.header)
CUT_OFF = "unfinished last line (a write was cut off)"  # why a last line a kill left is set aside
PassphraseSource = Callable[[], str]


def looks_encrypted(data: bytes) -> bool:
    """Does this file start with an encryption header? (A cheap look; the header is checked when used.)"""
    if not data.startswith(HEADER_START):
        return False
    from doingthework.core.crypto import is_encrypted_header

    return is_encrypted_header(data.partition(b"\n")[0])


class Vault:
    """The keys of one data folder, unlocked at most once, and the ciphers of its files."""

    def __init__(self, paths: Paths, passphrase: PassphraseSource | None = None) -> None:
        self.paths = paths
        self.passphrase = passphrase
        self._keys: dict[str, bytes] | None = None
        self._writing: tuple[str, bytes] | None = None
        self._ciphers: dict[bytes, FileCipher] = {}  # header line -> its file's cipher
        # the app: it unlocks on its own screen; a file encrypted after that is kept, not asked for
        self.unlocks_elsewhere = False

    # ---- keys ----------------------------------------------------------------------------
    @property
    def keys_dir(self) -> Path:
        return self.paths.keys_dir

    def key_files(self) -> list[Path]:
        folder = self.keys_dir
        if is_link(folder):  # never read through a link, nor take it as "no encryption"
            raise CannotRead(
                f"{folder} is a link, and dtw never follows links in its folders", hint="`dtw doctor` explains"
            )
        try:
            names = [e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(folder / n for n in names if n.endswith(".json") and not n.startswith("."))

    @property
    def enabled(self) -> bool:
        """Is encryption on for this folder: a key record there that `dtw decrypt` hasn't retired?
        (Retired keys still open what other devices wrote with them; new writes are plain.)"""
        files = self.key_files()
        return bool(files) and any(not r.get("retired") for r in self.key_records())

    def needed(self) -> bool:
        """Must the passphrase be asked to read this folder: a key record, and an encrypted file?"""
        if not self.key_files():
            return False
        for folder in (self.paths.entries_dir, self.paths.drafts_dir):
            try:
                names = [e.path for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
            except (FileNotFoundError, NotADirectoryError):
                continue
            for name in names:
                try:
                    if first_line(Path(name)).startswith(HEADER_START):
                        return True
                except OSError:
                    continue
        return False

    def retire_keys(self) -> None:
        """After `dtw decrypt`: keep every key record (another device's files may still need one,
        even those not synced here yet), marked so that nothing new is written with it."""
        for path in self.key_files():
            record = json.loads(read_nofollow(path))
            if isinstance(record, dict) and not record.get("retired"):
                record["retired"] = True
                replace_durably(path, _record_bytes(record))

    def key_records(self) -> list[dict[str, Any]]:
        records = []
        for path in self.key_files():
            try:
                record = json.loads(read_nofollow(path))
            except (OSError, ValueError, RecursionError):
                raise CannotRead(
                    f"the key file {path.name} could not be read",
                    hint="`dtw doctor` explains; a synced copy from another device has the same key",
                ) from None
            if isinstance(record, dict):
                records.append(record)
        return records

    @property
    def unlocked(self) -> bool:
        return self._keys is not None

    def keys(self) -> dict[str, bytes]:
        """Every key the passphrase opens (key id -> data key), asking for it the first time."""
        if self._keys is None:
            if self.passphrase is None:
                raise Locked()
            self.unlock(self.passphrase())
        assert self._keys is not None
        return self._keys

    def unlock(self, passphrase: str) -> dict[str, bytes]:
        """Open the folder's keys with `passphrase` (WrongPassphrase if it opens none)."""
        from doingthework.core.crypto import unlock

        self._keys = unlock(self.key_records(), passphrase)
        self._writing = None
        return self._keys

    def use_keys(self, keys: dict[str, bytes]) -> None:
        """Open files with these keys too, without asking (another folder's, already unlocked:
        `dtw restore` reads a backup's files with the keys of the folder it restores into)."""
        self._keys = {**(self._keys or {}), **keys}
        self._ciphers.clear()

    def add_key(self, record: dict[str, Any], data_key: bytes) -> None:
        """Keep a new key record (durably) and use its key from now on."""
        ensure_private_dir(self.paths.data_dir)
        ensure_private_dir(self.keys_dir)
        replace_durably(self.keys_dir / f"{record['id']}.json", _record_bytes(record))
        self._keys = {**(self._keys or {}), record["id"]: data_key}
        self._writing = (record["id"], data_key)

    def replace_key_record(self, record: dict[str, Any]) -> None:
        replace_durably(self.keys_dir / f"{record['id']}.json", _record_bytes(record))

    def writing_key(self) -> tuple[str, bytes]:
        """The key new files are written with: of those this passphrase opens and that aren't
        retired, the newest made."""
        if self._writing is None:
            keys = self.keys()
            records = {r.get("id"): r for r in self.key_records()}
            usable = [k for k in keys if not records.get(k, {}).get("retired")] or list(keys)
            key_id = max(usable, key=lambda k: (str(records.get(k, {}).get("created", "")), k))
            self._writing = (key_id, keys[key_id])
        return self._writing

    # ---- files ---------------------------------------------------------------------------
    def cipher_of(self, header: bytes) -> FileCipher:
        cipher = self._ciphers.get(header)
        if cipher is None:
            from doingthework.core.crypto import FileCipher

            cipher = FileCipher.from_header(header, self.keys())
            self._ciphers[header] = cipher
        return cipher

    def decode(self, data: bytes) -> tuple[bytes, list[tuple[int, str]]]:
        """An encrypted file's bytes as plain JSON Lines with the same line numbers (the header and
        any damaged record become empty lines), and the damaged records as (line, reason).
        UnknownKey or BadHeader when the file as a whole can't be opened."""
        from doingthework.core.crypto import DamagedRecord

        header, _, rest = data.partition(b"\n")
        cipher = self.cipher_of(header)
        lines = rest.split(b"\n")
        torn = not data.endswith(b"\n")
        out = [b""]
        damage: list[tuple[int, str]] = []
        for number, line in enumerate(lines, start=2):
            if not line.strip():
                out.append(b"")
                continue
            try:
                plain = cipher.open(line)
            except DamagedRecord as exc:
                cut = torn and number == len(lines) + 1
                damage.append((number, CUT_OFF if cut else f"a record that {exc.reason}"))
                out.append(b"")
                continue
            if b"\n" in plain:
                damage.append((number, "a record holding more than one line"))
                out.append(b"")
                continue
            out.append(plain)
        return b"\n".join(out), damage

    def encode(self, plain: bytes) -> bytes:
        """A whole file, encrypted: a new header (a fresh salt), then one record per line of `plain`
        (a line cut off at the end is kept as a record too: nothing is dropped)."""
        from doingthework.core.crypto import FileCipher

        cipher = FileCipher.new(*self.writing_key())
        self._ciphers[cipher.header()] = cipher
        return cipher.header() + b"\n" + self.seal_lines(cipher, plain)

    def seal_lines(self, cipher: FileCipher, plain: bytes) -> bytes:
        return b"".join(cipher.seal(line) + b"\n" for line in plain.split(b"\n") if line.strip())

    def for_append(self, path: Path, plain: bytes) -> bytes | None:
        """What to append to `path` for the plain lines `plain`: records under its own key (a new file
        gets its header first), or None when `path` is a plain file that must be converted first."""
        try:
            first = first_line(path)
        except FileNotFoundError:
            first = b""
        if not first and (not path.exists() or path.stat().st_size == 0):
            return self.encode(plain)  # a new file: its header first
        if not looks_encrypted(first):
            return None
        return self.seal_lines(self.cipher_of(first), plain)


def first_line(path: Path) -> bytes:
    """A file's first line (at most 64 KiB of it), read without following a link."""
    from doingthework.core.fsutil import _open_nofollow

    fd = _open_nofollow(path, os.O_RDONLY)
    try:
        chunk = b""
        while b"\n" not in chunk and len(chunk) < 1 << 16:
            more = os.read(fd, 4096)
            if not more:
                break
            chunk += more
        return chunk.partition(b"\n")[0]
    finally:
        os.close(fd)


def _record_bytes(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, indent=2) + "\n").encode("utf-8")
