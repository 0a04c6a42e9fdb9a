"""Encryption at rest (issue 15): the building blocks only — keys, key records, and one file's cipher.

Everything cryptographic is done by the `cryptography` library (AES-256-GCM, scrypt, HKDF-SHA256); nothing
here is hand-rolled. `cryptography` is imported lazily, at first use, so that commands which never read
entries do not pay for it: importing this module imports only the standard library.

Keys
    A data key is 32 random bytes, one per folder per device that turned encryption on (two devices that
    did it offline leave two; both stay valid). Its id is 16 random lowercase hex characters, not secret.

Key record (stored as a JSON object; where is the store's business)::

    {"format": "dtw-key", "v": 1, "id": "3fa9c2d177b0e412",
     "kdf": {"name": "scrypt", "n": 65536, "r": 8, "p": 1, "salt": "<b64 of 16 bytes>"},
     "wrap": {"alg": "AES-256-GCM", "nonce": "<b64 of 12 bytes>", "data": "<b64 of 32+16 bytes>"},
     "created": "2026-10-03T09:12:44+00:00"}

    The key-encryption key (KEK) is scrypt(passphrase, salt, n, r, p, length 32); the passphrase is
    NFC-normalised and encoded as UTF-8 (lone surrogates, from a terminal that sent bytes that are not
    UTF-8, are kept as "surrogatepass" so such a passphrase is at least the same on the same machine).
    The data key is sealed with AES-256-GCM under the KEK, with the key id (ASCII) as associated data, so
    a wrapped key copied under another id does not open. Base64 is the standard alphabet, with padding.
    `created` is when the data key was made; `rewrap` keeps it (and any other field it does not know).
    When read back, scrypt's parameters are checked before any work is done: n a power of two from 2 to
    2**20, r 1–32, p 1–16 and at most 1 GiB of memory, so a damaged or hostile record cannot make dtw
    allocate without bound. `new_key` and `rewrap` take the same parameters, so tests can pass a small n;
    the store should pass nothing (then `tune_scrypt()` picks n for this machine).

Entries file
    The first line is a plain JSON header another program can recognise::

        {"dtw":"encrypted","v":1,"key":"3fa9c2d177b0e412","salt":"<b64 of 16 bytes>","alg":"AES-256-GCM"}

    The file key is HKDF-SHA256(data key, length 32, salt = the file's salt, info = b"dtw entries file v1").
    Each later line is one record: base64(nonce (12 random bytes) || AES-GCM ciphertext and tag), with the
    file's salt as associated data, so a record moved into another file does not open. A record line holds
    no newline, and nothing about the entry but its length.

Why random nonces never repeat in practice
    Every file has its own key (a fresh 128-bit salt through HKDF), so a nonce only has to be unique among
    the records sealed under one file's key. With random 96-bit nonces the chance of any repeat among q
    records is about q**2 / 2**97: for a million records in one file (dtw writes one file per month per
    device: a few hundred lines) it is below 2**-57. NIST SP 800-38D allows 2**32 random-nonce seals per key;
    a file never comes near. The store should start a fresh salt (`FileCipher.new`) whenever it rewrites a
    file whole, which keeps the count per key to one file's lifetime.

The KEK cache
    scrypt is slow on purpose. So that one process that unlocks the same records twice (the CLI then the
    app, or a reload) pays once, each derived KEK is kept in a small in-process dict keyed by (salt, n, r,
    p, SHA-256 of the normalised passphrase), at most `_KEK_CACHE_SIZE` entries, never written anywhere.
    A digest of the passphrase in memory helps nobody who can read this process's memory: the KEKs and
    data keys are there too. `forget_cached_keys()` empties it. (Python cannot wipe bytes from memory.)

Errors
    All are `DtwError`s (exit 1, via the CLI's one handler), and no message ever holds a passphrase, a key
    or entry text. A record that does not open for this passphrase is indistinguishable, by design, from
    one whose wrap was changed: `unlock` says `WrongPassphrase` when none opens. A key record that is
    malformed (a missing field, bad base64, impossible scrypt parameters) raises `BadKeyRecord`, naming
    the key id and the field, even if another record would open: a damaged key record should be seen.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import secrets
import time
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from doingthework.core.errors import BadInput, DtwError

KEY_FORMAT = "dtw-key"
KEY_VERSION = 1
FILE_VERSION = 1
ALG = "AES-256-GCM"
KDF_NAME = "scrypt"
HEADER_PREFIX = b'{"dtw":"encrypted"'
HKDF_INFO = b"dtw entries file v1"

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16

N_MIN, N_MAX = 2**14, 2**20  # what tune_scrypt may choose
_N_ACCEPT_MIN = 2  # what a record may hold (tests use small n)
_R_MAX, _P_MAX = 32, 16
_MEMORY_MAX = 2**30  # bytes scrypt may need: 128 * n * r
_KEY_ID = re.compile(r"[0-9a-f]{16}")
_HEADER_MAX = 4096  # a header line longer than this is not one

_KEK_CACHE_SIZE = 16
_KEK_CACHE: dict[tuple[bytes, int, int, int, bytes], bytes] = {}


class CryptoError(DtwError):
    """Something about encryption the person can act on. Exit 1; never names a secret or entry text."""


class WrongPassphrase(CryptoError):
    """The passphrase opens none of the folder's key records."""

    MESSAGE = "that passphrase doesn't open this folder's key"
    HINT = "check it and try again; capitals and spaces count"


