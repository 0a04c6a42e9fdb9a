"""`dtw log`: what you wrote, oldest first."""

from __future__ import annotations

from typing import Annotated

import typer

from doingthework.cli.options import JsonOption, SinceOption, UntilOption
from doingthework.cli.output import print_json, report_damage

DEFAULT_SINCE = "30d"


def log(
    ctx: typer.Context,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="K",
            help="checkin, trigger, boundary, practice, note or session; repeat for more.",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", metavar="T", help="Only entries with this tag.", show_default=False)
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", metavar="TEXT", help="Only entries whose text contains this.", show_default=False),
    ] = None,
    json: JsonOption = False,
) -> None:
    """List entries, oldest first (the last 30 days unless --since says otherwise)."""
    from doingthework.core.errors import BadInput
    from doingthework.core.models import KINDS
    from doingthework.core.periods import period

    for k in kind or []:
        if k not in KINDS:
            raise BadInput(f"there is no kind of entry called '{k}'", hint=f"kinds: {', '.join(KINDS)}")
    span = period(since, until, default_since=DEFAULT_SINCE)
    result = ctx.obj.store.query(span, kinds=kind, tag=tag, search=search)
    report_damage(result.damage)
    if json:
        print_json([entry.to_dict() for entry in result.entries])
        return
    if not result.entries:
        typer.echo("Nothing here for that period yet." + ("" if since else " (`--since all` looks further back.)"))
        return
    print_table(result.entries)
    if not since:
        count = len(result.entries)
        typer.echo(f"The last 30 days: {count} entr{'y' if count == 1 else 'ies'}. `--since all` shows everything.")


def print_table(entries: list) -> None:
    """A readable table: when, kind, the entry (wrapped to the terminal) and the start of its id."""
    from doingthework.cli.table import Column, print_table

    columns = [
        Column("when", style="dim"),
        Column("kind"),
        Column("entry", wrap=True),
        Column("id", style="dim", optional=True),
    ]
    rows: list[list[str | tuple[str, str]]] = [
        [
            f"{entry.at.astimezone():%a %d %b %Y %H:%M}",
            entry.kind,
            (entry.summary(), "(private)") if entry.private else entry.summary(),
            entry.id[:8],
        ]
        for entry in entries
    ]
    print_table(columns, rows)
