"""Shell completion (issue 19, item 4): the scripts Typer writes for each shell, and what TAB offers,
through the same `_DTW_COMPLETE` protocol the installed script uses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

from doingthework.cli import COMMANDS, app
from doingthework.core import crypto
from doingthework.core.models import CheckIn, Trigger

PLAN = """\
trigger_tags = ["work", "family"]

[[practice]]
id = "my-calm"
name = "My calm"
kind = "breathing"
phases = [{ name = "in", seconds = 4 }, { name = "out", seconds = 6 }]
"""


def offered(words: str, **env: str) -> list[str]:
    """What bash is offered for the line `words` (the cursor at its end), in-process."""
    parts = words.split()
    cword = len(parts) if words.endswith(" ") else len(parts) - 1
    result = CliRunner().invoke(
        app,
        [],
        prog_name="dtw",
        env={"_DTW_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword), **env},
    )
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def run_dtw(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m doingthework` as the shell runs it: main(), with its lazy loading of commands."""
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "doingthework", *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.mark.parametrize(
    "shell, marker",
    [
        ("bash", "complete -o default -F _dtw_completion dtw"),
        ("zsh", "compdef _dtw_completion dtw"),
        ("fish", "complete --command dtw"),
    ],
)
def test_each_shell_gets_a_script_that_its_shell_can_read(shell, marker, tmp_path):
    result = run_dtw({"_DTW_COMPLETE": f"source_{shell}"})
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout and "_DTW_COMPLETE" in result.stdout
    # `--show-completion SHELL` gives the same script (Typer takes a shell name when not detecting it)
    shown = run_dtw({"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}, "--show-completion", shell)
    assert shown.returncode == 0 and shown.stdout.strip() == result.stdout.strip()
    if shutil.which(shell):
        script = tmp_path / f"dtw.{shell}"
        script.write_text(result.stdout, encoding="utf-8")
        checked = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr


def test_install_completion_writes_only_under_home(tmp_path):
    home = tmp_path / "home"
    env = {"HOME": str(home), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = run_dtw(env, "--install-completion", "bash")
    assert result.returncode == 0, result.stderr
    assert "_DTW_COMPLETE=complete_bash" in (home / ".bash_completions" / "dtw.sh").read_text()
    assert "dtw.sh" in (home / ".bashrc").read_text()


def test_help_names_the_completion_options(dtw):
    result = dtw("--help")
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_completing_through_main_sees_every_command():
    """main() builds only the command on the line; while completing, the line is in COMP_WORDS."""
    result = run_dtw({"_DTW_COMPLETE": "complete_bash", "COMP_WORDS": "dtw ", "COMP_CWORD": "1"})
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == set(COMMANDS)
    practice = run_dtw({"_DTW_COMPLETE": "complete_bash", "COMP_WORDS": "dtw practice ", "COMP_CWORD": "2"})
    assert "box" in practice.stdout.split()


def test_zsh_and_fish_get_the_same_values():
    zsh = run_dtw({"_DTW_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "dtw export --format "})
    assert zsh.returncode == 0 and '"csv"' in zsh.stdout
    fish = run_dtw(
        {
            "_DTW_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "dtw log --kind ",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
    )
    assert fish.returncode == 0 and "trigger" in fish.stdout.split()


def test_practice_offers_the_built_in_presets_and_the_plans_own(paths):
    assert {"box", "4-7-8", "grounding", "list"} <= set(offered("dtw practice "))
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "plan.toml").write_text(PLAN, encoding="utf-8")
    assert "my-calm" in offered("dtw practice ")
    assert offered("dtw practice my") == ["my-calm"]


def test_kinds_formats_and_measures():
    assert "trigger" in offered("dtw log --kind ")
    assert {"checkin", "note", "session"} <= set(offered("dtw log --kind "))
    assert set(offered("dtw export --format ")) == {"md", "json", "html", "csv"}
    assert offered("dtw export --format c") == ["csv"]
    assert {"phq9", "gad7"} <= set(offered("dtw measure "))


def test_completing_never_creates_the_settings(paths):
    offered("dtw practice ")
    offered("dtw trigger add --tag ")
    assert not paths.config_dir.exists()


def test_tags_are_the_plans_then_those_used_lately(paths, store):
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "plan.toml").write_text(PLAN, encoding="utf-8")
    store.add(Trigger(what="an email", intensity=5, tags=["inbox"]))
    store.add(Trigger(what="long ago", intensity=5, tags=["old"], at=datetime.now().astimezone() - timedelta(days=400)))
    store.add(CheckIn(mood=6, tags=["walk"]))  # Daylio's activities: found by `log --tag`, not a trigger's
    assert offered("dtw trigger add --tag ") == ["work", "family", "inbox"]
    assert offered("dtw log --tag i") == ["inbox"]
    assert offered("dtw log --tag ") == ["work", "family", "walk", "inbox"]


def test_a_broken_plan_still_completes_the_built_ins(paths):
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "plan.toml").write_text("trigger_tags = [", encoding="utf-8")
    assert "box" in offered("dtw practice ")
    assert offered("dtw trigger add --tag ") == []


def test_an_encrypted_folder_offers_the_plans_tags_and_never_asks(dtw, paths, store, monkeypatch):
    monkeypatch.setattr(
        crypto, "tune_scrypt", lambda target_seconds=0.3: {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
    )
    crypto.forget_cached_keys()
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", f"{sys.executable} -c \"print('correct horse')\"")
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "plan.toml").write_text(PLAN, encoding="utf-8")
    store.add(Trigger(what="an email", intensity=5, tags=["inbox"]))
    assert dtw("encrypt").exit_code == 0
    # even with a passphrase at hand, a TAB press never decrypts
    assert offered("dtw trigger add --tag ") == ["work", "family"]
    monkeypatch.delenv("DTW_PASSPHRASE_COMMAND")
    crypto.forget_cached_keys()
    result = run_dtw(
        {"_DTW_COMPLETE": "complete_bash", "COMP_WORDS": "dtw trigger add --tag ", "COMP_CWORD": "4"},
    )
    assert result.returncode == 0 and result.stdout.split() == ["work", "family"]
    assert result.stderr == ""
