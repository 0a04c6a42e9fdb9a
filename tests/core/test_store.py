from __future__ import annotations

import json
import stat
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doingthework.core.errors import BadInput
from doingthework.core.models import Boundary, CheckIn, Note, Trigger, normalise_tag
from doingthework.core.periods import Period
from doingthework.core.store import Store

TZ = timezone(timedelta(hours=-5))


def at(day: int, month: int = 11, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=TZ)


def test_add_then_query_returns_entries_oldest_first(store):
    later = store.add(Note(text="second", at=at(20)))
    earlier = store.add(Note(text="first", at=at(10)))
    assert [e.id for e in store.query().entries] == [earlier.id, later.id]


def test_files_are_per_month_and_per_device(store, paths):
    store.add(Note(text="october", at=at(30, 10)))
    store.add(Note(text="november", at=at(2)))
    names = sorted(p.name for p in paths.entries_dir.iterdir())
    assert names == [f"2026-10.{store.device}.jsonl", f"2026-11.{store.device}.jsonl"]


def test_every_line_is_versioned_json(store, paths):
    store.add(Note(text="hello", at=at(2)))
    (line,) = store.file_for(at(2)).read_text().splitlines()
    record = json.loads(line)
    assert record["v"] == 1 and record["text"] == "hello" and record["device"] == store.device


def test_update_keeps_the_newest_revision(store):
    entry = store.add(Trigger(what="email", intensity=6, at=at(3)))
    store.update(replace(entry, intensity=4, after=2))
    (found,) = store.query().entries
    assert (found.intensity, found.after) == (4, 2)
    assert len(store.file_for(at(3)).read_text().splitlines()) == 2  # append-only


def test_update_that_moves_month_is_seen_from_both_months(store):
    entry = store.add(Note(text="moved", at=at(30, 10)))
    store.update(replace(entry, at=at(5)))
    october = Period(at(1, 10), at(1, 11))
    november = Period(at(1, 11), at(1, 12))
    assert store.query(october).entries == []
    assert [e.id for e in store.query(november).entries] == [entry.id]
    assert [e.at for e in store.query().entries] == [at(5)]
    # and back again
    store.update(replace(entry, at=at(29, 10)))
    assert [e.id for e in store.query(october).entries] == [entry.id]
    assert store.query(november).entries == []


def test_delete_leaves_a_tombstone_and_hides_the_entry(store):
    keep = store.add(Note(text="keep", at=at(4)))
    gone = store.add(Note(text="gone", at=at(4)))
    store.delete(gone.id)
    assert [e.id for e in store.query().entries] == [keep.id]
    assert store.get(gone.id) is None
    with pytest.raises(BadInput):
        store.delete(gone.id)


def test_update_of_an_unknown_entry_is_refused(store):
    with pytest.raises(BadInput, match="no entry"):
        store.update(Note(text="never saved"))


def test_invalid_entries_are_refused_and_nothing_is_written(store, paths):
    with pytest.raises(BadInput):
        store.add(Trigger(what="x", intensity=12))
    assert not paths.entries_dir.exists() or not any(paths.entries_dir.iterdir())


def test_filters_by_kind_tag_text_and_period(store):
    store.add(CheckIn(mood=6, note="slept badly", at=at(1)))
    work = store.add(Trigger(what="Deadline moved", intensity=7, tags=["Work "], at=at(2)))
    store.add(Trigger(what="call", intensity=3, tags=["family"], at=at(3)))
    store.add(Boundary(boundary="no overtime", outcome="held", with_="boss", at=at(4)))
    assert [e.kind for e in store.query(kinds=["trigger"]).entries] == ["trigger", "trigger"]
    assert [e.id for e in store.query(tag="WORK").entries] == [work.id]
    assert [e.id for e in store.query(search="deadline").entries] == [work.id]
    assert [e.kind for e in store.query(search="BOSS").entries] == ["boundary"]
    assert [e.kind for e in store.query(Period(at(2), at(3))).entries] == ["trigger"]


def test_tags_are_normalised():
    assert normalise_tag("  Work   Stuff ") == normalise_tag("work stuff")


