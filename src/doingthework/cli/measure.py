"""`dtw measure phq9|gad7 [--answers ...]` and `dtw measure list`: the questionnaires a therapist
may ask for every week or two, answered in the terminal or in one line."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from doingthework.cli.complete import measure_ids
from doingthework.cli.options import AtOption, Flag, JsonOption, Positional, PrivateOption, Value, parsed_at
from doingthework.cli.output import save_and_say, say

if TYPE_CHECKING:
    from doingthework.core.measures import Measure as MeasureDefinition


def measure(
    ctx: typer.Context,
    name: Annotated[
        str, Positional("MEASURE", "phq9, gad7 or one your plan defines; `list` shows them all.", complete=measure_ids)
    ],
    answers: Annotated[
        str | None,
        Value("--answers", "N,N,...", "One answer per question (0–3 for PHQ-9 and GAD-7), e.g. 0,1,2,1,0,0,1,0,0."),
    ] = None,
    difficulty: Annotated[int | None, Value("--difficulty", "N", "PHQ-9's closing question, 0–3 (not scored).")] = None,
    plain: Annotated[
        bool, Flag("--plain", "Ask question by question in this terminal, without the full screen.")
    ] = False,
    at: AtOption = None,
    private: PrivateOption = False,
    json: JsonOption = False,
) -> None:
    """Fill in a questionnaire (PHQ-9, GAD-7, your plan's own): on its own screen, or at once with --answers."""
    from doingthework.core.measures import SCREENING_NOTE, find, known, parse_answers, result_words

    plan = ctx.obj.loaded.plan
    if name == "list":
        for one in known(plan).values():
            due = f"; due every {plan.due[one.id]} days" if plan.due.get(one.id) else ""
            say(f"{one.id:<8}{one.title}: {len(one.items)} questions{due}")
        return
    chosen = find(name, plan)
    if answers is not None:
        given = parse_answers(answers)
    elif plain or not can_ask():
        given, difficulty = _ask(chosen)
    else:
        from doingthework.cli.launch import open_app

        open_app(ctx.obj, screen="measure", start_options={"measure": chosen.id})
        return
    entry = chosen.record(given, difficulty, at=parsed_at(at), private=private)
    save_and_say(ctx.obj, entry, json, lambda: [result_words(chosen, entry.score or 0), SCREENING_NOTE])


def can_ask() -> bool:
    return sys.stdin.isatty()


def _ask(chosen: MeasureDefinition) -> tuple[list[int], int | None]:
    """Question by question in the terminal: a digit answers; nothing is saved until the end."""
    from doingthework.core.errors import BadInput
    from doingthework.core.notice import CARE_LINE_CLI

    if not can_ask():
        raise BadInput("without a terminal to ask in, give the answers with --answers", field="answers")
    choices = "  ".join(f"{value} {words}" for value, words in chosen.answers)
    say(f"{chosen.title}. {chosen.stem}")
    say(choices)
    given: list[int] = []
    for number, item in enumerate(chosen.items, start=1):
        given.append(_one_of(f"{number}. {item}", chosen.values))
        if chosen.noticed(given):
            say(CARE_LINE_CLI)  # right after the answer, calmly; the questionnaire goes on or can stop
    difficulty = None
    if chosen.difficulty and any(given):
        say(chosen.difficulty)
        say("  ".join(f"{i} {words}" for i, words in enumerate(chosen.difficulty_answers)))
        difficulty = _one_of("How difficult", tuple(range(len(chosen.difficulty_answers))))
    return given, difficulty


def _one_of(question: str, allowed: tuple[int, ...]) -> int:
    """Ask until the answer is one of `allowed` (a digit and enter), kindly."""
    while True:
        text = typer.prompt(question).strip()
        if text.isdigit() and int(text) in allowed:
            return int(text)
        say(f"One of {', '.join(map(str, allowed))}, please.")
