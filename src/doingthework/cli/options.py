"""Options several commands share, spelled once."""

from __future__ import annotations

from typing import Annotated

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print what was saved or listed as JSON, and nothing else.")]
PrivateOption = Annotated[bool, typer.Option("--private", help="Keep this out of exports unless --include-private.")]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="WHEN",
        help="When it happened: today, yesterday, YYYY-MM-DD, YYYY-MM-DDTHH:MM, Nd.",
        show_default=False,
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="WHEN",
        help="From: today, yesterday, YYYY-MM-DD, YYYY-MM-DDTHH:MM, Nd, Nw, or all.",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", metavar="WHEN", help="Up to and including this day (or moment).", show_default=False),
]
FeelingOption = Annotated[
    list[str] | None,
    typer.Option("--feeling", metavar="W", help="A feeling from the list; repeat for more.", show_default=False),
]
