from __future__ import annotations

import stat
import tomllib

import pytest

from doingthework.core import config
from doingthework.core.errors import ConfigError
from doingthework.core.templates import CONFIG_TEMPLATE, PLAN_TEMPLATE


def test_first_run_creates_both_files_from_commented_templates(paths):
    loaded = config.load(paths.config_dir)
    assert paths.config_file.read_text() == CONFIG_TEMPLATE
    assert paths.plan_file.read_text() == PLAN_TEMPLATE
    assert "#" in PLAN_TEMPLATE and "[safety]" in PLAN_TEMPLATE
    assert stat.S_IMODE(paths.plan_file.stat().st_mode) == 0o600
    assert loaded.config == config.Config() and loaded.plan == config.Plan() and loaded.warnings == []


def test_existing_files_are_never_rewritten(paths):
    paths.config_dir.mkdir(parents=True)
    mine = '# my own words\ntheme = "nord"   # I like it\n'
    paths.config_file.write_text(mine)
    loaded = config.load(paths.config_dir)
    assert loaded.config.theme == "nord"
    assert paths.config_file.read_text() == mine


def write(paths, name, text):
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    (paths.config_dir / name).write_text(text)


def test_syntax_error_names_path_line_and_column(paths):
    write(paths, "plan.toml", 'focus_areas = ["a"]\n\n[checkin\nhide = []\n')
    with pytest.raises(ConfigError) as caught:
        config.load(paths.config_dir)
    message = caught.value.message
    assert str(paths.plan_file) in message and "line 3" in message and "column" in message
    assert caught.value.exit_code == 2


def test_error_at_end_of_file_still_names_a_line(paths):
    write(paths, "config.toml", 'theme = "nord"\nbells = ')
    with pytest.raises(ConfigError, match=r"line \d+"):
        config.load(paths.config_dir)


@pytest.mark.parametrize(
    "name, text, key, expected",
    [
        ("config.toml", "bells = 'yes'", "bells", "true or false"),
        ("config.toml", "export_format = 'pdf'", "export_format", '"md", "json", "html", "csv"'),
        ("plan.toml", "focus_areas = 'one'", "focus_areas", "a list"),
        ("plan.toml", "trigger_tags = [1, 2]", "trigger_tags[0]", "text"),
        ("plan.toml", "[[checkin.scales]]\nname = 'focus'\nmax = 'five'", "checkin.scales[0].max", "a whole number"),
        ("plan.toml", "checkin = 3", "checkin", "a table"),
        ("plan.toml", "[safety]\npeople = 'mum'", "safety.people", "a list"),
    ],
)
def test_wrong_type_names_the_key_and_the_expected_type(paths, name, text, key, expected):
    write(paths, name, text)
    with pytest.raises(ConfigError) as caught:
        config.load(paths.config_dir)
    assert f"'{key}'" in caught.value.message and expected in caught.value.message


def test_unknown_keys_are_warnings_with_a_suggestion(paths):
    write(paths, "config.toml", "bell = false\n")
    write(paths, "plan.toml", "[checkin]\nscale = []\n")
    loaded = config.load(paths.config_dir)
    assert any("'bell'" in w and "'bells'" in w for w in loaded.warnings)
    assert any("'checkin.scale'" in w and "'checkin.scales'" in w for w in loaded.warnings)


def test_scales_need_a_sensible_range(paths):
    write(paths, "plan.toml", "[[checkin.scales]]\nname = 'x'\nmin = 5\nmax = 5\n")
    with pytest.raises(ConfigError, match="min smaller than max"):
        config.load(paths.config_dir)


def test_a_full_plan_reads_into_typed_values(paths):
    write(
        paths,
        "plan.toml",
        """
focus_areas = ["speaking up"]
trigger_tags = ["work"]
boundaries = ["no calls after 9"]
skills = ["paced breathing"]
homework = ["notice one thought a day"]
[checkin]
hide = ["sleep"]
kinds = ["morning", "evening"]
[[checkin.scales]]
name = "urge_self_harm"
min = 0
max = 5
risk_at_or_above = 3
[[checkin.questions]]
name = "gratitude"
prompt = "One thing I'm grateful for"
[safety]
people = ["Sam 555-0100"]
""",
    )
    plan = config.load(paths.config_dir).plan
    assert plan.checkin.hide == ["sleep"]
    (scale,) = plan.checkin.scales
    assert scale.is_risk(3) and not scale.is_risk(2) and not scale.is_risk(None)
    assert plan.checkin.questions[0].prompt.startswith("One thing")
    assert plan.safety.people == ["Sam 555-0100"]


def test_templates_parse_to_the_defaults():
    assert config.parse_config(tomllib.loads(CONFIG_TEMPLATE)) == (config.Config(), [])
    assert config.parse_plan(tomllib.loads(PLAN_TEMPLATE)) == (config.Plan(), [])


