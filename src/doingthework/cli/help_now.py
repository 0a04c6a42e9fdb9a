"""`dtw help-now`: the safety plan and crisis lines. Must work when nothing else does."""

from __future__ import annotations

import sys

import typer


def help_now(ctx: typer.Context) -> None:
    """Your safety plan and people to call, right now."""
    plan_file = last_good = None
    try:
        plan_file = ctx.obj.paths.plan_file
        last_good = ctx.obj.paths.last_good_dir / "plan.toml"
    except Exception:  # noqa: BLE001, S110 — a broken location must not stand between a person and help
        pass
    from doingthework.core.safety import help_now_text

    sys.stdout.write(help_now_text(plan_file, last_good))
