"""An import only ever adds what is new: whatever happened here after the file's version of an
entry was saved (an edit, a delete, both) stays as it is here. Hypothesis draws what happens
to each entry after the export; an older export imported afterwards must change nothing that
was touched since, and add back only what is missing."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doingthework.core.models import Note, Trigger
from doingthework.core.paths import resolve_paths
from doingthework.core.store import Store

ACTIONS = ("none", "edit", "delete", "edit-then-delete", "missing")
DAY = datetime.now().astimezone().replace(microsecond=0) - timedelta(days=2)


def _state(store: Store) -> dict[str, dict]:
    return {e.id: e.to_dict() for e in store.query().entries}


def _files(store: Store) -> dict[str, bytes]:
    folder = store.paths.entries_dir
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


class Fresh:
    """A data folder of its own for each hypothesis example (the test's fixtures are shared)."""

    def __enter__(self) -> Store:
        self.tmp = tempfile.TemporaryDirectory()
        self.old = os.environ.get("DTW_DATA_DIR")
        os.environ["DTW_DATA_DIR"] = str(Path(self.tmp.name) / "data")
        return Store(resolve_paths())

    def __exit__(self, *exc: object) -> None:
        if self.old is None:
            os.environ.pop("DTW_DATA_DIR", None)
        else:
            os.environ["DTW_DATA_DIR"] = self.old
        self.tmp.cleanup()


def _export(dtw, target: Path, strip_new_keys: bool = False) -> dict:
    result = dtw("export", "--format", "json", "--since", "all", "--include-private", "-o", "-")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    if strip_new_keys:  # a file from a dtw before revision times: exported_at stands in
        data.pop("revised_at", None)
        data.pop("deleted", None)
    target.write_text(json.dumps(data))
    return data


def _act(store: Store, entry, action: str) -> None:
    if action in ("edit", "edit-then-delete"):
        changed = (
            replace(entry, text=entry.text + " (changed)") if isinstance(entry, Note) else replace(entry, intensity=1)
        )
        store.update(changed)
    if action in ("delete", "edit-then-delete", "missing"):
        store.delete(entry.id)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=6), old_file=st.booleans())
def test_an_older_export_never_undoes_what_happened_here_since(dtw, tmp_path, actions, old_file):
    with Fresh() as store:
        entries = []
        for index, _ in enumerate(actions):
            make = (
                Note(text=f"note {index}", at=DAY + timedelta(minutes=index))
                if index % 2
                else Trigger(what=f"trigger {index}", intensity=6, at=DAY + timedelta(minutes=index))
            )
            entries.append(store.add(make))
        # "missing": deleted before the export, so the file doesn't hold it; the rest after
        for entry, action in zip(entries, actions, strict=True):
            if action == "missing":
                _act(store, entry, action)
        file = tmp_path / f"older-{len(actions)}-{old_file}.json"
        _export(dtw, file, strip_new_keys=old_file)
        for entry, action in zip(entries, actions, strict=True):
            if action not in ("none", "missing"):
                _act(store, entry, action)
        before, files_before = _state(store), _files(store)

        dry = dtw("import", "--dry-run", str(file))
        assert dry.exit_code == 0, dry.output
        assert _files(store) == files_before  # --dry-run writes nothing

        result = dtw("import", str(file))
        assert result.exit_code == 0, result.output
        assert _state(store) == before, "the import changed something that was changed or deleted here since"
        touched = sum(a not in ("none", "missing") for a in actions)
        same = actions.count("none")
        expected = f"0 new, {same} already here, {touched} newer here (kept)"
        assert expected in result.stdout and expected in dry.stdout


def test_a_newer_export_brings_its_changes_here(dtw, paths, tmp_path):
    """The other way round: the file's version is newer, so it wins (as a sync would)."""
    data_here = os.environ["DTW_DATA_DIR"]
    # the other machine has the first words, saved before the better ones were written here
    os.environ["DTW_DATA_DIR"] = str(tmp_path / "other")
    other = Store(resolve_paths())
    note = other.add(Note(text="first words", at=DAY))
    os.environ["DTW_DATA_DIR"] = data_here
    store = Store(paths)
    store.add(note)
    store.update(replace(note, text="better words"))
    newer_file = tmp_path / "newer.json"
    _export(dtw, newer_file)
    os.environ["DTW_DATA_DIR"] = str(tmp_path / "other")
    result = dtw("import", str(newer_file))
    assert result.exit_code == 0 and "1 updated (newer in the file)" in result.stdout
    assert other.get(note.id).text == "better words"


def test_an_entry_deleted_where_the_file_was_made_is_named_not_deleted_here(dtw, paths, tmp_path):
    store = Store(paths)
    keep = store.add(Note(text="keep me", at=DAY))
    gone = store.add(Note(text="gone there", at=DAY + timedelta(minutes=1)))
    store.delete(gone.id)
    file = tmp_path / "there.json"
    data = _export(dtw, file)
    assert [t["id"] for t in data["deleted"]] == [gone.id] and set(data["revised_at"]) == {keep.id}
    os.environ["DTW_DATA_DIR"] = str(tmp_path / "here")
    here = Store(resolve_paths())
    here.add(Note(text="gone there", id=gone.id, at=DAY + timedelta(minutes=1)))
    result = dtw("import", str(file))
    assert result.exit_code == 0
    assert "1 new" in result.stdout and "1 deleted in the file but still here (kept" in result.stdout
    assert here.get(gone.id) is not None