class BadKeyRecord(CryptoError):
    """A key record is not one dtw can read: names the key id (when it has one) and the field."""

    def __init__(self, key_id: str | None, field: str, problem: str) -> None:
        which = f"key {key_id}" if key_id else "a key record"
        super().__init__(f"{which} can't be used: {field} {problem}", field=field)
        self.key_id = key_id


class NotEncrypted(CryptoError):
    """A first line that is not an encryption header at all (the file is plain, or something else)."""

    MESSAGE = "this file is not encrypted (its first line is not dtw's encryption header)"


class BadHeader(CryptoError):
    """A first line that says it is an encrypted file, but cannot be used."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"this encrypted file's header can't be used: {problem}")


class UnknownKey(CryptoError):
    """The file was sealed with a key that is not among those unlocked."""

    def __init__(self, key_id: str) -> None:
        super().__init__(
            f"this file was encrypted with a key ({key_id}) that isn't unlocked here",
            hint="it may come from another device: its key record must be in the folder, opened with its passphrase",
        )
        self.key_id = key_id


class DamagedRecord(CryptoError):
    """One record line could not be decrypted. `reason` is short and never holds any of the content."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"an encrypted entry {reason}")
        self.reason = reason


class Locked(CryptoError):
    """The folder is encrypted and no passphrase could be asked for."""

    MESSAGE = "your entries are encrypted, and there is no terminal to ask for the passphrase"
    HINT = "run the command in a terminal, or set DTW_PASSPHRASE_COMMAND (docs/configuration.md)"


class CannotRead(CryptoError):
    """An encrypted file or key record that can't be used as a whole (a link, a damaged record)."""


# ----------------------------------------------------------------------------------------------------
# small helpers


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object) -> bytes:
    """Standard base64 (padding required, no whitespace); ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError("not a string")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("not base64") from exc


def _passphrase_bytes(passphrase: str) -> bytes:
    if not isinstance(passphrase, str):
        raise TypeError("the passphrase must be a str")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def _check_new_passphrase(passphrase: str) -> bytes:
    data = _passphrase_bytes(passphrase)
    if not data:
        raise BadInput("the passphrase can't be empty", field="passphrase")
    return data


def _check_data_key(data_key: bytes) -> bytes:
    if not isinstance(data_key, bytes | bytearray) or len(data_key) != KEY_BYTES:
        raise ValueError(f"a data key is {KEY_BYTES} bytes")
    return bytes(data_key)


def _scrypt_params(kdf: Mapping[str, Any], key_id: str | None = None) -> tuple[int, int, int]:
    """(n, r, p) from a kdf dict, checked so that no record can make scrypt allocate without bound."""

    def bad(field: str, problem: str) -> BadKeyRecord:
        return BadKeyRecord(key_id, f"kdf.{field}", problem)

    if not isinstance(kdf, Mapping):
        raise BadKeyRecord(key_id, "kdf", "is missing or not an object")
    name = kdf.get("name", KDF_NAME)
    if name != KDF_NAME:
        raise bad("name", f"is not {KDF_NAME}")
    values = []
    for field, low, high in (("n", _N_ACCEPT_MIN, N_MAX), ("r", 1, _R_MAX), ("p", 1, _P_MAX)):
        value = kdf.get(field)
        if type(value) is not int:
            raise bad(field, "is missing or not a whole number")
        if not low <= value <= high:
            raise bad(field, f"is outside {low}–{high}")
        values.append(value)
    n, r, p = values
    if n & (n - 1):
        raise bad("n", "is not a power of two")
    if 128 * n * r > _MEMORY_MAX:
        raise bad("n", "would need more than 1 GiB of memory")
    return n, r, p


def _derive_kek(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    """scrypt, uncached. One call is the slow part of unlocking (tests count the calls)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(passphrase)