def test_loose_config_modes_are_tightened(paths):
    config.load(paths.config_dir)
    paths.plan_file.chmod(0o644)
    assert config.loose_modes(paths.config_dir) == [paths.plan_file]
    assert stat.S_IMODE(paths.plan_file.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[checkin.scales]]\nname = 'urge to drink'\n", "lower-case letters"),
        ("[[checkin.scales]]\nname = 'a'\n[[checkin.scales]]\nname = 'a'\n", "used twice"),
        (
            "[[checkin.questions]]\nname = 'q'\nprompt = 'x'\n[[checkin.questions]]\nname = 'q'\nprompt = 'y'\n",
            "used twice",
        ),
        ("[[checkin.questions]]\nname = 'q'\n", "needs a prompt"),
        ("[[checkin.scales]]\nname = 'distress'\nmin = 0\nmax = 100\n", "at most 11 points"),
    ],
)
def test_names_and_ranges_the_app_can_show(paths, text, message):
    write(paths, "plan.toml", text)
    with pytest.raises(ConfigError, match=message):
        config.load(paths.config_dir)


def test_adding_a_standing_boundary_keeps_comments_and_layout(paths):
    config.load(paths.config_dir)  # the commented template
    before = paths.plan_file.read_text()
    assert config.add_standing_boundary(paths.plan_file, "I leave  when shouting starts")
    after = paths.plan_file.read_text()
    for line in before.splitlines():
        assert line in after  # every comment and line kept
    assert config.load(paths.config_dir).plan.boundaries == ["I leave when shouting starts"]
    assert not config.add_standing_boundary(paths.plan_file, "i leave when shouting starts")  # no duplicate
    assert stat.S_IMODE(paths.plan_file.stat().st_mode) == 0o600


def test_adding_a_boundary_to_a_plan_without_the_key(paths):
    write(paths, "plan.toml", "# mine\nskills = ['x']\n")
    config.add_standing_boundary(paths.plan_file, "no calls after 9")
    assert paths.plan_file.read_text().startswith("# mine\nskills = ['x']\n")
    assert config.load(paths.config_dir).plan.boundaries == ["no calls after 9"]


# ---- practice presets: a bad one is a warning and is left out; the rest of the plan loads ---------
SLOW = "[[practice]]\nid = 'slow'\nphases = [ { name = 'in', seconds = 5 }, { name = 'out', seconds = 7 } ]\n"


def test_practice_written_as_one_table_is_a_warning_not_an_error(paths):
    write(
        paths,
        "plan.toml",
        "focus_areas = ['sleep']\n[practice]\nid = 'slow'\nphases = [ { name = 'in', seconds = 5 } ]\n",
    )
    loaded = config.load(paths.config_dir)
    assert loaded.plan.focus_areas == ["sleep"] and loaded.plan.practice == []
    (warning,) = loaded.warnings
    assert "'practice'" in warning and "[[practice]]" in warning and "built-in presets still work" in warning


def test_a_preset_of_the_wrong_type_is_named_by_its_id_and_only_it_is_left_out(paths):
    write(paths, "plan.toml", SLOW + "[[practice]]\nid = 'calm'\nphases = [ { name = 'in', seconds = 'five' } ]\n")
    loaded = config.load(paths.config_dir)
    assert [p["id"] for p in loaded.plan.practice] == ["slow"]
    (warning,) = loaded.warnings
    assert "practice preset 'calm'" in warning and "'phases[0].seconds' should be a number" in warning
    assert "practice[1]" not in warning and "left out" in warning


@pytest.mark.parametrize(
    "text, named",
    [
        ("[[practice]]\nname = 'no id'\nrounds = 'three'\n", "number 2"),
        ("practice = [ { id = 'slow', phases = [] }, 3 ]\n", "number 2"),
        ("[[practice]]\nid = 7\nphases = []\n", "number 2"),
    ],
)
def test_a_bad_preset_without_an_id_is_named_by_its_position(paths, text, named):
    first = "[[practice]]\nid = 'slow'\nphases = [ { name = 'in', seconds = 5 } ]\n" if text.startswith("[[") else ""
    write(paths, "plan.toml", first + text)
    loaded = config.load(paths.config_dir)
    assert [p["id"] for p in loaded.plan.practice] == ["slow"]
    (warning,) = loaded.warnings
    assert named in warning and "left out" in warning


def test_a_good_preset_with_an_unknown_key_is_kept_with_a_warning(paths):
    write(paths, "plan.toml", SLOW + "colour = 'blue'\n")
    loaded = config.load(paths.config_dir)
    assert [p["id"] for p in loaded.plan.practice] == ["slow"]
    assert any("'practice[0].colour'" in w for w in loaded.warnings)


def test_other_keys_of_the_wrong_type_still_stop_with_an_error(paths):
    write(paths, "plan.toml", SLOW + "[checkin]\nhide = 'mood'\n")
    with pytest.raises(ConfigError, match=r"'checkin\.hide' should be a list"):
        config.load(paths.config_dir)


def test_export_format_takes_every_format_dtw_export_has():
    from doingthework.core.config import CONFIG_SCHEMA
    from doingthework.export import FORMATS

    assert CONFIG_SCHEMA["export_format"].options == FORMATS
