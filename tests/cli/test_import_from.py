"""`dtw import --from jrnl|daylio FILE`: what comes over, twice adds nothing, a dry run writes
nothing, and a file that can't all be read writes nothing and names its lines, never its words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
JRNL = FIXTURES / "jrnl"
DAYLIO = FIXTURES / "daylio"


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def logged(dtw) -> list[dict]:
    return dtw.json("log", "--since", "all")


@pytest.mark.parametrize(
    ("args", "kind", "count"),
    [
        (["--from", "jrnl", str(JRNL / "export.json")], "journal", 5),
        (["--from", "jrnl", str(JRNL / "journal-24h.txt")], "journal", 3),
        (["--from", "jrnl", str(JRNL / "journal-12h.txt"), "--jrnl-config", str(JRNL / "jrnl.yaml")], "journal", 3),
        (["--from", "daylio", str(DAYLIO / "current.csv")], "checkin", 5),
        (["--from", "daylio", str(DAYLIO / "older-year.csv")], "checkin", 3),
        (["--from", "daylio", str(DAYLIO / "no-title.csv")], "checkin", 2),
        (["--from", "daylio", str(DAYLIO / "custom-moods.csv"), "--mood-map", "super=10,low-ish=4"], "checkin", 3),
    ],
)
def test_imported_once_and_twice_adds_nothing(dtw, args, kind, count):
    first = dtw("import", *args)
    assert first.exit_code == 0, first.output
    assert f"Imported: {count} new, 0 already here" in first.stdout
    entries = logged(dtw)
    assert len(entries) == count and {e["kind"] for e in entries} == {kind}
    again = dtw("import", *args)
    assert again.exit_code == 0 and f"Imported: 0 new, {count} already here" in again.stdout
    assert logged(dtw) == entries


def test_the_jrnl_file_and_its_json_export_are_one_journal(dtw):
    assert dtw("import", "--from", "jrnl", str(JRNL / "journal-24h.txt")).exit_code == 0
    result = dtw("import", "--from", "jrnl", str(JRNL / "export.json"))
    # the two only in the JSON file are new; two the file says a little differently are kept as here
    assert "Imported: 2 new, 1 already here, 2 here in another version (kept as they are here)." in result.stdout


def test_a_dry_run_says_what_would_come_and_writes_nothing(dtw, paths):
    assert dtw("note", "already here").exit_code == 0
    before = folder_bytes(paths.data_dir)
    result = dtw("import", "--from", "daylio", str(DAYLIO / "current.csv"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would import: 5 new, 0 already here" in result.stdout and "Nothing was written" in result.stdout
    assert "New: 5 check-ins. The first 5:" not in result.stdout and "New: 5 check-ins:" in result.stdout
    assert "friends, walk, good meal" in result.stdout and "checkin" in result.stdout
    assert folder_bytes(paths.data_dir) == before
    result = dtw("import", "--from", "jrnl", str(JRNL / "export.json"), "--dry-run")
    assert "New: 5 journal entries:" in result.stdout and "Hard day at" in result.stdout
    assert folder_bytes(paths.data_dir) == before


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--from", "daylio", str(DAYLIO / "custom-moods.csv")], ["line 2:", "line 4:", "--mood-map"]),
        (["--from", "jrnl", str(JRNL / "bad-date.txt")], ["line 4:", "--jrnl-config"]),
        (["--from", "jrnl", str(JRNL / "before-first.txt")], ["line 1:"]),
    ],
)
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_file_with_a_row_that_cant_be_used_writes_nothing(dtw, paths, args, named, dry_run):
    assert dtw("note", "already here").exit_code == 0
    before = folder_bytes(paths.data_dir)
    result = dtw("import", *args, *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "nothing was imported" in result.stderr
    assert all(word in result.stderr for word in named)
    assert "secret" not in result.output and "super" not in result.output.casefold()
    assert folder_bytes(paths.data_dir) == before


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "diary", "x"],
        ["--from", "daylio", "missing.csv"],
        ["--from", "daylio", str(DAYLIO / "current.csv"), "--mood-map", "rad=eleven"],
        ["--from", "daylio", str(DAYLIO / "current.csv"), "--jrnl-config", str(JRNL / "jrnl.yaml")],
        ["--from", "jrnl", str(JRNL / "export.json"), "--mood-map", "rad=9"],
        ["--from", "jrnl", str(DAYLIO / "current.csv")],
        ["--from", "daylio", str(JRNL / "export.json")],
        [str(DAYLIO / "current.csv"), "--mood-map", "rad=9"],
    ],
)
def test_bad_usage_is_exit_2_and_writes_nothing(dtw, paths, args):
    result = dtw("import", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("dtw: ") and "Traceback" not in result.output
    assert not (paths.data_dir / "entries").exists() or not any((paths.data_dir / "entries").iterdir())


def test_bom_crlf_and_a_trailing_blank_line(dtw, tmp_path):
    windows = tmp_path / "daylio.csv"
    windows.write_bytes(b"\xef\xbb\xbf" + (DAYLIO / "current.csv").read_bytes().replace(b"\n", b"\r\n") + b"\r\n")
    assert "Imported: 5 new" in dtw("import", "--from", "daylio", str(windows)).stdout
    # the same rows as the plain file: importing that one now adds nothing
    assert "Imported: 0 new, 5 already here" in dtw("import", "--from", "daylio", str(DAYLIO / "current.csv")).stdout


def test_activities_are_tags_that_log_filters_by(dtw):
    assert dtw("import", "--from", "daylio", str(DAYLIO / "current.csv")).exit_code == 0
    assert dtw("import", "--from", "jrnl", str(JRNL / "export.json")).exit_code == 0
    walked = dtw.json("log", "--since", "all", "--tag", "Walk")
    assert [e["tags"] for e in walked] == [["friends", "walk", "good meal"]]
    work = dtw.json("log", "--since", "all", "--tag", "work")
    assert {e["kind"] for e in work} == {"checkin", "journal"}
    table = dtw("log", "--since", "all", "--kind", "journal").stdout
    assert "★" in table and "[work, family]" in table
    # the entries come out of a JSON export and back in, exactly
    exported = dtw("export", "--since", "all", "--format", "json", "--output", "-").stdout
    assert {e["kind"] for e in json.loads(exported)["entries"]} == {"checkin", "journal"}


def test_what_a_dry_run_shows_and_any_message_is_safe_text(dtw, tmp_path):
    from tests.cli.test_text_safety import BAD
    from tests.test_sanitize import dangerous_in

    journal = tmp_path / "jrnl\x1b[2J.json"
    entry = {"title": BAD, "body": BAD, "date": "2025-03-02", "time": "21:05", "tags": [f"@{BAD}"], "starred": True}
    journal.write_text(json.dumps({"tags": {}, "entries": [entry]}))
    daylio = tmp_path / "daylio.csv"
    cell = '"' + BAD.replace('"', '""') + '"'
    daylio.write_text(f"full_date,time,mood,activities,note_title,note\n2025-03-02,9:05 pm,rad,{cell},{cell},{cell}\n")
    for args in (["--from", "jrnl", str(journal)], ["--from", "daylio", str(daylio)]):
        for extra in (["--dry-run"], []):
            result = dtw("import", *args, *extra)
            assert result.exit_code == 0, result.output
            assert not dangerous_in(result.stdout_bytes.decode() + result.stderr_bytes.decode())
    words = json.dumps(dtw.json("log", "--since", "all"), ensure_ascii=False)
    assert json.dumps(BAD, ensure_ascii=False)[1:-1] in words  # kept exactly, shown safely
    broken = tmp_path / "daylio\x1b]0;x\x07.csv"
    broken.write_text("full_date,time,mood\n2025-03-02,9:05 pm,ecstatic\n")
    result = dtw("import", "--from", "daylio", str(broken))
    assert result.exit_code == 2 and not dangerous_in(result.stderr_bytes.decode())
