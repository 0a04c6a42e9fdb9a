"""`dtw practice`: the list, --plain with a fake clock (nothing really waits), and bad input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from doingthework.cli import practice as practice_cli
from doingthework.core.store import Store


class FakeClock:
    """Monotonic seconds that move only when `--plain` sleeps (or a test says so)."""

    def __init__(self) -> None:
        self.now = 500.0
        self.slept: list[float] = []
        self.interrupt_at: float | None = None

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        if self.interrupt_at is not None and self.now + seconds >= self.interrupt_at:
            self.now = self.interrupt_at
            raise KeyboardInterrupt
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(practice_cli, "CLOCK", fake)
    monkeypatch.setattr(practice_cli, "SLEEP", fake.sleep)
    return fake


@pytest.fixture
def practices(paths):
    return lambda: Store(paths).query(kinds=["practice"]).entries


def test_list_shows_every_built_in_with_its_pattern_and_length(dtw):
    result = dtw("practice", "list")
    assert result.exit_code == 0, result.output
    for preset_id in ("box", "4-7-8", "coherent", "sigh", "grounding", "body-scan", "sit"):
        assert f"  {preset_id} " in result.stdout
    assert "in 4 · hold 4 · out 4 · hold 4" in result.stdout
    assert "4 rounds, 1:16" in result.stdout


def test_list_shows_plan_presets_and_names_a_broken_one(dtw, paths):
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.plan_file.write_text(
        '[[practice]]\nid = "slow"\nname = "Slow breathing"\nphases = [ { name = "in", seconds = 5 }, { name = "out", seconds = 7 } ]\nminutes = 3\n'
        '[[practice]]\nid = "broken"\nphases = []\n'
    )
    result = dtw("practice", "list")
    assert result.exit_code == 0
    assert "From your plan:" in result.stdout and "slow" in result.stdout and "in 5 · out 7" in result.stdout
    assert "practice preset 'broken' needs phases" in result.stderr
    bad = dtw("practice", "broken", "--plain")
    assert bad.exit_code == 2 and "'broken' needs phases" in bad.stderr


GOOD = (
    '[[practice]]\nid = "calm"\nphases = [ { name = "in", seconds = 4 }, { name = "out", seconds = 6 } ]\nrounds = 1\n'
)


def test_a_plan_preset_of_the_wrong_type_leaves_the_built_ins_and_the_other_presets_working(
    dtw, paths, clock, practices
):
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.plan_file.write_text(GOOD + '[[practice]]\nid = "slow"\nphases = [ { name = "in", seconds = "five" } ]\n')
    result = dtw("practice", "box", "--rounds", "1", "--plain")
    assert result.exit_code == 0, result.output
    assert "practice preset 'slow'" in result.stderr and "'phases[0].seconds' should be a number" in result.stderr
    mine = dtw("practice", "calm", "--plain")  # the good one in the same plan still works
    assert mine.exit_code == 0, mine.output
    assert sorted(e.preset for e in practices()) == ["box", "calm"]


@pytest.mark.parametrize(
    "plan",
    [
        '[practice]\nid = "slow"\nphases = [ { name = "in", seconds = 5 } ]\n',  # one bracket: a table, not a list
        GOOD + '[[practice]]\nid = "slow"\nphases = [ { name = "in", seconds = "five" } ]\n',
        GOOD + '[[practice]]\nid = "slow"\nphases = [ { name = "in", seconds = 4 } ]\nbell_every_minutes = nan\n',
    ],
)
def test_a_bad_plan_preset_never_stops_the_rest_of_dtw(dtw, paths, clock, practices, plan):
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.plan_file.write_text(plan)
    for args in (
        ["practice", "box", "--rounds", "1", "--plain"],
        ["checkin", "--mood", "5"],
        ["practice", "list"],
        ["config", "check"],
    ):
        result = dtw(*args)
        assert result.exit_code == 0, (args, result.output)
        if args[0] == "practice":
            assert "'slow'" in result.stderr  # named, with what is wrong
    assert len(practices()) == 1


def test_plain_says_one_line_per_phase_and_logs_a_finished_practice(dtw, clock, practices):
    result = dtw("practice", "box", "--rounds", "1", "--plain", "--before", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1:5] == ["in 4", "hold 4", "out 4", "hold 4"]
    assert "Done" in lines[-1]
    assert sum(clock.slept) == pytest.approx(16)  # 16 s of practice, no start delay
    (entry,) = practices()
    assert (entry.preset, entry.planned_seconds, entry.actual_seconds, entry.completed) == ("box", 16, 16, True)
    assert (entry.before, entry.after) == (3, None)


def test_plain_waits_for_delay_only_when_asked(dtw, clock, practices):
    result = dtw("practice", "4-7-8", "--rounds", "1", "--plain", "--delay", "5")
    assert result.exit_code == 0, result.output
    assert "Starting in 0:05." in result.stdout
    assert clock.slept[0] == pytest.approx(5) and sum(clock.slept) == pytest.approx(24)
    (entry,) = practices()
    assert entry.actual_seconds == 19


def test_ctrl_c_stops_and_logs_an_early_end(dtw, clock, practices):
    clock.interrupt_at = clock.now + 6  # in the hold after the first inhale
    result = dtw("practice", "box", "--plain")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:3] == ["in 4", "hold 4"]
    assert "Stopped after 0:06" in result.stdout
    (entry,) = practices()
    assert (entry.completed, entry.actual_seconds, entry.planned_seconds) == (False, 6, 176)


def test_a_sit_rings_interval_bells_in_plain(dtw, clock, practices):
    result = dtw("practice", "sit", "--minutes", "11", "--plain")
    assert result.exit_code == 0, result.output
    assert "bell: 5 min" in result.stdout and "bell: 10 min" in result.stdout
    assert practices()[0].planned_seconds == 660


def test_grounding_in_plain_moves_on_with_enter_and_keeps_notes(dtw, clock, practices, monkeypatch):
    def ten_seconds_then_enter() -> str:  # each step takes the person ten seconds
        clock.now += 10
        return sys.stdin.readline()

    monkeypatch.setattr(practice_cli, "READLINE", ten_seconds_then_enter)
    result = dtw("practice", "grounding", "--plain", input="window, cup\n\nbirds\n\n\n")
    assert result.exit_code == 0, result.output
    assert "5 things you can see" in result.stdout and "1 thing you can taste" in result.stdout
    (entry,) = practices()
    assert entry.completed and entry.planned_seconds is None and entry.actual_seconds == 50
    assert entry.extra["note"] == "5 things you can see: window, cup\n3 things you can hear: birds"


def test_grounding_stops_early_at_the_end_of_input(dtw, clock, practices):
    result = dtw("practice", "grounding", "--plain", input="\n")
    assert result.exit_code == 0
    (entry,) = practices()
    assert not entry.completed


@pytest.mark.parametrize(
    "args, message",
    [
        (["bx", "--plain"], "did you mean 'box'"),
        (["box", "--minutes", "0", "--plain"], "--minutes"),
        (["box", "--minutes", "2", "--rounds", "3", "--plain"], "not both"),
        (["box", "--rounds", "0"], "--rounds"),
        (["box", "--rounds", "901", "--plain"], "240 minutes"),
        (["4-7-8", "--rounds", "1000", "--plain"], "240 minutes"),
        (["box", "--before", "11", "--plain"], "0 to 10"),
        (["grounding", "--minutes", "3"], "own pace"),
        (["sit", "--rounds", "2"], "minutes"),
        (["--plain"], "needs a practice"),
        (["--minutes", "0"], "--minutes"),
        (["list", "--minutes", "3"], "no options"),
    ],
)
def test_bad_values_exit_2_and_write_nothing(dtw, clock, practices, args, message):
    result = dtw("practice", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert practices() == []


def test_no_preset_opens_the_chooser_and_a_preset_opens_the_timer(dtw, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "doingthework.cli.launch.open_app",
        lambda state, screen="home", start_options=None: opened.append((screen, start_options)),
    )
    assert dtw("practice").exit_code == 0
    assert (
        dtw("practice", "coherent", "--minutes", "3", "--no-bell", "--reduced-motion", "--before", "5").exit_code == 0
    )
    (first_screen, first), (second_screen, second) = opened
    assert first_screen == second_screen == "practice"
    assert "preset" not in first and first["bells"] is True
    assert second["preset"] == "coherent" and second["minutes"] == 3 and second["before"] == 5
    assert second["bells"] is False and second["reduced_motion"] is True


# ---- SIGTERM, SIGHUP and a reader that goes away: still logged ----------------------------------
class Killed(Exception):
    """What the test's own handler raises if dtw didn't take the signal over."""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_in_plain_stops_and_logs_it(dtw, clock, practices, signum, monkeypatch):
    def killed(*_: object) -> None:
        raise Killed

    previous = signal.signal(signum, killed)  # not the default: an unfixed dtw must not kill pytest
    try:
        real_sleep = clock.sleep

        def sleep(seconds: float) -> None:
            if clock.now + seconds >= 506:  # in the hold after the first inhale
                clock.now = 506
                os.kill(os.getpid(), signum)  # delivered here, as it would be mid-sleep
            real_sleep(seconds)

        monkeypatch.setattr(practice_cli, "SLEEP", sleep)
        result = dtw("practice", "box", "--plain")
        assert signal.getsignal(signum) is killed  # put back as it was
    finally:
        signal.signal(signum, previous)
    assert result.exit_code == 0, result.output
    assert "Stopped after 0:06" in result.stdout
    (entry,) = practices()
    assert (entry.completed, entry.actual_seconds, entry.planned_seconds) == (False, 6, 176)


PIPED = """
import sys
from doingthework import cli
from doingthework.cli import practice


