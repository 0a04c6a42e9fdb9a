"""Noticing, gently, in the app: a hard moment is met with one calm line and a door to help now
that has focus only if the person moves to it; never a wall, never twice for one entry."""

from __future__ import annotations

from textual.widgets import Button

from doingthework.core.models import Trigger
from doingthework.tui.screens.help_now import HelpNowScreen
from doingthework.tui.screens.home import HomeScreen
from doingthework.tui.screens.modals import SavedScreen
from doingthework.tui.widgets.care_bar import CareBar

from .conftest import settle, top_hit, type_text, until


async def log_trigger(pilot, what: str, intensity: str, urge: str = "") -> None:
    await settle(pilot)
    await type_text(pilot, what)
    await pilot.press("tab")
    await pilot.pause()
    await pilot.press(intensity)
    if urge:
        pilot.app.screen.query_one("#urge").value = urge
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.pause()


async def test_a_trigger_at_9_is_met_with_a_calm_line_and_a_door(make_app, saved):
    app = make_app("trigger")
    async with app.run_test(size=(80, 24)) as pilot:
        await log_trigger(pilot, "the call", "9")
        assert isinstance(app.screen, HomeScreen)
        bar = app.screen.query_one(CareBar)
        text = str(bar.query_one("Static").render())
        assert "hard moment" in text and "Safety first" in text
        assert app.focused is not bar.query_one(Button)  # the door is there; nobody is pushed through it
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query(CareBar)  # said once
    (entry,) = saved("trigger")
    assert entry.intensity == 9 and entry.extra.get("opened_help_now") is True


async def test_the_door_opens_help_now_by_its_button_too(make_app, saved):
    app = make_app("trigger")
    async with app.run_test(size=(80, 24)) as pilot:
        await log_trigger(pilot, "the call", "5", urge="to hurt myself")
        assert app.screen.query_one(CareBar)
        await pilot.click("#care-open")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)
    assert saved("trigger")[0].extra.get("opened_help_now") is True


async def test_an_ordinary_trigger_gets_the_ordinary_thanks(make_app, saved):
    app = make_app("trigger")
    async with app.run_test(size=(80, 24)) as pilot:
        await log_trigger(pilot, "the call", "5", urge="to leave the room")
        assert isinstance(app.screen, HomeScreen) and not app.screen.query(CareBar)
    assert "opened_help_now" not in saved("trigger")[0].extra


async def test_noticing_can_be_turned_off(make_app):
    app = make_app("trigger", plan="[safety.notice]\noff = true\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await log_trigger(pilot, "the call", "9", urge="to hurt myself")
        assert not app.screen.query(CareBar)


async def test_a_private_entry_is_noticed_for_the_person_and_told_it_stays_private(make_app):
    app = make_app("trigger")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#private").value = True
        await log_trigger(pilot, "the call", "9")
        text = str(app.screen.query_one(CareBar).query_one("Static").render())
        assert "private" in text and "Safety first" not in text


async def test_an_edit_of_a_moment_already_noticed_says_nothing_more(make_app, store):
    entry = store.add(Trigger(what="the call", intensity=10))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        from doingthework.tui.screens.trigger import TriggerScreen

        await app.push_screen(TriggerScreen(editing=entry))
        await settle(pilot)
        app.screen.query_one("#what").value = "the phone call"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not app.screen.query(CareBar)


async def test_a_hopeless_checkin_on_an_ordinary_mood_is_noticed(make_app, saved):
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        app.screen.query_one("#feelings").select_values(["hopeless"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen) and app.screen.care
        assert app.focused.id == "done"  # help is offered, never forced
        # F1 from the summary opens help now over it, and notes it at once
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)
        assert saved("checkin")[0].extra.get("opened_help_now") is True
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    (entry,) = saved("checkin")
    assert entry.feelings == ["hopeless"] and entry.extra.get("opened_help_now") is True


async def test_mood_2_is_noticed_and_mood_3_is_not(make_app):
    for mood, noticed in (("2", True), ("3", False)):
        app = make_app("checkin")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press(mood, "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SavedScreen) and bool(app.screen.care) is noticed


async def test_help_now_from_the_palette_after_a_hard_moment_is_noted(make_app, saved):
    app = make_app("trigger")
    async with app.run_test(size=(80, 24)) as pilot:
        await log_trigger(pilot, "the call", "9")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Help now")
        # the palette searches in a worker, one per key typed; enter acts on the list it shows
        await until(pilot, lambda: top_hit(app) == "Help now")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)
    assert saved("trigger")[0].extra.get("opened_help_now") is True


async def test_quitting_from_help_now_keeps_the_note_that_it_was_opened(make_app, saved):
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1", "ctrl+s")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert saved("checkin")[0].extra.get("opened_help_now") is True


async def test_an_edit_that_newly_meets_a_signal_is_noticed(make_app, store):
    from doingthework.core.models import CheckIn
    from doingthework.tui.screens.checkin import CheckinScreen

    entry = store.add(CheckIn(mood=6))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(CheckinScreen(editing=entry))
        await settle(pilot)
        app.screen.query_one("#feelings").select_values(["hopeless"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.query(CareBar)
