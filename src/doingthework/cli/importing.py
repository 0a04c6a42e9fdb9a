"""`dtw import FILE`: bring back a `dtw export --format json` file; it only ever adds what is new."""

from __future__ import annotations

from typing import Annotated

import typer


def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A file written by `dtw export --format json`.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be imported, and write nothing.")] = False,
) -> None:
    """Bring back entries from a JSON export. Only what is new is added: an entry changed or
    deleted here since the file was made stays as it is here, and importing twice changes nothing."""
    from pathlib import Path

    from doingthework.core.checkin import checkin_form
    from doingthework.core.importing import plan_import, read_export
    from doingthework.core.measures import known

    state = ctx.obj
    exported = read_export(Path(file), checkin_form(state.loaded.plan), measures=known(state.loaded.plan))
    store = state.store
    plan = plan_import(exported, store.newest_here() if exported.entries else {})
    if dry_run:
        typer.echo(f"Would import: {plan.summary()}. Nothing was written (--dry-run).")
        return
    if plan.to_write:
        store.add_many(plan.to_write, old_at={entry.id: at for entry, at in plan.updated})
    typer.echo(f"Imported: {plan.summary()}.")
