"""`dtw import FILE`: bring back a `dtw export --format json` file, or with `--from jrnl|daylio`
another tool's history; it only ever adds what is new."""

from __future__ import annotations

from typing import Annotated

import typer

from doingthework.cli.options import Value

SHOWN_FIRST = 5
KIND_WORDS = {"checkin": ("check-in", "check-ins"), "journal": ("journal entry", "journal entries")}


def import_(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A file written by `dtw export --format json`, or by jrnl or Daylio with --from."
        ),
    ],
    source: Annotated[
        str | None,
        Value("--from", "SOURCE", "Another tool's history: jrnl (JSON export or journal file) or daylio (CSV)."),
    ] = None,
    mood_map: Annotated[
        str | None, Value("--mood-map", "NAME=N,...", "Daylio: what each mood means, e.g. rad=10,good=8 (1-10).")
    ] = None,
    jrnl_config: Annotated[
        str | None, Value("--jrnl-config", "FILE", "jrnl: its config file, for the journal's own timeformat.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be imported, and write nothing.")] = False,
) -> None:
    """Bring back entries from a JSON export, or bring your history from jrnl or Daylio. Only what
    is new is added: an entry changed or deleted here since stays as it is here, and importing
    the same file twice changes nothing."""
    from pathlib import Path

    from doingthework.core.checkin import checkin_form
    from doingthework.core.errors import BadInput
    from doingthework.core.importing import plan_import, read_export

    state = ctx.obj
    limits = checkin_form(state.loaded.plan)
    if source is None:
        if mood_map or jrnl_config:
            raise BadInput("--mood-map and --jrnl-config go with --from", hint="e.g. dtw import --from daylio FILE.csv")
        from doingthework.core.measures import known

        exported = read_export(Path(file), limits, measures=known(state.loaded.plan))
    else:
        from doingthework.core.sources import read_source

        exported = read_source(
            source.strip().casefold(),
            Path(file),
            limits=limits,
            jrnl_config=Path(jrnl_config) if jrnl_config else None,
            mood_map=mood_map,
        )
    store = state.store
    plan = plan_import(exported, store.newest_here() if exported.entries else {})
    said = plan.summary()
    if source is not None:
        from doingthework.core.sources import summary

        said = summary(plan)
    if dry_run:
        typer.echo(f"Would import: {said}. Nothing was written (--dry-run).")
        if source is not None:
            _show_first(plan.new)
        return
    if plan.to_write:
        store.add_many(plan.to_write, old_at={entry.id: at for entry, at in plan.updated})
    typer.echo(f"Imported: {said}.")


def _show_first(new: list) -> None:
    """How many of each kind would come, and the first few, as `dtw log` lists them."""
    from collections import Counter

    from doingthework.cli.log import print_table

    if not new:
        return
    counts = Counter(entry.kind for entry in new)
    typer.echo(
        "New: "
        + ", ".join(f"{n} {KIND_WORDS.get(k, (k, k))[n != 1]}" for k, n in counts.items())
        + (f". The first {SHOWN_FIRST}:" if len(new) > SHOWN_FIRST else ":")
    )
    print_table(sorted(new, key=lambda e: (e.at, e.id))[:SHOWN_FIRST])
