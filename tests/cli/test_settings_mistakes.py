"""A typo in config.toml or plan.toml never locks anyone out: every command runs on the last
good copy (or the defaults) and says once which file, line and column to fix; only
`dtw config check` and `dtw doctor` refuse (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FULL_PLAN = (Path(__file__).parent.parent / "fixtures" / "full_safety_plan.toml").read_text()

# every command that needs no screen, as a person would run it
COMMANDS = [
    ("checkin", "--mood", "4"),
    ("trigger", "add", "--what", "the meeting", "--intensity", "5"),
    ("boundary", "add", "--boundary", "no calls after 9", "--outcome", "held"),
    ("note", "ask about sleep"),
    ("session", "add"),
    ("session", "list"),
    ("log",),
    ("stats",),
    ("export", "--output", "-"),
    ("practice", "list"),
    ("help-now",),
    ("config", "path"),
    ("config", "show"),
]
USE_SETTINGS = {"checkin", "trigger", "boundary", "export", "practice", "config"}
MISTAKES = {
    "plan syntax": ("plan.toml", 'focus_areas = ["sleep"\n', "line 2"),
    "plan type": ("plan.toml", 'skills = "breathing"\n', "'skills' should be a list"),
    "config syntax": ("config.toml", "theme = \n", "line 1"),
    "config choice": ("config.toml", 'week_start = "tuesday"\n', "'week_start' should be one of"),
}


def break_file(paths, which: str, text: str) -> Path:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    target = paths.config_dir / which
    target.write_text(text)
    return target


@pytest.mark.parametrize("mistake", list(MISTAKES))
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_command_runs_on_with_a_settings_mistake(dtw, paths, args, mistake):
    which, text, named = MISTAKES[mistake]
    break_file(paths, which, text)
    result = dtw(*args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stderr.count(named) <= 1  # said once at most
    if args[0] in USE_SETTINGS and args != (
        "config",
        "path",
    ):  # commands that never read the settings needn't mention them
        assert named in result.stderr and which in result.stderr


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_config_check_and_doctor_still_refuse(dtw, paths, mistake):
    which, text, named = MISTAKES[mistake]
    break_file(paths, which, text)
    for args in (("config", "check"), ("doctor",)):
        result = dtw(*args)
        assert result.exit_code == 2, (args, result.output)
        assert named in result.output


def test_a_checkin_is_saved_with_a_warning_on_a_broken_plan(dtw, paths, store):
    break_file(paths, "plan.toml", "[checkin\n")
    result = dtw("checkin", "--mood", "4", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["mood"] == 4  # stdout is still only the JSON
    assert "plan.toml, line 1, column" in result.stderr and "the defaults" in result.stderr
    assert [e.mood for e in store.query().entries] == [4]


def test_the_last_good_plan_stands_in_for_a_broken_one(dtw, paths):
    good = 'trigger_tags = ["work", "family"]\n' + FULL_PLAN
    break_file(paths, "plan.toml", good)
    assert dtw("practice", "list").exit_code == 0  # any command that reads the plan keeps a copy
    copy = paths.last_good_dir / "plan.toml"
    assert copy.read_text() == paths.plan_file.read_text()
    assert copy.stat().st_mode & 0o777 == 0o600 and copy.parent.stat().st_mode & 0o777 == 0o700

    break_file(paths, "plan.toml", FULL_PLAN + "trigger_tags = [\n")
    result = dtw("config", "show")
    assert result.exit_code == 0 and '"family"' in result.stdout  # the plan in effect is the last good one
    assert "last version that read cleanly" in result.stderr
    assert copy.read_text() == good  # a broken file never replaces the good copy


def test_help_now_shows_the_last_good_safety_plan(dtw, paths):
    break_file(paths, "plan.toml", FULL_PLAN)
    dtw("export", "--output", "-")
    break_file(paths, "plan.toml", FULL_PLAN.replace("[safety]", "[safety"))
    out = dtw("help-now").stdout
    assert "Sam (sister) 555-0100" in out and "Local crisis team 555-0111" in out
    assert "from the last time it read cleanly" in out


def test_help_now_falls_back_to_the_general_lines_with_no_good_copy(dtw, paths):
    break_file(paths, "plan.toml", FULL_PLAN.replace("[safety]", "[safety"))
    out = dtw("help-now").stdout
    assert "988" in out and "can't be read just now" in out


def test_a_fixed_file_is_used_again_and_nothing_more_is_said(dtw, paths):
    break_file(paths, "plan.toml", "[checkin\n")
    assert "plan.toml" in dtw("practice", "list").stderr
    break_file(paths, "plan.toml", 'skills = ["TIPP"]\n')
    result = dtw("practice", "list")
    assert result.stderr == ""
    assert (paths.last_good_dir / "plan.toml").read_text() == 'skills = ["TIPP"]\n'


def test_a_safety_section_in_the_wrong_shape_comes_from_the_last_good_copy(dtw, paths):
    break_file(paths, "plan.toml", FULL_PLAN)
    dtw("practice", "list")
    broken = FULL_PLAN.replace('people = ["Sam (sister) 555-0100", "Alex (friend) 555-0101"]', "people = 5")
    break_file(paths, "plan.toml", broken)
    out = dtw("help-now").stdout
    assert "Sam (sister) 555-0100" in out and "Part of your safety plan" in out
    assert dtw("config", "check").exit_code == 2


def test_one_line_without_brackets_is_still_the_persons_plan(dtw, paths):
    break_file(paths, "plan.toml", '[safety]\npeople = "Sam 555-0100"\n')
    assert "Sam 555-0100" in dtw("help-now").stdout


def test_an_emptied_plan_never_replaces_the_last_good_copy(dtw, paths):
    break_file(paths, "plan.toml", FULL_PLAN)
    dtw("practice", "list")
    break_file(paths, "plan.toml", "")  # a crashed editor, a sync gone wrong
    assert dtw("practice", "list").exit_code == 0
    assert (paths.last_good_dir / "plan.toml").read_text() == FULL_PLAN


def test_config_check_names_both_files_mistakes_at_once(dtw, paths):
    break_file(paths, "plan.toml", "[checkin\n")
    break_file(paths, "config.toml", "theme = \n")
    result = dtw("config", "check")
    assert result.exit_code == 2
    assert "plan.toml, line 1" in result.stderr and "config.toml, line 1" in result.stderr


def test_the_state_folder_is_private_too(dtw, paths):
    dtw("practice", "list")
    assert paths.state_dir.stat().st_mode & 0o777 == 0o700
