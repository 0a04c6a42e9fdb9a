from __future__ import annotations

import stat

from doingthework import __version__


def test_version(dtw):
    result = dtw("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"dtw {__version__}"


def test_help_lists_the_commands(dtw):
    result = dtw("--help")
    assert result.exit_code == 0
    for command in ("note", "log", "help-now", "doctor", "config"):
        assert command in result.stdout


def test_bare_dtw_opens_the_app_on_home(dtw, monkeypatch):
    opened = []
    monkeypatch.setattr("doingthework.cli.launch.open_app", lambda state, screen: opened.append(screen))
    result = dtw()
    assert result.exit_code == 0 and opened == ["home"]


def test_unknown_command_is_exit_2(dtw):
    assert dtw("fly").exit_code == 2


def test_data_dir_flag_overrides_environment(dtw, tmp_path):
    target = tmp_path / "elsewhere"
    result = dtw("--data-dir", str(target), "note", "hello")
    assert result.exit_code == 0
    assert list((target / "entries").iterdir())
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


def test_config_dir_flag(dtw, tmp_path):
    target = tmp_path / "cfg"
    result = dtw("--config-dir", str(target), "config", "path")
    assert result.exit_code == 0 and str(target / "plan.toml") in result.stdout


def run_main(tmp_path, *args):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DTW_DATA_DIR": str(tmp_path / "d"),
        "DTW_CONFIG_DIR": str(tmp_path / "c"),
        "DTW_STATE_DIR": str(tmp_path / "s"),
    }
    return subprocess.run(
        [sys.executable, "-m", "doingthework", *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_main_builds_only_the_command_asked_for_and_it_works(tmp_path):
    other = tmp_path / "other"
    result = run_main(tmp_path, "--data-dir", str(other), "note", "from main")
    assert result.returncode == 0, result.stderr
    assert list((other / "entries").iterdir())
    assert "note" in run_main(tmp_path, "--help").stdout and "checkin" in run_main(tmp_path, "--help").stdout
    wrong = run_main(tmp_path, "nope")
    assert wrong.returncode == 2 and "No such command" in wrong.stderr
    assert run_main(tmp_path, "trigger", "add", "--what", "x", "--intensity", "11").returncode == 2


def test_command_asked_for():
    from doingthework.cli import command_asked_for

    assert command_asked_for(["note", "hi"]) == ("note", False)
    assert command_asked_for(["--data-dir", "note", "log"]) == ("log", False)  # a value is not a command
    assert command_asked_for(["--help"]) == (None, False)
    assert command_asked_for([]) == (None, True)
    assert command_asked_for(["--version"]) == (None, True)
    assert command_asked_for(["nope"]) == (None, False)


def test_the_scanner_knows_every_global_option_that_takes_a_value():
    """main() picks the command from argv before Typer parses it (docs/performance.md): its list
    of global options with values must be the callback's own, or a value could pass for a command."""
    import typer

    from doingthework.cli import GLOBAL_OPTIONS_WITH_VALUES, build_cli

    group = typer.main.get_command(build_cli(none=True))
    taking_values = {opt for p in group.params if not getattr(p, "is_flag", True) for opt in p.opts}
    assert taking_values == set(GLOBAL_OPTIONS_WITH_VALUES)
