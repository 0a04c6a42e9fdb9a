"""The unlock screen: encrypted entries open with the passphrase, calmly, and help now never waits
for it."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from doingthework.core import config, crypto, encryption
from doingthework.core.models import Note
from doingthework.core.store import Store
from doingthework.tui.app import build_app
from doingthework.tui.screens.help_now import HelpNowScreen
from doingthework.tui.screens.home import HomeScreen
from doingthework.tui.screens.unlock import WRONG, UnlockScreen
from tests.tui.conftest import settle, type_text


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch):
    monkeypatch.setattr(
        crypto, "tune_scrypt", lambda target_seconds=0.3: {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
    )
    crypto.forget_cached_keys()


@pytest.fixture
def encrypted(paths):
    store = Store(paths)
    store.add(Note(text="words only I should read"))
    encryption.encrypt(store, "correct horse")
    crypto.forget_cached_keys()
    return paths


def locked_app(paths, start: str = "home"):
    def never() -> str:  # the app never asks in the terminal
        raise AssertionError("asked for a passphrase outside the app")

    return build_app(Store(paths, passphrase=never), config.load(paths.config_dir), start=start)


async def unlock_with(pilot, passphrase: str) -> None:
    await type_text(pilot, passphrase)
    await pilot.press("enter")
    # the key is derived in a worker that the field's Submitted starts: on a busy machine that
    # message may not be handled yet when enter returns, and one wait_for_complete then found none
    await settle(pilot)


async def test_a_locked_folder_opens_on_the_unlock_screen_and_the_passphrase_opens_home(encrypted):
    app = locked_app(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        assert app.screen.query_one("#passphrase", Input).password  # never shown as typed
        await unlock_with(pilot, "correct horse")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and not app.locked
        assert "No check-in yet" in str(app.screen.query_one("#today", Static).render())


async def test_a_wrong_passphrase_says_so_kindly_and_lets_you_try_again(encrypted):
    before = {p: p.read_bytes() for p in (encrypted.data_dir / "entries").iterdir()}
    app = locked_app(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):  # no limit on tries
            await unlock_with(pilot, "wrong horse")
            assert isinstance(app.screen, UnlockScreen)
            assert str(app.screen.query_one("#unlock-message", Static).render()) == WRONG
            field = app.screen.query_one("#passphrase", Input)
            assert field.value == "" and field.has_focus and not field.disabled
        await unlock_with(pilot, "correct horse")
        assert isinstance(app.screen, HomeScreen)
    assert {p: p.read_bytes() for p in (encrypted.data_dir / "entries").iterdir()} == before


async def test_help_now_opens_while_locked_and_unlocking_after_it_still_works(encrypted):
    app = locked_app(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "corr")  # halfway through typing
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await unlock_with(pilot, "ect horse")
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1


async def test_nothing_but_help_now_opens_before_unlocking(encrypted):
    app = locked_app(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        for place in ("checkin", "trigger", "history", "note", "export", "patterns", "boundary", "practice"):
            app.action_open(place)
            await pilot.pause()
            assert isinstance(app.screen, UnlockScreen), place


async def test_dtw_checkin_on_a_locked_folder_opens_the_form_after_unlocking(encrypted):
    from doingthework.tui.screens.checkin import CheckinScreen

    app = locked_app(encrypted, start="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await unlock_with(pilot, "correct horse")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("7", "ctrl+s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    crypto.forget_cached_keys()
    moods = [e.mood for e in Store(encrypted, passphrase=lambda: "correct horse").query(kinds=["checkin"]).entries]
    assert moods == [7]


async def _settled(pilot) -> None:
    await settle(pilot)


def test_snapshot_locked(encrypted, snap_compare):
    assert snap_compare(locked_app(encrypted), run_before=_settled)


def test_snapshot_wrong_passphrase_without_colour(encrypted, snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def wrong(pilot) -> None:
        await unlock_with(pilot, "wrong horse")
        await settle(pilot)

    assert snap_compare(locked_app(encrypted), run_before=wrong)


def test_the_app_takes_the_passphrase_from_the_command_before_it_starts(encrypted, monkeypatch):
    import sys

    from doingthework.cli.context import State
    from doingthework.cli.launch import _unlock_without_asking
    from doingthework.core.crypto import WrongPassphrase

    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", f"{sys.executable} -c \"print('correct horse')\"")
    state = State()
    _unlock_without_asking(state)
    assert state.store.vault.unlocked
    assert not locked_app_from(state).locked
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", f"{sys.executable} -c \"print('wrong')\"")
    crypto.forget_cached_keys()
    with pytest.raises(WrongPassphrase):
        _unlock_without_asking(State())


def locked_app_from(state):
    return build_app(state.store, config.load(state.paths.config_dir))


@pytest.mark.parametrize("name", ["checkin", "trigger", "boundary", "note"])
async def test_every_forms_draft_is_encrypted_and_comes_back(encrypted, name):
    """Words typed into any form and kept as a draft (ctrl+q before saving) never reach the disk
    as plain text, and are offered back after the next unlock."""
    from doingthework.tui.screens.modals import ConfirmScreen

    sentinel = "sentinelwordsinadraft"
    app = locked_app(encrypted, start=name)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock_with(pilot, "correct horse")
        await pilot.pause()
        field = next(i for i in app.screen.query("#form-body Input").results(Input) if not i.restrict)
        field.focus()
        await type_text(pilot, sentinel)
        await pilot.press("ctrl+q")
        await pilot.pause()
    drafts = list((encrypted.data_dir / "drafts").iterdir())
    assert drafts
    everything = b"".join(p.read_bytes() for p in encrypted.data_dir.rglob("*") if p.is_file())
    assert sentinel.encode() not in everything
    app = locked_app(encrypted, start=name)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock_with(pilot, "correct horse")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "Pick up where you left off?" in app.screen.question
        await pilot.press("enter")
        await pilot.pause()
        assert any(i.value == sentinel for i in app.screen.query(Input))


async def test_going_home_from_the_palette_while_locked_keeps_the_unlock_screen(encrypted):
    app = locked_app(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        app.action_home()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await unlock_with(pilot, "correct horse")
        assert isinstance(app.screen, HomeScreen)


async def test_unlocking_while_help_now_is_open_leaves_help_now_in_place(encrypted):
    app = locked_app(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        app.store.vault.unlock("correct horse")  # what the worker does, finishing while help now is open
        app.unlocked()
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen) and not app.locked
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1


async def test_the_palette_offers_no_screenshot_while_entries_are_encrypted(encrypted, paths):
    app = locked_app(encrypted)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock_with(pilot, "correct horse")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and titles
    encryption.decrypt(Store(paths, passphrase=lambda: "correct horse"))
    plain = build_app(Store(paths), config.load(paths.config_dir))
    async with plain.run_test(size=(80, 24)):
        assert "Screenshot" in [c.title for c in plain.get_system_commands(plain.screen)]
