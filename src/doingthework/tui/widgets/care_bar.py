"""A calm line after saving an entry that may come from a hard moment, with a door to help now.

It never takes focus and never blocks: the person can carry on, press F1, or move to the
button. It posts `CareBar.OpenHelp`; the screen opens help now.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Static


class CareBar(Vertical):
    DEFAULT_CSS = """
    CareBar {
        height: auto;
        padding: 0 1;
        border-top: tall $warning;
        background: $boost;
    }
    """

    class OpenHelp(Message):
        """The person chose help now from the bar."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(id="care-bar")
        self.lines = lines
        # made here, not in compose: a second offer can come before the bar is composed (a
        # questionnaire's last answer noticed, then saved, in one burst of keys)
        self._words = Static("\n".join(lines), markup=False, id="care-lines")

    def compose(self) -> ComposeResult:
        yield self._words
        yield Button("Open help now (F1)", id="care-open", variant="warning", compact=True)

    def say(self, lines: list[str]) -> None:
        """New words in the same bar (a second hard moment on the same screen)."""
        self.lines = lines
        self._words.update("\n".join(lines))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.open_help()

    def open_help(self) -> None:
        self.post_message(self.OpenHelp())
