"""`dtw trigger`: open the trigger log, or `dtw trigger add ...` to record one from the shell."""

from __future__ import annotations

from typing import Annotated

import typer

from doingthework.cli.complete import trigger_tags
from doingthework.cli.launch import screen_group
from doingthework.cli.options import AtOption, FeelingOption, JsonOption, PrivateOption, Text, Value, parsed_at
from doingthework.cli.output import save_and_say

app = screen_group("trigger", help="Log a trigger while it is fresh.")


@app.command("add")
def add(
    ctx: typer.Context,
    what: Annotated[str | None, Text("--what", "What happened, in a few words.")] = None,
    intensity: Annotated[int | None, Value("--intensity", "N", "How strong it felt, 0–10.")] = None,
    tag: Annotated[
        list[str] | None, Value("--tag", "T", "A tag (work, family…); repeat for more.", complete=trigger_tags)
    ] = None,
    body: Annotated[str | None, Text("--body", "What your body did.")] = None,
    thought: Annotated[str | None, Text("--thought", "The automatic thought.")] = None,
    feeling: FeelingOption = None,
    urge: Annotated[str | None, Text("--urge", "What you felt like doing.")] = None,
    response: Annotated[str | None, Text("--response", "What you did.")] = None,
    skill: Annotated[list[str] | None, Value("--skill", "S", "A skill you used; repeat for more.")] = None,
    after: Annotated[int | None, Value("--after", "N", "How strong it felt afterwards, 0–10.")] = None,
    evidence_for: Annotated[str | None, Text("--evidence-for", "Thought record: evidence for the thought.")] = None,
    evidence_against: Annotated[str | None, Text("--evidence-against", "Thought record: evidence against it.")] = None,
    balanced: Annotated[str | None, Text("--balanced", "Thought record: a balanced thought.")] = None,
    belief: Annotated[int | None, Value("--belief", "N", "How much you believe the balanced thought, 0–100.")] = None,
    at: AtOption = None,
    private: PrivateOption = False,
    json: JsonOption = False,
) -> None:
    """Record a trigger: --what and --intensity, the rest if you like."""
    from doingthework.core import messages
    from doingthework.core.checkin import known_feelings
    from doingthework.core.errors import BadInput
    from doingthework.core.logs import build_trigger

    if intensity is None:
        raise BadInput("please give how strong it felt, 0–10 (--intensity)")
    entry = build_trigger(
        known_feelings(ctx.obj.loaded.plan),
        what=what,
        intensity=intensity,
        tags=tag,
        body=body,
        thought=thought,
        feelings=feeling,
        urge=urge,
        response=response,
        skills=skill,
        after=after,
        thought_record={
            "evidence_for": evidence_for,
            "evidence_against": evidence_against,
            "balanced_thought": balanced,
            "belief": belief,
        },
        private=private,
        at=parsed_at(at),
    )
    change = "" if entry.after is None else f", {entry.intensity} → {entry.after}"
    said = messages.TRIGGER_LOGGED.format(how_strong=f" (intensity {entry.intensity}{change})")
    save_and_say(ctx.obj, entry, json, said)
