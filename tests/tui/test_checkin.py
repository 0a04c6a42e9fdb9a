from __future__ import annotations

import stat

from textual.widgets import Input, SelectionList

from doingthework.tui.screens.checkin import CheckinScreen
from doingthework.tui.screens.help_now import HelpNowScreen
from doingthework.tui.screens.home import HomeScreen
from doingthework.tui.screens.modals import ConfirmScreen, SavedScreen
from doingthework.tui.widgets.scale_picker import ScalePicker

from .conftest import settle, type_text


async def test_opens_with_mood_focused(make_app):
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
        assert isinstance(app.focused, ScalePicker) and app.focused.id == "scale-mood"


async def test_a_keyboard_only_checkin_is_saved(make_app, saved):
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("7", "tab", "0", "tab")  # 0 means 10 on a 1–10 scale
        await type_text(pilot, "7.5")
        await pilot.press("tab", "down", "space", "tab", "space")  # anxious; sad
        await pilot.press("tab", "tab", "tab")  # past the other feeling groups
        assert app.focused.id == "body"
        await type_text(pilot, "tight shoulders")
        await pilot.press("tab")
        await type_text(pilot, "short walk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen)
    (entry,) = saved()
    assert (entry.mood, entry.energy, entry.sleep_hours) == (7, 10, 7.5)
    assert entry.feelings == ["anxious", "sad"]
    assert (entry.body, entry.intention, entry.note) == ("tight shoulders", "short walk", None)
    assert entry.private is False


async def test_every_field_can_be_skipped(make_app, saved):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = saved()
    assert entry.mood is None and entry.feelings == [] and entry.body is None


async def test_arrows_and_backspace_on_a_scale(make_app, saved):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("5", "right", "right", "left", "tab", "3", "backspace", "ctrl+s")
        await pilot.pause()
    (entry,) = saved()
    assert entry.mood == 6 and entry.energy is None


async def test_clicking_a_number_sets_the_scale(make_app, saved):
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = app.screen.query_one("#scale-energy", ScalePicker)
        start, _, number = picker._cells[3]
        await pilot.click(picker, offset=(start + 2, 1))
        assert picker.value == number == 4


async def test_private_and_note(make_app, saved):
    app = make_app("checkin")
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#note").focus()
        await type_text(pilot, "long day")
        await pilot.press("tab", "space", "ctrl+s")
        await pilot.pause()
    (entry,) = saved()
    assert entry.note == "long day" and entry.private is True


async def test_bad_sleep_waits_and_saves_nothing(make_app, saved):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, "30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert "sleep must be between 0 and 24" in str(app.screen.query_one("#form-error").render())
        await pilot.press("backspace", "backspace", "8", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen)
    assert [e.sleep_hours for e in saved()] == [8]


async def test_escape_with_nothing_entered_leaves_at_once(make_app, saved):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert saved() == []


async def test_escape_after_entering_asks_first(make_app, saved, paths):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("4", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # Keep going has focus: an enter typed ahead loses nothing
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one("#scale-mood", ScalePicker).value == 4
        await pilot.press("escape", "left", "enter")  # Leave
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert saved() == []
    assert (paths.drafts_dir / "checkin.json").exists()  # left for now: kept, and offered next time


async def test_a_half_filled_checkin_survives_as_a_draft(make_app, saved, paths):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("3", "tab", "2", "tab")
        await type_text(pilot, "6")
        await pilot.pause(0.6)  # drafts are kept shortly after a change
    draft = paths.drafts_dir / "checkin.json"
    assert draft.exists() and stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert saved() == []

    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # Continue it
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        assert screen.query_one("#scale-mood", ScalePicker).value == 3
        assert screen.query_one("#sleep", Input).value == "6"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = saved()
    assert (entry.mood, entry.energy, entry.sleep_hours) == (3, 2, 6)
    assert not draft.exists()


async def test_a_draft_can_be_set_aside_for_a_fresh_start(make_app, paths):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause(0.6)
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")  # Start fresh
        await pilot.pause()
        assert app.screen.query_one("#scale-mood", ScalePicker).value is None
    assert not (paths.drafts_dir / "checkin.json").exists()


async def test_low_mood_offers_help_now_and_still_saves(make_app, saved):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("1", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen) and app.screen.care
        assert [e.mood for e in saved()] == [1]
        await pilot.press("shift+tab", "enter")  # Open help now
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)


async def test_an_ordinary_day_is_not_met_with_a_crisis_offer(make_app):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("6", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen) and not app.screen.care
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


DIARY_CARD_PLAN = """
skills = ["wise mind", "opposite action"]
[checkin]
hide = ["sleep", "intention"]
skills = true
[[checkin.scales]]
name = "urge_self_harm"
label = "Urge to self-harm"
min = 0
max = 5
risk_at_or_above = 4
[[checkin.questions]]
name = "win"
prompt = "One small win"
"""


async def test_plan_scales_questions_skills_and_hidden_fields(make_app, saved):
    app = make_app("checkin", plan=DIARY_CARD_PLAN)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert not screen.query("#sleep") and not screen.query("#intention")
        urge = screen.query_one("#scale-urge_self_harm", ScalePicker)
        urge.focus()
        await pilot.press("4")
        screen.query_one("#question-win").focus()
        await type_text(pilot, "called Jo")
        screen.query_one("#skills", SelectionList).focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen) and app.screen.care
    (entry,) = saved()
    assert entry.scales == {"urge_self_harm": 4}
    assert entry.extra["answers"] == {"win": "called Jo"}
    assert entry.extra["skills"] == ["wise mind"]


