"""Running a practice: its schedule, and a timer that keeps time without drifting.

A `Preset` is what a practice is (its phases; see `presets.py`); a `Schedule` is one run
of it (every step with its start, in seconds of practice time); a `Timer` walks a schedule
against a clock it is given. The timer never sleeps: whoever drives it (the app, 20 times a second, or `--plain`,
sleeping until `next_deadline()`) calls `update()`. Every boundary is an absolute offset from
one monotonic start, so a late frame never pushes the rest of the practice back.
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from doingthework.core import messages
from doingthework.core.errors import BadInput
from doingthework.core.models import Practice, now
from doingthework.core.presets import (
    CYCLE,
    DEFAULT_MINUTES,
    EPSILON,
    MAX_DELAY_SECONDS,
    MAX_MINUTES,
    MAX_ROUNDS,
    MIN_STEP_SECONDS,
    PACED,
    STRETCH,
    Phase,
    Preset,
    check_numbers,
    most_rounds,
    within,
)

if TYPE_CHECKING:
    from doingthework.core.store import Store


# ---- the schedule: a pure function of the preset and the options ------------------------------
@dataclass(frozen=True)
class Step:
    """One phase of one round, placed in practice time."""

    phase: Phase
    round: int  # 1-based
    start: float  # seconds of practice time from the start
    seconds: float | None

    @property
    def end(self) -> float | None:
        return None if self.seconds is None else self.start + self.seconds


@dataclass(frozen=True)
class Schedule:
    """One run of a preset: every step, with its start."""

    preset: Preset
    steps: tuple[Step, ...]
    rounds: int
    bell_every: float | None  # seconds between interval bells
    delay: float  # seconds before the first phase

    @property
    def total(self) -> float | None:
        """Planned seconds of practice; None when the person sets the pace."""
        last = self.steps[-1]
        return last.end

    @property
    def starts(self) -> list[float]:
        return [s.start for s in self.steps]

    def index_at(self, elapsed: float) -> int:
        """The step in progress after `elapsed` seconds (the last one once it is over)."""
        return max(0, min(len(self.steps) - 1, bisect.bisect_right(self.starts, elapsed) - 1))


def _steps(phases_per_round: Iterable[tuple[int, Phase, float | None]]) -> tuple[Step, ...]:
    steps, start = [], 0.0
    for round_number, phase, seconds in phases_per_round:
        steps.append(Step(phase, round_number, start, seconds))
        start += seconds or 0
    return tuple(steps)


def check_length(preset: Preset, minutes: float | None, rounds: int | None) -> None:
    """BadInput when --minutes/--rounds don't fit this preset (nothing is written then)."""
    if minutes is not None and rounds is not None:
        raise BadInput("give --minutes or --rounds, not both")
    if minutes is not None and not (0 < minutes <= MAX_MINUTES and math.isfinite(minutes)):
        raise BadInput(f"--minutes should be more than 0 and at most {MAX_MINUTES}")
    if rounds is not None and not 1 <= rounds <= MAX_ROUNDS:
        raise BadInput(f"--rounds should be between 1 and {MAX_ROUNDS}")
    if rounds is not None and preset.mode == CYCLE and rounds * preset.cycle_seconds > MAX_MINUTES * 60 + EPSILON:
        most = most_rounds(preset.cycle_seconds)
        raise BadInput(
            f"--rounds {rounds} of {preset.id} would last longer than {MAX_MINUTES} minutes; at most {most} rounds fit"
        )
    if preset.mode == PACED and (minutes is not None or rounds is not None):
        raise BadInput(f"{preset.id} goes at your own pace, so it takes no --minutes or --rounds")
    if preset.mode == STRETCH and rounds is not None:
        raise BadInput(f"{preset.id} is timed in minutes; try --minutes {preset.minutes or 5:g}")


