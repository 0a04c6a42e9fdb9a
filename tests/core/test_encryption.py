"""Encryption at rest through the store (core/vault.py, core/encryption.py): what is on disk, what
reads back, and what happens when keys, records or files are wrong. The cryptography itself is
tested in test_crypto.py; these tests use a small scrypt cost so they run fast."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from doingthework.core import crypto, doctor, encryption
from doingthework.core.crypto import FileCipher, WrongPassphrase
from doingthework.core.models import CheckIn, Note, Trigger
from doingthework.core.paths import Paths
from doingthework.core.store import Store, entry_files
from doingthework.core.vault import Locked, looks_encrypted

SENTINEL = "SENTINEL-7f3a-words-only-the-person-wrote"
FAST = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
TZ = timezone(timedelta(hours=2))


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    monkeypatch.setattr(crypto, "tune_scrypt", lambda target_seconds=0.3: dict(FAST))
    crypto.forget_cached_keys()


def at(month: int, day: int = 5) -> datetime:
    return datetime(2026, month, day, 9, tzinfo=TZ)


def locked_store(paths: Paths, passphrase: str = "correct horse") -> Store:
    return Store(paths, passphrase=lambda: passphrase)


def every_byte_under(*folders: Path) -> bytes:
    found = []
    for folder in folders:
        for root, _, files in os.walk(folder):
            for name in files:
                path = Path(root, name)
                if not path.is_symlink():
                    found.append(path.read_bytes())
    return b"\n".join(found)


def test_encrypting_keeps_every_entry_and_leaves_no_plain_file(paths):
    store = Store(paths)
    added = [store.add(Note(text=f"note {m}", at=at(m))) for m in (1, 2, 3)]
    before = [e.to_dict() for e in store.query().entries]
    done = encryption.encrypt(store, "correct horse")
    assert done.converted == 3
    assert all(looks_encrypted(p.read_bytes()) for p in entry_files(paths.entries_dir))
    again = locked_store(paths)
    assert [e.to_dict() for e in again.query().entries] == before
    assert again.get(added[1].id) is not None  # a lookup by id reads encrypted files too


def test_nothing_a_person_wrote_is_readable_anywhere_once_encryption_is_on(paths, tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    store = Store(paths)
    store.add(Note(text=f"before: {SENTINEL}", at=at(10)))
    store.save_draft("checkin", {"note": SENTINEL})
    # damage in a plain file of this device's, from before: it is encrypted too, never dropped
    with store.file_for(at(9)).open("ab") as f:
        f.write(f'{{"v": 1, "id": "x", "kind": "note", "text": "{SENTINEL}"\n'.encode())
    encryption.encrypt(store, "correct horse")
    store.add(Note(text=f"after: {SENTINEL}", at=at(11)))
    store.add(Trigger(what=SENTINEL, tags=[SENTINEL], at=at(11, 6)))
    store.add(CheckIn(mood=3, note=SENTINEL, at=at(11, 7)))
    store.save_draft("trigger", {"what": SENTINEL})
    # a damaged record (it decrypts, but isn't an entry), then repair sets it aside
    cipher = store.vault.cipher_of(store.file_for(at(11)).read_bytes().split(b"\n")[0])
    with store.file_for(at(11)).open("ab") as f:
        f.write(cipher.seal(f'{{"broken": "{SENTINEL}"'.encode()) + b"\n")
    report = doctor.check(store, repair=True)
    assert any("moved to quarantine" in f.message for f in report.findings)
    assert list(paths.quarantine_dir.iterdir())
    assert store.load_draft("checkin") is not None and store.load_draft("checkin")[0] == {"note": SENTINEL}
    home = Path(os.environ["HOME"])  # the test's own home, with its XDG cache, data and state folders
    everything = every_byte_under(paths.data_dir, paths.state_dir, paths.config_dir, temp, home)
    assert SENTINEL.encode() not in everything
    assert SENTINEL.encode("utf-16-le") not in everything
    texts = [e.summary() for e in locked_store(paths).query().entries]
    assert any(SENTINEL in t for t in texts) and len(texts) == 4


def test_a_wrong_passphrase_reads_nothing_and_writes_nothing(paths):
    store = Store(paths)
    store.add(Note(text="mine", at=at(3)))
    encryption.encrypt(store, "correct horse")
    before = every_byte_under(paths.data_dir)
    wrong = locked_store(paths, "Correct horse")
    with pytest.raises(WrongPassphrase) as raised:
        wrong.query()
    assert "horse" not in raised.value.message
    with pytest.raises(WrongPassphrase):
        wrong.add(Note(text="new", at=at(3)))
    assert every_byte_under(paths.data_dir) == before


def test_without_a_way_to_ask_an_encrypted_folder_is_locked_not_empty(paths):
    store = Store(paths)
    store.add(Note(text="mine", at=at(3)))
    encryption.encrypt(store, "correct horse")
    with pytest.raises(Locked):
        Store(paths).query()


def test_a_changed_record_is_named_by_its_line_and_set_aside_never_dropped(paths):
    store = Store(paths)
    for day in (1, 2, 3):
        store.add(Note(text=f"day {day}", at=at(4, day)))
    encryption.encrypt(store, "correct horse")
    path = store.file_for(at(4))
    lines = path.read_bytes().split(b"\n")
    record = bytearray(lines[2])
    record[30] = ord("A") if record[30] != ord("A") else ord("B")
    lines[2] = bytes(record)
    path.write_bytes(b"\n".join(lines))
    reader = locked_store(paths)
    result = reader.query()
    assert [e.summary() for e in result.entries] == ["day 1", "day 3"]
    (damage,) = result.damage
    assert damage.line == 3 and "decrypted" in damage.reason and not damage.newer
    doctor.check(reader, repair=True)
    (moved,) = paths.quarantine_dir.iterdir()
    header, kept = moved.read_bytes().split(b"\n")[:2]
    assert looks_encrypted(header) and kept == bytes(record)  # the record itself, still encrypted
    assert [e.summary() for e in locked_store(paths).query().entries] == ["day 1", "day 3"]


def test_a_file_cut_short_mid_record_says_a_write_was_cut_off(paths):
    store = Store(paths)
    store.add(Note(text="whole", at=at(5, 1)))
    encryption.encrypt(store, "correct horse")
    store = locked_store(paths)
    store.add(Note(text="cut", at=at(5, 2)))
    path = store.file_for(at(5))
    data = path.read_bytes()
    path.write_bytes(data[:-20])
    result = locked_store(paths).query()
    assert [e.summary() for e in result.entries] == ["whole"]
    assert "cut off" in result.damage[0].reason and result.damage[0].line == 3
    # the next write starts a new line: the cut record stays a line of its own, named
    store = locked_store(paths)
    store.add(Note(text="next", at=at(5, 3)))
    assert [e.summary() for e in locked_store(paths).query().entries] == ["whole", "next"]


def two_devices(root: Path) -> tuple[Paths, Paths]:
    return (
        Paths(data_dir=root / "data-a", config_dir=root / "config", state_dir=root / "state-a"),
        Paths(data_dir=root / "data-b", config_dir=root / "config", state_dir=root / "state-b"),
    )


def test_two_devices_that_turned_encryption_on_offline_merge_into_one_folder(tmp_path):
    a, b = two_devices(tmp_path)
    for paths, text in ((a, "from a"), (b, "from b")):
        store = Store(paths)
        store.add(Note(text=text, at=at(6)))
        encryption.encrypt(store, "one passphrase")
    # a sync brings b's key and files into a's folder: two keys, two salts, each file names its own
    for folder in ("keys", "entries"):
        for item in (b.data_dir / folder).iterdir():
            shutil.copy2(item, a.data_dir / folder / item.name)
    store = locked_store(a, "one passphrase")
    assert len(store.vault.key_files()) == 2
    assert sorted(e.summary() for e in store.query().entries) == ["from a", "from b"]
    store.add(Note(text="after the sync", at=at(6, 6)))
    assert len(locked_store(a, "one passphrase").query().entries) == 3


def test_another_devices_file_under_a_key_this_passphrase_cant_open_is_kept_not_repaired(tmp_path):
    a, b = two_devices(tmp_path)
    for paths, passphrase in ((a, "for a"), (b, "for b")):
        store = Store(paths)
        store.add(Note(text=passphrase, at=at(7)))
        encryption.encrypt(store, passphrase)
    (theirs,) = (b.data_dir / "entries").iterdir()
    shutil.copy2(theirs, a.data_dir / "entries" / theirs.name)
    shutil.copy2(next((b.data_dir / "keys").iterdir()), a.data_dir / "keys")
    store = locked_store(a, "for a")
    result = store.query()
    assert [e.summary() for e in result.entries] == ["for a"]
    (kept,) = result.damage
    assert kept.newer and "key" in kept.reason
    doctor.check(store, repair=True)
    assert (a.data_dir / "entries" / theirs.name).read_bytes() == theirs.read_bytes()


def test_decrypting_gives_back_the_same_entries_and_removes_the_key(paths):
    store = Store(paths)
    for m in (1, 2):
        store.add(Trigger(what=f"trigger {m}", intensity=m, tags=["work"], at=at(m)))
    before = [e.to_dict() for e in store.query().entries]
    encryption.encrypt(store, "correct horse")
    done = encryption.decrypt(locked_store(paths))
    assert done.converted == 2
    assert not any(looks_encrypted(p.read_bytes()) for p in entry_files(paths.entries_dir))
    assert not Store(paths).vault.enabled and Store(paths).vault.key_files()  # kept, retired
    assert [e.to_dict() for e in Store(paths).query().entries] == before


def test_decrypt_keeps_a_file_with_a_damaged_record_encrypted(paths):
    store = Store(paths)
    store.add(Note(text="x", at=at(8)))
    encryption.encrypt(store, "correct horse")
    path = store.file_for(at(8))
    path.write_bytes(path.read_bytes() + b"not a record\n")
    before = path.read_bytes()
    with pytest.raises(Exception, match="kept encrypted"):
        encryption.decrypt(locked_store(paths))
    assert path.read_bytes() == before and Store(paths).vault.enabled


def test_a_changed_passphrase_opens_the_same_key_and_the_old_one_no_longer_does(paths):
    store = Store(paths)
    store.add(Note(text="kept", at=at(9)))
    encryption.encrypt(store, "old one")
    entries_before = {p.name: p.read_bytes() for p in entry_files(paths.entries_dir)}
    assert encryption.change_passphrase(locked_store(paths, "old one"), "old one", "new one") == 1
    crypto.forget_cached_keys()
    with pytest.raises(WrongPassphrase):
        locked_store(paths, "old one").query()
    assert [e.summary() for e in locked_store(paths, "new one").query().entries] == ["kept"]
    assert {p.name: p.read_bytes() for p in entry_files(paths.entries_dir)} == entries_before


def test_encrypt_again_with_another_passphrase_is_refused(paths):
    store = Store(paths)
    encryption.encrypt(store, "first")
    with pytest.raises(WrongPassphrase):
        encryption.encrypt(Store(paths), "second")
    assert len(Store(paths).vault.key_files()) == 1


def test_a_key_record_is_documented_json_and_files_name_their_key(paths):
    store = Store(paths)
    store.add(Note(text="x", at=at(10)))
    encryption.encrypt(store, "correct horse")
    (key_file,) = store.vault.key_files()
    record = json.loads(key_file.read_text())
    assert record["format"] == "dtw-key" and key_file.name == f"{record['id']}.json"
    (entries,) = entry_files(paths.entries_dir)
    header = json.loads(entries.read_bytes().split(b"\n")[0])
    assert header["key"] == record["id"] and header["dtw"] == "encrypted"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert FileCipher.from_header(entries.read_bytes().split(b"\n")[0], locked_store(paths).vault.keys())


def test_a_link_as_the_keys_folder_stops_reads_and_writes_rather_than_writing_plain_text(paths, tmp_path):
    store = Store(paths)
    store.add(Note(text="x", at=at(11)))
    encryption.encrypt(store, "correct horse")
    elsewhere = tmp_path / "elsewhere"
    paths.keys_dir.rename(elsewhere)
    paths.keys_dir.symlink_to(elsewhere)
    before = every_byte_under(paths.entries_dir)
    with pytest.raises(Exception, match="is a link"):
        locked_store(paths).add(Note(text=SENTINEL, at=at(11)))
    assert every_byte_under(paths.entries_dir) == before


def test_erase_in_a_folder_whose_plain_file_gets_encrypted_by_the_tombstone_removes_the_right_entry(paths):
    """Encryption turned on elsewhere (its key synced here) while this device's file is still
    plain: the tombstone's write encrypts the file whole, and erase must judge lines after that."""
    store = Store(paths)
    keep_a = store.add(Note(text="KEEP-ALPHA", at=at(12, 1)))
    gone = store.add(Note(text=f"erase me {SENTINEL}", at=at(12, 2)))
    keep_b = store.add(Note(text="KEEP-BETA", at=at(12, 3)))
    record, data_key = crypto.new_key("correct horse")
    Store(paths).vault.add_key(record, data_key)  # as if a sync had brought it
    store = locked_store(paths)
    assert store.erase(gone.id) == (1, 0)
    texts = [e.summary() for e in locked_store(paths).query().entries]
    assert texts == ["KEEP-ALPHA", "KEEP-BETA"]
    plain = b"".join(store.plain(p, p.read_bytes())[0] for p in store.own_files())
    assert SENTINEL.encode() not in plain and keep_a.id.encode() in plain and keep_b.id.encode() in plain


