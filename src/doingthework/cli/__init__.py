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
            from doingthework.core.sanitize import clean_text

            # a message can name a file or repeat what was typed: shown safely (core/sanitize.py)
            message = f"dtw: {clean_text(exc.message)}"
            if exc.hint:
                message += f"\n     {clean_text(exc.hint)}"
            typer.echo(message, err=True)
            raise typer.Exit(exc.exit_code) from None


# command name -> (module in doingthework.cli, attribute, a group of subcommands?)
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "checkin": ("checkin", "checkin", False),
    "trigger": ("trigger", "app", True),
    "boundary": ("boundary", "app", True),
    "practice": ("practice", "practice", False),
    "note": ("note", "note", False),
    "measure": ("measure", "measure", False),
    "session": ("session", "app", True),
    "export": ("export", "export", False),
    "import": ("importing", "import_", False),
    "backup": ("backup", "backup", False),
    "restore": ("backup", "restore", False),
    "log": ("log", "log", False),
    "stats": ("stats", "stats", False),
    "help-now": ("help_now", "help_now", False),
    "doctor": ("doctor", "doctor", False),
    "config": ("config_cmd", "app", True),
    "delete": ("delete", "delete", False),
    "encrypt": ("encryption", "encrypt", False),
    "decrypt": ("encryption", "decrypt", False),
    "passphrase": ("encryption", "passphrase", False),
    "nudge": ("nudge", "nudge", False),  # a prompt's `dtw nudge` never gets here (core/nudge.py)
}
GLOBAL_OPTIONS_WITH_VALUES = ("--data-dir", "--config-dir")
COMPLETE_VAR = "_DTW_COMPLETE"  # Typer's shell-completion protocol: set by the script --install-completion adds


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dtw {__version__}")
        raise typer.Exit()


def main_callback(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option("--data-dir", envvar="DTW_DATA_DIR", help="Where entries live.", show_default=False),
    ] = None,
    config_dir: Annotated[
        str | None,
        typer.Option(
            "--config-dir", envvar="DTW_CONFIG_DIR", help="Where config.toml and plan.toml live.", show_default=False
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Open the app on Home, or run one of the commands below."""
    ctx.obj = State(data_dir=data_dir, config_dir=config_dir)
    if ctx.invoked_subcommand is not None:
        from doingthework import startup

        startup.done()  # a command's own work runs with the garbage collector on
    if ctx.invoked_subcommand is None:
        from doingthework.cli.launch import open_app

        open_app(ctx.obj, screen="home")


def build_cli(only: str | None = None, none: bool = False) -> typer.Typer:
    """The Typer app with every command, or with just `only` (what `main` runs: each command
    module is imported and turned into a click command only when it is the one asked for)."""
    import importlib

    cli = typer.Typer(
        name="dtw",
        cls=DtwGroup,
        help="doingthework: a private companion for doing the work between therapy sessions.",
        invoke_without_command=True,
        no_args_is_help=False,
        add_completion=True,  # --install-completion, --show-completion (docs/performance.md: costs nothing measurable)
        pretty_exceptions_enable=False,  # never print local variables: they can hold what you wrote
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    cli.callback()(main_callback)
    for name, (module, attribute, is_group) in COMMANDS.items():
        if none or (only is not None and name != only):
            continue
        target = getattr(importlib.import_module(f"doingthework.cli.{module}"), attribute)
        if is_group:
            cli.add_typer(target, name=name)
        else:
            cli.command(name)(target)
    return cli


def command_asked_for(args: list[str]) -> tuple[str | None, bool]:
    """(the command named on the line if it is one of ours, whether no command is named at all)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in GLOBAL_OPTIONS_WITH_VALUES:
            skip = True
            continue
        if arg.startswith("-"):
            if arg in ("-h", "--help"):
                return None, False  # help lists every command
            continue
        return (arg, False) if arg in COMMANDS else (None, False)
    return None, True


def __getattr__(name: str) -> Any:
    # `from doingthework.cli import app` (tests, docs tools) gets the app with every command
    if name == "app":
        return build_cli()
    raise AttributeError(name)


def main() -> None:
    """Entry point: a user mistake gets a message (never a traceback); a bug gets a short, private one."""
    from doingthework.cli import streams

    streams.guard()
    only, bare = command_asked_for(sys.argv[1:])
    if COMPLETE_VAR in os.environ:  # the shell asks what to offer at TAB: every command must be there
        only, bare = None, False
    try:
        try:
            # named, not taken from argv[0]: `python -m doingthework` completes and installs as dtw too
            build_cli(only, none=bare)(prog_name="dtw")
        finally:
            streams.finish()  # the last of stdout, written while a failure can still be told plainly
    except streams.StdoutFailed as exc:  # full, closed, or its reader went away: not a bug of dtw's
        streams.report(exc)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("\nStopped. Anything already saved is safe.", err=True)
        sys.exit(1)
    except Exception as exc:
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
