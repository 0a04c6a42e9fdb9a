"""`dtw import FILE`: bring back a `dtw export --format json` file, without duplicates."""

from __future__ import annotations

from typing import Annotated

import typer


def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A file written by `dtw export --format json`.")],
) -> None:
    """Bring back entries from a JSON export. Entries keep their ids; importing twice changes nothing."""
    from pathlib import Path

    from doingthework.core.importing import new_revisions, read_export

    entries = read_export(Path(file))
    store = ctx.obj.store
    existing = {e.id: e for e in store.query().entries} if entries else {}
    new = new_revisions(entries, existing)
    if new:
        store.add_many(new)
    same = len(entries) - len(new)
    typer.echo(f"Imported {len(new)} entr{'y' if len(new) == 1 else 'ies'}" + (f"; {same} already here, unchanged." if same else "."))
