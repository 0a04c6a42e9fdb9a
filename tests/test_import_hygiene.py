"""The core never imports a UI, and commands that need no screen never import Textual."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import doingthework

UI_PACKAGES = ("textual", "typer", "rich", "click")
PACKAGE_DIR = Path(doingthework.__file__).parent


def modules_under(subpackage: str) -> list[str]:
    folder = PACKAGE_DIR / subpackage
    return [f"doingthework.{subpackage}"] + [
        f"doingthework.{subpackage}.{m.name}" for m in pkgutil.iter_modules([str(folder)])
    ]


def loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)), file=sys.__stderr__)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", modules_under("core") + modules_under("export"))
def test_core_and_export_never_import_a_ui(module):
    loaded = loaded_after(f"import {module}")
    assert not {m.split(".")[0] for m in loaded} & set(UI_PACKAGES), module
    assert not any(m.startswith(("doingthework.cli", "doingthework.tui")) for m in loaded)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["note", "a note from the import test"],
        ["checkin", "--mood", "5", "--feeling", "calm"],
        ["log", "--since", "7d"],
        ["log", "--json"],
        ["trigger", "add", "--what", "x", "--intensity", "3"],
        ["boundary", "add", "--boundary", "x", "--outcome", "held"],
        ["help-now"],
        ["session", "list"],
        ["export", "--output", "-"],
        ["doctor"],
        ["config", "path"],
        ["config", "check"],
        ["practice", "list"],
        ["practice", "sit", "--plain", "--minutes", "0.01", "--no-bell"],
        ["stats", "--since", "30d"],
        ["stats", "--json"],
    ],
)
def test_commands_without_a_screen_never_import_textual(args, tmp_path):
    env = {
        **os.environ,
        "DTW_DATA_DIR": str(tmp_path / "d"),
        "DTW_CONFIG_DIR": str(tmp_path / "c"),
        "DTW_STATE_DIR": str(tmp_path / "s"),
    }
    code = f"import sys\nsys.argv = ['dtw', *{args!r}]\nfrom doingthework.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = loaded_after(code, env)
    assert "doingthework.cli" in loaded
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded), args
    assert not any(m.startswith("doingthework.tui") for m in loaded), args


@pytest.mark.parametrize(
    "args, never",
    [
        # the export reads preset names (core.presets), not the timer; only the format asked for
        (
            ["export", "--output", "-"],
            ["doingthework.core.practice", "doingthework.export.html", "doingthework.export.json_export", "rich"],
        ),
        (["export", "--format", "json", "--output", "-"], ["doingthework.export.markdown", "doingthework.export.html"]),
        # a note reads plan.toml (its [safety.notice] words), but nothing of the report or insights
        (["note", "a note"], ["doingthework.core.report", "doingthework.core.insights", "rich"]),
        (["stats", "--json"], ["doingthework.core.report", "doingthework.export", "rich"]),
        # a listing reads entries, not settings or the plan (its table is Rich's: docs/performance.md)
        (["log", "--since", "7d"], ["doingthework.core.config", "doingthework.core.report"]),
    ],
)
def test_a_command_imports_only_what_it_uses(args, never, tmp_path):
    """Start-up is most of what a command costs (docs/performance.md): this keeps it that way."""
    from doingthework.core.models import Note
    from doingthework.core.paths import resolve_paths
    from doingthework.core.store import Store

    env = {
        **os.environ,
        "DTW_DATA_DIR": str(tmp_path / "d"),
        "DTW_CONFIG_DIR": str(tmp_path / "c"),
        "DTW_STATE_DIR": str(tmp_path / "s"),
    }
    Store(resolve_paths(env=env)).add(Note(text="something to list and export"))
    code = f"import sys\nsys.argv = ['dtw', *{args!r}]\nfrom doingthework.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = loaded_after(code, env)
    assert "doingthework.cli" in loaded
    assert sorted(m for m in loaded if m in never or m.split(".")[0] in never) == []


def test_completion_costs_a_command_nothing_until_the_shell_asks():
    """Commands name their TAB completions (cli/complete.py) in their options: importing that module
    loads nothing more, and its plan, store and export lookups wait until a completion runs."""
    before = loaded_after("import doingthework.cli, doingthework.cli.options")
    after = loaded_after("import doingthework.cli, doingthework.cli.options, doingthework.cli.complete")
    assert after - before == {"doingthework.cli.complete"}
