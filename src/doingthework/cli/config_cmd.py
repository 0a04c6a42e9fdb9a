"""`dtw config path|show|check|edit`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

app = typer.Typer(help="Where your settings live, what they say, and whether they are fine.", no_args_is_help=True)


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print where dtw keeps things."""
    from doingthework.cli.output import say

    paths = ctx.obj.paths
    say(f"config: {paths.config_file}")
    say(f"plan:   {paths.plan_file}")
    say(f"data:   {paths.data_dir}")


@app.command("show")
def show(ctx: typer.Context) -> None:
    """Print the settings and plan in effect (defaults filled in)."""
    from dataclasses import asdict

    import tomli_w

    from doingthework.cli.output import say

    loaded = ctx.obj.loaded
    say(f"# config.toml in effect ({ctx.obj.paths.config_file})")
    say(tomli_w.dumps(asdict(loaded.config)))
    say(f"# plan.toml in effect ({ctx.obj.paths.plan_file})")
    say(tomli_w.dumps(_drop_none(asdict(loaded.plan))))


def _drop_none(value: Any) -> Any:
    """`value` without its None leaves (TOML has no null), of the same shape: a dict stays a dict."""
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Check config.toml and plan.toml; exit 2 if either has a mistake."""
    from doingthework.cli.output import notice
    from doingthework.core.presets import load_presets

    loaded = ctx.obj.loaded_strictly()  # raises ConfigError (exit 2) on a mistake
    for warning in loaded.warnings:
        notice(f"dtw: {warning}")
    # the practice presets' numbers too (a NaN, a phase too short, too long in all): a preset
    # that makes no sense is left out when practising, so it is a note here, not a mistake
    problems = load_presets(loaded.plan.practice, str(ctx.obj.paths.plan_file)).problems
    for problem in problems:
        notice(f"dtw: {problem}")
    notes = " (See the notes above.)" if loaded.warnings or problems else ""
    typer.echo("config.toml and plan.toml are fine." + notes)


@app.command("edit")
def edit(
    ctx: typer.Context,
    which: Annotated[str, typer.Argument(metavar="[plan|config]", help="Which file to open.")] = "plan",
) -> None:
    """Open plan.toml (or config.toml) in your editor, then check it."""
    import os
    import shlex
    import shutil
    import subprocess

    from doingthework.core import config
    from doingthework.core.errors import BadInput, ConfigError, DtwError

    if which not in ("plan", "config"):
        raise BadInput(f"there is no '{which}' to edit; choose plan or config")
    paths = ctx.obj.paths
    config.ensure_files(paths.config_dir)
    target = paths.plan_file if which == "plan" else paths.config_file
    editor = (
        os.environ.get("VISUAL")
        or os.environ.get("EDITOR")
        or next((e for e in ("nano", "vim", "vi") if shutil.which(e)), None)
    )
    if not editor:
        raise DtwError(f"no editor found; set $EDITOR, or open {target} yourself")
    subprocess.run([*shlex.split(editor), str(target)], check=False)
    try:
        loaded = config.load(paths.config_dir, create=False)
    except ConfigError as exc:
        raise ConfigError(exc.message, hint="your edit was saved as it is; `dtw config edit` to fix it") from None
    from doingthework.cli.output import notice, say

    for warning in loaded.warnings:
        notice(f"dtw: {warning}")
    say(f"Saved. {target.name} is fine.")
