"""Hostile data and a hostile setting never reach the "something went wrong inside dtw" handler:
each gets a clear message and exit 1 (the machine's fault) or 2 (what was typed or written).

Every command that reads entries is run over each hostile entries file, found by
introspection of the Typer app, so a command added later is covered too.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from doingthework.core.models import Note
from doingthework.core.store import Store

from .test_hostile_property import no_crash

CRASH = "inside dtw"
NOW = datetime.now().astimezone().replace(microsecond=0)
SAVED = "2026-12-01T10:00:00.000001+00:00"


def _line(entry_id: str, kind: str, at: str, body: str) -> str:
    return (
        f'{{"v": 1, "id": "{entry_id}", "kind": "{kind}", "at": "{at}", "private": false, {body}, '
        f'"saved_at": "{SAVED}", "device": "elsewhere"}}'
    )


HOSTILE_LINES = {
    "year 1": _line("y0001", "note", "0001-01-01T10:00:00+00:00", '"text": "a"'),
    "year 9999": _line("y9999", "note", "9999-12-31T23:59:59+00:00", '"text": "b"'),
    "a 4000-digit mood": _line("digits", "checkin", NOW.isoformat(), '"mood": ' + "9" * 4000),
    "a 4000-digit extra": _line("digitx", "note", NOW.isoformat(), '"text": "c", "n": ' + "9" * 4000),
    "extra nested 500 deep": _line(
        "deep", "note", NOW.isoformat(), '"text": "d", "x": ' + '{"a": ' * 500 + "1" + "}" * 500
    ),
    "a session dated 9999": _line("sess", "session", NOW.isoformat(), '"date": "9999-12-31"'),
    "mood 1e308": _line("e308", "checkin", NOW.isoformat(), '"mood": 1e308, "sleep_hours": 1e308'),
}


def reading_commands() -> list[list[str]]:
    """Every command that reads entries and needs no screen, with the options that read most."""
    from doingthework.cli import app

    names = {info.name for info in app.registered_commands} | {g.name for g in app.registered_groups}
    commands = [
        ["log", "--since", "all"],
        ["log", "--since", "all", "--json"],
        ["stats"],
        ["stats", "--json"],
        ["export", "-o", "-", "--since", "all", "--full"],
        ["export", "-o", "-", "--since", "all", "--full", "--format", "html"],
        ["export", "-o", "-", "--since", "all", "--format", "json"],
        ["session", "list"],
        ["nudge"],
        ["nudge", "--check"],
        ["doctor"],
        ["doctor", "--repair"],
    ]
    covered = {c[0] for c in commands}
    writers_and_screens = {"checkin", "practice", "note", "import", "help-now", "trigger", "boundary", "config"}
    writers_and_screens |= {"encrypt", "decrypt", "passphrase", "delete", "measure"}  # tests/cli/test_encryption.py
    # backup copies files as bytes, parsing none; restore refuses a backup with a line it can't
    # read before writing anything (tests/cli/test_backup.py)
    writers_and_screens |= {"backup", "restore"}
    assert names - covered - writers_and_screens == set(), "a new reading command: add it to this list"
    return commands


@pytest.mark.parametrize("case", list(HOSTILE_LINES), ids=list(HOSTILE_LINES))
def test_a_hostile_line_never_crashes_a_command_and_a_good_line_is_never_lost(dtw, paths, case):
    store = Store(paths)
    good = store.add(Note(text="a good line", at=NOW - timedelta(hours=1)))
    path = store.file_for(NOW)
    with open(path, "a", encoding="utf-8") as f:
        f.write(HOSTILE_LINES[case] + "\n")
    for args in reading_commands():
        no_crash(dtw(*args))
    assert good.id in {e["id"] for e in dtw.json("log", "--since", "all")}  # after --repair too


@pytest.mark.parametrize("case", list(HOSTILE_LINES), ids=list(HOSTILE_LINES))
def test_a_hostile_record_in_an_encrypted_file_never_crashes_a_command(dtw, paths, case, monkeypatch):
    """The same lines, sealed as records of an encrypted file: decrypted, then judged the same way."""
    from doingthework.core import crypto, encryption

    monkeypatch.setattr(
        crypto, "tune_scrypt", lambda target_seconds=0.3: {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
    )
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", f"{sys.executable} -c \"print('pass words')\"")
    store = Store(paths)
    good = store.add(Note(text="a good line", at=NOW - timedelta(hours=1)))
    encryption.encrypt(store, "pass words")
    path = store.file_for(NOW)
    cipher = store.vault.cipher_of(path.read_bytes().split(b"\n")[0])
    with open(path, "ab") as f:
        f.write(cipher.seal(HOSTILE_LINES[case].encode()) + b"\n")
    for args in reading_commands():
        no_crash(dtw(*args))
    assert good.id in {e["id"] for e in dtw.json("log", "--since", "all")}  # after --repair too


@pytest.mark.parametrize(
    "args",
    [
        ["log", "--since", "0001-01-02"],
        ["log", "--until", "9999-12-30"],
        ["stats", "--since", "0001-01-02"],
        ["export", "-o", "-", "--until", "9999-12-30"],
        ["log", "--until", "2999-01-01"],
        ["export", "-o", "-", "--until", "2020-01-01"],  # before the default start (the last 14 days)
        ["log", "--since", "999999d"],
        ["note", "x", "--at", "0001-01-01"],
    ],
)
def test_dates_at_the_edges_of_time_are_bad_input_not_a_crash(dtw, paths, args):
    result = dtw(*args)
    no_crash(result, allowed=(2,))
    assert not paths.entries_dir.exists() or not any(paths.entries_dir.iterdir())


def test_plan_nested_3000_deep_is_named_and_help_now_still_opens(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text("x = " + "[" * 3000 + "]" * 3000 + "\n")
    check = dtw("config", "check")
    no_crash(check, allowed=(2,))
    assert "too deeply" in check.stderr
    assert dtw("doctor").exit_code == 2
    help_now = dtw("help-now")
    assert help_now.exit_code == 0 and "crisis" in help_now.stdout.lower()


def test_a_byte_order_mark_in_plan_toml_is_read(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_bytes(b'\xef\xbb\xbf[safety]\npeople = ["Sam 555 0100"]\n')
    assert dtw("config", "check").exit_code == 0
    assert "Sam 555 0100" in dtw("help-now").stdout


def test_a_settings_folder_that_is_a_file_still_lets_a_note_be_saved(dtw, paths):
    paths.config_dir.parent.mkdir(parents=True, exist_ok=True)
    paths.config_dir.write_text("not a folder")
    saved = dtw("note", "still kept")
    assert saved.exit_code == 0 and "config.toml" in saved.stderr  # named, and the note saved all the same
    assert [e["text"] for e in dtw.json("log")] == ["still kept"]
    check = dtw("config", "check")
    no_crash(check, allowed=(1,))


def test_an_unreadable_plan_is_named_and_help_now_still_opens(dtw, paths, monkeypatch):
    """Root reads anything, so the unreadable file is made by the operating system's answer."""
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text('[safety]\npeople = ["Sam"]\n')
    real = Path.read_bytes

    def refuse(self):
        if self == paths.plan_file:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    check = dtw("config", "check")
    no_crash(check, allowed=(1,))  # the machine's problem, not a mistake in what was typed
    assert "could not be read" in check.stderr
    assert dtw("help-now").exit_code == 0


