from __future__ import annotations


def test_doctor_on_a_fresh_setup_is_calm(dtw):
    result = dtw("doctor")
    assert result.exit_code == 0 and "All is well" in result.stdout


def test_doctor_reports_a_broken_plan(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text("[checkin\n")
    result = dtw("doctor")
    assert result.exit_code == 1 and "plan.toml, line 1" in result.stdout


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
