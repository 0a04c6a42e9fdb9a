"""`dtw checkin`: open the check-in screen, or record one straight from the shell."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from doingthework.cli.options import AtOption, FeelingOption, JsonOption, PrivateOption, Text, Value, parsed_at
from doingthework.cli.output import save_and_say


def _pairs(values: list[str] | None, what: str, number: bool) -> dict:
    from doingthework.core.errors import BadInput

    out: dict = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise BadInput(f"--{what} takes NAME=VALUE, e.g. --{what} focus=3")
        if number:
            try:
                out[name.strip()] = int(value)
            except ValueError:
                raise BadInput(f"--{what} {name.strip()} needs a whole number") from None
        else:
            out[name.strip()] = value
    return out


def _hours(text: str | None) -> float | None:
    """'7.5', '7,5' or '7' hours; anything else gets a plain message (not a parser's)."""
    import math

    from doingthework.core.errors import BadInput

    if text is None:
        return None
    try:
        hours = float(text.strip().replace(",", "."))
    except ValueError:
        hours = math.nan
    if not math.isfinite(hours):
        raise BadInput("--sleep takes a number of hours, like 7.5")
    return hours


def checkin(
    ctx: typer.Context,
    mood: Annotated[int | None, Value("--mood", "N", "Mood, 1–10 unless your plan says otherwise.")] = None,
    energy: Annotated[int | None, Value("--energy", "N", "Energy, 1–10.")] = None,
    sleep: Annotated[str | None, Value("--sleep", "HOURS", "Hours slept, e.g. 7.5.")] = None,
    feeling: FeelingOption = None,
    body: Annotated[str | None, Text("--body", "Where you feel it in your body.")] = None,
    intention: Annotated[str | None, Text("--intention", "An intention for today.")] = None,
    note: Annotated[str | None, Text("--note", "Anything else.")] = None,
    scale: Annotated[list[str] | None, Value("--scale", "NAME=N", "A scale from your plan; repeat for more.")] = None,
    answer: Annotated[list[str] | None, Value("--answer", "NAME=TEXT", "A question from your plan.")] = None,
    as_: Annotated[str | None, Value("--as", "KIND", "A check-in kind your plan names (e.g. morning).")] = None,
    at: AtOption = None,
    private: PrivateOption = False,
    json: JsonOption = False,
) -> None:
    """Check in. With no answers given, opens the check-in screen."""
    given = (mood, energy, sleep, feeling, body, intention, note, scale, answer)
    if all(v is None for v in given):
        if json or private or at or as_:
            from doingthework.core.errors import BadInput

            raise BadInput(
                "nothing to record: give at least one answer (e.g. --mood 6)",
                hint="or run `dtw checkin` alone to open the check-in screen",
            )
        from doingthework.cli.launch import open_app

        open_app(ctx.obj, screen="checkin")
        return

    from doingthework.core.checkin import build_checkin, checkin_form
    from doingthework.core.insights import (
        checkin_comparison,
        days_shown_up,
        showed_up_sentence,
    )
    from doingthework.core.models import CheckIn
    from doingthework.core.periods import Period, local_midnight, local_now

    form = checkin_form(ctx.obj.loaded.plan)
    sleep_hours = _hours(sleep)
    entry = build_checkin(
        form,
        mood=mood,
        energy=energy,
        sleep_hours=sleep_hours,
        feelings=feeling,
        body=body,
        intention=intention,
        note=note,
        scales=_pairs(scale, "scale", number=True),
        answers=_pairs(answer, "answer", number=False),
        checkin_kind=as_,
        private=private,
        at=parsed_at(at),
    )

    def thanks() -> list[str]:
        """The week so far, read after the save so that it counts this check-in."""
        today = local_now()
        week = ctx.obj.store.query(Period(local_midnight(today.date() - timedelta(days=6)), None)).entries
        earlier = [e for e in week if isinstance(e, CheckIn)]
        return [
            "Checked in. Thank you for taking a moment for yourself.",
            *(f"  {line}" for line in checkin_comparison(entry, earlier)),  # may name a scale of the plan
            showed_up_sentence(days_shown_up(week, today.date(), 7), 7),
        ]

    save_and_say(ctx.obj, entry, json, thanks)
