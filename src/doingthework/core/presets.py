"""What a practice is: the built-in presets and the plan's own, as pure data.

A `Preset` is a practice's phases and its default length. The built-ins follow published
patterns; `load_presets` adds the plan's `[[practice]]` tables, checked for sense, leaving a
broken one out with a message. Schedules and the timer that runs a preset are in
`practice.py`; this module is small so that reading a preset's name (the export does) is cheap.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from doingthework.core.config import NAME_PATTERN
from doingthework.core.errors import BadInput

CYCLE = "cycle"  # one round of phases, repeated (breathing)
STRETCH = "stretch"  # one pass of timed steps, stretched to the length asked for (body scan, sit)
PACED = "paced"  # steps the person moves on from with a key (5-4-3-2-1 grounding)

MAX_MINUTES = 240
DEFAULT_MINUTES = 3  # a plan preset that names neither rounds nor minutes
MAX_ROUNDS = 1000
MAX_PHASE_SECONDS = 4 * 3600
MIN_PHASE_SECONDS = 0.5  # shorter is no breath at all, and would make schedules huge
MIN_BELL_MINUTES = 0.5  # interval bells: every 30 s at most often ...
MAX_DELAY_SECONDS = 300
EPSILON = 1e-6  # seconds: a boundary this close counts as reached (float sums are never exact)
MIN_STEP_SECONDS = 5  # taking a minute off never squeezes a step below this
RESERVED_IDS = ("list",)  # `dtw practice list` lists; it can't also be a preset


@dataclass(frozen=True)
class Phase:
    """One phase of a practice: a breath in, a hold, a region of the body."""

    name: str  # as `--plain` says it: "in", "hold", "out", "feet"
    seconds: float | None  # None: the person moves on with a key
    guidance: str = ""
    label: str = ""  # as the screen shows it: "Breathe in"
    motion: str = "rest"  # "in", "out", "hold" or "rest": what the breathing guide does

    @property
    def title(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Preset:
    """A practice: its phases, how they repeat, and its default length."""

    id: str
    name: str
    phases: tuple[Phase, ...]
    mode: str = CYCLE
    rounds: int | None = None  # default length, in rounds (cycles) ...
    minutes: float | None = None  # ... or in minutes
    bell_every_minutes: float | None = None
    delay_seconds: float = 0
    guidance: tuple[str, ...] = ()
    about: str = ""  # the pattern in words, where the phases don't say it well
    builtin: bool = True

    @property
    def cycle_seconds(self) -> float:
        return sum(p.seconds or 0 for p in self.phases)


def motion_of(name: str) -> str:
    """How the breathing guide moves in a phase with this name (for presets from the plan)."""
    word = name.strip().casefold()
    if word.startswith(("in", "breathe in", "sip")):
        return "in"
    if word.startswith(("out", "ex", "breathe out", "sigh")):
        return "out"
    return "hold"


def _breath(name: str, seconds: float, guidance: str = "") -> Phase:
    labels = {"in": "Breathe in", "out": "Breathe out", "hold": "Hold", "in again": "A little more in"}
    return Phase(name, seconds, guidance, labels.get(name, name), motion_of(name))


_BODY_REGIONS = (
    ("feet", "Your feet: toes, soles, heels. Notice whatever is there, even nothing much."),
    ("lower legs", "Ankles, shins and calves. No need to change anything."),
    ("knees and thighs", "Your knees, then the long muscles of your thighs."),
    ("hips", "Hips and pelvis, and where you meet the chair or floor."),
    ("belly and lower back", "The belly rising and falling; the lower back."),
    ("chest and upper back", "Chest, ribs and shoulder blades, moving with the breath."),
    ("hands and arms", "Fingers, palms, wrists, forearms, upper arms."),
    ("shoulders and neck", "Shoulders and neck. If they are tight, just notice the tightness."),
    ("face and jaw", "Jaw, mouth, cheeks, eyes, forehead."),
    ("head", "The top of your head. Then the whole body at once, breathing."),
)
_GROUNDING = (
    ("5 things you can see", "Look around slowly. Name five things you can see."),
    ("4 things you can touch", "Four things you can feel: your feet on the floor, fabric, the air."),
    ("3 things you can hear", "Three sounds, near or far."),
    ("2 things you can smell", "Two smells. If nothing comes, remember two you like."),
    ("1 thing you can taste", "One taste, or one thing you'd like to taste."),
)

BUILTIN: tuple[Preset, ...] = (
    Preset(
        "box",
        "Box breathing",
        (_breath("in", 4), _breath("hold", 4), _breath("out", 4), _breath("hold", 4)),
        minutes=3,
        guidance=("Breathe through your nose if that is comfortable.",),
    ),
    Preset(
        "4-7-8",
        "4-7-8 breathing",
        (
            _breath("in", 4, "In through the nose."),
            _breath("hold", 7),
            _breath("out", 8, "Out through the mouth, slowly."),
        ),
        rounds=4,
    ),
    Preset(
        "coherent",
        "Coherent breathing",
        (_breath("in", 5.5), _breath("out", 5.5)),
        minutes=5,
        guidance=("Slow and even: about five and a half breaths a minute.",),
    ),
    Preset(
        "sigh",
        "Cyclic sighing",
        (
            _breath("in", 3, "A full breath in through the nose."),
            _breath("in again", 1, "A short second sip of air on top."),
            _breath("out", 6, "A long, slow breath out through the mouth."),
        ),
        minutes=5,
    ),
    Preset(
        "grounding",
        "5-4-3-2-1 grounding",
        tuple(Phase(name, None, guidance) for name, guidance in _GROUNDING),
        mode=PACED,
        about="see 5, touch 4, hear 3, smell 2, taste 1",
    ),
    Preset(
        "body-scan",
        "Body scan",
        tuple(Phase(name, 30, guidance, name.capitalize()) for name, guidance in _BODY_REGIONS),
        mode=STRETCH,
        minutes=5,
        about="feet to head, one region at a time",
        guidance=("Let your attention move slowly, like a light.",),
    ),
    Preset(
        "sit",
        "Open sit",
        (Phase("sit", 600, "Rest with whatever is here. When your mind wanders, come back gently.", "Sitting"),),
        mode=STRETCH,
        minutes=10,
        bell_every_minutes=5,
        about="open sitting, with interval bells and an end bell",
    ),
)
BUILTIN_IDS = tuple(p.id for p in BUILTIN)


# ---- presets from plan.toml ------------------------------------------------------------------
@dataclass
class Presets:
    """Every preset that can be used, and a message for each one from the plan that can't."""

    presets: list[Preset]
    problems: list[str] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)  # id of a broken plan preset -> its problem

    def ids(self) -> list[str]:
        return [p.id for p in self.presets]

    def find(self, preset_id: str) -> Preset:
        """The preset with this id; BadInput says what is wrong or suggests the closest."""
        wanted = preset_id.strip().casefold()
        for preset in self.presets:
            if preset.id == wanted:
                return preset
        if wanted in self.broken:
            raise BadInput(
                self.broken[wanted], hint="fix it in plan.toml (`dtw config edit`); the built-in presets still work"
            )
        close = difflib.get_close_matches(wanted, self.ids(), n=1, cutoff=0.4)
        maybe = f"; did you mean '{close[0]}'?" if close else ""
        raise BadInput(f"there's no practice called '{preset_id}'{maybe}", hint="`dtw practice list` shows them all")


