from __future__ import annotations

import os
import subprocess
import sys


def test_help_now_shows_default_lines_without_a_plan(dtw):
    result = dtw("help-now")
    assert result.exit_code == 0
    for line in ("988", "116 123", "findahelpline.com", "emergency number"):
        assert line in result.stdout


def test_help_now_shows_the_users_own_plan_in_order(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text(
        '[safety]\nreasons = ["my cat"]\npeople = ["Sam 555-0100"]\nwarning_signs = ["not sleeping"]\n'
        'crisis_lines = ["My local line 0800 000"]\n'
    )
    out = dtw("help-now").stdout
    # the lines to call come first; then the plan, in the Stanley–Brown order
    assert out.index("0800 000") < out.index("not sleeping") < out.index("Sam 555-0100") < out.index("my cat")
    assert "988" not in out  # their own lines replace the general ones
    assert "emergency number" in out


def run_help_now(env):
    return subprocess.run([sys.executable, "-m", "doingthework", "help-now"], env=env, capture_output=True, text=True)


def test_help_now_works_when_everything_else_is_broken(tmp_path):
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "plan.toml").write_text("[safety\npeople = oops")
    (config_dir / "config.toml").write_bytes(b"\xff\xfe not toml")
    data_dir = tmp_path / "data"
    data_dir.write_text("a file where the data folder should be")
    env = {
        **os.environ,
        "DTW_CONFIG_DIR": str(config_dir),
        "DTW_DATA_DIR": str(data_dir),
        "DTW_STATE_DIR": str(tmp_path / "s"),
    }
    result = run_help_now(env)
    assert result.returncode == 0, result.stderr
    assert "988" in result.stdout and "can't be read" in result.stdout


def test_help_now_with_a_plan_in_unreadable_shape(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text('safety = "call mum"\n')
    result = dtw("help-now")
    assert result.exit_code == 0 and "988" in result.stdout