def test_a_period_reads_only_its_months(store, paths, monkeypatch):
    for month in range(1, 12):
        store.add(Note(text=f"month {month}", at=at(15, month)))
    read = []
    original = Store.read_file
    monkeypatch.setattr(
        Store, "read_file", lambda self, path, *rest: read.append(path.name) or original(self, path, *rest)
    )
    fresh = Store(paths)
    entries = fresh.query(Period(at(1, 6), at(1, 7))).entries
    assert [e.text for e in entries] == ["month 6"]
    assert {name[:7] for name in read} <= {"2026-05", "2026-06", "2026-07"}


def test_reads_see_writes_from_another_store(store, paths):
    store.query()
    other = Store(paths)
    other.add(Note(text="from another process", at=at(9)))
    assert [e.text for e in store.query().entries] == ["from another process"]


def test_device_id_lives_in_the_state_dir_and_is_private(store, paths):
    device = store.device
    assert paths.device_file.read_text().strip() == device
    assert stat.S_IMODE(paths.device_file.stat().st_mode) == 0o600
    assert not str(paths.device_file).startswith(str(paths.data_dir))
    assert Store(paths).device == device


def test_damaged_lines_are_reported_not_dropped_silently(store, paths):
    store.add(Note(text="fine", at=at(1)))
    path = store.file_for(at(1))
    with path.open("ab") as handle:
        handle.write(b'{"not json\n')
    result = Store(paths).query()
    assert [e.text for e in result.entries] == ["fine"]
    (damage,) = result.damage
    assert damage.path == path and damage.line == 2 and "JSON" in damage.reason


def test_a_newer_format_version_is_reported_not_guessed(store, paths):
    store.add(Note(text="fine", at=at(1)))
    path = store.file_for(at(1))
    record = json.loads(path.read_text())
    record["v"] = 2
    with path.open("a") as handle:
        handle.write(json.dumps(record) + "\n")
    (damage,) = Store(paths).query().damage
    assert "version" in damage.reason


def test_an_entry_from_long_ago_is_still_found(store, paths):
    old = datetime(1901, 6, 1, 12, tzinfo=TZ)
    entry = store.add(Note(text="far back", at=old))
    assert store.file_for(old).name.startswith("1901-06.")
    assert [e.id for e in Store(paths).query().entries] == [entry.id]


def test_a_time_outside_1900_to_2200_is_refused(store):
    """Years 1 and 9999 parse, but a zone or a week beyond them has no date: nothing reads them."""
    for year in (999, 1899, 2201):
        with pytest.raises(BadInput, match="between the years 1900 and 2200"):
            store.add(Note(text="x", at=datetime(year, 6, 1, 12, tzinfo=TZ)))


def test_a_save_that_could_not_be_read_back_is_refused(store, paths):
    with pytest.raises(BadInput):
        store.add(CheckIn(mood=True, at=at(1)))  # a bool where a number goes
    entry = Note(text="x", at=at(1))
    entry.extra = {"deleted": True, "v": 9, "saved_at": "never", "thought_record": {"ok": 1}}
    store.add(entry)
    (found,) = Store(paths).query().entries
    assert found.extra == {"thought_record": {"ok": 1}}


def test_a_deeply_nested_line_is_damage_not_a_crash(store, paths):
    store.add(Note(text="fine", at=at(1)))
    with store.file_for(at(1)).open("a") as handle:
        handle.write("[" * 200_000 + "\n")
    result = Store(paths).query()
    assert [e.text for e in result.entries] == ["fine"]
    assert "nested" in result.damage[0].reason


def test_a_line_from_a_newer_dtw_is_skipped_and_marked(store, paths):
    store.add(Note(text="fine", at=at(1)))
    with store.file_for(at(1)).open("a") as handle:
        handle.write(json.dumps({"v": 2, "id": "n1", "kind": "dream", "at": at(1).isoformat()}) + "\n")
        handle.write(
            json.dumps({"v": 1, "id": "n2", "kind": "dream", "at": at(1).isoformat(), "saved_at": "x", "device": "d"})
            + "\n"
        )
    damage = Store(paths).query().damage
    assert len(damage) == 2 and all(d.newer for d in damage)


