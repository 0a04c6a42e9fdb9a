"""Encryption at rest, the building blocks (core/crypto.py): keys, key records and one file's records."""

from __future__ import annotations

import base64
import copy
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doingthework.core import crypto
from doingthework.core.crypto import (
    BadHeader,
    BadKeyRecord,
    DamagedRecord,
    FileCipher,
    NotEncrypted,
    UnknownKey,
    WrongPassphrase,
    forget_cached_keys,
    is_encrypted_header,
    new_key,
    rewrap,
    tune_scrypt,
    unlock,
)
from doingthework.core.errors import BadInput, DtwError

FAST = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}  # tests never pay the real cost
KEY_ID = "0123456789abcdef"
DATA_KEY = bytes(range(32))
SENTINEL = b"SENTINEL-my-therapist-said-3f9a"
RECORD_FOR_FLIPS = new_key("flip me", FAST)  # made once: the tests below change copies of it


@pytest.fixture(autouse=True)
def _empty_cache():
    forget_cached_keys()
    yield
    forget_cached_keys()


@pytest.fixture(scope="module")
def cipher() -> FileCipher:
    return FileCipher.new(KEY_ID, DATA_KEY)


def flip_bit(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


# ---------------------------------------------------------------------------------------------------
# records in a file


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plain=st.binary(max_size=4096))
def test_seal_then_open_gives_back_the_same_bytes_and_one_line(cipher, plain):
    line = cipher.seal(plain)
    assert b"\n" not in line and b"\r" not in line
    assert cipher.open(line) == plain
    assert cipher.open(line + b"\r\n") == plain  # a line as read from the file


def test_a_record_never_shows_its_plaintext(cipher):
    plain = json.dumps({"kind": "note", "text": SENTINEL.decode()}).encode()
    line = cipher.seal(plain)
    assert SENTINEL not in line
    assert SENTINEL not in base64.b64decode(line)
    assert b"note" not in base64.b64decode(line)
    assert len(base64.b64decode(line)) == 12 + len(plain) + 16


def test_nonces_differ_across_ten_thousand_seals(cipher):
    nonces = {base64.b64decode(cipher.seal(b"same text"))[:12] for _ in range(10_000)}
    assert len(nonces) == 10_000


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_single_bit_flipped_is_damage(cipher, data):
    plain = data.draw(st.binary(max_size=64), label="plain")
    raw = base64.b64decode(cipher.seal(plain))
    bit = data.draw(st.integers(0, len(raw) * 8 - 1), label="bit")
    with pytest.raises(DamagedRecord) as caught:
        cipher.open(base64.b64encode(flip_bit(raw, bit)))
    assert "changed" in caught.value.message


def test_every_changed_character_in_a_line_is_damage(cipher):
    # every place, every kind of character, over lines with different nonces: a change in the
    # unused bits of the last base64 character decodes to the same bytes, and is damage too
    for _ in range(20):
        line = cipher.seal(b'{"kind":"note","text":"hello"}')
        for at in range(len(line)):
            for other in b"ABCDQRSabc019+/=!\x00 ":
                changed = line[:at] + bytes([other]) + line[at + 1 :]
                if changed != line:
                    with pytest.raises(DamagedRecord):
                        cipher.open(changed)


@pytest.mark.parametrize("keep", [0, 4, 16, 36, 40, -4, -1])
def test_a_record_cut_short_is_damage(cipher, keep):
    line = cipher.seal(SENTINEL)
    with pytest.raises(DamagedRecord) as caught:
        cipher.open(line[:keep])
    assert SENTINEL.decode() not in caught.value.message


def test_a_record_cut_short_at_a_base64_boundary_is_damage(cipher):
    raw = base64.b64decode(cipher.seal(SENTINEL))
    for keep in (0, 12, 27, 28, len(raw) - 1):
        with pytest.raises(DamagedRecord):
            cipher.open(base64.b64encode(raw[:keep]))


