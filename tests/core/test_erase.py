"""Erase and compact: the words of an entry gone from this device's files, plain or encrypted, with
a tombstone left so other devices' copies stay hidden."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from doingthework.core import crypto, encryption
from doingthework.core.errors import BadInput
from doingthework.core.models import Note
from doingthework.core.paths import Paths
from doingthework.core.store import Store, entry_files

SENTINEL = "SENTINEL-erase-me-9b1"
TZ = timezone(timedelta(hours=1))


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    monkeypatch.setattr(
        crypto, "tune_scrypt", lambda target_seconds=0.3: {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
    )
    crypto.forget_cached_keys()


def at(month: int, day: int = 5) -> datetime:
    return datetime(2026, month, day, 9, tzinfo=TZ)


def plain_text_of_own_files(store: Store) -> bytes:
    """Every own file as plain bytes (decrypted where encrypted)."""
    return b"\n".join(store.plain(p, p.read_bytes())[0] for p in store.own_files())


@pytest.fixture(params=["plain", "encrypted"])
def store(request, paths) -> Store:
    if request.param == "encrypted":
        encryption.encrypt(Store(paths), "correct horse")
        return Store(paths, passphrase=lambda: "correct horse")
    return Store(paths)


def test_erase_removes_every_revision_of_one_entry_and_keeps_the_rest(store, paths):
    keep = store.add(Note(text="keep me", at=at(3)))
    gone = store.add(Note(text=f"first {SENTINEL}", at=at(3)))
    store.update(replace(gone, text=f"second {SENTINEL}"))
    store.update(replace(gone, text=f"moved {SENTINEL}", at=at(4)))  # now in two months' files
    assert SENTINEL.encode() in plain_text_of_own_files(store)
    removed, elsewhere = store.erase(gone.id)
    assert (removed, elsewhere) == (4, 0)  # three revisions, the last one written to both months
    assert SENTINEL.encode() not in plain_text_of_own_files(store)
    assert store.get(gone.id) is None and store.get(keep.id) is not None
    assert [e.id for e in store.query().entries] == [keep.id]
    assert not [p for p in paths.entries_dir.iterdir() if p.name.startswith(".")]


def test_erase_works_after_a_delete_and_an_unknown_id_is_bad_input(store):
    gone = store.add(Note(text=SENTINEL, at=at(5)))
    store.delete(gone.id)
    assert SENTINEL.encode() in plain_text_of_own_files(store)  # delete only hides
    assert store.erase(gone.id) == (1, 0)
    assert SENTINEL.encode() not in plain_text_of_own_files(store)
    with pytest.raises(BadInput):
        store.erase("0000000000000000")


def test_another_devices_copy_is_left_alone_and_stays_hidden(tmp_path):
    mine = Paths(data_dir=tmp_path / "data", config_dir=tmp_path / "config", state_dir=tmp_path / "state-a")
    theirs = Paths(data_dir=tmp_path / "other", config_dir=tmp_path / "config", state_dir=tmp_path / "state-b")
    other = Store(theirs)
    entry = other.add(Note(text=SENTINEL, at=at(6)))
    (their_file,) = entry_files(theirs.entries_dir)
    store = Store(mine)
    store.paths.entries_dir.mkdir(parents=True)
    shutil.copy2(their_file, mine.entries_dir / their_file.name)  # a sync brought it
    store.update(replace(entry, text=f"edited here {SENTINEL}"))
    assert store.erase(entry.id) == (1, 1)
    assert SENTINEL.encode() not in plain_text_of_own_files(store)
    assert (mine.entries_dir / their_file.name).read_bytes() == their_file.read_bytes()
    assert store.get(entry.id) is None and store.query().entries == []


def test_compact_keeps_only_what_is_shown_and_never_a_damaged_line(store, paths):
    edited = store.add(Note(text=f"draft one {SENTINEL}", at=at(7)))
    store.update(replace(edited, text="final words"))
    deleted = store.add(Note(text=f"regretted {SENTINEL}", at=at(7)))
    store.delete(deleted.id)
    path = store.file_for(at(7))
    with path.open("ab") as f:
        f.write(b"damaged, kept as it is\n")
    shown = [e.to_dict() for e in store.query().entries]
    assert store.compact() == 2
    assert SENTINEL.encode() not in plain_text_of_own_files(store)
    fresh = Store(paths, passphrase=store.vault.passphrase)
    result = fresh.query()
    assert [e.to_dict() for e in result.entries] == shown and fresh.get(deleted.id) is None
    assert len(result.damage) == 1  # the damaged line is still there, named
    assert store.compact() == 0
