from __future__ import annotations

from datetime import datetime, timedelta

from doingthework.core.models import Trigger
from doingthework.core.store import Store


def test_note_is_saved_and_listed(dtw, paths):
    result = dtw("note", "ask", "about", "sleep")
    assert result.exit_code == 0 and "agenda" in result.stdout
    (entry,) = Store(paths).query().entries
    assert entry.kind == "note" and entry.text == "ask about sleep"


def test_note_json_prints_exactly_what_was_saved(dtw, paths):
    saved = dtw.json("note", "bring the diary", "--private")
    assert saved["kind"] == "note" and saved["private"] is True and saved["text"] == "bring the diary"
    assert set(saved) == {"id", "kind", "at", "private", "text"}
    assert Store(paths).get(saved["id"]).to_dict() == saved


def test_note_at_back_dates(dtw):
    saved = dtw.json("note", "x", "--at", "2026-01-05")
    assert saved["at"].startswith("2026-01-05T12:00:00")


def test_bad_note_input_is_exit_2_and_writes_nothing(dtw, paths):
    for args in (["note", "   "], ["note", "x", "--at", "someday"], ["note", "x", "--at", "2100-01-01"]):
        result = dtw(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("dtw: ")
        assert "Traceback" not in result.output
    assert not paths.entries_dir.exists()


def test_log_json_is_an_array_oldest_first(dtw):
    first = dtw.json("note", "first", "--at", "yesterday")
    second = dtw.json("note", "second")
    listed = dtw.json("log")
    assert [e["id"] for e in listed] == [first["id"], second["id"]]


def test_log_json_empty_is_an_empty_array(dtw):
    assert dtw.json("log") == []


def test_log_text_shows_one_line_each(dtw):
    dtw("note", "bring the diary")
    result = dtw("log")
    assert result.exit_code == 0
    assert "note" in result.stdout and "bring the diary" in result.stdout


def test_log_filters(dtw, paths):
    store = Store(paths)
    now = datetime.now().astimezone()
    store.add(Trigger(what="deadline", intensity=7, tags=["Work"], at=now - timedelta(days=40)))
    store.add(Trigger(what="phone call", intensity=4, tags=["family"], at=now - timedelta(days=2)))
    dtw("note", "ask about the deadline")
    assert [e["what"] for e in dtw.json("log", "--kind", "trigger")] == ["phone call"]
    assert [e["what"] for e in dtw.json("log", "--kind", "trigger", "--since", "all")] == ["deadline", "phone call"]
    assert [e["what"] for e in dtw.json("log", "--since", "60d", "--tag", "work ")] == ["deadline"]
    assert [e["kind"] for e in dtw.json("log", "--since", "all", "--search", "DEADLINE")] == ["trigger", "note"]
    assert [e["kind"] for e in dtw.json("log", "--since", "all", "--kind", "note", "--kind", "trigger")] == [
        "trigger",
        "trigger",
        "note",
    ]
    until = (now - timedelta(days=10)).date().isoformat()
    assert [e["what"] for e in dtw.json("log", "--since", "all", "--until", until)] == ["deadline"]


def test_log_bad_input_is_exit_2(dtw):
    for args in (
        ["log", "--kind", "dream"],
        ["log", "--since", "lastweek"],
        ["log", "--since", "today", "--until", "2020-01-01"],
    ):
        result = dtw(*args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output


def test_log_names_damaged_lines_without_their_text(dtw, paths):
    dtw("note", "fine")
    (path,) = paths.entries_dir.iterdir()
    with path.open("a") as handle:
        handle.write('{"secret": "my private words"\n')
    result = dtw("log", "--json")
    assert result.exit_code == 0
    assert f"{path}, line 2" in result.stderr
    assert "my private words" not in result.output
    assert len(__import__("json").loads(result.stdout)) == 1


def test_log_kind_help_names_every_kind(dtw):
    from doingthework.core.models import KINDS

    shown = " ".join(dtw("log", "--help").stdout.split())
    assert all(kind in shown for kind in KINDS), [k for k in KINDS if k not in shown]