def test_entries_saved_in_one_second_keep_the_order_they_were_saved_in(dtw, paths):
    """Everything a person writes in one go is dated to the second: the list keeps their order."""
    for word in ["first", "second", "third", "fourth", "fifth", "sixth"]:
        assert dtw("note", word).exit_code == 0
    shown = [e["text"] for e in dtw.json("log", "--kind", "note")]
    same_second = len({e["at"] for e in dtw.json("log", "--kind", "note")}) < 6
    assert shown == ["first", "second", "third", "fourth", "fifth", "sixth"] or not same_second
    # and for certain: six entries stamped with one `at`
    store = Store(paths)
    at = DAY
    ids = [store.add(Note(text=f"same {n}", at=at)).id for n in range(6)]
    assert [e.id for e in store.query(kinds=["note"]).entries if e.at == at] == ids


def test_a_whole_last_line_without_its_newline_is_a_good_line(dtw, paths):
    """A hand edit or another tool may leave the last line unterminated: it is read, not hidden,
    and `doctor --repair` leaves it where it is. Only a line that doesn't parse is damage."""
    store = Store(paths)
    store.add(Note(text="one", at=DAY))
    store.add(Note(text="two", at=DAY + timedelta(minutes=1)))
    (path,) = list(paths.entries_dir.iterdir())
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    assert [e["text"] for e in dtw.json("log", "--since", "all")] == ["one", "two"]
    doctor = dtw("doctor")
    assert "unfinished" not in doctor.output
    assert dtw("doctor", "--repair").exit_code == 0
    assert [e["text"] for e in dtw.json("log", "--since", "all")] == ["one", "two"]
    quarantine = paths.quarantine_dir
    assert not quarantine.exists() or not any(quarantine.iterdir())
    # a line cut off mid-write is still damage, named by its line
    path.write_bytes(path.read_bytes() + b'\n{"v": 1, "id": "abc", "kind": "no')
    assert "line 3" in dtw("doctor").output


# ---- what an import accepts is what the command line accepts ----------------------------


def _file_with(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "hostile.json"
    good = {"id": "good0001", "kind": "note", "at": DAY.isoformat(), "text": "fine"}
    path.write_text(
        json.dumps(
            {"format": "doingthework", "version": 1, "exported_at": DAY.isoformat(), "entries": [good, *entries]}
        )
    )
    return path


def _nested(depth: int):
    value: object = "deep"
    for _ in range(depth):
        value = {"a": value}
    return value


AHEAD = (datetime.now().astimezone() + timedelta(days=3)).isoformat()
HOSTILE = {
    "mood 55": {"kind": "checkin", "mood": 55},
    "energy -3": {"kind": "checkin", "energy": -3},
    "mood 1e308": {"kind": "checkin", "mood": 1e308},
    "sleep 25": {"kind": "checkin", "sleep_hours": 25},
    "a scale at 1e300": {"kind": "checkin", "scales": {"pain": 1e300}},
    "intensity 11": {"kind": "trigger", "what": "x", "intensity": 11},
    "after -1": {"kind": "trigger", "what": "x", "after": -1},
    "a practice of 30 years": {"kind": "practice", "preset": "box", "actual_seconds": 1e9},
    "dated in the future": {"kind": "note", "text": "x", "at": AHEAD},
    "year 1066": {"kind": "note", "text": "x", "at": "1066-10-14T09:00:00+00:00"},
    "a session in 2999": {"kind": "session", "date": "2999-01-01", "at": "2999-01-01T10:00:00+00:00"},
    "extra nested 500 deep": {"kind": "note", "text": "x", "thoughts": _nested(500)},
    "extra of 200 KB": {"kind": "note", "text": "x", "pasted": "y" * 200_000},
    "a huge number in extra": {"kind": "note", "text": "x", "count": 10**40},
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_entry_is_refused_by_its_place_and_nothing_is_written(dtw, paths, tmp_path, case):
    entry = {"id": "bad00002", "at": DAY.isoformat(), **HOSTILE[case]}
    result = dtw("import", str(_file_with(tmp_path, entry)))
    assert result.exit_code == 2, result.output
    assert "entry 2 can't be used" in result.stderr and "nothing was imported" in result.stderr
    assert "Traceback" not in result.output and "inside dtw" not in result.output
    assert not paths.entries_dir.exists()


def test_a_4000_digit_number_is_refused_not_a_crash(dtw, paths, tmp_path):
    path = tmp_path / "digits.json"
    path.write_text(
        '{"format": "doingthework", "version": 1, "entries": [{"id": "a1", "kind": "checkin", '
        f'"at": "{DAY.isoformat()}", "mood": {"9" * 4000}}}]}}'
    )
    result = dtw("import", str(path))
    assert result.exit_code == 2 and "entry 1" in result.stderr and "9999" not in result.output
    assert not paths.entries_dir.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mood=st.integers(-5, 15),
    energy=st.integers(-5, 15),
    sleep=st.floats(-3, 30, allow_nan=False).map(lambda x: round(x, 1)),
)
def test_an_import_accepts_a_checkin_exactly_when_the_command_line_does(dtw, tmp_path, mood, energy, sleep):
    with Fresh():
        typed = dtw("checkin", "--mood", str(mood), "--energy", str(energy), "--sleep", str(sleep))
        entry = {
            "id": "cafe0001",
            "kind": "checkin",
            "at": DAY.isoformat(),
            "mood": mood,
            "energy": energy,
            "sleep_hours": sleep,
        }
        imported = dtw("import", str(_file_with(tmp_path, entry)))
        assert (typed.exit_code == 0) == (imported.exit_code == 0), (typed.output, imported.output)
