"""`dtw backup` and `dtw restore`: one private file holding everything, brought back byte for byte
into an empty folder or merged like an import, and a damaged backup refused before anything is
written."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import sys
import zipfile
from pathlib import Path

import pytest

from doingthework.core import crypto
from doingthework.core.models import Note
from doingthework.core.store import Store, entry_files
from doingthework.core.vault import looks_encrypted
from tests.cli.test_encryption import PASS, fast, fill  # noqa: F401  (fast is a fixture)


def folder_state(root: Path) -> dict[str, bytes]:
    """Every file below `root`, by its path, with its bytes."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def elsewhere(monkeypatch, tmp_path: Path, name: str = "other") -> Path:
    """Point dtw at a second, empty set of folders (another machine, say)."""
    root = tmp_path / name
    monkeypatch.setenv("DTW_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("DTW_CONFIG_DIR", str(root / "config"))
    monkeypatch.setenv("DTW_STATE_DIR", str(root / "state"))
    return root


def make(dtw, tmp_path: Path) -> Path:
    target = tmp_path / "backup.zip"
    result = dtw("backup", str(target))
    assert result.exit_code == 0, result.output
    return target


def test_backup_then_restore_into_an_empty_folder_gives_a_byte_identical_log(dtw, paths, tmp_path, monkeypatch):
    fill(paths)
    assert dtw("checkin", "--mood", "6", "--note", "first line\nsecond line").exit_code == 0
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.plan_file.write_text('focus_areas = ["rest"]\n')
    before = dtw("log", "--since", "all", "--json").stdout
    files = {p.name: p.read_bytes() for p in entry_files(paths.entries_dir)}
    target = make(dtw, tmp_path)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    root = elsewhere(monkeypatch, tmp_path)
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "4 entries files put back as they were" in result.stdout
    assert dtw("log", "--since", "all", "--json").stdout == before
    restored = root / "data" / "entries"
    assert {p.name: p.read_bytes() for p in entry_files(restored)} == files
    assert (root / "config" / "plan.toml").read_text() == 'focus_areas = ["rest"]\n'  # the first-run one replaced
    again = dtw("restore", str(target))
    assert again.exit_code == 0 and "0 new" in again.stdout  # twice changes nothing
    assert dtw("log", "--since", "all", "--json").stdout == before


def test_a_dry_run_writes_nothing(dtw, paths, tmp_path, monkeypatch):
    fill(paths)
    target = make(dtw, tmp_path)
    root = elsewhere(monkeypatch, tmp_path)
    assert dtw("config", "check").exit_code == 0  # the folders as a first run leaves them
    before = folder_state(root / "data"), folder_state(root / "config")
    result = dtw("restore", str(target), "--dry-run")
    assert result.exit_code == 0 and "Would restore: 3 entries files" in result.stdout
    assert (folder_state(root / "data"), folder_state(root / "config")) == before


def test_restoring_into_a_folder_with_entries_merges_and_never_undoes_newer_work(dtw, paths, tmp_path):
    store = Store(paths)
    kept = store.add(Note(text="written before the backup"))
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.plan_file.write_text('focus_areas = ["then"]\n')
    target = make(dtw, tmp_path)
    store.update(Note(id=kept.id, at=kept.at, text="changed after the backup"))
    store.add(Note(text="new after the backup"))
    paths.plan_file.write_text('focus_areas = ["mine"]\n')
    result = dtw("restore", str(target))
    assert result.exit_code == 0, result.output
    assert "merged like an import: 0 new" in result.stdout and "1 newer here (kept)" in result.stdout
    assert "your plan.toml here was kept as it is" in result.stdout
    texts = sorted(n.text for n in Store(paths).query().entries)
    assert texts == ["changed after the backup", "new after the backup"]
    assert paths.plan_file.read_text() == 'focus_areas = ["mine"]\n'  # yours is never replaced


def test_a_deleted_entry_comes_back_from_a_backup_made_before_it_was_deleted_only_if_not_deleted_here(
    dtw, paths, tmp_path, monkeypatch
):
    store = Store(paths)
    gone = store.add(Note(text="deleted after the backup"))
    target = make(dtw, tmp_path)
    store.delete(gone.id)
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "1 newer here (kept)" in result.stdout
    assert Store(paths).query().entries == []  # the delete here is newer than the backup


def test_an_encrypted_folder_stays_encrypted_in_its_backup(dtw, paths, tmp_path, monkeypatch, fast):  # noqa: F811
    fill(paths, months=2)
    assert dtw("encrypt").exit_code == 0
    before = dtw("log", "--since", "all", "--json").stdout
    target = make(dtw, tmp_path)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        entries = [n for n in names if n.startswith("entries/")]
        assert entries and all(looks_encrypted(archive.read(n)) for n in entries)
        assert any(n.startswith("keys/") for n in names)
        assert b"month 0 note" not in b"".join(archive.read(n) for n in names)
    elsewhere(monkeypatch, tmp_path)
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "with 1 key record" in result.stdout
    assert dtw("log", "--since", "all", "--json").stdout == before


def rewrite(target: Path, change) -> None:
    """The backup with its members changed by `change(dict of name -> bytes)`, the manifest kept
    unless `change` replaces it."""
    with zipfile.ZipFile(target) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    target.write_bytes(out.getvalue())


def first_entries(members: dict[str, bytes]) -> str:
    return next(n for n in members if n.startswith("entries/"))


def relisted(members: dict[str, bytes], extra: dict) -> None:
    manifest = json.loads(members["manifest.json"])
    manifest["files"].append(extra)
    members["manifest.json"] = json.dumps(manifest).encode()


DAMAGE = {
    "not a zip": (lambda t: t.write_bytes(b"hello, not a zip"), "it is not a zip file"),
    "cut short": (lambda t: t.write_bytes(t.read_bytes()[:200]), "it is not a zip file"),
    "no manifest": (lambda t: rewrite(t, lambda m: m.pop("manifest.json")), "it has no manifest.json"),
    "a changed entry": (
        lambda t: rewrite(t, lambda m: m.__setitem__(first_entries(m), m[first_entries(m)].replace(b"note", b"nope"))),
        "is not as it was when the backup was made",
    ),
    "a missing file": (lambda t: rewrite(t, lambda m: m.pop(first_entries(m))), "is missing from it"),
    "an unlisted file": (
        lambda t: rewrite(t, lambda m: m.__setitem__("entries/9999-01.x.jsonl", b"{}\n")),
        "holds files its manifest doesn't name",
    ),
    "a path out of the folder": (
        lambda t: rewrite(
            t,
            lambda m: (
                m.__setitem__("../../evil.jsonl", b"x"),
                relisted(m, {"name": "../../evil.jsonl", "size": 1, "sha256": hashlib.sha256(b"x").hexdigest()}),
            ),
        ),
        "names a file dtw never writes",
    ),
    "another format": (
        lambda t: rewrite(t, lambda m: m.__setitem__("manifest.json", b'{"format": "other"}')),
        "its manifest is not a dtw backup's",
    ),
    "a newer version": (
        lambda t: rewrite(
            t,
            lambda m: m.__setitem__(
                "manifest.json", json.dumps({**json.loads(m["manifest.json"]), "version": 2}).encode()
            ),
        ),
        "this dtw reads version 1",
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_backup_is_refused_whole_and_nothing_is_written(dtw, paths, tmp_path, monkeypatch, damage):
    fill(paths)
    target = make(dtw, tmp_path)
    spoil, words = DAMAGE[damage]
    spoil(target)
    for root in (None, elsewhere(monkeypatch, tmp_path)):  # into a folder with entries, and an empty one
        if root is not None:
            assert dtw("config", "check").exit_code == 0
        data = (root / "data") if root else paths.data_dir
        here = folder_state(data)
        result = dtw("restore", str(target))
        assert result.exit_code == 2 and words in result.output, result.output
        assert folder_state(data) == here
        assert "month 0" not in result.output  # never a word of an entry in a message


def test_backup_never_writes_over_a_file_unasked(dtw, paths, tmp_path, monkeypatch):
    fill(paths, months=1)
    target = tmp_path / "mine.zip"
    target.write_bytes(b"something of yours")
    result = dtw("backup", str(target))
    assert result.exit_code == 2 and "never replaces a file unasked" in result.output
    assert target.read_bytes() == b"something of yours"
    assert dtw("backup", str(target), "--force").exit_code == 0 and zipfile.is_zipfile(target)
    monkeypatch.chdir(tmp_path)
    first, second = dtw("backup"), dtw("backup")
    assert first.exit_code == second.exit_code == 0
    names = sorted(p.name for p in tmp_path.glob("dtw-backup-*.zip"))
    assert (len(names) == 2 and names[0].endswith("-2.zip")) or names[1].endswith("-2.zip")
    assert all(stat.S_IMODE(os.stat(tmp_path / n).st_mode) == 0o600 for n in names)


def test_a_plain_backup_restored_into_an_encrypted_folder_is_sealed_as_it_comes_in(
    dtw,
    paths,
    tmp_path,
    monkeypatch,
    fast,  # noqa: F811
):
    Store(paths).add(Note(text="SECRET-PLAIN words from the old machine"))
    target = make(dtw, tmp_path)
    root = elsewhere(monkeypatch, tmp_path)
    assert dtw("note", "first words here").exit_code == 0
    assert dtw("encrypt").exit_code == 0  # the new folder: encrypted, with entries of its own
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "merged like an import: 1 new" in result.stdout
    on_disk = b"".join(p.read_bytes() for p in (root / "data").rglob("*") if p.is_file())
    assert b"SECRET-PLAIN" not in on_disk  # nothing of it in plain text
    assert "SECRET-PLAIN words" in dtw("log", "--since", "all").stdout


def test_an_empty_but_encrypted_folder_takes_a_backup_as_a_merge(dtw, paths, tmp_path, monkeypatch, fast):  # noqa: F811
    Store(paths).add(Note(text="SECRET-PLAIN again"))
    target = make(dtw, tmp_path)
    root = elsewhere(monkeypatch, tmp_path)
    assert dtw("note", "x").exit_code == 0 and dtw("encrypt").exit_code == 0
    for path in entry_files(root / "data" / "entries"):
        path.unlink()  # key records, but no entries: not a folder to copy files into as they were
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "merged like an import: 1 new" in result.stdout
    assert b"SECRET-PLAIN" not in b"".join(p.read_bytes() for p in (root / "data").rglob("*") if p.is_file())


def test_a_plain_merge_writes_nothing_of_the_backup_to_a_temporary_folder(dtw, paths, tmp_path, monkeypatch):
    import tempfile

    store = Store(paths)
    store.add(Note(text="before"))
    target = make(dtw, tmp_path)
    store.add(Note(text="after"))

    def no_temporary_folder(*args, **kwargs):
        raise AssertionError("a plain backup is read in memory")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_temporary_folder)
    monkeypatch.setattr(tempfile, "mkdtemp", no_temporary_folder)
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "1 already here" in result.stdout


def test_a_folder_written_to_while_restoring_is_merged_into_without_waiting_on_itself(
    dtw, paths, tmp_path, monkeypatch
):
    from doingthework.core import backup as backup_module

    Store(paths).add(Note(text="from the backup"))
    target = make(dtw, tmp_path)
    elsewhere(monkeypatch, tmp_path)
    answers = iter([True, False])  # empty when looked at, written to by the time the lock is held
    monkeypatch.setattr(backup_module, "_untouched", lambda store: next(answers))
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "merged like an import: 1 new" in result.stdout


def test_a_questionnaire_in_a_backup_is_checked_as_dtw_import_checks_it(dtw, paths, tmp_path):
    from doingthework.core.models import Measure

    Store(paths).add(Measure(measure="phq9", answers=[1, 1, 1], score=3))  # three answers for nine questions
    target = make(dtw, tmp_path)
    for path in entry_files(paths.entries_dir):
        path.unlink()
    Store(paths).add(Note(text="here already"))
    result = dtw("restore", str(target))
    assert result.exit_code == 2 and "has 9 questions" in result.output
    assert [e.kind for e in Store(paths).query().entries] == ["note"]


def test_settings_kept_elsewhere_are_never_written_through(dtw, paths, tmp_path, monkeypatch):
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.plan_file.write_text('focus_areas = ["then"]\n')
    Store(paths).add(Note(text="x"))
    target = make(dtw, tmp_path)
    root = elsewhere(monkeypatch, tmp_path)
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (root / "config").parent.mkdir(parents=True, exist_ok=True)
    (root / "config").symlink_to(dotfiles, target_is_directory=True)
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "kept as" in result.stdout
    assert not (dotfiles / "plan.toml").exists() or (dotfiles / "plan.toml").read_text() != 'focus_areas = ["then"]\n'


def test_a_backup_you_name_through_a_link_is_yours_and_is_read(dtw, paths, tmp_path, monkeypatch):
    Store(paths).add(Note(text="x"))
    target = make(dtw, tmp_path)
    link = tmp_path / "latest.zip"
    link.symlink_to(target)
    elsewhere(monkeypatch, tmp_path)
    result = dtw("restore", str(link))
    assert result.exit_code == 0 and "1 entries file put back" in result.stdout


def passphrase_command(words: str) -> str:
    return f"{sys.executable} -c \"print('{words}')\""


@pytest.fixture
def sealed_elsewhere(dtw, paths, tmp_path, monkeypatch, fast):  # noqa: F811
    """A backup of a folder encrypted with one passphrase, and a second folder, with entries of
    its own, encrypted with another: (the backup, the second folder's root, its files before)."""
    Store(paths).add(Note(text="SECRET-FROM-BACKUP words"))
    assert dtw("encrypt").exit_code == 0
    target = make(dtw, tmp_path)
    root = elsewhere(monkeypatch, tmp_path)
    assert dtw("note", "here already").exit_code == 0
    monkeypatch.setenv("DTW_NEW_PASSPHRASE_COMMAND", passphrase_command("another horse"))
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", passphrase_command("another horse"))
    assert dtw("encrypt").exit_code == 0
    return target, root, folder_state(root)


def test_a_backup_sealed_with_another_passphrase_opens_with_its_own(dtw, sealed_elsewhere, monkeypatch):
    target, root, _ = sealed_elsewhere
    monkeypatch.setenv("DTW_BACKUP_PASSPHRASE_COMMAND", PASS)
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "merged like an import: 1 new" in result.stdout
    assert "SECRET-FROM-BACKUP words" in dtw("log", "--since", "all").stdout
    assert b"SECRET-FROM-BACKUP" not in b"".join(folder_state(root).values())  # sealed with this folder's key


def test_without_the_backups_passphrase_nothing_is_restored_and_it_says_which(dtw, sealed_elsewhere, monkeypatch):
    target, root, before = sealed_elsewhere
    result = dtw("restore", str(target))  # no terminal, no DTW_BACKUP_PASSPHRASE_COMMAND
    assert result.exit_code == 1
    assert "the backup is encrypted" in result.stderr and "DTW_BACKUP_PASSPHRASE_COMMAND" in result.stderr
    assert folder_state(root) == before
    monkeypatch.setenv("DTW_BACKUP_PASSPHRASE_COMMAND", passphrase_command("wrong horse"))
    result = dtw("restore", str(target))
    assert result.exit_code == 1 and "doesn't open the backup's key" in result.stderr
    assert "this folder's key" not in result.stderr  # the folder's own passphrase was right
    assert folder_state(root) == before


def test_a_plain_folder_asks_only_for_the_backups_passphrase(dtw, paths, tmp_path, monkeypatch, fast):  # noqa: F811
    Store(paths).add(Note(text="SECRET-FROM-BACKUP words"))
    assert dtw("encrypt").exit_code == 0
    target = make(dtw, tmp_path)
    elsewhere(monkeypatch, tmp_path)
    assert dtw("note", "here already, in plain text").exit_code == 0
    monkeypatch.delenv("DTW_PASSPHRASE_COMMAND")
    monkeypatch.setenv("DTW_BACKUP_PASSPHRASE_COMMAND", PASS)
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "merged like an import: 1 new" in result.stdout
    assert "SECRET-FROM-BACKUP words" in dtw("log", "--since", "all").stdout


def test_a_backup_made_before_the_passphrase_changed_opens_with_the_new_one(dtw, paths, tmp_path, monkeypatch, fast):  # noqa: F811
    """`dtw passphrase` keeps the keys and wraps them anew: the backup's keys are this folder's, so
    nobody is asked for a passphrase they may have changed because they forgot it."""
    store = Store(paths)
    store.add(Note(text="before the backup"))
    assert dtw("encrypt").exit_code == 0
    target = make(dtw, tmp_path)
    monkeypatch.setenv("DTW_NEW_PASSPHRASE_COMMAND", passphrase_command("a new horse"))
    assert dtw("passphrase").exit_code == 0
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", passphrase_command("a new horse"))
    crypto.forget_cached_keys()
    assert dtw("note", "after the backup").exit_code == 0
    for path in entry_files(paths.entries_dir):
        path.unlink()  # the folder lost its entries, but not its keys: the backup merges back in
    assert dtw("note", "written since").exit_code == 0
    result = dtw("restore", str(target))  # no DTW_BACKUP_PASSPHRASE_COMMAND, no terminal
    assert result.exit_code == 0 and "merged like an import: 1 new" in result.stdout
    assert "before the backup" in dtw("log", "--since", "all").stdout


def test_a_decrypted_folder_is_not_asked_for_its_old_passphrase(dtw, sealed_elsewhere, monkeypatch):
    target, _, _ = sealed_elsewhere
    assert dtw("decrypt").exit_code == 0  # its keys kept, retired; nothing here needs them now
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", passphrase_command("long forgotten"))
    monkeypatch.setenv("DTW_BACKUP_PASSPHRASE_COMMAND", PASS)
    result = dtw("restore", str(target))
    assert result.exit_code == 0 and "merged like an import: 1 new" in result.stdout
