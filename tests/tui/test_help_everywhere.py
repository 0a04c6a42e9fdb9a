"""F1 opens help now from every screen and every dialog the app has, and escape returns exactly there.

The screens are found by introspection, so a screen added later is tested without anyone
remembering to: a class this file can't build fails the test, naming itself.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import pytest
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Input, TextArea

import doingthework.tui.screens as screens_package
from doingthework.core.models import Note
from doingthework.tui.screens.help_now import HelpNowScreen

from .conftest import settle


def app_screen_classes() -> list[type[Screen]]:
    """Every Screen (full or modal) defined in doingthework.tui.screens."""
    found: dict[str, type[Screen]] = {}
    for module_info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__.startswith("doingthework."):
                found[cls.__qualname__] = cls
    return [found[name] for name in sorted(found)]


def _practice(app):
    from doingthework.tui.screens.practice import practice_screen

    return practice_screen(app, "box", {"bells": False})


# screens that need something to show; the rest are built with no arguments
BUILDERS: dict[str, Callable] = {
    "ConfirmScreen": lambda app: __import__("doingthework.tui.screens.modals", fromlist=["x"]).ConfirmScreen(
        "Leave without saving?", "Leave", "Keep going"
    ),
    "SavedScreen": lambda app: __import__("doingthework.tui.screens.modals", fromlist=["x"]).SavedScreen(
        ["Mood 1."], care=["That sounds like a hard moment."]
    ),
    "EntryScreen": lambda app: __import__("doingthework.tui.screens.history", fromlist=["x"]).EntryScreen(
        Note(text="ask about sleep")
    ),
    "PracticeScreen": _practice,
}
ABSTRACT = {"DtwScreen", "EntryFormScreen", "DtwDialog"}  # bases, never shown on their own

CLASSES = [cls for cls in app_screen_classes() if cls.__name__ not in ABSTRACT]


def test_introspection_finds_the_screens_and_dialogs():
    names = {cls.__name__ for cls in CLASSES}
    # a sanity floor: if discovery broke, the parametrised test below would pass on nothing
    assert {
        "HomeScreen",
        "CheckinScreen",
        "TriggerScreen",
        "HelpNowScreen",
        "ConfirmScreen",
        "SavedScreen",
        "EntryScreen",
        "PracticeScreen",
        "PracticeChooser",
    } <= names


def build(cls: type[Screen], app) -> Screen:
    if cls.__name__ in BUILDERS:
        return BUILDERS[cls.__name__](app)
    required = [
        p
        for p in inspect.signature(cls.__init__).parameters.values()
        if p.name != "self" and p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    assert not required, f"{cls.__name__} needs {[p.name for p in required]}: add a builder for it in this file"
    return cls()


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
async def test_f1_opens_help_now_and_escape_comes_back(make_app, cls):
    app = make_app(plan='[safety]\npeople = ["Sam 555-0100"]\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = build(cls, app)
        await app.push_screen(screen)
        await pilot.pause()
        below = app.screen_stack[-2] if cls is HelpNowScreen else screen
        typed = None
        if isinstance(app.focused, (Input, TextArea)):
            await pilot.press("o", "k")  # a half-typed answer must survive the trip to help now and back
            typed = app.focused, _text_of(app.focused)
            assert typed[1].endswith("ok")
        focused = app.focused

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen), f"F1 on {cls.__name__} left {type(app.screen).__name__} on top"

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is below, f"escape from help now went to {type(app.screen).__name__}, not {cls.__name__}"
        if cls is not HelpNowScreen:
            assert app.focused is focused
        if typed:
            widget, text = typed
            assert _text_of(widget) == text


def _text_of(widget) -> str:
    return widget.value if isinstance(widget, Input) else widget.text


async def test_f1_from_the_command_palette_and_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        palette = app.screen
        await pilot.press("h", "e")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is palette
        assert palette.query_one(Input).value == "he"


async def test_f1_pauses_a_running_practice(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = _practice(app)
        await app.push_screen(screen)
        await pilot.pause()
        assert not screen.timer.paused
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpNowScreen)
        assert screen.timer.paused, "the practice should wait while help now is open"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.timer.paused and not screen.timer.done


@pytest.mark.parametrize("cls_name", ["ConfirmScreen", "SavedScreen"])
async def test_dialog_buttons_move_with_the_arrow_keys(make_app, cls_name):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = BUILDERS[cls_name](app)
        await app.push_screen(dialog)
        await pilot.pause()
        start = app.focused
        await pilot.press("left")
        assert app.focused is not start
        await pilot.press("right")
        assert app.focused is start
        await pilot.press("tab")
        assert app.focused is not start