class Clock:
    now = 500.0


practice.CLOCK = lambda: Clock.now
waited = []


def sleep(seconds):
    if not waited:  # after the first line or two: wait until the reader has gone
        waited.append(True)
        sys.stdin.readline()
    Clock.now += seconds


practice.SLEEP = sleep
sys.argv = ["dtw", "practice", "box", "--rounds", "1", "--plain"]
cli.main()
"""


def test_plain_into_a_reader_that_leaves_logs_it_and_exits_quietly(paths, practices):
    """`dtw practice box --rounds 1 --plain | head -2`, with a fake clock in a real process."""
    child = subprocess.Popen(
        [sys.executable, "-c", PIPED], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    first = [child.stdout.readline() for _ in range(2)]
    child.stdout.close()  # head -2 has what it wanted and goes
    child.stdin.write(b"go\n")
    child.stdin.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0, err
    assert first[1] == b"in 4\n" and err == ""
    (entry,) = practices()
    assert entry.preset == "box" and not entry.completed


@pytest.mark.parametrize(
    "plan",
    [
        '[[practice]]\nid = "slow"\nphases = [ { name = "in", seconds = "five" } ]\n',  # a wrong type (config.py)
        '[practice]\nid = "slow"\nphases = [ { name = "in", seconds = 5 } ]\n',  # one bracket: not a list
        '[[practice]]\nid = "slow"\nphases = [ { name = "in", seconds = 4 } ]\nbell_every_minutes = nan\n',  # no sense
    ],
)
def test_asking_for_a_left_out_preset_by_name_says_why(dtw, paths, plan):
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.plan_file.write_text(plan)
    result = dtw("practice", "slow", "--plain")
    assert result.exit_code == 2
    assert "no practice called" not in result.stderr and "'slow'" in result.stderr and "still work" in result.stderr
    said = [line for line in result.stderr.splitlines() if "'slow'" in line]
    assert len(said) == 1  # said once, as the error, not also as a warning before it
