from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from doingthework.core import config
from doingthework.core.store import Store
from doingthework.tui.app import build_app


@pytest.fixture
def make_app(paths):
    """The app as `dtw` builds it, on the test's folders; optionally with a plan or config."""

    def make(start: str = "home", plan: str | None = None, config_text: str | None = None, clock=None):
        if plan is not None or config_text is not None:
            paths.config_dir.mkdir(parents=True, exist_ok=True)
            if plan is not None:
                paths.plan_file.write_text(plan)
            if config_text is not None:
                paths.config_file.write_text(config_text)
        extra = {"clock": clock} if clock else {}
        return build_app(Store(paths), config.load(paths.config_dir), start=start, **extra)

    return make


@pytest.fixture
def saved(paths):
    """What the store holds now, as a fresh process would read it."""

    def read(kind: str | None = None):
        return Store(paths).query(kinds=[kind] if kind else None).entries

    return read


async def settle(pilot) -> None:
    """Let workers finish and blinking stop, so screens are deterministic."""
    await pilot.app.workers.wait_for_complete()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for widget in pilot.app.screen.query(TextArea):
        widget.cursor_blink = False
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type as a person would, one key at a time."""
    for character in text:
        await pilot.press(character if character != " " else "space")
