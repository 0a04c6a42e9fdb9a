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
