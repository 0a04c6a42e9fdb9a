"""What every entry form promises, checked on every form found by introspection (so a new form
can't be forgotten): a draft kept on ctrl+q and offered back, the safe answer focused in the
leave dialog, and a mistake shown beside the form with focus on the field."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.widgets import Button, Input

import doingthework.tui.screens as screens_package
from doingthework.tui.screens.form import EntryFormScreen
from doingthework.tui.screens.modals import ConfirmScreen
from doingthework.tui.widgets.scale_picker import ScalePicker

from .conftest import settle


def form_classes() -> list[type[EntryFormScreen]]:
    found = {}
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, EntryFormScreen) and cls is not EntryFormScreen:
                found[cls.__name__] = cls
    return [found[name] for name in sorted(found)]


FORMS = form_classes()


def test_every_form_is_found():
    assert {cls.__name__ for cls in FORMS} >= {"CheckinScreen", "TriggerScreen", "BoundaryScreen", "NoteScreen"}
    assert all(cls.DRAFT for cls in FORMS), "every form keeps a draft"


async def open_form(app, pilot, cls):
    await settle(pilot)
    await app.push_screen(cls())
    await pilot.pause()
    await pilot.pause()


async def enter_something(app, pilot) -> tuple[str, object]:
    """Type into the form's first field; returns (its id, the value it now holds)."""
    if isinstance(app.focused, ScalePicker):
        await pilot.press("5")
        return app.focused.id, 5
    field = app.focused if isinstance(app.focused, Input) else app.screen.query("#form-body Input").first()
    field.focus()
    await pilot.pause()
    await pilot.press("o", "k")
    return field.id, field.value


@pytest.mark.parametrize("cls", FORMS, ids=lambda c: c.__name__)
async def test_ctrl_q_keeps_a_draft_that_is_offered_back(make_app, paths, saved, cls):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(app, pilot, cls)
        field_id, value = await enter_something(app, pilot)
        await pilot.press("ctrl+q")  # at once: no time for the draft timer
        await pilot.pause()
    assert (paths.drafts_dir / f"{cls.DRAFT}.json").exists()
    assert saved() == []

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(app, pilot, cls)
        assert isinstance(app.screen, ConfirmScreen) and "Pick up where you left off?" in app.screen.question
        assert app.focused.id == "yes"  # "Continue it": the answer that loses nothing
        await pilot.press("enter")
        await pilot.pause()
        widget = app.screen.query_one(f"#{field_id}")
        assert widget.value == value


@pytest.mark.parametrize("cls", FORMS, ids=lambda c: c.__name__)
async def test_leaving_asks_with_keep_going_focused_and_keeps_the_draft(make_app, paths, cls):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(app, pilot, cls)
        await enter_something(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert isinstance(app.focused, Button) and app.focused.id == "no"  # Keep going
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, cls)
        await pilot.press("escape", "left", "enter")  # Leave, on purpose
        await pilot.pause()
        assert not isinstance(app.screen, cls)
    assert (paths.drafts_dir / f"{cls.DRAFT}.json").exists()


@pytest.mark.parametrize("cls", FORMS, ids=lambda c: c.__name__)
async def test_saving_clears_the_draft(make_app, paths, saved, cls):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(app, pilot, cls)
        await enter_something(app, pilot)
        await pilot.pause(0.6)
        assert (paths.drafts_dir / f"{cls.DRAFT}.json").exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved(), "the form saved"
    assert not (paths.drafts_dir / f"{cls.DRAFT}.json").exists()
