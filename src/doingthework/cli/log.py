"""`dtw log`: what you wrote, oldest first."""

from __future__ import annotations

import sys
from typing import Annotated, TextIO

import typer

from doingthework.cli.complete import entry_kinds, every_tag
from doingthework.cli.options import JsonOption, SinceOption, UntilOption, Value
from doingthework.cli.output import print_json, report_damage

DEFAULT_SINCE = "30d"
WHEN_WIDTH = len("Mon 23 Nov 2026 08:02")
ID_WIDTH = 8
MIN_ENTRY_WIDTH = 12
GAP = 2  # between columns


def log(
    ctx: typer.Context,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: Annotated[
        list[str] | None,
        Value(
            "--kind",
            "K",
            "checkin, trigger, boundary, practice, note, session, measure or journal; repeat for more.",
            complete=entry_kinds,
        ),
    ] = None,
    tag: Annotated[str | None, Value("--tag", "T", "Only entries with this tag.", complete=every_tag)] = None,
    search: Annotated[str | None, Value("--search", "TEXT", "Only entries whose text contains this.")] = None,
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


def print_table(entries: list, stream: TextIO | None = None, width: int | None = None) -> None:
    """A readable table: when, kind, the entry (wrapped to the terminal) and the start of its id.

    Rich's own Table lays it out (wide characters and emoji line up; styled only on a terminal
    that isn't TERM=dumb; a plain rule where the encoding can't draw one). The person's text is
    never read as markup, and control characters show as "�" (core/sanitize.py) so nothing they
    once pasted can move the cursor or clear the screen. When the terminal is too narrow for every
    column, the id column goes first."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from doingthework.core.sanitize import clean_text

    ascii_rule = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)  # SIMPLE_HEAD in ASCII
    console = Console(file=stream or sys.stdout, width=width, highlight=False, markup=False, emoji=False)
    rows = [
        (
            f"{entry.at.astimezone():%a %d %b %Y %H:%M}",
            clean_text(entry.kind),
            Text(clean_text(entry.summary().replace("\t", "    ")))
            + (Text("  (private)", style="italic dim") if entry.private else Text("")),
            entry.id[:8],
        )
        for entry in entries
    ]
    kind_width = max([4] + [len(row[1]) for row in rows])
    with_id = console.width >= WHEN_WIDTH + kind_width + ID_WIDTH + MIN_ENTRY_WIDTH + 3 * GAP
    can_draw_lines = console.encoding.lower().startswith("utf")
    table = Table(
        box=box.SIMPLE_HEAD if can_draw_lines else ascii_rule,
        show_edge=False,
        pad_edge=False,
        padding=(0, GAP - 1, 0, 0),
        expand=False,
    )
    table.add_column("when", style="dim", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("entry", overflow="fold", min_width=MIN_ENTRY_WIDTH)
    if with_id:
        table.add_column("id", style="dim", no_wrap=True)
    for row in rows:
        table.add_row(*(row if with_id else row[:3]))
    console.print(table)