def test_an_encrypted_file_whose_key_has_not_arrived_is_kept_not_a_failure(paths, tmp_path):
    """A sync can bring another device's encrypted file before its key record: this device's
    plain entries still read, the file is named and kept, and nothing asks for a passphrase."""
    other = Paths(data_dir=tmp_path / "other", config_dir=tmp_path / "config", state_dir=tmp_path / "state-b")
    theirs = Store(other)
    theirs.add(Note(text="theirs", at=at(1)))
    encryption.encrypt(theirs, "their passphrase")
    mine = Store(paths, passphrase=lambda: pytest.fail("asked for a passphrase"))
    mine.add(Note(text="mine", at=at(1)))
    for item in (other.data_dir / "entries").iterdir():
        shutil.copy2(item, paths.entries_dir / item.name)
    result = mine.query()
    assert [e.summary() for e in result.entries] == ["mine"]
    assert result.damage[0].newer and "no key record" in result.damage[0].reason


def test_decrypt_keeps_a_damaged_record_in_quarantine_encrypted_and_finishes(paths):
    store = Store(paths)
    store.add(Note(text="x", at=at(8)))
    encryption.encrypt(store, "correct horse")
    store = locked_store(paths)
    path = store.file_for(at(8))
    path.write_bytes(path.read_bytes() + b"not a record\n")
    doctor.check(store, repair=True)
    (moved,) = paths.quarantine_dir.iterdir()
    done = encryption.decrypt(locked_store(paths))
    assert done.kept == [moved] and looks_encrypted(moved.read_bytes())
    assert not any(looks_encrypted(p.read_bytes()) for p in entry_files(paths.entries_dir))
