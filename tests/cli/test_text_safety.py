"""End to end: every command of the Typer app (found by introspection, so a new one is covered
or this test says it isn't) and every export format, run over entries, a plan and file names
full of control characters, escape sequences, bidi overrides and bytes that aren't UTF-8.
Nothing dangerous reaches the output; JSON gives back every character as it was written.
"""

from __future__ import annotations

import json
import os
import sys

import pytest
import typer

from doingthework.cli import build_cli
from tests.test_sanitize import all_strings, dangerous_in

# ---- end to end: every command and every export -----------------------------------------------
# what a person could have pasted: a clipboard write (OSC 52), a screen clear, a cursor move, a
# C1 CSI, bidi overrides and isolates, a NUL, a backspace, DEL, a CR that would overwrite the line
BAD = "calm\x1b]52;c;c2VjcmV0\x07\x1b[2J\x1b[H\x9b2J\u202egnp.exe\u2066iso\u2069\x00\x08\x7f\x85 ret\rover 😀 👩‍👩‍👧 שלום 日本語"


def toml_string(text: str) -> str:
    """A TOML basic string: the controls TOML forbids raw as escapes, everything else as it is."""
    return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or c in '\x7f"\\' else c for c in text) + '"'


PLAN = f"""
trigger_tags = [{toml_string(BAD)}]
homework = [{toml_string(BAD)}]
boundaries = [{toml_string(BAD)}]
skills = [{toml_string(BAD)}]
[checkin]
feelings = ["calm", {toml_string(BAD)}]
[[practice]]
id = "slow"
name = {toml_string(BAD)}
phases = [ {{ name = {toml_string(BAD)}, seconds = 5, guidance = {toml_string(BAD)} }}, {{ name = "out", seconds = 7 }} ]
rounds = 1
guidance = [{toml_string(BAD)}]
[safety]
warning_signs = [{toml_string(BAD)}]
people = [{toml_string(BAD)}]
crisis_lines = [{toml_string(BAD)}]
reasons = [{toml_string(BAD)}]
"""

# every command path of the app -> the runs that print its text (or None: it opens the app)
# {export} is the JSON export file written earlier in the run
RUNS: dict[tuple[str, ...], list[list[str]] | None] = {
    ("checkin",): [
        ["checkin", "--mood", "1", "--feeling", BAD, "--body", BAD, "--intention", BAD, "--note", BAD],
        ["checkin", "--mood", "2", "--note", BAD, "--json"],
    ],
    ("trigger",): None,
    ("trigger", "add"): [
        [
            "trigger",
            "add",
            "--what",
            BAD,
            "--intensity",
            "9",
            "--tag",
            BAD,
            "--body",
            BAD,
            "--thought",
            BAD,
            "--feeling",
            BAD,
            "--urge",
            BAD,
            "--response",
            BAD,
            "--skill",
            BAD,
            "--after",
            "3",
        ],
        ["trigger", "add", "--what", BAD, "--intensity", "4", "--tag", BAD, "--json"],
    ],
    ("boundary",): None,
    ("boundary", "add"): [
        ["boundary", "add", "--boundary", BAD, "--outcome", "held", "--with", BAD, "--feeling", BAD, "--note", BAD],
        ["boundary", "add", "--boundary", BAD, "--outcome", "bent", "--json"],
    ],
    ("note",): [["note", BAD], ["note", BAD, "--private", "--json"]],
    ("measure",): [["measure", "list"], ["measure", "phq9", "--answers", "0,1,2,1,0,0,1,0,1"], ["measure", BAD]],
    ("practice",): [["practice", "list"], ["practice", "slow", "--plain"]],
    ("session", "add"): [["session", "add", "2000-01-01"], ["session", "add", "2000-01-02", "--json"]],
    ("session", "list"): [["session", "list", "--since", "all"], ["session", "list", "--since", "all", "--json"]],
    ("export",): [
        ["export", "--since", "30d", "--format", fmt, "--output", "-", *extra]
        for fmt in ("md", "html", "json", "csv")
        for extra in ([], ["--full", "--include-private"])
    ]
    + [["export", "--since", "30d", "--format", "json", "--full", "--include-private", "--output", "{export}"]],
    ("import",): [["import", "{export}"], ["import", "{export}", "--dry-run"]],
    ("backup",): [["backup", "{export}.zip"], ["backup", "{export}.zip"]],  # the second: refused, it is there
    ("restore",): [["restore", "{export}.zip", "--dry-run"], ["restore", "{export}.zip"], ["restore", "{export}"]],
    ("log",): [["log"], ["log", "--since", "all", "--json"], ["log", "--search", "calm"], ["log", "--kind", BAD]],
    ("stats",): [["stats"], ["stats", "--json"]],
    ("help-now",): [["help-now"]],
    ("nudge",): [["nudge"], ["nudge", "--check"], ["nudge", "--install", "fish"]],
    ("doctor",): [["doctor"], ["doctor", "--repair"]],
    ("config", "path"): [["config", "path"]],
    ("config", "show"): [["config", "show"]],
    ("config", "check"): [["config", "check"]],
    ("config", "edit"): [["config", "edit"]],
    # last: the folder encrypted (everything above read back through it), rekeyed, then plain again
    ("encrypt",): [["encrypt"], ["log", "--since", "all", "--json"], ["export", "--output", "-", "--since", "all"]],
    ("passphrase",): [["passphrase"]],
    ("delete",): [["delete", "{an_id}"], ["delete", "{an_id}", "--erase", "--yes", "--json"]],
    ("decrypt",): [["decrypt"], ["log", "--since", "all", "--json"]],
}


