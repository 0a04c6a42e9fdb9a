"""`dtw doctor [--repair]`: check every file; set damaged parts aside, never delete."""

from __future__ import annotations

from typing import Annotated

import typer

SYMBOLS = {"ok": "ok     ", "fixed": "fixed  ", "warning": "note   ", "problem": "problem"}


def doctor(
    ctx: typer.Context,
    repair: Annotated[
        bool, typer.Option("--repair", help="Move damaged lines and sync-conflict copies into quarantine/.")
    ] = False,
    compact: Annotated[
        bool,
        typer.Option(
            "--compact", help="Rewrite this device's files without earlier revisions and deleted entries' words."
        ),
    ] = False,
) -> None:
    """Check your data and settings, and say plainly what (if anything) needs care."""
    from doingthework.cli.output import say
    from doingthework.core.doctor import check

    if compact:
        removed = ctx.obj.store.compact()
        say(f"Compacted: {removed} earlier revision{'' if removed == 1 else 's'} removed from this device's files.")
    report = check(ctx.obj.store, repair=repair)
    for finding in report.findings:
        say(f"{SYMBOLS[finding.level]}  {finding.message}")  # names files: shown safely
    if report.problems:
        if report.settings_mistake and len(report.problems) == 1:
            typer.echo(
                "\nNothing has been changed. Fix the line named above (`dtw config edit`); until then dtw runs on the last good copy."
            )
        else:
            typer.echo(
                "\nNothing has been changed or deleted. `dtw doctor --repair` sets damaged lines aside in quarantine/."
            )
        raise typer.Exit(2 if report.settings_mistake else 1)
    typer.echo(
        "\nAll is well."
        if not repair
        else "\nDone. Everything readable is in place; set-aside lines are in quarantine/."
    )
