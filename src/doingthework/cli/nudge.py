"""`dtw nudge`: the Typer face of core/nudge.py, for `--help`, the listing and tests.

A prompt never comes here: `doingthework.__main__` serves `dtw nudge` before the command line
is built (docs/performance.md). Both ways end in `core.nudge.serve`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def nudge(
    ctx: typer.Context,
    check: Annotated[
        bool,
        typer.Option("--check", help="Say why the nudge says what it does, or nothing (exit 1 if something is wrong)."),
    ] = False,
    install: Annotated[
        Shell | None,
        typer.Option(
            "--install", help="Print the lines to add to your shell's rc file (dtw never edits it).", show_default=False
        ),
    ] = None,
) -> None:
    """One kind line (or nothing) for your shell prompt: check in, tomorrow's session, a questionnaire due."""
    from doingthework.core.nudge import serve

    code = serve(ctx.obj.data_dir, ctx.obj.config_dir, check=check, install=install.value if install else None)
    raise typer.Exit(code)