def _kek(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    """The KEK, from the in-process cache when this process derived it already."""
    cache_key = (salt, n, r, p, hashlib.sha256(passphrase).digest())
    kek = _KEK_CACHE.get(cache_key)
    if kek is None:
        kek = _derive_kek(passphrase, salt, n, r, p)
        while len(_KEK_CACHE) >= _KEK_CACHE_SIZE:
            del _KEK_CACHE[next(iter(_KEK_CACHE))]  # the oldest
        _KEK_CACHE[cache_key] = kek
    return kek


def forget_cached_keys() -> None:
    """Empty the in-process KEK cache (after a lock, a passphrase change, or between tests)."""
    _KEK_CACHE.clear()


# ----------------------------------------------------------------------------------------------------
# key records


def tune_scrypt(target_seconds: float = 0.3) -> dict[str, Any]:
    """scrypt parameters for this machine: n a power of two in [2**14, 2**20], r=8, p=1.

    Times two derivations at n=2**14 (the floor, ~0.05 s each on an ordinary laptop), keeps the faster,
    and scales: scrypt's time is linear in n. Picks the power of two whose estimated time is nearest `target_seconds` (on a log
    scale), so one derivation takes roughly 0.2–0.5 s for the default target.
    """
    import math

    import cryptography.hazmat.primitives.kdf.scrypt  # noqa: F401 -- imported before the clock starts

    r, p = 8, 1
    salt = secrets.token_bytes(SALT_BYTES)
    timings = []
    for _ in range(2):  # the faster of two: the other may have met a busy moment
        start = time.perf_counter()
        _derive_kek(b"tune", salt, N_MIN, r, p)
        timings.append(time.perf_counter() - start)
    per_n = max(min(timings), 1e-9) / N_MIN
    exponent = round(math.log2(max(target_seconds, 1e-9) / per_n))
    n = 2 ** min(max(exponent, N_MIN.bit_length() - 1), N_MAX.bit_length() - 1)
    return {"name": KDF_NAME, "n": n, "r": r, "p": p}


def _wrap(key_id: str, data_key: bytes, passphrase: bytes, kdf: Mapping[str, Any] | None) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    n, r, p = _scrypt_params(tune_scrypt() if kdf is None else kdf)
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    kek = _kek(passphrase, salt, n, r, p)
    sealed = AESGCM(kek).encrypt(nonce, data_key, key_id.encode("ascii"))
    return {
        "kdf": {"name": KDF_NAME, "n": n, "r": r, "p": p, "salt": _b64(salt)},
        "wrap": {"alg": ALG, "nonce": _b64(nonce), "data": _b64(sealed)},
    }


def new_key(passphrase: str, kdf: dict[str, Any] | None = None) -> tuple[dict[str, Any], bytes]:
    """A fresh key record, and its data key. `kdf` ({"n", "r", "p"}) defaults to `tune_scrypt()`."""
    secret = _check_new_passphrase(passphrase)
    key_id = secrets.token_hex(8)
    data_key = secrets.token_bytes(KEY_BYTES)
    record: dict[str, Any] = {"format": KEY_FORMAT, "v": KEY_VERSION, "id": key_id}
    record.update(_wrap(key_id, data_key, secret, kdf))
    record["created"] = datetime.now(UTC).isoformat(timespec="seconds")
    return record, data_key


def rewrap(
    record: dict[str, Any], data_key: bytes, new_passphrase: str, kdf: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The same key under a new passphrase: same id, fresh salt and nonce; other fields kept.

    `data_key` must be the one `unlock` returned for this record's id: it cannot be checked here (that
    would need the old passphrase). `kdf` defaults to `tune_scrypt()`, as this machine may be faster now.
    """
    key_id = _parse_record(record).key_id
    secret = _check_new_passphrase(new_passphrase)
    fresh = dict(record)
    fresh.update(_wrap(key_id, _check_data_key(data_key), secret, kdf))
    return fresh


class _Parsed:
    __slots__ = ("data", "key_id", "n", "nonce", "p", "r", "salt")

    def __init__(self, key_id: str, salt: bytes, n: int, r: int, p: int, nonce: bytes, data: bytes) -> None:
        self.key_id, self.salt, self.n, self.r, self.p, self.nonce, self.data = key_id, salt, n, r, p, nonce, data


def _parse_record(record: object) -> _Parsed:
    """Every field checked; BadKeyRecord names the first one that is wrong."""
    if not isinstance(record, Mapping):
        raise BadKeyRecord(None, "the record", "is not a JSON object")
    raw_id = record.get("id")
    key_id = raw_id if isinstance(raw_id, str) and _KEY_ID.fullmatch(raw_id) else None
    if record.get("format") != KEY_FORMAT:
        raise BadKeyRecord(key_id, "format", f"is not {KEY_FORMAT!r}")
    if record.get("v") != KEY_VERSION or type(record.get("v")) is not int:
        raise BadKeyRecord(key_id, "v", f"is not {KEY_VERSION} (made by a newer dtw?)")
    if key_id is None:
        raise BadKeyRecord(None, "id", "is not 16 lowercase hex characters")
    kdf = record.get("kdf")
    if not isinstance(kdf, Mapping):
        raise BadKeyRecord(key_id, "kdf", "is missing or not an object")
    n, r, p = _scrypt_params(kdf, key_id)
    try:
        salt = _unb64(kdf.get("salt"))
    except ValueError as exc:
        raise BadKeyRecord(key_id, "kdf.salt", f"is {exc}") from None
    if len(salt) != SALT_BYTES:
        raise BadKeyRecord(key_id, "kdf.salt", f"is not {SALT_BYTES} bytes")
    wrap = record.get("wrap")
    if not isinstance(wrap, Mapping):
        raise BadKeyRecord(key_id, "wrap", "is missing or not an object")
    if wrap.get("alg") != ALG:
        raise BadKeyRecord(key_id, "wrap.alg", f"is not {ALG}")
    decoded = {}
    for field, size in (("nonce", NONCE_BYTES), ("data", KEY_BYTES + TAG_BYTES)):
        try:
            decoded[field] = _unb64(wrap.get(field))
        except ValueError as exc:
            raise BadKeyRecord(key_id, f"wrap.{field}", f"is {exc}") from None
        if len(decoded[field]) != size:
            raise BadKeyRecord(key_id, f"wrap.{field}", f"is not {size} bytes")
    return _Parsed(key_id, salt, n, r, p, decoded["nonce"], decoded["data"])


def unlock(records: Iterable[dict[str, Any]], passphrase: str) -> dict[str, bytes]:
    """Key id → data key for every record this passphrase opens; WrongPassphrase if it opens none.

    Every record is checked before any scrypt work (BadKeyRecord for the first malformed one). Each
    distinct (salt, n, r, p) is derived once, and a KEK this process derived before is reused.
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    parsed = [_parse_record(record) for record in records]
    secret = _passphrase_bytes(passphrase)
    keks: dict[tuple[bytes, int, int, int], bytes] = {}
    opened: dict[str, bytes] = {}
    for rec in parsed:
        params = (rec.salt, rec.n, rec.r, rec.p)
        if params not in keks:
            keks[params] = _kek(secret, *params)
        try:
            data_key = AESGCM(keks[params]).decrypt(rec.nonce, rec.data, rec.key_id.encode("ascii"))
        except InvalidTag:
            continue
        if opened.get(rec.key_id, data_key) != data_key:
            raise BadKeyRecord(rec.key_id, "id", "is used by two records holding different keys")
        opened[rec.key_id] = data_key
    if not opened:
        raise WrongPassphrase()
    return opened


# ----------------------------------------------------------------------------------------------------
# one entries file


def is_encrypted_header(line: bytes) -> bool:
    """A quick look: is this first line dtw's encryption header (whatever its version)?"""
    if line.startswith(HEADER_PREFIX):
        return True
    stripped = line.strip()
    if not stripped.startswith(b"{") or len(stripped) > _HEADER_MAX:
        return False
    try:
        value = json.loads(stripped)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("dtw") == "encrypted"


class FileCipher:
    """Seals and opens the record lines of one entries file, under that file's own key."""

    __slots__ = ("_aead", "key_id", "salt")

    def __init__(self, key_id: str, data_key: bytes, salt: bytes) -> None:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        if not isinstance(key_id, str) or not _KEY_ID.fullmatch(key_id):
            raise ValueError("a key id is 16 lowercase hex characters")
        if len(salt) != SALT_BYTES:
            raise ValueError(f"a file salt is {SALT_BYTES} bytes")
        self.key_id = key_id
        self.salt = bytes(salt)
        file_key = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=self.salt, info=HKDF_INFO).derive(
            _check_data_key(data_key)
        )
        self._aead = AESGCM(file_key)

    @classmethod
    def new(cls, key_id: str, data_key: bytes) -> FileCipher:
        """A cipher for a new file (or a file rewritten whole): a fresh random salt."""
        return cls(key_id, data_key, secrets.token_bytes(SALT_BYTES))

    @classmethod
    def from_header(cls, line: bytes, keys: Mapping[str, bytes]) -> FileCipher:
        """The cipher of an existing file, from its first line and the unlocked keys (id → data key)."""
        if not is_encrypted_header(line):
            raise NotEncrypted()
        try:
            header = json.loads(line.strip())
        except ValueError:
            raise BadHeader("it is not valid JSON") from None
        if not isinstance(header, dict):
            raise BadHeader("it is not a JSON object")
        if header.get("v") != FILE_VERSION or type(header.get("v")) is not int:
            raise BadHeader(f"its version is not {FILE_VERSION} (made by a newer dtw?)")
        if header.get("alg") != ALG:
            raise BadHeader(f"its algorithm is not {ALG}")
        key_id = header.get("key")
        if not isinstance(key_id, str) or not _KEY_ID.fullmatch(key_id):
            raise BadHeader("its key id is not 16 lowercase hex characters")
        try:
            salt = _unb64(header.get("salt"))
        except ValueError as exc:
            raise BadHeader(f"its salt is {exc}") from None
        if len(salt) != SALT_BYTES:
            raise BadHeader(f"its salt is not {SALT_BYTES} bytes")
        if key_id not in keys:
            raise UnknownKey(key_id)
        return cls(key_id, keys[key_id], salt)

    def header(self) -> bytes:
        """The file's first line, without its newline: compact JSON, plain for any program to recognise."""
        fields = {"dtw": "encrypted", "v": FILE_VERSION, "key": self.key_id, "salt": _b64(self.salt), "alg": ALG}
        return json.dumps(fields, separators=(",", ":")).encode("ascii")

    def seal(self, plain: bytes) -> bytes:
        """One record line, without its newline: base64(nonce || ciphertext and tag)."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        return base64.b64encode(nonce + self._aead.encrypt(nonce, bytes(plain), self.salt))

    def open(self, line: bytes) -> bytes:
        """The plain bytes of one record line; DamagedRecord if it was changed, cut short or moved here."""
        from cryptography.exceptions import InvalidTag

        try:
            line = line.strip()
            raw = base64.b64decode(line, validate=True)
        except (binascii.Error, ValueError):
            raise DamagedRecord("is not valid base64 (changed or cut short)") from None
        if base64.b64encode(raw) != line:  # the unused bits of a last character: a change all the same
            raise DamagedRecord("is not the base64 dtw writes (changed)")
        if len(raw) < NONCE_BYTES + TAG_BYTES:
            raise DamagedRecord("is too short (cut short)")
        try:
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], self.salt)
        except InvalidTag:
            raise DamagedRecord("could not be decrypted (changed or cut short)") from None
