from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled

from doingthework.core import config
from doingthework.core.store import Store
from doingthework.tui.app import build_app

SETTLE_ROUNDS = 100  # a worker per round; History's longest chain in the tests is a few chunks


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
    """Let workers finish and blinking stop, so screens are deterministic.

    Waits on every worker until none is left, not only those running when it was called: a
    worker's result can start the next one (History reads a long past chunk by chunk, each
    chunk's worker starting the next), and a message not yet handled can start another
    (a screen's mount, a filter's Changed). A worker cancelled by a newer one of its group is not an error here:
    the newer one is waited for in its turn. On a busy machine (CI) the one wait was too short."""
    app = pilot.app
    for _ in range(SETTLE_ROUNDS):
        await pilot.pause()  # messages already sent are handled first: they may start a worker
        running = [worker for worker in app.workers if not worker.is_finished]
        if not running:
            break
        for worker in running:
            try:
                await worker.wait()
            except WorkerCancelled:
                pass
    else:
        raise AssertionError(f"workers still starting after {SETTLE_ROUNDS} rounds: {list(app.workers)}")
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for widget in pilot.app.screen.query(TextArea):
        widget.cursor_blink = False
    await pilot.pause()


async def until(pilot, condition, seconds: float = 5.0) -> None:
    """Settle until `condition()` holds (lazily loaded chunks, a search's results); counted in
    rounds, not by the clock, so a busy machine gets as many looks as an idle one."""
    for _ in range(int(seconds / 0.05)):
        await settle(pilot)
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never got there")


def top_hit(app) -> str | None:
    """The command the palette's enter would run: its highlighted hit."""
    option = app.screen.query_one(CommandList).highlighted_option
    return option.hit.text if option is not None else None


async def type_text(pilot, text: str) -> None:
    """Type as a person would, one key at a time."""
    for character in text:
        await pilot.press(character if character != " " else "space")