def build_schedule(
    preset: Preset, minutes: float | None = None, rounds: int | None = None, delay: float | None = None
) -> Schedule:
    """Every step of one run of `preset`: its own length unless --minutes or --rounds say otherwise."""
    check_length(preset, minutes, rounds)
    if delay is not None and not within(delay, 0, MAX_DELAY_SECONDS):
        raise BadInput(f"--delay should be between 0 and {MAX_DELAY_SECONDS} seconds")
    check_numbers(preset)
    bell_every = preset.bell_every_minutes * 60 if preset.bell_every_minutes else None
    start_delay = preset.delay_seconds if delay is None else delay
    if preset.mode == PACED:
        steps = _steps((1, p, None) for p in preset.phases)
        return Schedule(preset, steps, 1, bell_every, start_delay)
    if preset.mode == STRETCH:
        own = preset.cycle_seconds
        wanted = (minutes if minutes is not None else preset.minutes or own / 60) * 60
        scale = wanted / own
        steps = _steps((1, p, (p.seconds or 0) * scale) for p in preset.phases)
        return Schedule(preset, steps, 1, bell_every, start_delay)
    cycle = preset.cycle_seconds
    if rounds is None:
        if minutes is None and preset.rounds is not None:
            rounds = preset.rounds
        else:
            wanted = minutes if minutes is not None else preset.minutes or DEFAULT_MINUTES
            rounds = max(1, round(wanted * 60 / cycle))
    return _cycle_schedule(preset, rounds, bell_every, start_delay)


def _cycle_schedule(preset: Preset, rounds: int, bell_every: float | None, delay: float) -> Schedule:
    steps = _steps((r, p, p.seconds) for r in range(1, rounds + 1) for p in preset.phases)
    return Schedule(preset, steps, rounds, bell_every, delay)


def more_time(schedule: Schedule, elapsed: float) -> Schedule:
    """About a minute more: whole rounds of breathing, or the rest of a timed pass stretched."""
    total = schedule.total
    if total is None or total + 60 > MAX_MINUTES * 60:
        return schedule
    if schedule.preset.mode == CYCLE:
        extra = max(1, round(60 / schedule.preset.cycle_seconds))
        return _cycle_schedule(schedule.preset, schedule.rounds + extra, schedule.bell_every, schedule.delay)
    return _stretch_rest(schedule, elapsed, total - elapsed + 60)


def less_time(schedule: Schedule, elapsed: float) -> Schedule:
    """About a minute less, never cutting into the round or the moment already under way."""
    total = schedule.total
    if total is None:
        return schedule
    if schedule.preset.mode == CYCLE:
        fewer = max(1, round(60 / schedule.preset.cycle_seconds))
        in_progress = schedule.steps[schedule.index_at(elapsed)].round
        rounds = max(in_progress, schedule.rounds - fewer)
        if rounds == schedule.rounds:
            return schedule
        return _cycle_schedule(schedule.preset, rounds, schedule.bell_every, schedule.delay)
    left = total - elapsed
    index = schedule.index_at(elapsed)
    floor = min(left, MIN_STEP_SECONDS * (len(schedule.steps) - index))
    return _stretch_rest(schedule, elapsed, max(floor, left - 60))


def _stretch_rest(schedule: Schedule, elapsed: float, new_left: float) -> Schedule:
    """Scale what is left after `elapsed` to `new_left` seconds; what is past stays as it was."""
    total = schedule.total or 0
    left = total - elapsed
    if left <= 0:
        return schedule
    factor = new_left / left
    index = schedule.index_at(elapsed)
    durations = []
    for i, step in enumerate(schedule.steps):
        seconds = step.seconds or 0
        if i == index:
            seconds = (elapsed - step.start) + (step.start + seconds - elapsed) * factor
        elif i > index:
            seconds *= factor
        durations.append(seconds)
    steps = _steps((s.round, s.phase, d) for s, d in zip(schedule.steps, durations, strict=True))
    return replace(schedule, steps=steps)


def breath_levels(phases: Iterable[Phase]) -> list[tuple[float, float]]:
    """How full the breathing guide is (0–1) at the start and end of each phase of one round.

    A run of "in" phases fills it between them by their length (cyclic sighing's short second
    inhale tops it up); a run of "out" phases empties it; a hold keeps it where it is.
    """
    phases = list(phases)
    levels: list[tuple[float, float]] = []
    level = 0.0
    i = 0
    while i < len(phases):
        motion = phases[i].motion
        if motion in ("in", "out"):
            j = i
            while j < len(phases) and phases[j].motion == motion:
                j += 1
            run = phases[i:j]
            run_total = sum(p.seconds or 0 for p in run) or 1
            target = 1.0 if motion == "in" else 0.0
            start_level = level
            done = 0.0
            for phase in run:
                done += phase.seconds or 0
                end = start_level + (target - start_level) * done / run_total
                levels.append((level, end))
                level = end
            i = j
        else:
            levels.append((level, level))
            i += 1
    return levels


