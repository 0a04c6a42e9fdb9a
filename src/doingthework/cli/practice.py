"""`dtw practice`: a breathing or grounding practice, on screen or as plain lines; logged when it ends."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from doingthework.cli.output import notice

if TYPE_CHECKING:
    from doingthework.cli.context import State
    from doingthework.core.config import Loaded
    from doingthework.core.models import Practice
    from doingthework.core.practice import Schedule
    from doingthework.core.store import Store

# `--plain` keeps time with these; tests swap in a fake clock whose sleep moves it on
CLOCK: Callable[[], float] = time.monotonic
SLEEP: Callable[[float], None] = time.sleep


def practice(
    ctx: typer.Context,
    preset: Annotated[
        str | None,
        typer.Argument(metavar="[PRESET]", help="box, 4-7-8, coherent, sigh, grounding, body-scan, sit, one from your plan, or `list`.", show_default=False),
    ] = None,
    minutes: Annotated[float | None, typer.Option("--minutes", metavar="N", help="How long, in minutes.", show_default=False)] = None,
    rounds: Annotated[int | None, typer.Option("--rounds", metavar="N", help="How many rounds of breathing.", show_default=False)] = None,
    no_bell: Annotated[bool, typer.Option("--no-bell", help="No terminal bell at phase changes and intervals.")] = False,
    reduced_motion: Annotated[bool, typer.Option("--reduced-motion", help="Words only, no moving breathing guide.")] = False,
    delay: Annotated[float | None, typer.Option("--delay", metavar="N", help="Seconds to settle in before it starts.", show_default=False)] = None,
    before: Annotated[int | None, typer.Option("--before", metavar="N", help="How you feel before, 0–10.", show_default=False)] = None,
    plain: Annotated[bool, typer.Option("--plain", help="No full screen: one line per phase (screen readers, scripts, ssh).")] = False,
) -> None:
    """A breathing or grounding practice with a timer, logged when it ends. `dtw practice list` shows them."""
    from doingthework.core.errors import BadInput
    from doingthework.core.practice import (
        BUILTIN,
        build_schedule,
        check_length,
        check_rating,
        load_presets,
    )

    if preset == "list":
        if any(v is not None for v in (minutes, rounds, delay, before)) or plain:
            raise BadInput("`dtw practice list` takes no options")
        list_presets(ctx.obj)
        return
    check_rating(before, "--before")
    loaded = _loaded(ctx.obj)
    presets = load_presets(loaded.plan.practice, str(ctx.obj.paths.plan_file))
    bells = loaded.config.bells and not no_bell
    if preset is None:
        if plain:
            raise BadInput("--plain needs a practice, e.g. `dtw practice box --plain`", hint="`dtw practice list` shows them all")
        check_length(BUILTIN[0], minutes, rounds)  # the numbers make sense whichever is chosen
        build_schedule(BUILTIN[0], delay=delay)
    chosen = presets.find(preset) if preset is not None else None
    if chosen is not None:
        schedule = build_schedule(chosen, minutes, rounds, (delay or 0) if plain else delay)
        if plain:
            run_plain(ctx.obj.store, schedule, before=before, bells=bells)
            return
    from doingthework.cli.launch import open_app

    options = {"minutes": minutes, "rounds": rounds, "delay": delay, "before": before, "bells": bells}
    options["reduced_motion"] = loaded.config.reduced_motion or reduced_motion
    if chosen is not None:
        options["preset"] = chosen.id
    open_app(ctx.obj, screen="practice", start_options=options)


def list_presets(state: State) -> None:
    from doingthework.core.errors import DtwError
    from doingthework.core.practice import (
        build_schedule,
        length_text,
        load_presets,
        pattern_text,
    )

    loaded = _loaded(state)
    presets = load_presets(loaded.plan.practice, str(state.paths.plan_file))
    width = max(len(p.id) for p in presets.presets)
    for heading, group in (("Built in", [p for p in presets.presets if p.builtin]), ("From your plan", [p for p in presets.presets if not p.builtin])):
        if not group:
            continue
        typer.echo(f"{heading}:")
        for preset in group:
            try:
                length = length_text(build_schedule(preset))
            except DtwError:
                length = ""
            typer.echo(f"  {preset.id:<{width}}  {preset.name}: {pattern_text(preset)}")
            typer.echo(f"  {'':<{width}}  {length}")
    for problem in presets.problems:
        notice(f"dtw: {problem}")
    typer.echo("Start one with `dtw practice ID`; --minutes N or --rounds N change its length.")


def run_plain(store: Store, schedule: Schedule, *, before: int | None = None, bells: bool = True) -> Practice | None:
    """One line per phase change; ctrl+c (or the end of input, for grounding) stops early. Logs it."""
    from doingthework.core.models import now
    from doingthework.core.practice import (
        PACED,
        Timer,
        clock_text,
        length_text,
        phase_line,
        practice_entry,
    )

    preset = schedule.preset
    paced = preset.mode == PACED
    ring = bells and sys.stdout.isatty()
    timer = Timer(schedule, CLOCK)
    notes: list[str] = []
    how = "enter moves on (type a note first if you like)" if paced else "ctrl+c stops"
    typer.echo(f"{preset.name}: {length_text(schedule)}. {how}.")
    if schedule.delay:
        typer.echo(f"Starting in {clock_text(schedule.delay)}.")
    started_at, dated = now(), False
    try:
        events = timer.start()
        while True:
            for event in events:
                if event.kind == "phase" and event.step is not None:
                    typer.echo(phase_line(event.step))
                elif event.kind == "bell":
                    typer.echo(f"bell: {event.minute:g} min")
                if ring and event.rings:
                    sys.stdout.write("\a")
                    sys.stdout.flush()
            if timer.began and not dated:
                started_at, dated = now(), True  # dated when the practice proper began, after any delay
            if timer.done:
                break
            if paced and timer.began:
                line = sys.stdin.readline()
                if not line:  # the end of input: stop here, keeping what was done
                    timer.stop()
                    break
                if line.strip():
                    notes.append(f"{timer.step.phase.name}: {line.strip()}")
                events = timer.advance()
                continue
            deadline = timer.next_deadline()
            if deadline is not None:
                SLEEP(max(0.0, deadline - CLOCK()))
            events = timer.update()
    except KeyboardInterrupt:
        timer.stop()
        typer.echo("")
    if not timer.began:
        typer.echo("Stopped before it began, so there's nothing to log.")
        return None
    entry = store.add(practice_entry(timer, at=started_at, before=before, note="\n".join(notes) or None))
    if timer.completed:
        typer.echo(f"Done: {preset.name}, {clock_text(timer.elapsed)}. It's in your log.")
    else:
        typer.echo(f"Stopped after {clock_text(timer.elapsed)}. That counts too; it's in your log.")
    after = _ask_after() if sys.stdin.isatty() else None
    if after is not None:
        entry = store.update(replace(entry, after=after))
    return entry


def _ask_after() -> int | None:
    try:
        answer = input("How do you feel now, 0–10? (enter skips) ").strip()
    except (EOFError, KeyboardInterrupt):
        return None
    if answer.isdigit() and 0 <= int(answer) <= 10:
        return int(answer)
    if answer:
        typer.echo("Skipped (a number from 0 to 10 rates it).")
    return None


def _loaded(state: State) -> Loaded:
    """config and plan; a plan preset of the wrong type leaves the plan's presets out, not the built-ins."""
    from doingthework.core.errors import ConfigError

    try:
        return state.loaded
    except ConfigError as exc:
        if "'practice[" not in exc.message:
            raise
        from doingthework.core import config

        plan_file, config_file = state.paths.plan_file, state.paths.config_file
        settings, _ = config.parse_config(config.read_toml(config_file), str(config_file)) if config_file.exists() else (config.Config(), [])
        data = config.read_toml(plan_file)
        data.pop("practice", None)
        plan, warnings = config.parse_plan(data, str(plan_file))
        notice(f"dtw: {exc.message}")
        notice("     your plan's practice presets are left out until that is fixed; the built-in ones still work.")
        loaded = config.Loaded(settings, plan, warnings)
        state.loaded = loaded
        return loaded