def test_a_move_that_fails_half_way_is_undone(store, paths, monkeypatch):
    import errno

    from doingthework.core import store as store_module
    from doingthework.core.errors import StoreError

    entry = store.add(Note(text="moving", at=at(30, 10)))
    before = {p.name: p.read_bytes() for p in paths.entries_dir.iterdir()}
    calls = []
    real = store_module.append_durably

    def fail_second(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(store_module, "append_durably", fail_second)
    with pytest.raises(StoreError, match="disk is full"):
        store.update(replace(entry, at=at(5)))
    assert {p.name: p.read_bytes() for p in paths.entries_dir.iterdir()} == before


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    text=st.text(min_size=1).filter(lambda s: s.strip())
    | st.sampled_from(
        ["🫶 breathe 🌊", "שלום עליכם", "مرحبا", "\x00\x07\x1b[31m\u202e", "line\nbreak\r\n", "x" * 100_000]
    ),
    tags=st.lists(st.text(min_size=1).filter(lambda s: s.strip()), max_size=3),
)
def test_any_text_survives_save_and_reload_unchanged(paths, text, tags):
    store = Store(paths)
    trigger = store.add(Trigger(what=text, intensity=5, thought=text, tags=tags, at=at(3)))
    note = store.add(Note(text=text, at=at(4)))
    fresh = Store(paths)  # as another process would read it, from disk
    assert fresh.get(trigger.id) == trigger
    assert fresh.get(note.id).text == text
    assert not fresh.query().damage


# ---- reads for some kinds: only the lines that can hold them are parsed --------------------------------
KIND_MAKERS = {
    "note": lambda text, when: Note(text=text, at=when),
    "checkin": lambda text, when: CheckIn(mood=5, note=text, at=when),
    "trigger": lambda text, when: Trigger(what=text, tags=["note"], at=when),
    "boundary": lambda text, when: Boundary(boundary=text, note=text, at=when),
}
TRICKY_TEXT = st.sampled_from(
    ['"kind": "note"', "note", "\\u006e", '"deleted": true', "ok", "\x00\x1b", "🫶"]
) | st.text(min_size=1).filter(str.strip)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["add", "update", "delete"]),
            st.sampled_from(sorted(KIND_MAKERS)),
            TRICKY_TEXT,
            st.integers(1, 28),
            st.integers(0, 50),
        ),
        min_size=1,
        max_size=25,
    ),
    wanted=st.sets(st.sampled_from(sorted(KIND_MAKERS)), min_size=1, max_size=2),
)
def test_a_read_for_some_kinds_finds_what_a_whole_read_finds(tmp_path_factory, steps, wanted):
    from doingthework.core.paths import resolve_paths

    root = tmp_path_factory.mktemp("kinds")
    paths = resolve_paths(
        env={
            "DTW_DATA_DIR": str(root / "data"),
            "DTW_CONFIG_DIR": str(root / "config"),
            "DTW_STATE_DIR": str(root / "state"),
        }
    )
    store = Store(paths)
    saved: list = []
    for action, kind, text, day, pick in steps:
        if action == "add" or not saved:
            saved.append(store.add(KIND_MAKERS[kind](text, at(day, 10 + day % 2))))
            continue
        target = saved[pick % len(saved)]
        if action == "update":
            saved[saved.index(target)] = store.update(replace(target, at=at(day, 10 + pick % 2)))
        else:
            store.delete(target.id)
            saved.remove(target)
    whole = [e for e in Store(paths).query().entries if e.kind in wanted]
    assert Store(paths).query(kinds=wanted).entries == whole


def test_a_kind_spelled_with_escapes_is_still_found(store, paths):
    store.add(CheckIn(mood=4, at=at(2)))
    line = json.dumps(
        {
            "v": 1,
            "id": "abc123",
            "kind": "note",
            "at": at(3).isoformat(),
            "private": False,
            "text": "hi",
            "saved_at": "2026-11-03T10:00:00+00:00",
            "device": "hand",
        }
    ).replace('"note"', '"n\\u006fte"')
    (paths.entries_dir / "2026-11.hand.jsonl").write_text(line + "\n")
    assert [e.id for e in Store(paths).query(kinds=["note"]).entries] == ["abc123"]


