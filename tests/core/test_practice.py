"""Practice schedules and the timer, against a fake clock: nothing here sleeps."""

from __future__ import annotations

from dataclasses import replace

import pytest

from doingthework.core.errors import BadInput
from doingthework.core.practice import (
    Timer,
    breath_levels,
    build_schedule,
    less_time,
    more_time,
    phase_line,
    practice_entry,
    seconds_text,
)
from doingthework.core.presets import (
    BUILTIN,
    BUILTIN_IDS,
    CYCLE,
    Phase,
    load_presets,
)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def preset(preset_id: str):
    return load_presets([]).find(preset_id)


def pattern(schedule, n: int | None = None):
    steps = schedule.steps if n is None else schedule.steps[:n]
    return [(s.phase.name, s.seconds) for s in steps]


def run(timer: Timer, clock: FakeClock, until: float, step: float = 0.05) -> list:
    events = []
    while clock.now < until:
        clock.now = min(until, clock.now + step)
        events += timer.update()
    return events


# ---- the presets, against their published patterns ------------------------------------------
def test_built_in_ids():
    assert BUILTIN_IDS == ("box", "4-7-8", "coherent", "sigh", "grounding", "body-scan", "sit")


def test_box_is_four_fours():
    schedule = build_schedule(preset("box"), rounds=2)
    assert pattern(schedule) == [("in", 4), ("hold", 4), ("out", 4), ("hold", 4)] * 2
    assert schedule.total == 32
    assert [s.round for s in schedule.steps] == [1] * 4 + [2] * 4


def test_box_by_default_is_about_three_minutes():
    schedule = build_schedule(preset("box"))
    assert abs(schedule.total - 180) <= 8


def test_4_7_8_is_four_rounds_by_default():
    schedule = build_schedule(preset("4-7-8"))
    assert pattern(schedule, 3) == [("in", 4), ("hold", 7), ("out", 8)]
    assert schedule.rounds == 4 and schedule.total == 76


def test_coherent_is_about_five_and_a_half_breaths_a_minute():
    schedule = build_schedule(preset("coherent"), minutes=5)
    assert pattern(schedule, 2) == [("in", 5.5), ("out", 5.5)]
    breaths_a_minute = schedule.rounds / (schedule.total / 60)
    assert 5.4 <= breaths_a_minute <= 5.6


def test_sigh_is_two_inhales_and_a_long_exhale_for_five_minutes():
    schedule = build_schedule(preset("sigh"))
    (first, second, out) = schedule.steps[:3]
    assert [first.phase.motion, second.phase.motion, out.phase.motion] == ["in", "in", "out"]
    assert second.seconds < first.seconds and out.seconds > first.seconds + second.seconds
    assert schedule.total == 300


def test_grounding_is_five_four_three_two_one_at_your_own_pace():
    schedule = build_schedule(preset("grounding"))
    names = [s.phase.name for s in schedule.steps]
    assert [n[0] for n in names] == ["5", "4", "3", "2", "1"]
    assert [n.split()[-1] for n in names] == ["see", "touch", "hear", "smell", "taste"]
    assert all(s.seconds is None for s in schedule.steps) and schedule.total is None


def test_body_scan_goes_feet_to_head_with_guidance():
    schedule = build_schedule(preset("body-scan"), minutes=10)
    assert schedule.steps[0].phase.name == "feet" and schedule.steps[-1].phase.name == "head"
    assert all(s.phase.guidance for s in schedule.steps)
    assert schedule.total == pytest.approx(600)
    assert len({round(s.seconds, 6) for s in schedule.steps}) == 1


def test_sit_has_interval_bells_and_an_end_bell():
    clock = FakeClock()
    timer = Timer(build_schedule(preset("sit"), minutes=12), clock)
    events = timer.start() + run(timer, clock, clock.now + 12 * 60, step=1)
    kinds = [e.kind for e in events]
    assert kinds == ["phase", "bell", "bell", "end"]  # the start, 5 and 10 minutes, the end
    assert [e.minute for e in events if e.kind == "bell"] == [5, 10]
    assert all(e.rings for e in events)


