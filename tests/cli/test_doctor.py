from __future__ import annotations


def test_doctor_on_a_fresh_setup_is_calm(dtw):
    result = dtw("doctor")
    assert result.exit_code == 0 and "All is well" in result.stdout


def test_doctor_reports_a_broken_plan(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text("[checkin\n")
    result = dtw("doctor")
    assert result.exit_code == 2 and "plan.toml, line 1" in result.stdout  # a settings mistake is bad input


def test_doctor_names_and_repairs_a_damaged_line(dtw, paths):
    dtw("note", "first")
    dtw("note", "second")
    (path,) = paths.entries_dir.iterdir()
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + b"garbage that is private\n" + lines[1])
    before = path.read_bytes()
    result = dtw("doctor")
    assert result.exit_code == 1 and f"{path}, line 2" in result.stdout
    assert "garbage that is private" not in result.stdout
    assert path.read_bytes() == before  # never overwritten without --repair
    result = dtw("doctor", "--repair")
    assert result.exit_code == 0
    (quarantined,) = paths.quarantine_dir.iterdir()
    assert quarantined.read_bytes() == b"garbage that is private\n"
    assert path.read_bytes() == lines[0] + lines[1]
    assert dtw("doctor").exit_code == 0
    assert len(dtw.json("log")) == 2


def test_doctor_only_touches_its_own_files(dtw, paths):
    dtw("note", "x")
    script = paths.data_dir / "my-script.sh"
    script.write_text("echo hi")
    script.chmod(0o755)
    assert dtw("doctor").exit_code == 0
    assert script.stat().st_mode & 0o777 == 0o755


def test_repair_leaves_lines_from_a_newer_dtw_in_place(dtw, paths):
    import json

    dtw("note", "x")
    (path,) = paths.entries_dir.iterdir()
    newer = json.dumps({"v": 2, "id": "z", "kind": "note", "at": "2026-11-01T10:00:00+00:00"})
    with path.open("a") as handle:
        handle.write(newer + "\n")
    result = dtw("doctor", "--repair")
    assert result.exit_code == 0 and "newer dtw" in result.stdout
    assert newer in path.read_text()
    assert not paths.quarantine_dir.exists()


def test_doctor_settles_an_entry_with_revisions_of_two_kinds(dtw, paths):
    """Only an import by an older dtw could write this; reads of one kind would show the older one."""
    import json
    from datetime import datetime, timedelta

    from doingthework.core.periods import Period
    from doingthework.core.store import Store

    now = datetime.now().astimezone().replace(microsecond=0)
    earlier, later = now - timedelta(days=40), now - timedelta(days=2)  # two months' files
    paths.entries_dir.mkdir(parents=True)
    old = {
        "v": 1,
        "id": "mixed01",
        "kind": "note",
        "at": earlier.isoformat(),
        "private": False,
        "text": "old words",
        "saved_at": "2026-01-01T00:00:00+00:00",
        "device": "olddtw",
    }
    new = {
        "v": 1,
        "id": "mixed01",
        "kind": "trigger",
        "at": later.isoformat(),
        "private": False,
        "what": "new words",
        "saved_at": "2026-02-01T00:00:00+00:00",
        "device": "olddtw",
    }
    (paths.entries_dir / f"{earlier:%Y-%m}.olddtw.jsonl").write_text(json.dumps(old) + "\n")
    (paths.entries_dir / f"{later:%Y-%m}.olddtw.jsonl").write_text(json.dumps(new) + "\n")
    everything = Period(now - timedelta(days=400), now + timedelta(days=1))
    assert [e.kind for e in Store(paths).query(everything, kinds=["note"]).entries] == ["note"]  # the stale one

    result = dtw("doctor")
    assert (
        result.exit_code == 1 and "entry mixed01 has revisions of more than one kind (note, trigger)" in result.stdout
    )
    result = dtw("doctor", "--repair")
    assert result.exit_code == 0 and "it is a trigger everywhere now" in result.stdout
    store = Store(paths)
    assert store.query(everything, kinds=["note"]).entries == []
    assert [e.what for e in store.query(everything, kinds=["trigger"]).entries] == ["new words"]
    assert [e.kind for e in store.query(everything).entries] == ["trigger"]
    again = dtw("doctor")
    assert again.exit_code == 0 and "more than one kind" not in again.stdout
