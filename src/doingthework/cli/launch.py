"""Opening the full-screen app. Textual is imported here and only here."""

from __future__ import annotations

import typer

from doingthework.cli.context import State


def open_app(state: State, screen: str = "home") -> None:
    # The full-screen app arrives with the app-shell issue; until then, say what works today.
    typer.echo(
        "doingthework — the full-screen app is on its way.\n"
        "For now:  dtw note TEXT   ·   dtw log   ·   dtw help-now   ·   dtw doctor   ·   dtw --help"
    )