@pytest.mark.parametrize("preset_id", BUILTIN_IDS)
def test_every_preset_builds_and_says_its_phases(preset_id):
    the_preset = preset(preset_id)
    schedule = build_schedule(the_preset)
    rounds = schedule.rounds if the_preset.mode == CYCLE else 1
    assert [s.phase for s in schedule.steps] == list(the_preset.phases) * rounds
    for step in schedule.steps:
        # "in 4" for a breath; "feet 1:00 — Your feet: ..." or "5 things you can see — Look ..." for a guided step
        expected = step.phase.name if step.seconds is None else f"{step.phase.name} {seconds_text(step.seconds)}"
        if the_preset.mode != CYCLE:
            assert step.phase.guidance
            expected += f" — {step.phase.guidance}"
        assert phase_line(step) == expected


def test_plain_lines_name_the_phase_and_its_seconds():
    schedule = build_schedule(preset("box"), rounds=1)
    assert [phase_line(s) for s in schedule.steps] == ["in 4", "hold 4", "out 4", "hold 4"]


# ---- the options ----------------------------------------------------------------------------
def test_minutes_become_whole_rounds():
    assert build_schedule(preset("box"), minutes=1).rounds == 4
    assert build_schedule(preset("4-7-8"), minutes=0.1).rounds == 1  # never less than one


@pytest.mark.parametrize(
    "preset_id, options, message",
    [
        ("box", {"minutes": 0}, "--minutes"),
        ("box", {"minutes": -1}, "--minutes"),
        ("box", {"rounds": 0}, "--rounds"),
        ("box", {"minutes": 2, "rounds": 2}, "not both"),
        ("grounding", {"minutes": 3}, "own pace"),
        ("sit", {"rounds": 3}, "minutes"),
        ("box", {"delay": -1}, "--delay"),
    ],
)
def test_bad_options_are_refused(preset_id, options, message):
    with pytest.raises(BadInput, match=message):
        build_schedule(preset(preset_id), **options)


def test_an_unknown_preset_suggests_the_closest():
    with pytest.raises(BadInput, match="did you mean 'box'"):
        load_presets([]).find("bx")


# ---- presets from the plan ------------------------------------------------------------------
def test_a_plan_preset_is_used_beside_the_built_ins():
    presets = load_presets(
        [
            {
                "id": "slow",
                "name": "Slow",
                "phases": [{"name": "in", "seconds": 5}, {"name": "out", "seconds": 7}],
                "minutes": 3,
            }
        ]
    )
    slow = presets.find("slow")
    assert not presets.problems and not slow.builtin
    schedule = build_schedule(slow)
    assert pattern(schedule, 2) == [("in", 5), ("out", 7)] and schedule.rounds == 15
    assert [s.phase.motion for s in schedule.steps[:2]] == ["in", "out"]


@pytest.mark.parametrize(
    "raw, problem",
    [
        ({"name": "no id", "phases": [{"name": "in", "seconds": 4}]}, "needs an id"),
        ({"id": "empty"}, "needs phases"),
        ({"id": "zero", "phases": [{"name": "in", "seconds": 0}]}, "seconds"),
        ({"id": "noseconds", "phases": [{"name": "in"}]}, "no seconds"),
        (
            {"id": "both", "phases": [{"name": "in", "seconds": 4}], "rounds": 2, "minutes": 2},
            "both rounds and minutes",
        ),
        ({"id": "box", "phases": [{"name": "in", "seconds": 4}]}, "built-in"),
        ({"id": "Bad Id", "phases": [{"name": "in", "seconds": 4}]}, "lower-case"),
        ({"id": "never", "phases": [{"name": "in", "seconds": 4}], "rounds": 0}, "rounds"),
    ],
)
def test_a_bad_plan_preset_is_named_and_the_built_ins_still_work(raw, problem):
    presets = load_presets([raw])
    (message,) = presets.problems
    assert problem in message and "built-in presets still work" in message
    assert presets.ids()[: len(BUILTIN)] == list(BUILTIN_IDS)
    build_schedule(presets.find("box"))
    if raw.get("id") not in (None, "box", "Bad Id"):
        with pytest.raises(BadInput, match=problem):
            presets.find(raw["id"])


