"""Options several commands share, spelled once, and the few shapes every other option takes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime


def Value(
    flag: str, metavar: str, help: str, *, short: str | None = None, complete: Callable[..., list[str]] | None = None
) -> Any:
    """An option that takes a value: shown as METAVAR in --help, with no default shown
    (typer.Option is typed Any). `complete` offers values at TAB (cli/complete.py)."""
    names = (flag, short) if short else (flag,)
    return typer.Option(*names, metavar=metavar, help=help, show_default=False, autocompletion=complete)


def Flag(flag: str, help: str) -> Any:
    """An option that is on or off."""
    return typer.Option(flag, help=help)


def Text(flag: str, help: str) -> Any:
    """An option that takes a few words."""
    return Value(flag, "TEXT", help)


def Positional(metavar: str, help: str, *, complete: Callable[..., list[str]] | None = None) -> Any:
    """An argument that may be left out: shown as METAVAR in --help, with no default shown."""
    return typer.Argument(metavar=metavar, help=help, show_default=False, autocompletion=complete)


JsonOption = Annotated[bool, Flag("--json", "Print what was saved or listed as JSON, and nothing else.")]
PrivateOption = Annotated[bool, Flag("--private", "Keep this out of exports unless --include-private.")]
AtOption = Annotated[
    str | None, Value("--at", "WHEN", "When it happened: today, yesterday, YYYY-MM-DD, YYYY-MM-DDTHH:MM, Nd.")
]
SinceOption = Annotated[
    str | None, Value("--since", "WHEN", "From: today, yesterday, YYYY-MM-DD, YYYY-MM-DDTHH:MM, Nd, Nw, or all.")
]
UntilOption = Annotated[str | None, Value("--until", "WHEN", "Up to and including this day (or moment).")]
FeelingOption = Annotated[list[str] | None, Value("--feeling", "W", "A feeling from the list; repeat for more.")]


def parsed_at(at: str | None) -> datetime | None:
    """The moment --at names (core/periods.parse_at), or None when it was left out: the entry is
    then dated now."""
    if not at:
        return None
    from doingthework.core.periods import parse_at

    return parse_at(at)
