"""A rating scale you set with one digit, the arrow keys, or the mouse."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from doingthework.core.config import Scale


class ScalePicker(Widget, can_focus=True):
    """Shows `label`, the numbers of the scale with the chosen one marked, and the words at its ends.

    A digit sets the value (`0` means 10 on a 1–10 scale); on a scale that reaches 10, `1` then
    `0` within `TEN_PAUSE` seconds is 10 (a lone `1` is 1, settled after the pause or when the
    scale loses focus); left/right step; backspace clears (every field can be skipped).
    """

    TEN_PAUSE = 0.8  # seconds a `1` waits for a `0`

    DEFAULT_CSS = """
    ScalePicker {
        height: 3;
        width: 1fr;
        padding: 0 1;
        border-left: blank;
    }
    ScalePicker:focus {
        background: $boost;
        border-left: thick $accent;
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("right", "step(1)", "Higher", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The value was set or cleared."""

        def __init__(self, picker: ScalePicker, value: int | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> ScalePicker:
            return self.picker

    def __init__(self, scale: Scale, *, value: int | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale
        self.set_reactive(ScalePicker.value, value)
        self._cells: list[tuple[int, int, int]] = []  # (start x, end x, number) for mouse clicks
        self._waiting_for_ten: Timer | None = None  # a `1` was typed: a `0` now makes it 10

    @property
    def numbers(self) -> range:
        return range(self.scale.min, self.scale.max + 1)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def render(self) -> Text:
        label = self.scale.label or self.scale.name.replace("_", " ").capitalize()
        chosen = "—" if self.value is None else str(self.value)  # not "skipped": it may not be reached yet
        text = Text()
        text.append(label, style="bold")
        text.append(f"  {chosen}", style="dim" if self.value is None else "")
        if self._waiting_for_ten is not None:
            text.append("  (0 now makes it 10)", style="italic")
        text.append("\n")
        self._cells = []
        x = 0
        for number in self.numbers:
            cell = f" {number} "
            selected = number == self.value
            text.append(cell, style="reverse bold" if selected else "")
            self._cells.append((x, x + len(cell), number))
            text.append(" ")
            x += len(cell) + 1
        text.append("\n")
        width = max(x - 1, len(self.scale.low) + len(self.scale.high) + 2)
        gap = max(1, width - len(self.scale.low) - len(self.scale.high))
        text.append(f"{self.scale.low}{' ' * gap}{self.scale.high}", style="dim italic")
        return text

    def on_key(self, event: events.Key) -> None:
        if not (event.character and event.character.isdigit()):
            return
        digit = int(event.character)
        waiting = self._waiting_for_ten is not None
        self._settle()
        if waiting and digit == 0 and 10 in self.numbers:
            digit = 10  # `1` then `0`
        elif digit == 0 and self.scale.min >= 1 and self.scale.max == 10:
            digit = 10
        if digit in self.numbers:
            self.value = digit
            if digit == 1 and 10 in self.numbers:
                self._waiting_for_ten = self.set_timer(self.TEN_PAUSE, self._settle)
                self.refresh()
            event.stop()
            event.prevent_default()

    def _settle(self) -> None:
        """A `1` stays 1: the pause is over, another key came, or the scale lost focus."""
        if self._waiting_for_ten is not None:
            self._waiting_for_ten.stop()
            self._waiting_for_ten = None
            self.refresh()

    def on_blur(self) -> None:
        self._settle()

    def on_click(self, event: events.Click) -> None:
        if event.y != 1:
            return
        x = event.x - 1  # padding
        for start, end, number in self._cells:
            if start <= x < end:
                self.value = number
                self.focus()

    def action_step(self, delta: int) -> None:
        self._settle()
        if self.value is None:
            self.value = self.scale.min if delta > 0 else self.scale.max
        else:
            self.value = min(self.scale.max, max(self.scale.min, self.value + delta))

    def action_clear(self) -> None:
        self._settle()
        self.value = None