def test_a_record_moved_to_another_file_is_damage(cipher):
    other = FileCipher.new(KEY_ID, DATA_KEY)  # same key, another file: another salt
    assert other.salt != cipher.salt
    line = cipher.seal(b"written in October")
    with pytest.raises(DamagedRecord):
        other.open(line)
    # even with the file key the other file would have if it had this salt's key: the salt is bound too
    assert FileCipher(KEY_ID, DATA_KEY, cipher.salt).open(line) == b"written in October"


def test_a_record_under_another_data_key_is_damage(cipher):
    stranger = FileCipher("fedcba9876543210", bytes(32), cipher.salt)
    with pytest.raises(DamagedRecord):
        stranger.open(cipher.seal(b"x"))


@pytest.mark.parametrize("line", [b"", b"\r\n", b"not base64 at all!", b'{"kind":"note"}', "é".encode()])
def test_garbage_lines_are_damage_not_a_crash(cipher, line):
    with pytest.raises(DamagedRecord):
        cipher.open(line)


def test_damage_is_a_dtw_error_with_exit_one():
    assert issubclass(DamagedRecord, DtwError)
    assert DamagedRecord("x").exit_code == 1


# ---------------------------------------------------------------------------------------------------
# the file header


def test_header_round_trip(cipher):
    header = cipher.header()
    assert b"\n" not in header
    fields = json.loads(header)
    assert list(fields) == ["dtw", "v", "key", "salt", "alg"]
    assert fields == {
        "dtw": "encrypted",
        "v": 1,
        "key": KEY_ID,
        "salt": base64.b64encode(cipher.salt).decode(),
        "alg": "AES-256-GCM",
    }
    assert header.startswith(b'{"dtw":"encrypted",')
    assert is_encrypted_header(header)
    again = FileCipher.from_header(header + b"\n", {KEY_ID: DATA_KEY, "1111111111111111": bytes(32)})
    assert again.key_id == KEY_ID and again.salt == cipher.salt
    assert again.open(cipher.seal(SENTINEL)) == SENTINEL
    assert cipher.open(again.seal(SENTINEL)) == SENTINEL


def test_a_header_written_by_another_program_with_spaces_still_reads(cipher):
    fields = json.loads(cipher.header())
    spaced = json.dumps(dict(reversed(list(fields.items())))).encode()
    assert is_encrypted_header(spaced)
    assert FileCipher.from_header(spaced, {KEY_ID: DATA_KEY}).salt == cipher.salt


def test_a_header_naming_a_key_not_unlocked_is_unknown_key(cipher):
    with pytest.raises(UnknownKey) as caught:
        FileCipher.from_header(cipher.header(), {"1111111111111111": DATA_KEY})
    assert caught.value.key_id == KEY_ID
    assert KEY_ID in caught.value.message
    assert DATA_KEY.hex() not in caught.value.message


@pytest.mark.parametrize(
    "line",
    [b"", b"garbage", b'{"at":"2026-10-03T09:00:00+00:00","kind":"note","text":"hi"}', b"[1,2]", b"\x00\xff"],
)
def test_a_plain_first_line_is_not_encrypted(line):
    assert not is_encrypted_header(line)
    with pytest.raises(NotEncrypted):
        FileCipher.from_header(line, {KEY_ID: DATA_KEY})


@pytest.mark.parametrize(
    "change, words",
    [
        ({"v": 2}, "version"),
        ({"v": True}, "version"),
        ({"alg": "ChaCha20"}, "algorithm"),
        ({"key": "NOT-HEX"}, "key id"),
        ({"key": 7}, "key id"),
        ({"salt": "***"}, "salt"),
        ({"salt": base64.b64encode(b"short").decode()}, "salt"),
        ({"salt": None}, "salt"),
    ],
)
def test_a_bad_encrypted_header_says_what_is_wrong(cipher, change, words):
    fields = json.loads(cipher.header()) | change
    with pytest.raises(BadHeader) as caught:
        FileCipher.from_header(json.dumps(fields, separators=(",", ":")).encode(), {KEY_ID: DATA_KEY})
    assert words in caught.value.message


