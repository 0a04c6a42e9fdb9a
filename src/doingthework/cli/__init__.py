"""The `dtw` command line: thin — parse, call the core, print. The app is imported only when opened."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from doingthework import __version__
from doingthework.cli.context import State
from doingthework.core.errors import DtwError


class DtwGroup(TyperGroup):
    """Turns every DtwError, wherever raised, into one plain message and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DtwError as exc:
            message = f"dtw: {exc.message}"
            if exc.hint:
                message += f"\n     {exc.hint}"
            typer.echo(message, err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    name="dtw",
    cls=DtwGroup,
    help="doingthework: a private companion for doing the work between therapy sessions.",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,  # never print local variables: they can hold what you wrote
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dtw {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option("--data-dir", envvar="DTW_DATA_DIR", help="Where entries live.", show_default=False),
    ] = None,
    config_dir: Annotated[
        str | None,
        typer.Option("--config-dir", envvar="DTW_CONFIG_DIR", help="Where config.toml and plan.toml live.", show_default=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Open the app on Home, or run one of the commands below."""
    ctx.obj = State(data_dir=data_dir, config_dir=config_dir)
    if ctx.invoked_subcommand is None:
        from doingthework.cli.launch import open_app

        open_app(ctx.obj, screen="home")


def _register() -> None:
    from doingthework.cli import (
        boundary,
        checkin,
        config_cmd,
        doctor,
        export,
        help_now,
        importing,
        log,
        note,
        practice,
        session,
        stats,
        trigger,
    )

    app.command("checkin")(checkin.checkin)
    app.command("note")(note.note)
    app.command("log")(log.log)
    app.command("help-now")(help_now.help_now)
    app.command("doctor")(doctor.doctor)
    app.command("export")(export.export)
    app.command("import")(importing.import_)
    app.command("practice")(practice.practice)
    app.command("stats")(stats.stats)
    app.add_typer(trigger.app, name="trigger")
    app.add_typer(boundary.app, name="boundary")
    app.add_typer(session.app, name="session")
    app.add_typer(config_cmd.app, name="config")


_register()


def main() -> None:
    """Entry point: a user mistake gets a message (never a traceback); a bug gets a short, private one."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("\nStopped. Anything already saved is safe.", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 — the last line of defence
        if os.environ.get("DTW_DEBUG"):
            raise
        where = ""
        tb = exc.__traceback__
        while tb and tb.tb_next:
            tb = tb.tb_next
        if tb:
            where = f" in {os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno}"
        typer.echo(
            f"dtw: something went wrong inside dtw ({type(exc).__name__}{where}).\n"
            "     What you saved before is safe. Please report this; DTW_DEBUG=1 shows the details.",
            err=True,
        )
        sys.exit(1)