def command_paths(command, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every command of the app: each group too, when it does something run on its own."""
    if not isinstance(getattr(command, "commands", None), dict):
        return {prefix}
    found = {prefix} if prefix and command.invoke_without_command else set()
    for name, sub in command.commands.items():
        found |= command_paths(sub, (*prefix, name))
    return found


def test_every_command_is_covered_by_the_end_to_end_run():
    paths = command_paths(typer.main.get_command(build_cli()))
    assert paths == set(RUNS), "a command was added or removed: say in RUNS how it prints a person's text"


@pytest.fixture
def hostile_dirs(tmp_path, monkeypatch):
    """Data and config folders whose names hold an escape sequence and bidi override, a plan full
    of BAD, and a sync-conflict copy (with a damaged line) whose name isn't even UTF-8."""
    data = tmp_path / "data\x1b]0;title\x07\u202e"
    config = tmp_path / "config\x1b[2J\x9b"
    monkeypatch.setenv("DTW_DATA_DIR", str(data))
    monkeypatch.setenv("DTW_CONFIG_DIR", str(config))
    monkeypatch.setenv("EDITOR", "true")
    config.mkdir()
    (config / "plan.toml").write_text(PLAN)
    return data


def output_of(result) -> str:
    raw = result.stdout_bytes + result.stderr_bytes
    return raw.decode("utf-8", errors="surrogateescape")


def test_no_command_and_no_export_lets_a_dangerous_character_through(dtw, hostile_dirs, tmp_path, monkeypatch):
    from doingthework.cli import practice as practice_cli
    from tests.cli.test_practice import FakeClock

    fake = FakeClock()
    monkeypatch.setattr(practice_cli, "CLOCK", fake)
    monkeypatch.setattr(practice_cli, "SLEEP", fake.sleep)
    for variable in ("DTW_PASSPHRASE_COMMAND", "DTW_NEW_PASSPHRASE_COMMAND"):
        monkeypatch.setenv(variable, f"{sys.executable} -c \"print('pass words')\"")
    export_file = str(tmp_path / "export.json")
    ran, leaks = [], []
    for path, runs in RUNS.items():
        for given in runs or []:
            args = [a.replace("{export}", export_file) for a in given]
            if "{an_id}" in args:  # an entry full of BAD, written above
                an_id = next(
                    e["id"] for e in json.loads(dtw("log", "--since", "all", "--json").stdout) if e["kind"] == "note"
                )
                args = [an_id if a == "{an_id}" else a for a in args]
            if path == ("doctor",) and args == ["doctor"]:
                # a sync-conflict copy whose name is not UTF-8, holding a damaged line
                entries = hostile_dirs / "entries"
                conflict = os.fsencode(entries) + b"/2026-01.x\xff\x1b[2J.sync-conflict.jsonl"
                with open(conflict, "wb") as f:
                    f.write(b'{"v": 1, "id": "x"}\n')
            result = dtw(*args)
            assert "Traceback" not in result.output
            shown = output_of(result)
            if dangerous_in(shown):
                leaks.append((args[:2], sorted(set(dangerous_in(shown)))))
            if "--json" in args or args[-3:] == ["json", "--output", "-"] or args[-5:-3] == ["json", "--output"]:
                assert result.exit_code == 0, (args, shown)
                data = json.loads(result.stdout)
                if path[0] not in ("session", "stats", "delete"):  # stats: tags in lower case; delete: no text
                    assert BAD in all_strings(data), args  # the original text, every character of it
            ran.append(args)
    assert not leaks
    # the JSON export written to a file: escaped, and every entry's words exactly as typed
    with open(export_file, encoding="utf-8") as f:
        written = f.read()
    assert not dangerous_in(written)
    words = [v for e in json.loads(written)["entries"] for v in e.values() if isinstance(v, str)]
    assert BAD in words
    assert len(ran) > 25


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_a_document_shows_something_was_there(dtw, fmt):
    assert dtw("note", "a\x1b[2Jb").exit_code == 0
    page = dtw("export", "--since", "30d", "--format", fmt, "--output", "-").stdout
    assert "a\ufffd" in page and "2Jb" in page and "\x1b" not in page
