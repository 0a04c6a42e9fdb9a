"""`dtw practice`: a breathing or grounding practice, on screen or as plain lines; logged when it ends."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from doingthework.cli.complete import practice_ids
from doingthework.cli.options import Flag, Positional, Value
from doingthework.cli.output import notice, say
from doingthework.core.sanitize import clean_line, clean_text

if TYPE_CHECKING:
    from doingthework.cli.context import State
    from doingthework.core.config import Settings
    from doingthework.core.models import Practice
    from doingthework.core.practice import Schedule
    from doingthework.core.store import Store


def _readline() -> str:
    return sys.stdin.readline()  # sys.stdin as it is at the time (a test runner swaps it)


# `--plain` keeps time with these; tests swap in a fake clock whose sleep moves it on
CLOCK: Callable[[], float] = time.monotonic
SLEEP: Callable[[float], None] = time.sleep
READLINE: Callable[[], str] = _readline  # grounding's enter (tests move the clock here)
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def practice(
    ctx: typer.Context,
    preset: Annotated[
        str | None,
        Positional(
            "[PRESET]",
            "box, 4-7-8, coherent, sigh, grounding, body-scan, sit, one from your plan, or `list`.",
            complete=practice_ids,
        ),
    ] = None,
    minutes: Annotated[float | None, Value("--minutes", "N", "How long, in minutes.")] = None,
    rounds: Annotated[int | None, Value("--rounds", "N", "How many rounds of breathing.")] = None,
    no_bell: Annotated[bool, Flag("--no-bell", "No terminal bell at phase changes and intervals.")] = False,
    reduced_motion: Annotated[bool, Flag("--reduced-motion", "Words only, no moving breathing guide.")] = False,
    delay: Annotated[float | None, Value("--delay", "N", "Seconds to settle in before it starts.")] = None,
    before: Annotated[int | None, Value("--before", "N", "How you feel before, 0–10.")] = None,
    plain: Annotated[
        bool, Flag("--plain", "No full screen: one line per phase (screen readers, scripts, ssh).")
    ] = False,
) -> None:
    """A breathing or grounding practice with a timer, logged when it ends. `dtw practice list` shows them."""
    from doingthework.core.errors import BadInput
    from doingthework.core.practice import (
        build_schedule,
        check_length,
        check_rating,
    )
    from doingthework.core.presets import BUILTIN, load_presets

    if preset == "list":
        if any(v is not None for v in (minutes, rounds, delay, before)) or plain:
            raise BadInput("`dtw practice list` takes no options")
        list_presets(ctx.obj)
        return
    check_rating(before, "--before")
    loaded = _loaded(ctx.obj, preset)
    presets = load_presets(loaded.plan.practice, str(ctx.obj.paths.plan_file), loaded.plan.dropped_presets)
    for problem in presets.problems:
        if preset is not None and preset.strip().casefold() not in presets.broken:  # the chooser shows them itself
            notice(f"dtw: {problem}")
    bells = loaded.config.bells and not no_bell
    if preset is None:
        if plain:
            raise BadInput(
                "--plain needs a practice, e.g. `dtw practice box --plain`", hint="`dtw practice list` shows them all"
            )
        check_length(BUILTIN[0], minutes, rounds)  # the numbers make sense whichever is chosen
        build_schedule(BUILTIN[0], delay=delay)
    chosen = presets.find(preset) if preset is not None else None
    if chosen is not None:
        schedule = build_schedule(chosen, minutes, rounds, (delay or 0) if plain else delay)
        if plain:
            run_plain(ctx.obj.store, schedule, before=before, bells=bells)
            return
    from doingthework.cli.launch import open_app

    options: dict[str, object] = {
        "minutes": minutes,
        "rounds": rounds,
        "delay": delay,
        "before": before,
        "bells": bells,
    }
    options["reduced_motion"] = loaded.config.reduced_motion or reduced_motion
    if chosen is not None:
        options["preset"] = chosen.id
    open_app(ctx.obj, screen="practice", start_options=options)


def list_presets(state: State) -> None:
    from doingthework.core.errors import DtwError
    from doingthework.core.practice import (
        build_schedule,
        length_text,
        pattern_text,
    )
    from doingthework.core.presets import load_presets

    loaded = _loaded(state)
    presets = load_presets(loaded.plan.practice, str(state.paths.plan_file), loaded.plan.dropped_presets)
    width = max(len(p.id) for p in presets.presets)
    for heading, group in (
        ("Built in", [p for p in presets.presets if p.builtin]),
        ("From your plan", [p for p in presets.presets if not p.builtin]),
    ):
        if not group:
            continue
        typer.echo(f"{heading}:")
        for preset in group:
            try:
                length = length_text(build_schedule(preset))
            except DtwError:
                length = ""
            say(f"  {preset.id:<{width}}  {clean_line(preset.name)}: {clean_line(pattern_text(preset))}")
            typer.echo(f"  {'':<{width}}  {length}")
    for problem in presets.problems:
        notice(f"dtw: {problem}")
    typer.echo("Start one with `dtw practice ID`; --minutes N or --rounds N change its length.")


def run_plain(store: Store, schedule: Schedule, *, before: int | None = None, bells: bool = True) -> Practice | None:
    """One line per phase change; ctrl+c (or the end of input, for grounding) stops early. Logs it."""
    from doingthework.core.practice import (
        PracticeRun,
        clock_text,
        length_text,
        phase_line,
    )

    run = PracticeRun(schedule, CLOCK, before=before)
    timer, preset, paced = run.timer, run.preset, run.paced
    ring = bells and sys.stdout.isatty()
    quiet = False  # stdout went away (a closed pipe, a hung-up terminal): say nothing more

    def say(text: str | None, bell: bool = False) -> None:
        """A line (None: none), and the terminal bell after it if asked."""
        nonlocal quiet
        if quiet:
            return
        try:
            if text is not None:
                typer.echo(clean_text(text))  # the preset's name and phases come from plan.toml
            if bell:
                sys.stdout.write("\a")
                sys.stdout.flush()
        except OSError:  # BrokenPipeError, or EIO from a terminal that hung up
            quiet = True
            _silence_stdout()
            raise _StdoutGone from None

    how = "enter moves on (type a note first if you like)" if paced else "ctrl+c stops"
    signalled = False
    with _signals_stop() as signals:
        try:
            say(f"{preset.name}: {length_text(schedule)}. {how}.")
            if schedule.delay:
                say(f"Starting in {clock_text(schedule.delay)}.")
            events = timer.start()
            while True:
                for event in events:
                    if event.kind == "phase" and event.step is not None:
                        say(phase_line(event.step), bell=ring and event.rings)
                    elif event.kind == "bell":
                        say(f"bell: {event.minute:g} min", bell=ring and event.rings)
                    elif ring and event.rings:
                        say(None, bell=True)
                run.began_now()
                if timer.done:
                    break
                if paced and timer.began:
                    line = READLINE()
                    if not line:  # the end of input: stop here, keeping what was done
                        timer.stop()
                        break
                    run.keep_note(line)
                    events = timer.advance()
                    continue
                deadline = timer.next_deadline()
                if deadline is not None:
                    SLEEP(max(0.0, deadline - CLOCK()))
                events = timer.update()
        except KeyboardInterrupt:
            timer.stop()
            _quietly(say, "")
        except _Signalled:
            timer.stop()  # SIGTERM or SIGHUP: stop as ctrl+c does, and log what was done
            signalled = True
            _quietly(say, "")
        except _StdoutGone:
            timer.stop()  # e.g. `| head -2`: the reader left; the practice still counts
        signals.hold()  # from here on a stop signal waits until the entry is written
        if timer.began:
            run.log(store)
        _quietly(say, run.closing_sentence(finished="Done"))
    if run.entry is None or quiet or signalled or signals.caught:
        return run.entry
    after = _ask_after() if sys.stdin.isatty() else None
    if after is not None:
        run.rate_after(store, after)
    return run.entry


class _Signalled(Exception):
    """SIGTERM or SIGHUP arrived while the timer ran."""


class _StdoutGone(Exception):
    """Writing to stdout failed: nobody is reading any more."""


class _SignalGuard:
    def __init__(self) -> None:
        self.holding = False
        self.caught: list[int] = []

    def hold(self) -> None:
        self.holding = True

    def handler(self, signum: int, frame: object) -> None:
        self.caught.append(signum)
        if not self.holding:
            raise _Signalled


@contextmanager
def _signals_stop() -> Iterator[_SignalGuard]:
    """While the timer runs, SIGTERM and SIGHUP stop it (and it is logged) instead of killing dtw."""
    guard = _SignalGuard()
    previous = {}
    for signum in STOP_SIGNALS:
        try:
            previous[signum] = signal.signal(signum, guard.handler)
        except (ValueError, OSError):  # not the main thread
            pass
    try:
        yield guard
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _quietly(say: Callable[[str | None], None], text: str) -> None:
    try:
        say(text)
    except _StdoutGone:
        pass


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit can't fail again (and print a traceback)."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests); nothing will flush it at exit


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


def _loaded(state: State, asked: str | None = None) -> Settings:
    """config and plan; a bad plan preset is already a warning there (and left out), never an
    error. When it is the one asked for, the error says it instead, once."""
    quiet = state.loaded_quietly
    but = quiet.plan.dropped_presets.get(asked.strip().casefold()) if asked else None
    return state.loaded_with_warnings(but=but)
