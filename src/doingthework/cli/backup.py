"""`dtw backup [FILE]` and `dtw restore FILE`: everything in one file, and back (core/backup.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from doingthework.cli.output import say


def backup(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]",
            help="Where to write it (default: dtw-backup-YYYY-MM-DD.zip here; never over a file already there).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it is already there.")] = False,
) -> None:
    """Write one file holding every entry, your plan and your settings (encrypted entries stay encrypted)."""
    import sys
    from datetime import datetime
    from pathlib import Path

    from doingthework.core.backup import default_filename, make_backup
    from doingthework.core.errors import BadInput
    from doingthework.core.output_target import save_new_in, standard_stream, write_to

    state = ctx.obj
    now = datetime.now().astimezone()
    data, counts = make_backup(state.store, state.paths.config_dir, now)
    stream = standard_stream(file) if file else None
    if stream is not None:
        out = sys.stdout if stream == 1 else sys.stderr
        if out.isatty():
            raise BadInput("a backup is a zip file, not text for the terminal", hint="give a file name instead of -")
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
        return
    name = default_filename(now)
    if file:
        path = Path(file)
        write_to(path, data, force=force, given=file, example=name)
    else:
        path = save_new_in(Path.cwd(), name, data, force=force)
    entries = counts["entries"]
    what = f"{entries} entries file{'s' if entries != 1 else ''}"
    if counts["keys"]:
        what += f" (encrypted, with {counts['keys']} key record{'s' if counts['keys'] != 1 else ''})"
    if counts["config"]:
        what += ", your plan and settings"
    say(f"Backed up {what} to {path} (only you can read it).")
    say("`dtw restore` brings it back, on this machine or another.")


def restore(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A file written by `dtw backup`.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be restored, and write nothing.")] = False,
) -> None:
    """Bring back a backup: as it was into an empty folder, or merged like an import (never undoing newer work)."""
    from pathlib import Path

    from doingthework.cli.unlock import ask_backup
    from doingthework.core.backup import read_backup
    from doingthework.core.backup import restore as put_back
    from doingthework.core.checkin import checkin_form
    from doingthework.core.measures import known

    state = ctx.obj
    backup = read_backup(Path(file))
    plan = state.loaded.plan
    done = put_back(
        state.store,
        state.paths.config_dir,
        backup,
        dry_run=dry_run,
        limits=checkin_form(plan),
        measures=known(plan),  # as `dtw import` checks a questionnaire
        backup_passphrase=ask_backup,
    )
    if dry_run:
        say(f"Would restore: {done.summary()}. Nothing was written (--dry-run).")
    else:
        say(f"Restored: {done.summary()}.")
