from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta

import pytest

from doingthework.core.models import CheckIn, Note, Session, Trigger
from doingthework.core.store import Store


def test_session_add_and_list(dtw):
    first = dtw.json("session", "add", "2026-11-18")
    assert first["kind"] == "session" and first["date"] == "2026-11-18"
    today = dtw.json("session", "add")
    assert today["date"] == datetime.now().astimezone().date().isoformat()
    listed = dtw.json("session", "list", "--since", "all")
    assert [s["date"] for s in listed] == ["2026-11-18", today["date"]]


def test_session_list_shows_homework(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text('homework = ["notice one thought a day"]\n')
    dtw("session", "add")
    assert "notice one thought a day" in dtw("session", "list").stdout


def test_a_next_session_can_be_noted_ahead(dtw):
    ahead = (datetime.now().astimezone() + timedelta(days=7)).date().isoformat()
    result = dtw("session", "add", ahead)
    assert result.exit_code == 0 and "Next session" in result.stdout


@pytest.mark.parametrize("bad", ["someday", "0999-01-01"])
def test_session_bad_date(dtw, paths, bad):
    assert dtw("session", "add", bad).exit_code == 2
    assert not paths.entries_dir.exists()


@pytest.fixture
def history(paths):
    store = Store(paths)
    now = datetime.now().astimezone().replace(microsecond=0)
    store.add(CheckIn(mood=4, at=now - timedelta(days=20)))
    store.add(Session(date=(now - timedelta(days=10)).date().isoformat(), at=now - timedelta(days=10)))
    store.add(CheckIn(mood=6, note="slept badly", at=now - timedelta(days=3)))
    store.add(Trigger(what="email", intensity=7, after=3, tags=["work"], at=now - timedelta(days=2)))
    store.add(Trigger(what="my secret thing", intensity=5, private=True, at=now - timedelta(days=1)))
    store.add(Note(text="ask about the sleep diary", at=now - timedelta(days=1)))
    return store


def test_export_defaults_to_markdown_since_the_last_session(dtw, history, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = dtw("export")
    assert result.exit_code == 0, result.output
    path = tmp_path / result.stdout.strip().split("/")[-1]
    assert path.exists() and path.suffix == ".md"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "email" in text and "ask about the sleep diary" in text
    assert "my secret thing" not in text  # private unless asked
    assert "since your session" in result.stderr


def test_export_json_to_stdout_is_the_contract(dtw, history):
    result = dtw("export", "--format", "json", "--output", "-", "--since", "all")
    data = json.loads(result.stdout)
    assert data["format"] == "doingthework" and data["version"] == 1 and data["since"] is None
    assert {e["kind"] for e in data["entries"]} == {"checkin", "session", "trigger", "note"}
    assert all(not e["private"] for e in data["entries"])
    with_private = json.loads(
        dtw("export", "--format", "json", "-o", "-", "--since", "all", "--include-private").stdout
    )
    assert len(with_private["entries"]) == len(data["entries"]) + 1


@pytest.mark.parametrize(
    "since, kinds",
    [
        ("last-session", {"checkin", "trigger", "note"}),
        ("7d", {"checkin", "trigger", "note"}),
        ("2w", {"checkin", "trigger", "note", "session"}),
        ("30d", {"checkin", "trigger", "note", "session"}),
    ],
)
def test_export_period_forms(dtw, history, since, kinds):
    data = json.loads(dtw("export", "--format", "json", "-o", "-", "--since", since).stdout)
    assert {e["kind"] for e in data["entries"]} == kinds


def test_export_since_a_date_and_until(dtw, history):
    now = datetime.now().astimezone()
    since = (now - timedelta(days=25)).date().isoformat()
    until = (now - timedelta(days=15)).date().isoformat()
    data = json.loads(dtw("export", "--format", "json", "-o", "-", "--since", since, "--until", until).stdout)
    assert [e["mood"] for e in data["entries"]] == [4]


def test_export_html_is_one_private_file(dtw, history, tmp_path):
    target = tmp_path / "page.html"
    assert dtw("export", "--format", "html", "--output", str(target)).exit_code == 0
    text = target.read_text()
    assert text.lstrip().lower().startswith("<!doctype html") and "<style" in text and "<script" not in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_without_a_session_covers_two_weeks(dtw, paths):
    Store(paths).add(Note(text="x"))
    result = dtw("export", "-o", "-")
    assert (result.exit_code == 0 and "no session recorded yet" in result.stderr) or "x" in result.stdout


@pytest.mark.parametrize(
    "args", [["--format", "pdf"], ["--since", "lastweek"], ["--since", "today", "--until", "2020-01-01"]]
)
def test_export_bad_input(dtw, history, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = dtw("export", *args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert list(tmp_path.glob("dtw-session-prep*")) == []


def test_json_round_trip_through_an_empty_data_dir(dtw, history, tmp_path, monkeypatch):
    first = tmp_path / "first.json"
    assert dtw("export", "--format", "json", "-o", str(first), "--since", "all", "--include-private").exit_code == 0
    monkeypatch.setenv("DTW_DATA_DIR", str(tmp_path / "fresh"))
    result = dtw("import", str(first))
    assert result.exit_code == 0 and "Imported: 6 new, 0 already here, 0 newer here (kept)." in result.stdout
    again = dtw("import", str(first))
    assert again.exit_code == 0 and "Imported: 0 new, 6 already here, 0 newer here (kept)." in again.stdout
    second = tmp_path / "second.json"
    dtw("export", "--format", "json", "-o", str(second), "--since", "all", "--include-private")
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert a["entries"] == b["entries"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "not a JSON file"),
        ('{"format": "other"}', "not a dtw export"),
        ('{"format": "doingthework", "version": 9, "entries": []}', "version"),
        (
            '{"format": "doingthework", "version": 1, "entries": [{"id": "a", "kind": "note", "at": "2026-11-01T10:00:00+00:00", "text": "ok"}, {"id": "b", "kind": "trigger", "at": "x"}]}',
            "entry 2",
        ),
    ],
)
def test_a_malformed_import_writes_nothing(dtw, paths, tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    result = dtw("import", str(bad))
    assert result.exit_code == 2 and message in result.stderr
    assert not paths.entries_dir.exists()


def test_import_of_a_missing_file(dtw, tmp_path):
    assert dtw("import", str(tmp_path / "nope.json")).exit_code == 2


def test_a_session_noted_ahead_is_not_in_the_export(dtw, history):
    ahead = (datetime.now().astimezone() + timedelta(days=7)).date().isoformat()
    dtw("session", "add", ahead)
    data = json.loads(dtw("export", "--format", "json", "-o", "-").stdout)
    assert "session" not in {e["kind"] for e in data["entries"]}
    assert data["until"] is not None


def test_an_import_that_would_change_an_entrys_kind_writes_nothing(dtw, paths, tmp_path):
    note = Store(paths).add(Note(text="mine"))
    before = {p.name: p.read_bytes() for p in paths.entries_dir.iterdir()}
    bad = tmp_path / "other.json"
    bad.write_text(
        json.dumps(
            {
                "format": "doingthework",
                "version": 1,
                "entries": [
                    {"id": "fresh1", "kind": "note", "at": "2026-11-01T10:00:00+00:00", "text": "new"},
                    {"id": note.id, "kind": "trigger", "at": "2026-11-01T10:00:00+00:00", "what": "x"},
                ],
            }
        )
    )
    result = dtw("import", str(bad))
    assert result.exit_code == 2 and "entry 2 has the id of a note" in result.stderr
    assert {p.name: p.read_bytes() for p in paths.entries_dir.iterdir()} == before


def test_a_since_in_the_future_is_named_not_until(dtw):
    result = dtw("export", "--since", "2100-01-01", "--output", "-")
    assert result.exit_code == 2
    assert "--since 2100-01-01 is after today" in result.stderr and "--until" not in result.stderr