def test_a_data_path_that_is_a_file_is_said_plainly(dtw, paths):
    paths.data_dir.parent.mkdir(parents=True, exist_ok=True)
    paths.data_dir.write_text("not a folder")
    for args in (["log"], ["stats"], ["note", "x"], ["doctor"], ["export", "-o", "-"]):
        result = dtw(*args)
        no_crash(result, allowed=(1,))
        assert str(paths.data_dir) in result.stderr, args
    assert paths.data_dir.read_text() == "not a folder"


def test_a_full_disk_during_repair_changes_nothing_and_says_so(paths):
    from tests.core.test_store_faults import run_dtw, run_writer_cli

    store = Store(paths)
    store.add(Note(text="kept through it all", at=NOW))
    path = store.file_for(NOW)
    with open(path, "ab") as f:
        f.write(b"{not json\n")
    store.add(Note(text="after the damage", at=NOW))
    before = path.read_bytes()
    result = run_writer_cli(paths, "--enospc", dtw=["doctor", "--repair"])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "disk is full" in result.stderr and CRASH not in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert run_dtw(paths, "doctor", "--repair").returncode == 0
    texts = [json.loads(line)["text"] for line in path.read_text().splitlines()]
    assert texts == ["kept through it all", "after the damage"]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))


def test_a_300_digit_whole_number_where_a_decimal_goes_is_damage_not_a_crash(dtw, paths):
    """Hypothesis found it: `planned_seconds` (a float field) holding a 309-digit whole number."""
    store = Store(paths)
    path = store.file_for(NOW)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        _line("big", "practice", NOW.isoformat(), '"preset": "box", "planned_seconds": ' + "9" * 309) + "\n"
    )
    for args in reading_commands():
        no_crash(dtw(*args))