def test_a_header_cut_short_is_a_bad_header(cipher):
    with pytest.raises(BadHeader) as caught:
        FileCipher.from_header(cipher.header()[:40], {KEY_ID: DATA_KEY})
    assert "JSON" in caught.value.message


# ---------------------------------------------------------------------------------------------------
# key records


def test_a_new_key_record_has_the_documented_shape():
    record, data_key = new_key("correct horse", FAST)
    assert len(data_key) == 32
    assert set(record) == {"format", "v", "id", "kdf", "wrap", "created"}
    assert record["format"] == "dtw-key" and record["v"] == 1
    assert len(record["id"]) == 16 and all(c in "0123456789abcdef" for c in record["id"])
    kdf = record["kdf"]
    assert (kdf["name"], kdf["n"], kdf["r"], kdf["p"]) == ("scrypt", 2**10, 8, 1)
    assert len(base64.b64decode(record["kdf"]["salt"], validate=True)) == 16
    assert record["wrap"]["alg"] == "AES-256-GCM"
    assert len(base64.b64decode(record["wrap"]["nonce"], validate=True)) == 12
    assert len(base64.b64decode(record["wrap"]["data"], validate=True)) == 48
    assert record["created"].endswith("+00:00")
    assert json.loads(json.dumps(record)) == record  # plain JSON
    text = json.dumps(record)
    assert "correct horse" not in text and data_key.hex() not in text
    assert unlock([record], "correct horse") == {record["id"]: data_key}


def test_two_new_keys_differ():
    (one, key_one), (two, key_two) = new_key("same", FAST), new_key("same", FAST)
    assert one["id"] != two["id"] and key_one != key_two
    assert one["kdf"]["salt"] != two["kdf"]["salt"]


def test_a_wrong_passphrase_is_wrong_passphrase_and_never_repeats_it():
    record, _ = new_key("the right one", FAST)
    typed = "hunter2-the-WRONG-one"
    with pytest.raises(WrongPassphrase) as caught:
        unlock([record], typed)
    error = caught.value
    assert isinstance(error, DtwError) and not isinstance(error, BadInput)
    assert error.exit_code == 1
    assert "doesn't open" in error.message
    for text in (error.message, error.hint or "", str(error)):
        assert typed not in text and "hunter2" not in text


def test_no_records_at_all_is_wrong_passphrase():
    with pytest.raises(WrongPassphrase):
        unlock([], "anything")


def test_each_passphrase_opens_only_its_own_devices_key():
    laptop, laptop_key = new_key("laptop passphrase", FAST)
    phone, phone_key = new_key("phone passphrase", FAST)
    assert unlock([laptop, phone], "laptop passphrase") == {laptop["id"]: laptop_key}
    assert unlock([laptop, phone], "phone passphrase") == {phone["id"]: phone_key}
    shared, shared_key = new_key("laptop passphrase", FAST)
    assert unlock([laptop, phone, shared], "laptop passphrase") == {laptop["id"]: laptop_key, shared["id"]: shared_key}


def test_the_passphrase_is_nfc_normalised():
    record, data_key = new_key("caf\u00e9", FAST)  # é as one code point
    assert unlock([record], "cafe\u0301") == {record["id"]: data_key}  # e + combining accent
    with pytest.raises(WrongPassphrase):
        unlock([record], "cafe")


def test_rewrap_keeps_the_key_and_the_old_passphrase_stops_working():
    record, data_key = new_key("old words", FAST)
    moved = rewrap(record, data_key, "new words", FAST)
    assert moved["id"] == record["id"] and moved["created"] == record["created"]
    assert moved["kdf"]["salt"] != record["kdf"]["salt"]
    assert moved["wrap"]["nonce"] != record["wrap"]["nonce"]
    assert record["kdf"]["salt"] == copy.deepcopy(record)["kdf"]["salt"]  # the old record is not changed
    with pytest.raises(WrongPassphrase):
        unlock([moved], "old words")
    assert unlock([moved], "new words") == {record["id"]: data_key}
    # and a file sealed before the change still opens with what the new passphrase unlocks
    sealed = FileCipher.new(record["id"], data_key)
    line = sealed.seal(SENTINEL)
    keys = unlock([moved], "new words")
    assert FileCipher.from_header(sealed.header(), keys).open(line) == SENTINEL


