"""The practice screens with Pilot; time is a fake clock the test moves, never real waiting."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from textual.widgets._toast import Toast

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
    for app in (
        practice_app("box", rounds=1, bells=False),
        practice_app("box", rounds=1, config_text="bells = false\n"),
    ):
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


# ---- leaving mid-practice, notes, and what the chooser says --------------------------------------
def screen_text(app) -> str:
    """What is on the terminal now, as plain text (widgets scrolled off or covered don't count)."""
    import html
    import re

    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    return html.unescape("".join(lines)).replace("\xa0", " ")


@pytest.mark.parametrize("how", ["ctrl+q", "exit"])
async def test_quitting_mid_practice_stops_and_logs_it(practice_app, clock, saved, how):
    app = practice_app("box", before=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await later(pilot, clock, 10)
        if how == "ctrl+q":
            await pilot.press("ctrl+q")
        else:
            app.exit()  # what SIGTERM and SIGHUP do
        await pilot.pause()
    (entry,) = practices(saved)
    assert (entry.preset, entry.actual_seconds, entry.planned_seconds, entry.completed, entry.before) == (
        "box",
        10,
        176,
        False,
        3,
    )


async def test_quitting_after_it_ended_logs_it_once_and_before_it_began_not_at_all(practice_app, clock, saved):
    app = practice_app("box", rounds=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await later(pilot, clock, 17)
        assert app.screen.timer.completed
        app.exit()
        await pilot.pause()
    assert [e.completed for e in practices(saved)] == [True]
    waiting = practice_app("box", delay=5)
    async with waiting.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await later(pilot, clock, 2)
        waiting.exit()
        await pilot.pause()
    assert len(practices(saved)) == 1


async def test_quitting_grounding_keeps_the_half_typed_note(practice_app, clock, saved):
    app = practice_app("grounding")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await later(pilot, clock, 15)
        for key in "tree":
            await pilot.press(key)
        await pilot.press("ctrl+q")
        await pilot.pause()
    (entry,) = practices(saved)
    assert not entry.completed and entry.actual_seconds == 15
    assert entry.extra["note"] == "5 things you can see: tree"


async def test_escape_in_grounding_keeps_the_half_typed_note(practice_app, clock, saved):
    app = practice_app("grounding")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in "lamp":
            await pilot.press(key)
        await pilot.press("enter")
        await later(pilot, clock, 20)
        for key in "soft":
            await pilot.press(key)
        await pilot.press("escape")
        await pilot.pause()
        (entry,) = practices(saved)
    assert not entry.completed
    assert entry.extra["note"] == "5 things you can see: lamp\n4 things you can touch: soft"


async def test_the_chooser_shows_a_broken_plan_preset_where_it_can_be_seen(make_app):
    plan = '[[practice]]\nid = "broken"\nphases = []\n'
    app = make_app(plan=plan)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PracticeChooser)
        text = screen_text(app)
        # the warning, as its toast draws it on the screen: it names plan.toml by its full path, so
        # where its lines wrap follows the length of the test's temporary folder; read row by row
        # across the whole terminal, "needs phases" was cut in two under some folder names
        (toast,) = app.screen.query(Toast)
        assert toast.region.width and app.screen.region.contains_region(toast.region)
        rows = [toast.render_line(y).text for y in range(toast.content_size.height)]  # inside its border
        said = " ".join(" ".join(rows).split())
        assert "'broken'" in said and "needs phases" in said
        assert "Box breathing" in text and "Before you start" in text  # the list and the rating still show


async def test_minus_on_a_timed_pass_says_it_is_as_short_as_it_goes(practice_app, clock):
    app = practice_app("sit", minutes=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await later(pilot, clock, 50)
        await pilot.press("minus")  # 10 s left: down to the last 5 s
        assert app.screen.timer.left == pytest.approx(5)
        await pilot.press("minus")  # and no further
        await pilot.pause()
        text = screen_text(app)
        assert "last round" not in text and "as short as it can be" in text


@pytest.mark.parametrize(
    "after, shown",
    [
        (0.0, "Breathe in  5.5"),
        (0.05, "Breathe in  5.5"),
        (0.2, "Breathe in  5.3"),
        (5.0, "Breathe in  0.5"),
        (5.6, "Breathe out  5.4"),
    ],
)
async def test_coherent_counts_down_its_half_seconds(practice_app, clock, after, shown):
    app = practice_app("coherent", config_text="reduced_motion = true\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await later(pilot, clock, after)
        assert app.screen.query_one(BreathingGuide).words == shown


async def test_time_so_far_counts_whole_seconds_done_and_time_left_rounds_up(practice_app, clock):
    app = practice_app("box", rounds=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await later(pilot, clock, 0.6)
        line = str(app.screen.query_one("#practice-time").render())
        assert "0:00 so far" in line and "0:16 left" in line
        await later(pilot, clock, 15)  # 15.6 s in
        line = str(app.screen.query_one("#practice-time").render())
        assert "0:15 so far" in line and "0:01 left" in line


async def test_the_frame_timer_stops_when_the_practice_ends(practice_app, clock):
    app = practice_app("box", rounds=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        ticker = screen._ticker
        assert ticker is not None and ticker._task is not None  # a Textual timer runs while one is
        await pilot.press("escape")
        await pilot.pause()
        assert screen.timer.done and ticker._task is None  # stopped: no more frames once it has ended
