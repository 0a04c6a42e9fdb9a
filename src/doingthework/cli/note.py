"""`dtw note TEXT`: an item to bring to the next session."""

from __future__ import annotations

from typing import Annotated

import typer

from doingthework.cli.options import AtOption, JsonOption, PrivateOption
from doingthework.cli.output import save_and_say


def note(
    ctx: typer.Context,
    text: Annotated[
        list[str], typer.Argument(help="What to bring to your next session (quotes optional).", show_default=False)
    ],
    at: AtOption = None,
    private: PrivateOption = False,
    json: JsonOption = False,
) -> None:
    """Add an item to bring to your next session."""
    from doingthework.core.models import Note
    from doingthework.core.periods import parse_at

    entry = Note(text=" ".join(text).strip(), private=private)
    if at:
        entry.at = parse_at(at)
    save_and_say(ctx.obj, entry, json, "Noted. It will be on the agenda for your next session.")