def test_a_wrapped_key_swapped_under_another_id_does_not_open():
    mine, _ = new_key("same words", FAST)
    theirs, _ = new_key("same words", FAST)
    swapped = copy.deepcopy(theirs)
    swapped["kdf"], swapped["wrap"] = mine["kdf"], mine["wrap"]  # mine's wrap, under their id
    with pytest.raises(WrongPassphrase):
        unlock([swapped], "same words")


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_bit_flipped_in_the_wrapped_key_stops_it_opening(data):
    record, _ = RECORD_FOR_FLIPS
    field = data.draw(st.sampled_from(["nonce", "data"]), label="field")
    raw = base64.b64decode(record["wrap"][field])
    bit = data.draw(st.integers(0, len(raw) * 8 - 1), label="bit")
    changed = copy.deepcopy(record)
    changed["wrap"][field] = base64.b64encode(flip_bit(raw, bit)).decode()
    with pytest.raises(WrongPassphrase):
        unlock([changed], "flip me")


def test_one_derivation_per_salt_and_params_and_again_none_in_the_same_process(monkeypatch):
    calls = []
    real = crypto._derive_kek

    def counting(*args):
        calls.append(args[1:])
        return real(*args)

    monkeypatch.setattr(crypto, "_derive_kek", counting)
    record, data_key = new_key("words", FAST)  # new_key derives once, and keeps the KEK
    assert len(calls) == 1
    forget_cached_keys()
    twin = copy.deepcopy(record)  # the same salt and params twice: derived once
    assert unlock([record, twin], "words") == {record["id"]: data_key}
    assert len(calls) == 2
    assert unlock([record, twin], "words") == {record["id"]: data_key}  # the cache: no scrypt work
    assert len(calls) == 2
    with pytest.raises(WrongPassphrase):
        unlock([record], "other words")  # another passphrase is not served from the cache
    assert len(calls) == 3
    forget_cached_keys()
    unlock([record], "words")
    assert len(calls) == 4


def test_two_records_with_one_id_and_different_keys_are_refused():
    record, _ = new_key("words", FAST)
    other, _ = new_key("words", FAST)
    other = rewrap(other | {"id": record["id"]}, b"\x01" * 32, "words", FAST)
    with pytest.raises(BadKeyRecord) as caught:
        unlock([record, other], "words")
    assert record["id"] in caught.value.message


def _broken(path: str, value: object) -> dict:
    record = copy.deepcopy(RECORD_FOR_FLIPS[0])
    *parents, last = path.split(".")
    target = record
    for part in parents:
        target = target[part]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return record


@pytest.mark.parametrize(
    "path, value, field",
    [
        ("format", "something-else", "format"),
        ("v", 2, "v"),
        ("v", KeyError, "v"),
        ("kdf", KeyError, "kdf"),
        ("kdf", "scrypt", "kdf"),
        ("kdf.name", "pbkdf2", "kdf.name"),
        ("kdf.n", 1000, "kdf.n"),
        ("kdf.n", 2**40, "kdf.n"),
        ("kdf.n", "1024", "kdf.n"),
        ("kdf.n", KeyError, "kdf.n"),
        ("kdf.r", 0, "kdf.r"),
        ("kdf.p", 10**6, "kdf.p"),
        ("kdf.r", 33, "kdf.r"),
        ("kdf.salt", "not base64!", "kdf.salt"),
        ("kdf.salt", base64.b64encode(b"short").decode(), "kdf.salt"),
        ("wrap", KeyError, "wrap"),
        ("wrap.alg", "AES-128-CBC", "wrap.alg"),
        ("wrap.nonce", 12, "wrap.nonce"),
        ("wrap.nonce", base64.b64encode(bytes(8)).decode(), "wrap.nonce"),
        ("wrap.data", "", "wrap.data"),
    ],
)
def test_a_malformed_key_record_names_its_id_and_field(path, value, field):
    record = _broken(path, value)
    good, _ = new_key("flip me", FAST)
    with pytest.raises(BadKeyRecord) as caught:
        unlock([good, record], "flip me")  # even when another record would open
    message = caught.value.message
    assert field in message, message
    if path not in ("format", "v"):
        assert record["id"] in message
    assert "flip me" not in message