# ---- the timer --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    """Something that happened since the last update; `rings` when a bell belongs to it."""

    kind: str  # "phase", "bell" (an interval) or "end"
    step: Step | None = None
    rings: bool = True
    minute: float | None = None


READY, WAITING, RUNNING, PAUSED, FINISHED, STOPPED = "ready", "waiting", "running", "paused", "finished", "stopped"


class Timer:
    """Walks a schedule against `clock` (monotonic seconds). Never sleeps; call `update()` often."""

    def __init__(self, schedule: Schedule, clock: Callable[[], float] = time.monotonic) -> None:
        self.schedule = schedule
        self.clock = clock
        self.state = READY
        self._origin = 0.0  # clock reading at practice time 0 (after the delay)
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._frozen: float | None = None  # practice time once it has ended
        self._index = -1  # the last step announced
        self._bells = 0  # interval bells rung
        self._levels = breath_levels(schedule.preset.phases)
        self.began = False  # the practice proper started (past any delay)

    # ---- where it is ---------------------------------------------------------------------
    def _practice_time(self, now: float) -> float:
        if self._frozen is not None:
            return self._frozen
        if self.state == READY:
            return 0.0
        at = self._paused_at if self._paused_at is not None else now
        return max(0.0, at - self._base())

    def _base(self) -> float:
        """The clock reading at practice time 0, pauses added (one expression, used everywhere)."""
        return self._origin + self._paused_total

    @property
    def elapsed(self) -> float:
        """Seconds of practice so far, pauses and the start delay left out."""
        return self._practice_time(self.clock())

    @property
    def delay_left(self) -> float:
        if self.state not in (WAITING, PAUSED) or self.began:
            return 0.0
        at = self._paused_at if self._paused_at is not None else self.clock()
        return max(0.0, self._base() - at)

    @property
    def done(self) -> bool:
        return self.state in (FINISHED, STOPPED)

    @property
    def paused(self) -> bool:
        return self.state == PAUSED

    @property
    def completed(self) -> bool:
        return self.state == FINISHED

    @property
    def planned(self) -> float | None:
        return self.schedule.total

    @property
    def index(self) -> int:
        return max(0, self._index)

    @property
    def step(self) -> Step:
        return self.schedule.steps[self.index]

    @property
    def step_left(self) -> float | None:
        """Seconds left in the step in progress (None for a step the person ends)."""
        end = self.step.end
        return None if end is None else max(0.0, end - self.elapsed)

    @property
    def left(self) -> float | None:
        total = self.planned
        return None if total is None else max(0.0, total - self.elapsed)

    def level(self) -> float:
        """How full the breathing guide is now, 0–1."""
        if self.schedule.preset.mode != CYCLE or not self.began:
            return 0.0
        step = self.step
        phase_index = self.index % len(self.schedule.preset.phases)
        start, end = self._levels[phase_index]
        fraction = min(1.0, max(0.0, (self.elapsed - step.start) / step.seconds)) if step.seconds else 1.0
        # ease in and out, so the guide slows at the turns like a breath does
        eased = (1 - math.cos(math.pi * fraction)) / 2
        return start + (end - start) * eased

    # ---- what the person does ------------------------------------------------------------------
    def start(self) -> list[Event]:
        if self.state != READY:
            return []
        self._origin = self.clock() + self.schedule.delay
        self.state = WAITING
        return self.update()

    def pause(self) -> None:
        if self.state in (WAITING, RUNNING):
            self._paused_at = self.clock()
            self.state = PAUSED

    def resume(self) -> None:
        if self.state == PAUSED and self._paused_at is not None:
            self._paused_total += self.clock() - self._paused_at
            self._paused_at = None
            self.state = RUNNING if self.began else WAITING

    def toggle_pause(self) -> None:
        if self.state == PAUSED:
            self.resume()
        else:
            self.pause()

    def stop(self) -> None:
        """End now, early. Practice time stops where it is."""
        if self.done or self.state == READY:
            return
        self._frozen = self._practice_time(self.clock())
        self._paused_at = None
        self.state = STOPPED

    def more(self) -> bool:
        """A minute more; False when that isn't possible (e.g. grounding has no clock)."""
        return self._reschedule(more_time)

    def less(self) -> bool:
        """A minute less, never below what's under way; False when there's nothing to take."""
        return self._reschedule(less_time)

    def _reschedule(self, change: Callable[[Schedule, float], Schedule]) -> bool:
        if self.done:
            return False
        new = change(self.schedule, self.elapsed)
        if new == self.schedule:
            return False
        self.schedule = new
        return True

    def advance(self) -> list[Event]:
        """Move on to the next step now (grounding). The last step's end finishes the practice."""
        if self.schedule.preset.mode != PACED or self.state not in (RUNNING, PAUSED) or not self.began:
            return []
        if self.state == PAUSED:
            self.resume()
        if self._index + 1 >= len(self.schedule.steps):
            self._frozen = self._practice_time(self.clock())
            self.state = FINISHED
            return [Event("end", rings=False)]
        self._index += 1
        return [Event("phase", self.step, rings=False)]

    # ---- time passing ---------------------------------------------------------------------------
    def update(self) -> list[Event]:
        """What happened since the last call, in order. Call it every frame."""
        if self.state not in (WAITING, RUNNING):
            return []
        now = self.clock()
        events: list[Event] = []
        if self.state == WAITING:
            if now < self._base():
                return []
            self.state = RUNNING
            self.began = True
        # a boundary within EPSILON counts as reached: `(base + start) - base` can come out a hair
        # short of `start`, and whoever slept until next_deadline() must find it passed
        reached = self._practice_time(now) + EPSILON
        schedule = self.schedule
        paced = schedule.preset.mode == PACED
        target = 0 if paced and self._index < 0 else (self._index if paced else schedule.index_at(reached))
        while self._index < target:
            self._index += 1
            events.append(Event("phase", schedule.steps[self._index], rings=not paced))
        total = schedule.total
        if schedule.bell_every:
            while True:
                moment = (self._bells + 1) * schedule.bell_every
                if moment > reached or (total is not None and moment >= total - EPSILON):
                    break
                self._bells += 1
                events.append(Event("bell", minute=moment / 60))
        if total is not None and reached >= total:
            self._frozen = total
            self.state = FINISHED
            events.append(Event("end"))
        return events

    def next_deadline(self) -> float | None:
        """The clock reading of the next thing to happen, for whoever wants to sleep until then."""
        origin = self._base()
        if self.state == WAITING:
            return origin
        if self.state != RUNNING:
            return None
        schedule = self.schedule
        if schedule.preset.mode == PACED:
            return None
        elapsed = self._practice_time(self.clock())
        candidates = [s.start for s in schedule.steps[self._index + 1 :][:1]]
        if schedule.bell_every:
            candidates.append((self._bells + 1) * schedule.bell_every)
        if schedule.total is not None:
            candidates.append(schedule.total)
        upcoming = [c for c in candidates if c > elapsed + EPSILON]  # what update() has not yet counted as reached
        return origin + min(upcoming) if upcoming else self.clock()