# ---- the timer --------------------------------------------------------------------------------
def test_phases_change_on_time_and_it_finishes():
    clock = FakeClock()
    timer = Timer(build_schedule(preset("box"), rounds=1), clock)
    events = timer.start()
    assert [e.step.phase.name for e in events] == ["in"]
    events = run(timer, clock, clock.now + 16)
    assert [e.kind for e in events] == ["phase", "phase", "phase", "end"]
    assert timer.completed and timer.elapsed == 16


def test_no_drift_however_late_the_frames():
    """A late frame never pushes the rest back: every boundary is measured from one start."""
    clock = FakeClock()
    timer = Timer(build_schedule(preset("coherent"), minutes=30), clock)
    start = clock.now
    timer.start()
    changes = []
    while not timer.done:
        clock.now += 0.37  # an awkward frame length
        for event in timer.update():
            if event.kind == "phase":
                changes.append((clock.now - start) - event.step.start)
    assert len(changes) == timer.schedule.rounds * 2 - 1
    assert max(changes) < 0.37  # never later than one frame, even at the end of half an hour
    assert timer.elapsed == timer.planned


def test_pause_and_resume_leave_the_pause_out():
    clock = FakeClock()
    timer = Timer(build_schedule(preset("box"), rounds=1), clock)
    timer.start()
    clock.now += 3
    timer.pause()
    clock.now += 100
    assert timer.update() == [] and timer.elapsed == 3 and timer.paused
    timer.resume()
    clock.now += 1
    (event,) = timer.update()
    assert event.step.phase.name == "hold" and timer.elapsed == 4
    assert timer.next_deadline() == clock.now + 4


def test_stop_ends_early_and_keeps_the_time_so_far():
    clock = FakeClock()
    timer = Timer(build_schedule(preset("box"), rounds=2), clock)
    timer.start()
    clock.now += 10
    timer.update()
    timer.stop()
    clock.now += 50
    assert timer.done and not timer.completed and timer.elapsed == 10 and timer.update() == []
    entry = practice_entry(timer, before=4)
    assert (entry.preset, entry.planned_seconds, entry.actual_seconds, entry.completed, entry.before) == (
        "box",
        32,
        10,
        False,
        4,
    )


def test_a_minute_more_or_less_in_whole_rounds():
    clock = FakeClock()
    timer = Timer(build_schedule(preset("box"), rounds=5), clock)
    timer.start()
    assert timer.more() and timer.schedule.rounds == 9  # 60 s is about four rounds of 16 s
    assert timer.less() and timer.schedule.rounds == 5
    clock.now += 50  # in round 4
    timer.update()
    assert timer.less() and timer.schedule.rounds == 4  # never below the round under way
    assert not timer.less()


def test_a_minute_less_never_cuts_the_moment_under_way():
    schedule = build_schedule(preset("sit"), minutes=2)
    shorter = less_time(schedule, 90)
    assert shorter.total >= 90 + 5 and shorter.total < schedule.total
    assert less_time(shorter, 90) == less_time(less_time(shorter, 90), 90)  # it bottoms out
    longer = more_time(schedule, 30)
    assert longer.total == pytest.approx(180)


def test_a_body_scan_stretches_what_is_left_and_keeps_what_is_past():
    schedule = build_schedule(preset("body-scan"), minutes=5)
    longer = more_time(schedule, 45)  # half way through the second region
    assert longer.total == pytest.approx(360)
    assert longer.steps[0] == schedule.steps[0]
    assert longer.steps[1].start == schedule.steps[1].start
    assert longer.index_at(45) == 1


