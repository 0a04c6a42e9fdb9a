"""`dtw boundary`: open the boundary log, or `dtw boundary add ...` to record one from the shell."""

from __future__ import annotations

from typing import Annotated

import typer

from doingthework.cli.launch import screen_group
from doingthework.cli.options import AtOption, FeelingOption, JsonOption, PrivateOption, Text, Value, parsed_at
from doingthework.cli.output import save_and_say

app = screen_group("boundary", help="Log a boundary moment.")

KIND_WORDS = {
    "communicated": "You said it out loud — that takes courage.",
    "held": "You held it. That is the work.",
    "bent": "Bending is information too; it's worth bringing to a session.",
    "crossed": "Noticing a crossed boundary is where change starts. Be gentle with yourself.",
}


@app.command("add")
def add(
    ctx: typer.Context,
    boundary: Annotated[str | None, Text("--boundary", "Which boundary.")] = None,
    outcome: Annotated[str | None, Value("--outcome", "communicated|held|bent|crossed", "How it went.")] = None,
    with_: Annotated[str | None, Value("--with", "WHO", "With whom.")] = None,
    feeling: FeelingOption = None,
    note: Annotated[str | None, Text("--note", "What helped, what you'd do next time.")] = None,
    at: AtOption = None,
    private: PrivateOption = False,
    json: JsonOption = False,
) -> None:
    """Record a boundary moment: --boundary and --outcome, the rest if you like."""
    from doingthework.core.checkin import known_feelings
    from doingthework.core.errors import BadInput
    from doingthework.core.logs import build_boundary
    from doingthework.core.models import OUTCOMES

    if outcome is None:
        raise BadInput(f"please say how it went (--outcome {'|'.join(OUTCOMES)})")
    outcome = outcome.strip().casefold()  # build_boundary refuses any other than OUTCOMES
    entry = build_boundary(
        known_feelings(ctx.obj.loaded.plan),
        boundary=boundary,
        outcome=outcome,
        with_=with_,
        feelings=feeling,
        note=note,
        private=private,
        at=parsed_at(at),
    )
    save_and_say(ctx.obj, entry, json, f"Logged. {KIND_WORDS[outcome]}")
