"""`dtw encrypt`, `dtw decrypt`, `dtw passphrase` as a person (or a script) uses them: real
processes where kills and imports matter, CliRunner elsewhere."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from doingthework.core import crypto
from doingthework.core.models import Note
from doingthework.core.store import Store, entry_files
from doingthework.core.vault import HEADER_START, looks_encrypted
from tests.test_import_hygiene import loaded_after

PASS = f"{sys.executable} -c \"print('correct horse')\""
TZ = timezone(timedelta(hours=-3))


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.setattr(
        crypto, "tune_scrypt", lambda target_seconds=0.3: {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
    )
    crypto.forget_cached_keys()
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", PASS)


def fill(paths, months: int = 3, per_month: int = 3) -> None:
    store = Store(paths)
    for m in range(months):
        for d in range(per_month):
            store.add(Note(text=f"month {m} note {d}", at=datetime(2024 + m // 12, m % 12 + 1, d + 1, 9, tzinfo=TZ)))


def test_encrypt_then_decrypt_gives_a_byte_identical_log(dtw, paths, fast):
    fill(paths)
    before = dtw("log", "--since", "all", "--json").stdout
    result = dtw("encrypt")
    assert result.exit_code == 0 and "Encrypted: 3 files now" in result.stdout
    assert "help now never needs the passphrase" in result.stdout
    assert all(looks_encrypted(p.read_bytes()) for p in entry_files(paths.entries_dir))
    assert dtw("log", "--since", "all", "--json").stdout == before
    decrypted = dtw("decrypt")
    assert decrypted.exit_code == 0 and "retired" in decrypted.stdout
    assert all(json.loads(p.read_text())["retired"] for p in (paths.data_dir / "keys").iterdir())
    assert dtw("log", "--since", "all", "--json").stdout == before
    assert dtw("note", "after decrypting", "--at", "2024-01-09").exit_code == 0
    assert not any(looks_encrypted(p.read_bytes()) for p in entry_files(paths.entries_dir))  # written plain


def test_a_wrong_passphrase_is_exit_1_and_writes_nothing(dtw, paths, fast, monkeypatch):
    fill(paths, months=1)
    assert dtw("encrypt").exit_code == 0
    files = {p: p.read_bytes() for p in entry_files(paths.entries_dir)}
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", f"{sys.executable} -c \"print('wrong horse')\"")
    for args in (["log", "--since", "all"], ["note", "new words", "--at", "2024-01-05"], ["decrypt"], ["passphrase"]):
        result = dtw(*args)
        assert result.exit_code == 1, args
        assert "doesn't open" in result.stderr and "horse" not in result.output
    assert {p: p.read_bytes() for p in entry_files(paths.entries_dir)} == files


def test_a_failing_passphrase_command_is_named_without_its_output(dtw, paths, fast, monkeypatch):
    fill(paths, months=1)
    assert dtw("encrypt").exit_code == 0
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", f"{sys.executable} -c \"print('leaky'); raise SystemExit(3)\"")
    result = dtw("log", "--since", "all")
    assert result.exit_code == 1 and "failed (exit 3)" in result.stderr and "leaky" not in result.output


def test_no_terminal_and_no_command_is_a_clear_message_not_a_hang(dtw, paths, fast, monkeypatch):
    fill(paths, months=1)
    assert dtw("encrypt").exit_code == 0
    monkeypatch.delenv("DTW_PASSPHRASE_COMMAND")
    result = dtw("log", "--since", "all")
    assert result.exit_code == 1 and "DTW_PASSPHRASE_COMMAND" in result.stderr


def test_changing_the_passphrase(dtw, paths, fast, monkeypatch):
    fill(paths, months=1)
    assert dtw("encrypt").exit_code == 0
    monkeypatch.setenv("DTW_NEW_PASSPHRASE_COMMAND", f"{sys.executable} -c \"print('battery staple')\"")
    assert dtw("passphrase").exit_code == 0
    crypto.forget_cached_keys()
    assert dtw("log", "--since", "all").exit_code == 1  # the old one no longer opens it
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", f"{sys.executable} -c \"print('battery staple')\"")
    assert "month 0 note 0" in dtw("log", "--since", "all").stdout


def test_help_now_and_commands_that_read_no_entries_never_ask_and_never_load_cryptography(dtw, paths, fast, tmp_path):
    fill(paths, months=1)
    assert dtw("encrypt").exit_code == 0
    env = {k: v for k, v in os.environ.items() if k != "DTW_PASSPHRASE_COMMAND"}
    for args in (["help-now"], ["--help"], ["practice", "list"]):
        code = f"import sys\nsys.argv = ['dtw', *{args!r}]\nfrom doingthework.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
        loaded = loaded_after(code, env)
        assert not any(m == "cryptography" or m.startswith("cryptography.") for m in loaded), args
        result = subprocess.run(
            [sys.executable, "-m", "doingthework", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0 and "passphrase" not in result.stderr.lower(), args


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["decrypt"], ["passphrase"]])
def test_a_full_stdout_after_decrypt_or_passphrase_is_one_plain_line(dtw, paths, fast, args, monkeypatch):
    fill(paths, months=1)
    assert dtw("encrypt").exit_code == 0
    monkeypatch.setenv("DTW_NEW_PASSPHRASE_COMMAND", PASS)
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "doingthework", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1 and "could not write to standard output" in result.stderr
    assert "Traceback" not in result.stderr


def ciphertext_or_its_start(data: bytes) -> bool:
    """What a killed `dtw encrypt` may leave in a temporary file: an encrypted file, or its start
    when the kill came before the header line was whole (mkstemp made it empty; the write was cut)."""
    if looks_encrypted(data):
        return True
    return HEADER_START.startswith(data) or (data.startswith(HEADER_START) and b"\n" not in data)


def converted(paths, command: str) -> int:
    """How many entry files a running `dtw encrypt` or `dtw decrypt` has turned so far (each is
    replaced whole, by a rename)."""
    return sum(looks_encrypted(p.read_bytes()) == (command == "encrypt") for p in entry_files(paths.entries_dir))


@pytest.mark.parametrize("command", ["encrypt", "decrypt"])
def test_kill_9_mid_conversion_leaves_every_file_readable_and_running_it_again_finishes(paths, command):
    """Real processes, real scrypt: killed at random moments, each file stays whole (all plain or
    all encrypted), nothing is lost, and the next run of the same command finishes the job."""
    fill(paths, months=30, per_month=6)
    entries_before = [e.to_dict() for e in Store(paths).query().entries]
    env = {**os.environ, "DTW_PASSPHRASE_COMMAND": PASS}
    env.pop("DTW_DEBUG", None)
    window = (0.2, 1.2)  # seconds after the start: the key is made and the files converted within it
    if command == "decrypt":
        started = time.monotonic()
        assert subprocess.run([sys.executable, "-m", "doingthework", "encrypt"], env=env, timeout=120).returncode == 0
        took = time.monotonic() - started  # decrypt takes about as long: kill within that
        window = (0.3 * took, 0.95 * took)
    rng = random.Random(1503)
    killed = 0
    files = len(entry_files(paths.entries_dir))
    for round_number in range(6):
        child = subprocess.Popen(
            [sys.executable, "-m", "doingthework", command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if round_number == 0:
            # one kill meant to land mid-way, whatever the machine's speed: once the child has
            # turned some of the files and not all (a window timed from the encrypt before it
            # missed on a busy machine: the decrypt was done before the first kill)
            goal = rng.randrange(1, files)
            while child.poll() is None and converted(paths, command) < goal:
                time.sleep(0.001)
        else:
            time.sleep(rng.uniform(*window))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed += 1
        child.wait()
        crypto.forget_cached_keys()
        store = Store(paths, passphrase=lambda: "correct horse")
        result = store.query()
        assert result.damage == [] and [e.to_dict() for e in result.entries] == entries_before
        if command == "encrypt":  # a kill between a temporary file and its rename leaves it: encrypted
            assert all(ciphertext_or_its_start(p.read_bytes()) for p in paths.entries_dir.glob(".*.tmp"))
        if not store.vault.enabled:
            break  # decrypt finished before a kill landed
    assert killed  # at least one kill landed mid-way
    done = subprocess.run(
        [sys.executable, "-m", "doingthework", command], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 or (command == "decrypt" and "aren't encrypted" in done.stderr), done.stderr
    encrypted = [looks_encrypted(p.read_bytes()) for p in entry_files(paths.entries_dir)]
    assert all(encrypted) if command == "encrypt" else not any(encrypted)
    assert not list(paths.entries_dir.glob(".*.tmp"))  # what killed runs left is cleared
    log = subprocess.run(
        [sys.executable, "-m", "doingthework", "log", "--since", "all", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert [e["id"] for e in json.loads(log.stdout)] == [e["id"] for e in entries_before]


def test_delete_by_the_start_of_its_id_then_erase(dtw, paths):
    fill(paths, months=1, per_month=2)
    first, second = dtw.json("log", "--since", "all")
    result = dtw("delete", first["id"][:8])
    assert result.exit_code == 0 and f"dtw delete {first['id']} --erase" in result.stdout
    assert [e["id"] for e in dtw.json("log", "--since", "all")] == [second["id"]]
    erased = dtw.json("delete", first["id"], "--erase", "--yes")
    assert erased == {"id": first["id"], "deleted": True, "erased": True, "removed": 1, "elsewhere": 0}
    assert b"month 0 note 0" not in b"".join(p.read_bytes() for p in entry_files(paths.entries_dir))


@pytest.mark.parametrize("given", ["zzzz", "ab", "0000000000000000"])
def test_delete_an_id_that_isnt_there_is_exit_2_and_writes_nothing(dtw, paths, given):
    fill(paths, months=1, per_month=1)
    before = {p: p.read_bytes() for p in entry_files(paths.entries_dir)}
    result = dtw("delete", given)
    assert result.exit_code == 2 and result.stderr.startswith("dtw: ")
    assert {p: p.read_bytes() for p in entry_files(paths.entries_dir)} == before


def test_an_ambiguous_start_of_an_id_is_exit_2(dtw, paths):
    store = Store(paths)
    for suffix in ("a", "b"):
        store.add(Note(id=f"abcd00000000000{suffix}", text="x", at=datetime(2026, 1, 1, tzinfo=TZ)))
    result = dtw("delete", "abcd")
    assert result.exit_code == 2 and "more than one" in result.stderr
    assert len(dtw.json("log", "--since", "all")) == 2


def test_doctor_compact_removes_earlier_revisions(dtw, paths):
    from dataclasses import replace

    store = Store(paths)
    entry = store.add(Note(text="old words", at=datetime(2026, 2, 1, tzinfo=TZ)))
    store.update(replace(entry, text="new words"))
    result = dtw("doctor", "--compact")
    assert result.exit_code == 0 and "Compacted: 1 earlier revision removed" in result.stdout
    data = b"".join(p.read_bytes() for p in entry_files(paths.entries_dir))
    assert b"old words" not in data and b"new words" in data


def test_an_export_to_a_file_says_it_is_plain_text_when_entries_are_encrypted(dtw, paths, fast, tmp_path):
    fill(paths, months=1)
    plain = dtw("export", "--since", "all", "-o", str(tmp_path / "before.md"))
    assert plain.exit_code == 0 and "plain text" not in plain.stderr
    assert dtw("encrypt").exit_code == 0
    result = dtw("export", "--since", "all", "--full", "-o", str(tmp_path / "page.md"))
    assert result.exit_code == 0 and "this export is plain text" in result.stderr
    assert "month 0 note 0" in (tmp_path / "page.md").read_text()
    piped = dtw("export", "--since", "all", "--full", "-o", "-")
    assert piped.exit_code == 0 and "month 0 note 0" in piped.stdout


class FakeKeyring:
    """Stands in for the optional `keyring` package: a dict, so no test touches a real keyring."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, name):
        return self.kept.get((service, name))

    def set_password(self, service, name, value):
        self.kept[(service, name)] = value

    def delete_password(self, service, name):
        del self.kept[(service, name)]