def test_a_delay_comes_first_and_is_not_counted():
    clock = FakeClock()
    timer = Timer(build_schedule(preset("box"), rounds=1, delay=5), clock)
    assert timer.start() == [] and timer.delay_left == 5
    assert timer.next_deadline() == clock.now + 5
    clock.now += 5
    (event,) = timer.update()
    assert event.step.phase.name == "in" and timer.began and timer.elapsed == 0


def test_stopped_in_the_delay_means_it_never_began():
    clock = FakeClock()
    timer = Timer(build_schedule(preset("box"), rounds=1, delay=5), clock)
    timer.start()
    clock.now += 2
    timer.stop()
    assert timer.done and not timer.began and timer.elapsed == 0


def test_grounding_moves_on_with_a_key():
    clock = FakeClock()
    timer = Timer(build_schedule(preset("grounding")), clock)
    (first,) = timer.start()
    assert first.step.phase.name.startswith("5") and not first.rings
    clock.now += 1000
    assert timer.update() == []  # time alone never moves it on
    for _ in range(4):
        clock.now += 10
        (event,) = timer.advance()
        assert event.kind == "phase"
    (end,) = timer.advance()
    assert end.kind == "end" and timer.completed and timer.elapsed == 1040
    assert not timer.more() and practice_entry(timer).planned_seconds is None


def test_the_guide_fills_on_the_way_in_and_empties_on_the_way_out():
    clock = FakeClock()
    timer = Timer(build_schedule(preset("box"), rounds=1), clock)
    timer.start()
    levels = []
    for _ in range(16 * 4):
        clock.now += 0.25
        timer.update()
        levels.append(timer.level())
    at = {round((i + 1) * 0.25, 2): level for i, level in enumerate(levels)}
    assert at[2] == pytest.approx(0.5)  # mid-inhale
    assert at[4.5] == pytest.approx(1) and at[7.75] == pytest.approx(1)  # the hold after it: full
    assert at[10] == pytest.approx(0.5) and at[13] == pytest.approx(0)  # mid-exhale; the hold after it: empty
    assert levels[:16] == sorted(levels[:16]) and levels[31:48] == sorted(levels[31:48], reverse=True)


def test_cyclic_sighing_tops_up_on_the_second_inhale():
    (first, second, out) = breath_levels(preset("sigh").phases)
    assert first == (0, pytest.approx(0.75)) and second == (pytest.approx(0.75), 1) and out == (1, 0)


# ---- numbers that could hang the timer (NaN, infinity, tiny) are refused --------------------------
def _plan_preset(**fields):
    return {"id": "mine", "phases": [{"name": "in", "seconds": 4}, {"name": "out", "seconds": 6}], **fields}


@pytest.mark.parametrize(
    "raw, problem",
    [
        (_plan_preset(bell_every_minutes=float("nan")), "bell_every_minutes"),
        (_plan_preset(bell_every_minutes=1e-9), "bell_every_minutes"),
        (_plan_preset(bell_every_minutes=0.1), "bell_every_minutes"),
        (_plan_preset(bell_every_minutes=float("inf")), "bell_every_minutes"),
        (_plan_preset(bell_every_minutes=10_000), "bell_every_minutes"),
        (_plan_preset(minutes=float("nan")), "minutes"),
        (_plan_preset(minutes=float("inf")), "minutes"),
        (_plan_preset(delay_seconds=float("nan")), "delay_seconds"),
        (_plan_preset(delay_seconds=float("inf")), "delay_seconds"),
        (_plan_preset(delay_seconds=-1), "delay_seconds"),
        (_plan_preset(rounds=1000, phases=[{"name": "in", "seconds": 60}]), "longer than 240 minutes"),
        ({"id": "mine", "phases": [{"name": "in", "seconds": float("nan")}]}, "seconds"),
        ({"id": "mine", "phases": [{"name": "in", "seconds": float("inf")}]}, "seconds"),
        ({"id": "mine", "phases": [{"name": "in", "seconds": 1e-9}]}, "seconds"),
    ],
)
def test_a_plan_preset_with_numbers_that_make_no_sense_is_left_out(raw, problem):
    presets = load_presets([raw])
    (message,) = presets.problems
    assert "'mine'" in message and problem in message
    assert presets.ids() == list(BUILTIN_IDS)
    with pytest.raises(BadInput, match=problem):
        presets.find("mine")


