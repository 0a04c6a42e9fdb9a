"""`dtw session add [DATE]` and `dtw session list`: therapy session dates."""

from __future__ import annotations

from typing import Annotated

import typer

from doingthework.cli.options import JsonOption, Positional, PrivateOption, SinceOption
from doingthework.cli.output import print_json, save_and_say, say

app = typer.Typer(help="Your therapy sessions: add one, list them.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    day: Annotated[
        str | None, Positional("[DATE]", "The day of the session (default today): YYYY-MM-DD, today, yesterday.")
    ] = None,
    private: PrivateOption = False,
    json: JsonOption = False,
) -> None:
    """Record a therapy session (today unless a date is given)."""
    from doingthework.core.models import Session
    from doingthework.core.periods import local_now, parse_at

    at = parse_at(day or "today", allow_future=True)  # the next session can be noted ahead
    entry = Session(date=at.date().isoformat(), private=private)
    entry.at = at
    if at > local_now():
        said = f"Next session on {at:%A %d %B} noted; Home will show it."
    else:
        said = f"Session on {at:%A %d %B} noted. `dtw export` starts from here next time."
    save_and_say(ctx.obj, entry, json, said, care=False)  # a session's date is never a hard moment


@app.command("list")
def list_(
    ctx: typer.Context,
    since: SinceOption = None,
    json: JsonOption = False,
) -> None:
    """Sessions, oldest first (the last year unless --since says otherwise), and the plan's homework."""
    from doingthework.cli.output import report_damage
    from doingthework.core.periods import period
    from doingthework.core.sanitize import clean_line

    result = ctx.obj.store.query(period(since, None, default_since="52w"), kinds=["session"])  # planned ones too
    report_damage(result.damage)
    if json:
        print_json([e.to_dict() for e in result.entries])
        return
    if not result.entries:
        typer.echo("No sessions recorded yet. `dtw session add` notes today's.")
    for entry in result.entries:
        typer.echo(f"  {entry.at.astimezone():%a %d %b %Y}")
    homework = ctx.obj.loaded.plan.homework
    if homework:
        typer.echo("\nHomework from your plan:")
        for item in homework:
            say(f"  - {clean_line(item)}")