def load_presets(
    plan_presets: Iterable[dict[str, Any]], file: str = "plan.toml", dropped: dict[str, str] | None = None
) -> Presets:
    """Built-ins first, then the plan's own. A broken plan preset is left out with a message.

    `dropped` holds the presets config.py already left out for a wrong type (`Plan.dropped_presets`):
    asking for one of them by name says what is wrong with it.
    """
    result = Presets(list(BUILTIN))
    for preset_id, problem in (dropped or {}).items():
        if preset_id not in BUILTIN_IDS:
            result.broken.setdefault(preset_id, problem)
    for index, raw in enumerate(plan_presets):
        try:
            preset = preset_from_plan(raw, index, taken=result.ids(), file=file)
        except BadInput as exc:
            result.problems.append(exc.message)
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            if isinstance(raw_id, str) and raw_id.strip().casefold() not in result.ids():
                result.broken[raw_id.strip().casefold()] = exc.message
            continue
        result.presets.append(preset)
    return result


def preset_from_plan(raw: dict[str, Any], index: int, taken: list[str], file: str = "plan.toml") -> Preset:
    """One `[[practice]]` table as a preset. Types are checked by config.py; this checks sense."""
    preset_id = raw.get("id")
    where = f"{file}: practice preset '{preset_id}'" if isinstance(preset_id, str) else f"{file}: 'practice[{index}]'"

    def bad(problem: str) -> BadInput:
        return BadInput(f"{where} {problem}; the built-in presets still work")

    if not isinstance(preset_id, str) or not preset_id.strip():
        raise bad('needs an id (e.g. id = "slow")')
    preset_id = preset_id.strip()
    if not NAME_PATTERN.match(preset_id):
        raise bad("has an id that should be lower-case letters, digits, _ or - (e.g. slow-breathing)")
    if preset_id in RESERVED_IDS:
        raise bad(f"can't be called '{preset_id}' (that word lists the presets)")
    if preset_id in BUILTIN_IDS:
        raise bad("has the id of a built-in preset; give it a name of its own")
    if preset_id in taken:
        raise bad("is there twice; give each preset its own id")
    raw_phases = raw.get("phases") or []
    if not raw_phases:
        raise bad('needs phases, e.g. phases = [ { name = "in", seconds = 5 }, { name = "out", seconds = 7 } ]')
    phases = []
    for number, item in enumerate(raw_phases, start=1):
        name = str(item.get("name", "")).strip()
        if not name:
            raise bad(f"has a phase (number {number}) with no name")
        if item.get("seconds") is None:
            raise bad(f"has a phase ('{name}') with no seconds")
        phases.append((name, item["seconds"], str(item.get("guidance", ""))))
    rounds, minutes = raw.get("rounds"), raw.get("minutes")
    bell, delay = raw.get("bell_every_minutes"), raw.get("delay_seconds", 0)
    problem = numbers_problem([(name, seconds) for name, seconds, _ in phases], rounds, minutes, bell, delay)
    if problem is not None:
        raise bad(problem)
    name = str(raw.get("name") or preset_id).strip() or preset_id
    return Preset(
        preset_id,
        name,
        tuple(Phase(label, float(seconds), guidance, label, motion_of(label)) for label, seconds, guidance in phases),
        rounds=rounds,
        minutes=None if minutes is None else float(minutes),
        bell_every_minutes=None if bell is None else float(bell),
        delay_seconds=float(delay),
        guidance=tuple(str(line) for line in raw.get("guidance", [])),
        builtin=False,
    )


