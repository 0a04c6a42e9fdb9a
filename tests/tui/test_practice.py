"""The practice screens with Pilot; time is a fake clock the test moves, never real waiting."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from doingthework.core import config
from doingthework.core.store import Store
from doingthework.tui.app import build_app
from doingthework.tui.screens.home import HomeScreen
from doingthework.tui.screens.practice import PracticeChooser, PracticeScreen
from doingthework.tui.widgets.breathing_guide import BreathingGuide, draw

from .conftest import settle


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def practice_app(paths, clock):
    """The app as `dtw practice PRESET` builds it, with the fake clock; bells counted, not rung."""

    def make(preset: str | None = "box", config_text: str | None = None, **options):
        if config_text is not None:
            paths.config_dir.mkdir(parents=True, exist_ok=True)
            paths.config_file.write_text(config_text)
        start_options = {"clock": clock, **options}
        if preset is not None:
            start_options["preset"] = preset
        app = build_app(Store(paths), config.load(paths.config_dir), start="practice", start_options=start_options)
        app.bells_rung = 0

        def bell() -> None:
            app.bells_rung += 1

        app.bell = bell
        return app

    return make


async def later(pilot, clock: FakeClock, seconds: float) -> None:
    """Move the fake clock on and draw one frame."""
    clock.now += seconds
    pilot.app.screen.tick()
    await pilot.pause()


def practices(saved):
    return saved("practice")


async def test_two_keys_from_home_start_a_three_minute_breathing_practice(make_app, saved):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PracticeChooser)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.preset.id == "box" and 170 <= app.screen.timer.planned <= 190
        await pilot.press("escape")
        await pilot.pause()
    (entry,) = practices(saved)
    assert entry.preset == "box" and not entry.completed


async def test_space_pauses_and_resumes(practice_app, clock):
    app = practice_app("box")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await later(pilot, clock, 3)
        await pilot.press("space")
        await later(pilot, clock, 60)
        assert screen.timer.paused and screen.timer.elapsed == 3
        assert "Paused" in str(screen.query_one("#practice-time").render())
        await pilot.press("space")
        await later(pilot, clock, 2)
        assert not screen.timer.paused and screen.timer.elapsed == 5
        assert screen.timer.step.phase.name == "hold"


async def test_plus_and_minus_change_the_length(practice_app, clock):
    app = practice_app("box", rounds=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        timer = app.screen.timer
        await pilot.press("plus")
        assert timer.schedule.rounds == 6
        await pilot.press("minus", "minus")
        assert timer.schedule.rounds == 1  # never below the round under way


async def test_escape_stops_at_once_logs_and_the_after_rating_updates_that_entry(practice_app, clock, saved):
    app = practice_app("box", before=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await later(pilot, clock, 10)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)  # no confirmation: stopped, and the result shown
        (entry,) = practices(saved)
        assert (entry.preset, entry.actual_seconds, entry.planned_seconds, entry.completed) == ("box", 10, 176, False)
        assert (entry.before, entry.after) == (4, None)
        await pilot.press("7")
        await pilot.pause()
        (rated,) = practices(saved)
        assert rated.id == entry.id and rated.after == 7 and rated.actual_seconds == 10
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_finished_practice_is_logged_the_moment_it_ends_with_bells(practice_app, clock, saved):
    app = practice_app("4-7-8", rounds=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(40):
            await later(pilot, clock, 0.5)
        (entry,) = practices(saved)
        assert entry.completed and entry.actual_seconds == 19 and entry.planned_seconds == 19
        assert app.bells_rung == 4  # the start, hold, out, and the end
        assert "Finished" in str(app.screen.query_one("#practice-result").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert len(practices(saved)) == 1


async def test_no_bell_and_config_bells_off_keep_it_quiet(practice_app, clock):
    for app in (practice_app("box", rounds=1, bells=False), practice_app("box", rounds=1, config_text="bells = false\n")):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for _ in range(10):
                await later(pilot, clock, 2)
            assert app.screen.timer.completed and app.bells_rung == 0


async def test_reduced_motion_shows_words_only(practice_app, clock):
    app = practice_app("box", config_text="reduced_motion = true\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await later(pilot, clock, 2)
        guide = app.screen.query_one(BreathingGuide)
        text = str(guide.render())
        assert "Breathe in" in text and "█" not in text


async def test_grounding_moves_on_with_enter_and_keeps_the_notes(practice_app, clock, saved):
    app = practice_app("grounding")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Input)
        for word in "lamp":
            await pilot.press(word)
        await pilot.press("enter")
        await later(pilot, clock, 20)
        assert app.screen.timer.index == 1
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
        (entry,) = practices(saved)
    assert entry.completed and entry.planned_seconds is None and entry.actual_seconds == 20
    assert entry.extra["note"] == "5 things you can see: lamp"


async def test_the_chooser_offers_a_before_rating_that_never_blocks(make_app, saved):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("tab", "6", "shift+tab", "down", "enter")  # 4-7-8, before 6
        await pilot.pause()
        assert app.screen.preset.id == "4-7-8"
        await pilot.press("escape")
        await pilot.pause()
    (entry,) = practices(saved)
    assert entry.preset == "4-7-8" and entry.before == 6


async def test_stopped_in_the_start_delay_logs_nothing(practice_app, clock, saved):
    app = practice_app("box", delay=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await later(pilot, clock, 2)
        assert "Starting in" in str(app.screen.query_one("#practice-phase").render())
        await pilot.press("escape")
        await pilot.pause()
    assert practices(saved) == []


async def test_help_now_is_one_key_away_while_practising(practice_app):
    from doingthework.tui.screens.help_now import HelpNowScreen

    app = practice_app("box")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)


def test_the_guide_grows_with_the_breath():
    def filled(level: float) -> int:
        return sum(len(line.replace(" ", "")) for line in draw(40, 12, level))

    sizes = [filled(level / 10) for level in range(11)]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1] / 10
    assert len(draw(40, 12, 1)) == 12


# ---- snapshots, with the clock frozen ------------------------------------------------------------
def test_snapshot_mid_inhale(practice_app, clock, snap_compare):
    async def mid_inhale(pilot) -> None:
        await settle(pilot)
        await later(pilot, clock, 2)

    assert snap_compare(practice_app("box"), run_before=mid_inhale, terminal_size=(80, 24))


def test_snapshot_paused(practice_app, clock, snap_compare):
    async def paused(pilot) -> None:
        await settle(pilot)
        await later(pilot, clock, 5.5)
        await pilot.press("space")
        await settle(pilot)

    assert snap_compare(practice_app("box"), run_before=paused, terminal_size=(80, 24))