# ---- words and the log ------------------------------------------------------------------------
def clock_text(seconds: float) -> str:
    """4:05, or 1:02:03 for an hour or more."""
    whole = max(0, int(seconds + 0.5))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def seconds_text(seconds: float) -> str:
    """How `--plain` says a phase's length: 4, 5.5, or 10:00 from a minute up."""
    if seconds >= 60:
        return clock_text(seconds)
    return f"{round(seconds, 1):g}"


def pattern_text(preset: Preset) -> str:
    if preset.mode == CYCLE:
        return " · ".join(f"{p.name} {seconds_text(p.seconds or 0)}" for p in preset.phases)
    return preset.about or f"{len(preset.phases)} steps"


def length_text(schedule: Schedule) -> str:
    total = schedule.total
    if total is None:
        return "at your own pace"
    if schedule.preset.mode == CYCLE:
        return f"{schedule.rounds} round{'s' if schedule.rounds != 1 else ''}, {clock_text(total)}"
    bells = (
        f", a bell every {schedule.bell_every / 60:g} min"
        if schedule.bell_every and schedule.bell_every < total
        else ""
    )
    return f"{clock_text(total)}{bells}"


def phase_line(step: Step) -> str:
    """One line per phase change for `--plain`: "in 4", "hold 7", "feet 0:30 — Your feet: ..."."""
    line = step.phase.name if step.seconds is None else f"{step.phase.name} {seconds_text(step.seconds)}"
    if step.phase.guidance and step.phase.motion == "rest":
        line += f" — {step.phase.guidance}"
    return line