def check_numbers(preset: Preset) -> None:
    """BadInput unless every number a timer loops on is finite and in range, however the preset was made."""
    timed = [] if preset.mode == PACED else [(p.name, p.seconds) for p in preset.phases]
    problem = numbers_problem(timed, preset.rounds, preset.minutes, preset.bell_every_minutes, preset.delay_seconds)
    if problem is not None:
        raise BadInput(f"{preset.id} {problem}")


def numbers_problem(
    timed_phases: list[tuple[str, Any]], rounds: Any, minutes: Any, bell_every_minutes: Any, delay_seconds: Any
) -> str | None:
    """What is wrong with a preset's numbers, said after its name ("has ...", "should ..."); None when
    nothing is. The one check for a plan's `[[practice]]` table and for a preset handed to a timer."""
    for name, seconds in timed_phases:
        if not within(seconds, MIN_PHASE_SECONDS, MAX_PHASE_SECONDS):
            return f"has a phase ('{name}') whose seconds should be a number from {MIN_PHASE_SECONDS:g} to {MAX_PHASE_SECONDS}"
    if rounds is not None and minutes is not None:
        return "gives both rounds and minutes; keep one"
    whole = isinstance(rounds, int) and not isinstance(rounds, bool)
    if rounds is not None and not (whole and 1 <= rounds <= MAX_ROUNDS):
        return f"should have between 1 and {MAX_ROUNDS} rounds"
    cycle = sum(seconds for _, seconds in timed_phases)
    if rounds is not None and rounds * cycle > MAX_MINUTES * 60:
        return f"would last longer than {MAX_MINUTES} minutes; at most {most_rounds(cycle)} rounds of it fit"
    if minutes is not None and not (within(minutes, 0, MAX_MINUTES) and minutes > 0):
        return f"should last more than 0 and at most {MAX_MINUTES} minutes"
    if bell_every_minutes is not None and not within(bell_every_minutes, MIN_BELL_MINUTES, MAX_MINUTES):
        return f"should have bell_every_minutes from {MIN_BELL_MINUTES:g} to {MAX_MINUTES}"
    if not within(delay_seconds, 0, MAX_DELAY_SECONDS):
        return f"should have delay_seconds from 0 to {MAX_DELAY_SECONDS}"
    return None


def within(value: Any, low: float, high: float) -> bool:
    """A real, finite number from `low` to `high` (NaN and infinity never are; nor is true/false)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value) and low <= value <= high


def most_rounds(cycle: float) -> int:
    return max(1, min(MAX_ROUNDS, math.floor(MAX_MINUTES * 60 / cycle + EPSILON)))