def test_a_tombstone_that_does_not_name_its_kind_still_hides_the_entry(store, paths):
    note = store.add(Note(text="gone", at=at(3)))
    line = json.dumps(
        {
            "v": 1,
            "id": note.id,
            "at": at(3).isoformat(),
            "deleted": True,
            "saved_at": "2100-01-01T00:00:00+00:00",
            "device": "hand",
        }
    )
    (paths.entries_dir / "2026-11.hand.jsonl").write_text(line + "\n")
    assert Store(paths).query().entries == []
    assert Store(paths).query(kinds=["note"]).entries == []


def test_a_read_for_notes_builds_only_the_notes(store, paths, monkeypatch):
    import doingthework.core.store as store_module

    for day in range(1, 29):
        store.add(CheckIn(mood=5, note="a note about the day", at=at(day)))
        store.add(Trigger(what="note this", at=at(day)))
    store.add(Note(text="bring this up", at=at(12)))
    built = []
    original = store_module._record_entry
    monkeypatch.setattr(store_module, "_record_entry", lambda record: built.append(record["kind"]) or original(record))
    notes = Store(paths).query(kinds=["note"]).entries
    assert [n.text for n in notes] == ["bring this up"]
    assert built == ["note"]


def test_an_entry_never_changes_kind(store):
    note = store.add(Note(text="x", at=at(1)))
    with pytest.raises(BadInput, match="is a note"):
        store.update(Trigger(id=note.id, what="x", at=at(1)))
    assert store.get(note.id) == note


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.sampled_from(
            [
                b'{"kind": "note", "x": 1}',
                b'{"kind": "checkin"}',
                b"",
                b"  ",
                b'"deleted" "kind": "note"',
                b'{"kind":\t"session"}',
                b"\\u0041",
                b"\xff\xfe",
                b'torn {"kind": "no',
            ]
        )
        | st.binary(max_size=30),
        max_size=12,
    ),
    torn=st.booleans(),
)
def test_the_lines_picked_for_some_kinds_are_exactly_those_that_match(lines, torn):
    from doingthework.core.store import _numbered_lines, kinds_filter

    lines = [line.replace(b"\n", b" ") for line in lines]
    data = b"\n".join(lines) + (b"" if torn or not lines else b"\n")
    only = kinds_filter(frozenset({"note", "session"}))
    every = list(_numbered_lines(data, None))
    last = len(every) if torn and data and not data.endswith(b"\n") else None
    assert list(_numbered_lines(data, only)) == [
        (n, line) for n, line in every if any(p.search(line) for p in only) or n == last
    ]


def test_a_line_with_a_lone_surrogate_is_damage_and_the_rest_reads(store, paths):
    store.add(Note(text="fine", at=at(2)))
    (path,) = paths.entries_dir.iterdir()
    line = '{"v": 1, "id": "sur1", "kind": "note", "at": "2026-11-03T09:00:00-05:00", "private": false, "text": "a \\ud800 b", "saved_at": "2026-11-03T14:00:00+00:00", "device": "hand"}'
    path.write_text(path.read_text() + line + "\n")
    result = Store(paths).query()
    assert [e.text for e in result.entries] == ["fine"]
    assert len(result.damage) == 1 and result.damage[0].line == 2 and "isn't text" in result.damage[0].reason


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=40), cut=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_a_last_line_cut_anywhere_is_a_cut_off_write(tmp_path_factory, text, cut):
    """A kill can stop a write at any byte, inside a character too: whatever is left of the last line
    reads as a write that was cut off (an earlier line that is not UTF-8 is another thing)."""
    from doingthework.core.store import parse_lines

    line = json.dumps({"kind": "note", "text": text}, ensure_ascii=False).encode()
    fragment = line[: int(len(line) * cut)] or line[:1]
    path = tmp_path_factory.mktemp("cut") / "2026-11.x.jsonl"
    (damage,) = parse_lines(path, fragment).damage
    assert damage.line == 1 and "cut off" in damage.reason
    first = next(d for d in parse_lines(path, fragment + b"\n" + line).damage if d.line == 1)
    assert "cut off" not in first.reason