@pytest.mark.parametrize(
    "changes",
    [
        {"bell_every_minutes": float("nan")},
        {"bell_every_minutes": 1e-12},
        {"delay_seconds": float("nan")},
        {"minutes": float("nan")},
        {"phases": (Phase("in", float("nan")), Phase("out", 4))},
        {"phases": (Phase("in", 1e-12), Phase("out", 4))},
    ],
)
def test_a_preset_made_by_hand_with_such_numbers_never_reaches_a_timer(changes):
    with pytest.raises(BadInput):
        build_schedule(replace(preset("box"), **changes))


def test_the_sharpest_bell_allowed_still_ends():
    clock = FakeClock()
    mine = load_presets([_plan_preset(minutes=240, bell_every_minutes=0.5)]).find("mine")
    timer = Timer(build_schedule(mine), clock)
    timer.start()
    clock.now += 240 * 60 + 1  # one very late frame catches up with everything at once
    events = timer.update()
    assert timer.completed and len([e for e in events if e.kind == "bell"]) == 479


@pytest.mark.parametrize("rounds", [901, 1000])
def test_rounds_beyond_the_240_minute_cap_are_refused(rounds):
    with pytest.raises(BadInput, match="240 minutes"):
        build_schedule(preset("box"), rounds=rounds)  # 900 rounds of 16 s is 240 minutes
    assert build_schedule(preset("box"), rounds=900).total == 240 * 60


# ---- float rounding at phase boundaries ----------------------------------------------------------
ODD = {
    "id": "odd",
    "phases": [{"name": "in", "seconds": 0.7}, {"name": "hold", "seconds": 1.1}, {"name": "out", "seconds": 3.3}],
    "rounds": 30,
}


@pytest.mark.parametrize("origin", [0.1, 0.3, 0.7, 3.3, 12345.678, 98765.4321, 1e6 + 0.3, 1e9 + 0.1])
@pytest.mark.parametrize(
    "which, options",
    [("box", {"rounds": 3}), ("coherent", {"rounds": 10}), ("odd", {}), ("box", {"rounds": 2, "delay": 0.3})],
)
def test_sleeping_until_each_deadline_reaches_it_whatever_the_clock_origin(origin, which, options):
    """As `--plain` does: sleep until next_deadline(), then update(). Every boundary must be reached
    at its deadline, not one float step short of it (that loops forever)."""
    clock = FakeClock(origin)
    timer = Timer(build_schedule(load_presets([ODD]).find(which), **options), clock)
    events = timer.start()
    for _ in range(10 * len(timer.schedule.steps) + 10):
        if timer.done:
            break
        deadline = timer.next_deadline()
        assert deadline is not None and deadline > clock.now - 1e-6
        clock.sleep(max(0.0, deadline - clock.now))
        events += timer.update()
    assert timer.completed, "the timer got stuck at a phase boundary"
    phases = [e for e in events if e.kind == "phase"]
    assert len(phases) == len(timer.schedule.steps) and [e.step for e in phases] == list(timer.schedule.steps)
    assert timer.elapsed == timer.planned


def test_a_pause_with_odd_lengths_still_reaches_every_boundary():
    clock = FakeClock(0.1)
    timer = Timer(build_schedule(load_presets([ODD]).find("odd"), rounds=3), clock)
    timer.start()
    clock.now += 0.3
    timer.pause()
    clock.now += 0.7
    timer.resume()
    for _ in range(100):
        if timer.done:
            break
        clock.sleep(max(0.0, timer.next_deadline() - clock.now))
        timer.update()
    assert timer.completed and timer.elapsed == timer.planned