def test_scrypt_memory_is_bounded_before_any_work():
    record = _broken("kdf.n", 2**20)
    record["kdf"]["r"] = 16  # 2 GiB
    with pytest.raises(BadKeyRecord) as caught:
        unlock([record], "flip me")
    assert "memory" in caught.value.message


@pytest.mark.parametrize("record", [None, [], "text", {"id": "0123456789abcdef"}, {"format": "dtw-key", "v": 1}])
def test_something_that_is_not_a_key_record_is_a_clear_error(record):
    with pytest.raises(BadKeyRecord):
        unlock([record], "words")


def test_an_empty_passphrase_is_refused_when_making_a_key():
    with pytest.raises(BadInput):
        new_key("", FAST)
    record, data_key = new_key("words", FAST)
    with pytest.raises(BadInput):
        rewrap(record, data_key, "", FAST)


def test_rewrap_checks_the_record_and_the_key():
    record, _ = new_key("words", FAST)
    with pytest.raises(BadKeyRecord):
        rewrap(_broken("kdf.salt", "!"), DATA_KEY, "new", FAST)
    with pytest.raises(ValueError):
        rewrap(record, b"short", "new", FAST)


def test_tune_scrypt_picks_a_power_of_two_in_range():
    kdf = tune_scrypt()
    assert kdf["name"] == "scrypt" and kdf["r"] == 8 and kdf["p"] == 1
    n = kdf["n"]
    assert 2**14 <= n <= 2**20
    assert n & (n - 1) == 0


# ---------------------------------------------------------------------------------------------------
# what importing costs


def test_importing_the_module_does_not_import_cryptography():
    code = (
        "import sys, json\n"
        "import doingthework.core.crypto as c\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('cryptography', '_cffi_backend'))))\n"
        "c.is_encrypted_header(b'{}')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'cryptography')))\n"
        "c.FileCipher.new('0123456789abcdef', bytes(32)).seal(b'x')\n"
        "print(json.dumps('cryptography.hazmat.primitives.ciphers.aead' in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    at_import, after_header_check, after_seal = (json.loads(line) for line in result.stdout.splitlines())
    assert at_import == []
    assert after_header_check == []
    assert after_seal is True  # the check above is not vacuous: using it does load cryptography


def test_another_program_can_read_a_file_from_the_documented_format_alone(cipher):
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    header = json.loads(cipher.header())
    salt = base64.b64decode(header["salt"])
    file_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"dtw entries file v1").derive(DATA_KEY)
    raw = base64.b64decode(cipher.seal(SENTINEL))
    assert AESGCM(file_key).decrypt(raw[:12], raw[12:], salt) == SENTINEL
    with pytest.raises(InvalidTag):  # the salt is the associated data: without it, nothing opens
        AESGCM(file_key).decrypt(raw[:12], raw[12:], None)


def test_another_program_can_open_a_key_record_from_the_documented_format_alone():
    import unicodedata

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    record, data_key = new_key("caf\u00e9 words", FAST)
    kdf, wrap = record["kdf"], record["wrap"]
    secret = unicodedata.normalize("NFC", "cafe\u0301 words").encode()
    kek = Scrypt(salt=base64.b64decode(kdf["salt"]), length=32, n=kdf["n"], r=kdf["r"], p=kdf["p"]).derive(secret)
    aad = record["id"].encode()
    assert AESGCM(kek).decrypt(base64.b64decode(wrap["nonce"]), base64.b64decode(wrap["data"]), aad) == data_key