def test_remember_keeps_the_passphrase_in_the_keyring_only_when_asked(dtw, paths, fast, monkeypatch):
    fake = FakeKeyring()
    monkeypatch.setitem(sys.modules, "keyring", fake)
    fill(paths, months=1)
    assert dtw("encrypt").exit_code == 0
    assert fake.kept == {}  # not without --remember
    assert dtw("encrypt", "--remember").exit_code == 0  # finishing or re-running with it: kept
    assert fake.kept == {("doingthework", str(paths.data_dir)): "correct horse"}
    monkeypatch.delenv("DTW_PASSPHRASE_COMMAND")
    crypto.forget_cached_keys()
    result = dtw("log", "--since", "all")
    assert result.exit_code == 0 and "month 0 note 0" in result.stdout  # no command, no terminal: the keyring
    forgot = dtw("passphrase", "--forget")
    assert forgot.exit_code == 0 and "Removed" in forgot.stdout and fake.kept == {}
    assert dtw("log", "--since", "all").exit_code == 1  # locked again


def test_remember_without_the_keyring_extra_says_how_to_get_it(dtw, paths, fast, monkeypatch):
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring raises ImportError
    result = dtw("encrypt", "--remember")
    assert result.exit_code == 1 and "doingthework[keyring]" in result.stderr


def test_erase_without_a_terminal_needs_yes(dtw, paths):
    fill(paths, months=1, per_month=1)
    (entry,) = dtw.json("log", "--since", "all")
    before = {p: p.read_bytes() for p in entry_files(paths.entries_dir)}
    result = dtw("delete", entry["id"], "--erase")
    assert result.exit_code == 2 and "--yes" in result.stderr
    assert {p: p.read_bytes() for p in entry_files(paths.entries_dir)} == before
