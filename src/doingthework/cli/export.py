"""`dtw export`: one page of what the period held, to bring to your next session."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from doingthework.cli.complete import export_formats
from doingthework.cli.options import Value
from doingthework.cli.output import notice, report_damage, say


def export(
    ctx: typer.Context,
    since: Annotated[
        str | None, Value("--since", "last-session|DATE|Nd|Nw", "From (default: your last recorded session).")
    ] = None,
    until: Annotated[str | None, Value("--until", "DATE", "Up to and including this day.")] = None,
    fmt: Annotated[
        str | None,
        Value(
            "--format",
            "md|json|html|csv",
            "Markdown (default), lossless JSON, a printable HTML page, or CSV (one row per entry) for a spreadsheet.",
            complete=export_formats,
        ),
    ] = None,
    output: Annotated[
        str | None,
        Value(
            "--output",
            "FILE|-",
            "Where to write it (never over a file already there, unless --force); - for standard output.",
            short="-o",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file --output names (or today's page) if it is already there.")
    ] = False,
    include_private: Annotated[bool, typer.Option("--include-private", help="Include entries marked private.")] = False,
    full: Annotated[bool, typer.Option("--full", help="Add an appendix with every entry of the period.")] = False,
) -> None:
    """Write the session-prep page: safety first, check-ins, triggers, boundaries, practice, agenda."""
    from pathlib import Path

    from doingthework.core.errors import BadInput
    from doingthework.core.output_target import save_new_in, standard_stream, write_to
    from doingthework.core.session_prep import (
        choose_period,
        default_filename,
        gather,
    )
    from doingthework.export import EXPORTERS, export_text

    loaded = ctx.obj.loaded
    fmt = (fmt or loaded.config.export_format).lower()
    if fmt not in EXPORTERS:
        raise BadInput(f"there is no '{fmt}' format", hint=f"formats: {', '.join(EXPORTERS)}")
    store = ctx.obj.store
    chosen = choose_period(store, since, until)
    context, damage = gather(store, loaded.plan, chosen, include_private=include_private, full=full)
    report_damage(damage)
    text = export_text(fmt, context)
    stream = standard_stream(output) if output else None
    if stream is not None:
        (sys.stdout if stream == 1 else sys.stderr).write(text)
        return
    name = default_filename(fmt, context.exported_at)
    if output:
        path = Path(output)
        write_to(path, text.encode("utf-8"), force=force, given=output, example=name)
    else:  # today's page, or -2, -3 … beside it: an earlier page is never replaced
        path = save_new_in(Path.cwd(), name, text.encode("utf-8"), force=force)
    count = len(context.entries)
    notice(
        f"Covering {chosen.explanation}: {count} entr{'y' if count == 1 else 'ies'}"
        + ("" if include_private else " (private ones left out)")
        + "."
    )
    if store.vault.enabled:
        notice("Your entries are encrypted; this export is plain text. Keep it somewhere private (or use --output -).")
    say(str(path))
