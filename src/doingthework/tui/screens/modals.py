"""Small dialogs that return typed results."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import Button, Static


class DtwDialog(ModalScreen[ScreenResultType]):
    """What every dialog shares: the arrow keys move between its buttons as tab does.

    F1 (help now) is the app's priority binding, so it works here too without a line of its own.
    """

    BINDINGS = [
        Binding("left,up", "app.focus_previous", "Previous", show=False),
        Binding("right,down", "app.focus_next", "Next", show=False),
    ]


class ConfirmScreen(DtwDialog[bool | None]):
    """A question with two answers; escape means no. The answer that loses nothing has focus
    (`safe`: "no" unless said otherwise), so an enter typed ahead never throws work away."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "escape", "Not now", show=False)]

    def __init__(
        self, question: str, yes: str = "Yes", no: str = "No", escape_answer: bool | None = False, safe: bool = False
    ) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no
        self.escape_answer = escape_answer
        self.safe = safe

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.safe else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_escape(self) -> None:
        self.dismiss(self.escape_answer)


class SavedScreen(DtwDialog[bool]):
    """After a check-in: a short, kind summary, and after a hard moment a calm line with a door
    to help now (which never has focus unless the person moves to it). Returns True if the
    person chose the door."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "done", "Done", show=False)]

    def __init__(self, lines: list[str], care: list[str] | None = None) -> None:
        super().__init__()
        self.lines = lines
        self.care = care or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="saved-dialog"):
            yield Static("Saved. Thank you for checking in.", classes="dialog-title")
            yield Static("\n".join(self.lines), classes="dialog-text", markup=False)
            if self.care:
                yield Static("\n".join(self.care), classes="dialog-care", markup=False)
            with Horizontal(classes="dialog-buttons"):
                if self.care:
                    yield Button("Open help now (F1)", id="help", variant="warning")
                yield Button("Done", id="done", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "help")

    def action_done(self) -> None:
        self.dismiss(False)