async def test_home_says_whether_today_is_done(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "No check-in yet today" in str(app.screen.query_one("#today").render())
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("6", "ctrl+s", "enter")
        await pilot.pause()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "You checked in today" in str(app.screen.query_one("#today").render())


async def test_kind_and_focus_area_from_the_plan(make_app, saved):
    plan = 'focus_areas = ["speaking up", "rest"]\n[checkin]\nkinds = ["morning", "evening"]\n'
    app = make_app("checkin", plan=plan)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        assert app.focused.id == "scale-mood"  # the mood scale still comes first
        await pilot.press("7")
        app.screen.query_one("#kind").focus()
        await pilot.press("enter", "down", "down", "enter")  # the second kind
        app.screen.query_one("#intention").focus()
        await type_text(pilot, "say no once")
        await pilot.press("tab", "enter", "down", "enter")  # the first focus area
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = saved()
    assert entry.mood == 7 and entry.intention == "say no once"
    assert entry.extra["checkin_kind"] == "evening"
    assert entry.extra["focus_area"] == "speaking up"


async def test_a_draft_in_an_unexpected_shape_is_filled_as_far_as_it_fits(make_app, paths, saved):
    from doingthework.core.store import Store

    Store(paths).save_draft(
        "checkin",
        {
            "scales": {"mood": 99, "energy": "x"},
            "feelings": ["anxious", "not-a-feeling"],
            "sleep": 7,
            "kind": "nope",
            "private": "yes",
            "answers": "oops",
        },
    )
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#scale-mood", ScalePicker).value is None
        assert screen.query_one("#sleep", Input).value == "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = saved()
    assert entry.feelings == ["anxious"] and entry.sleep_hours == 7


async def test_escape_on_the_draft_question_keeps_the_draft(make_app, paths):
    from doingthework.core.store import Store

    Store(paths).save_draft("checkin", {"scales": {"mood": 4}})
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("escape")  # nothing entered: leaves at once
        await pilot.pause()
    assert Store(paths).load_draft("checkin")[0]["scales"] == {"mood": 4}


async def test_a_draft_with_nested_or_boolean_values_does_not_crash(make_app, paths, saved):
    from doingthework.core.store import Store

    Store(paths).save_draft("checkin", {"scales": {"mood": True}, "feelings": [["a"], "calm"]})
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#scale-mood", ScalePicker).value is None
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = saved()
    assert entry.mood is None and entry.feelings == ["calm"]


async def test_choosing_help_now_after_a_hard_checkin_is_remembered(make_app, saved):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("1", "ctrl+s")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # Open help now
        await pilot.pause()
    (entry,) = saved()
    assert entry.mood == 1 and entry.extra.get("opened_help_now") is True


async def test_a_mistake_is_shown_in_a_toast_with_focus_on_the_field(make_app, saved):
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5", "tab", "tab", "2", "5", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen) and app.focused.id == "sleep"
        assert any("sleep must be between 0 and 24" in str(n.message) for n in app._notifications)
    assert saved() == []


async def test_letters_in_sleep_are_refused_with_a_hint(make_app):
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "s", "7")
        await pilot.pause()
        assert app.focused.id == "sleep" and app.focused.value == "7"
        assert any("number of hours" in str(n.message) for n in app._notifications)
