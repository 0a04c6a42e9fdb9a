"""`dtw delete ID [--erase]`: hide an entry (as History's delete), or erase its words from this device."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from doingthework.cli.options import Flag, JsonOption

if TYPE_CHECKING:
    from doingthework.core.store import Store


def delete(
    ctx: typer.Context,
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The entry's id, as `dtw log --json` shows it (or the start `dtw log` shows)."
        ),
    ],
    erase: Annotated[
        bool, Flag("--erase", "Also remove every earlier revision of it from this device's files.")
    ] = False,
    yes: Annotated[bool, Flag("--yes", "Don't ask before erasing.")] = False,
    json: JsonOption = False,
) -> None:
    """Delete an entry; with --erase, remove its words from this device's files for good."""
    from doingthework.cli.output import print_json, say
    from doingthework.core.errors import BadInput

    store = ctx.obj.store
    full_id = _full_id(store, entry_id)
    if erase and not yes:
        if not sys.stdin.isatty():
            raise BadInput("erasing can't be undone, so without a terminal to ask in it needs --yes")
        found = store.get(full_id)
        what = f"the {found.kind} of {found.at.astimezone():%a %d %b %Y}" if found else "this deleted entry"
        typer.confirm(f"Erase {what} for good? This can't be undone", default=False, abort=True, err=True)
    if not erase:
        entry = store.delete(full_id)
        if json:
            print_json({"id": entry.id, "deleted": True, "erased": False})
            return
        say(
            f"Deleted the {entry.kind} of {entry.at.astimezone():%a %d %b %Y}. Its words stay on this device until erased:"
        )
        say(f"`dtw delete {entry.id} --erase`.")
        return
    removed, elsewhere = store.erase(full_id)
    if json:
        print_json({"id": full_id, "deleted": True, "erased": True, "removed": removed, "elsewhere": elsewhere})
        return
    say(f"Erased: {removed} revision{'' if removed == 1 else 's'} removed from this device's files.")
    if elsewhere:
        say(
            f"{elsewhere} cop{'y' if elsewhere == 1 else 'ies'} in other devices' files stay hidden, and go when "
            "those devices run `dtw doctor --compact`."
        )
    say("Backups and exports made before keep what they held.")


def _full_id(store: Store, given: str) -> str:
    """The id itself, or the one id that starts with what was given (at least 4 characters)."""
    from doingthework.core.errors import BadInput

    given = given.strip()
    if store.get(given) is not None or len(given) >= 16:
        return given
    if len(given) < 4:
        raise BadInput("give at least the first 4 characters of the id", hint="`dtw log` shows them")
    matches = sorted({rev.id for rev in store.newest_here().values() if rev.id.startswith(given)})
    if len(matches) > 1:
        raise BadInput(
            f"more than one entry's id starts with '{given}'", hint="give more of it; `dtw log --json` shows them whole"
        )
    if not matches:
        raise BadInput(f"no entry has an id starting with '{given}'")
    return matches[0]
