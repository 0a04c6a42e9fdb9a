"""A place Home can go: one line of text that takes focus, opened with enter or a click.

One line where a Button would take three (why, measured: docs/performance.md, "The app").
A GoTo posts `GoTo.Chosen` and the screen decides what opens.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


class GoTo(Static, can_focus=True):
    """A focusable label such as "Check in  c"; enter, space or a click chooses it."""

    BINDINGS = [Binding("enter,space", "choose", "Open", show=False)]
    DEFAULT_CSS = """
    GoTo {
        width: 1fr;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    GoTo:hover {
        background: $panel;
    }
    GoTo:focus {
        background: $primary;
        color: $text;
        text-style: bold;
    }
    GoTo.-primary {
        text-style: bold;
    }
    GoTo.-warning {
        color: $text-warning;
    }
    GoTo.-warning:focus {
        background: $warning;
        color: $text;
    }
    """

    class Chosen(Message):
        """Posted when a GoTo is chosen; `opens` is the name of the app action to run."""

        def __init__(self, go_to: GoTo, opens: str) -> None:
            super().__init__()
            self.go_to = go_to
            self.opens = opens

    def __init__(self, label: str, opens: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(label, id=id, classes=classes, markup=False)
        self.opens = opens

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self, self.opens))

    def on_click(self) -> None:
        self.action_choose()