def practice_entry(
    timer: Timer, *, at: datetime | None = None, before: int | None = None, note: str | None = None
) -> Practice:
    """The log entry for a practice that has ended or been stopped."""
    entry = Practice(
        preset=timer.schedule.preset.id,
        planned_seconds=None if timer.planned is None else round(timer.planned, 1),
        actual_seconds=round(timer.elapsed, 1),
        completed=timer.completed,
        before=before,
    )
    if at is not None:
        entry.at = at.replace(microsecond=0)
    if note:
        entry.extra["note"] = note
    entry.validate()
    return entry


class PracticeRun:
    """One practice as a person does it, on the command line or in the app: its timer, when it
    began, the notes typed during grounding, the ratings, the entry it logs and what is said then.

    Whoever drives the timer calls `began_now()` after each batch of events and `keep_note()`
    as the person moves on; `log(store)` once it has ended or been stopped; `rate_after` later.
    """

    def __init__(
        self,
        schedule: Schedule,
        clock: Callable[[], float] = time.monotonic,
        *,
        before: int | None = None,
        wall_clock: Callable[[], datetime] = now,
    ) -> None:
        self.timer = Timer(schedule, clock)
        self.preset = schedule.preset
        self.before = before
        self.wall_clock = wall_clock  # what the entry is dated by; `clock` keeps the practice's time
        self.started_at: datetime | None = None  # set once the practice proper begins
        self.notes: dict[str, str] = {}  # a step's name -> what was typed there
        self.entry: Practice | None = None  # once logged

    @property
    def paced(self) -> bool:
        return self.preset.mode == PACED

    def began_now(self) -> None:
        """Date the entry when the practice proper began (after any delay), once."""
        if self.timer.began and self.started_at is None:
            self.started_at = self.wall_clock()

    def keep_note(self, text: str) -> bool:
        """Keep what was typed for the step under way (blank keeps nothing); False when no step
        takes a note (not grounding, or not begun yet)."""
        if not self.paced or not self.timer.began:
            return False
        if text.strip():
            self.notes[self.timer.step.phase.name] = text.strip()
        return True

    @property
    def note(self) -> str | None:
        return "\n".join(f"{name}: {text}" for name, text in self.notes.items()) or None

    def to_entry(self) -> Practice:
        """The log entry for this run, ended or stopped."""
        return practice_entry(self.timer, at=self.started_at, before=self.before, note=self.note)

    def log(self, store: Store) -> Practice:
        """Save the entry (once the practice has begun and is done); `entry` holds it even if saving fails."""
        self.entry = self.to_entry()
        store.add(self.entry)
        return self.entry

    def rate_after(self, store: Store, after: int | None) -> Practice | None:
        """The after rating, as a new revision of the entry already logged."""
        if self.entry is None or after == self.entry.after:
            return self.entry
        revised = replace(self.entry, after=after)
        store.update(revised)
        self.entry = revised
        return revised

    def closing_sentence(self, finished: str = "Finished") -> str:
        """What is said once it has ended: finished (opening with `finished`), stopped, or nothing to log."""
        timer = self.timer
        if not timer.began:
            return messages.PRACTICE_NOT_BEGUN
        if timer.completed:
            time_text = clock_text(timer.elapsed)
            return messages.PRACTICE_FINISHED.format(word=finished, name=self.preset.name, time=time_text)
        return messages.PRACTICE_STOPPED.format(time=clock_text(timer.elapsed))


def check_rating(value: int | None, what: str) -> None:
    if value is not None and not 0 <= value <= 10:
        raise BadInput(f"{what} is a rating from 0 to 10")
