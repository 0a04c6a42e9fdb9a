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
