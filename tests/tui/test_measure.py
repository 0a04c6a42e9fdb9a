"""The Measure screen: a digit answers and moves on, back goes back, F1 anywhere, a draft kept,
and PHQ-9 question 9 met with the way to help now."""

from __future__ import annotations

from textual.widgets import Static

from doingthework.tui.screens.help_now import HelpNowScreen
from doingthework.tui.screens.measure import MeasureScreen
from doingthework.tui.screens.modals import ConfirmScreen
from doingthework.tui.widgets.care_bar import CareBar
from tests.tui.conftest import settle


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_digits_answer_and_move_on_and_the_result_is_saved(make_app, saved):
    app = make_app("measure")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeasureScreen) and "Question 1 of 9" in text_of(app, "#measure-progress")
        await pilot.press("1", "1", "0", "2", "0", "0", "0", "0", "0")  # in one burst
        await pilot.pause()
        assert "One last question" in text_of(app, "#measure-progress")
        await pilot.press("1")
        await pilot.pause()
        assert "PHQ-9: 4 of 27, minimal." in text_of(app, "#measure-result")
        assert "not a diagnosis" in text_of(app, "#measure-result")
        assert not app.screen.query(CareBar)  # question 9 was 0: no door needed
    (entry,) = saved("measure")
    assert entry.answers == [1, 1, 0, 2, 0, 0, 0, 0, 0] and entry.score == 4 and entry.band == "minimal"
    assert entry.difficulty == 1


async def test_back_goes_back_and_a_digit_out_of_range_is_ignored(make_app, saved):
    app = make_app("measure", clock=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "2", "backspace", "7", "1")
        await pilot.pause()
        assert app.screen.answers == [3, 1] and "Question 3 of 9" in text_of(app, "#measure-progress")
    assert saved("measure") == []  # nothing saved until every question has its answer


async def test_question_9_opens_a_door_to_help_and_f1_works_mid_measure(make_app, saved):
    app = make_app("measure")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"00000000", "2")
        await pilot.pause()
        (bar,) = app.screen.query(CareBar)
        assert "help" in " ".join(bar.lines) and "nothing is lost" in " ".join(bar.lines)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeasureScreen)
        await pilot.press("0")  # the difficulty question
        await pilot.pause()
    (entry,) = saved("measure")
    assert entry.answers[-1] == 2


async def test_leaving_half_way_keeps_a_draft_that_is_offered_back(make_app, saved):
    app = make_app("measure")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1", "2", "3", "escape")
        await pilot.pause()
    assert saved("measure") == []
    app = make_app("measure")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.focused.id == "yes"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.answers == [1, 2, 3] and "Question 4 of 9" in text_of(app, "#measure-progress")


async def _settled(pilot) -> None:
    await settle(pilot)


def test_snapshot_first_question(make_app, snap_compare):
    assert snap_compare(make_app("measure"), run_before=_settled)


def test_snapshot_result_without_colour(make_app, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def answer(pilot) -> None:
        await settle(pilot)
        await pilot.press(*"110200001", "1")
        await settle(pilot)

    assert snap_compare(make_app("measure"), run_before=answer)


async def test_leaving_at_the_unscored_last_question_still_saves_every_answer(make_app, saved):
    app = make_app("measure")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"110000000")
        await pilot.pause()
        assert "One last question" in text_of(app, "#measure-progress")
        await pilot.press("escape")
        await pilot.pause()
    (entry,) = saved("measure")
    assert entry.answers == [1, 1, 0, 0, 0, 0, 0, 0, 0] and entry.difficulty is None


WEEKLY_PLAN = """
[[measures]]
id = "phq9"

[[measures]]
id = "weekly"
title = "Weekly check"
items = ["I felt calm", "I slept well", "I felt unsafe"]
answers = [{value = 0, label = "Not at all"}, {value = 1, label = "Some days"}, {value = 2, label = "Most days"}]
notice = {item = 3, at_or_above = 2}
every_days = 7
"""


async def test_a_plan_measure_noticed_at_its_last_answer_is_saved_with_the_door_in_one_burst(make_app, saved):
    # the noticed last answer mounts the care bar and the save (no closing question) speaks to it
    # again at once: the second words must land even before the bar has composed (it crashed)
    app = make_app("measures", plan=WEEKLY_PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter", "1", "2", "2")
        await settle(pilot)
        assert isinstance(app.screen, MeasureScreen)
        (bar,) = app.screen.query(CareBar)
        assert "listed under Safety first" in str(bar.query_one("#care-lines", Static).render())
        assert "Weekly check: 5 of 6." in text_of(app, "#measure-result")
    (entry,) = saved("measure")
    assert (entry.measure, entry.title, entry.answers, entry.score) == ("weekly", "Weekly check", [1, 2, 2], 5)


async def test_home_says_gently_what_the_plan_has_due_and_m_opens_the_questionnaires(make_app):
    app = make_app(plan=WEEKLY_PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        today = text_of(app, "#today")
        assert "PHQ-9 and Weekly check are due, whenever you're ready (m)." in today
        assert "overdue" not in today.lower()
        await pilot.press("m")
        await settle(pilot)
        options = app.screen.query_one("#measures")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts == [
            "PHQ-9  ·  9 questions  ·  due",
            "GAD-7  ·  7 questions",
            "Weekly check  ·  3 questions  ·  due",
        ]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MeasureScreen) and app.screen.measure.id == "phq9"


async def test_nothing_is_due_once_filled_in_within_its_days_and_nothing_without_a_plan(make_app, paths):
    from doingthework.core import config
    from doingthework.core.measures import find
    from doingthework.core.store import Store

    app = make_app(plan=WEEKLY_PLAN)  # writes the plan
    plan = config.load(paths.config_dir).plan
    Store(paths).add(find("weekly", plan).record([0, 0, 0]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "PHQ-9 is due, whenever you're ready (m)." in text_of(app, "#today")
        assert "Weekly" not in text_of(app, "#today")
    app = make_app(plan="")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "due" not in text_of(app, "#today")


def test_snapshot_the_questionnaires_with_what_is_due_without_colour(make_app, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app("measures", plan=WEEKLY_PLAN), run_before=_settled)
