"""Opening the full-screen app. Textual is imported here, inside the function, and nowhere else in the CLI."""

from __future__ import annotations

import os
from typing import Any

import typer

from doingthework.cli.context import State


def open_app(state: State, screen: str = "home", start_options: dict[str, Any] | None = None) -> None:
    from doingthework import startup

    _unlock_without_asking(state)
    startup.pause()  # until the app's first frame (doingthework/startup.py)
    try:
        from doingthework.tui.app import build_app

        app = build_app(
            state.store,
            state.loaded,
            start=screen,
            debug_errors=bool(os.environ.get("DTW_DEBUG")),
            start_options=start_options,
        )
        app.run()
    finally:
        startup.done()
    if app.return_code:
        raise SystemExit(app.return_code)


def _unlock_without_asking(state: State) -> None:
    """With encrypted entries: the passphrase from DTW_PASSPHRASE_COMMAND or the keyring, before
    the app starts (a wrong one stops here, exit 1); otherwise the app's unlock screen asks."""
    store = state.store
    if not store.vault.enabled:
        return
    from doingthework.cli import unlock

    folder = str(state.paths.data_dir)
    passphrase = unlock.from_command(unlock.COMMAND_VARIABLE) or unlock.from_keyring(folder)
    if passphrase is not None:
        store.vault.unlock(passphrase)


def screen_group(screen: str, help: str) -> typer.Typer:
    """A group of subcommands that opens `screen` when given none: `dtw trigger` alone opens the
    trigger log, `dtw trigger add ...` runs the subcommand."""
    group = typer.Typer(help=help, invoke_without_command=True)

    @group.callback()
    def open_unless_subcommand(ctx: typer.Context) -> None:
        if ctx.invoked_subcommand is None:
            open_app(ctx.obj, screen=screen)

    return group
