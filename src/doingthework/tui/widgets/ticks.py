"""Ticked and unticked look different without colour, too (NO_COLOR, a monochrome terminal).

Textual draws every checkbox `▐X▌`, every radio button `▐●▌` and every selection-list box
`▐X▌`, ticked or not, and tells them apart by colour alone. These draw the mark only when it
is on: `▐X▌` ticked, `▐ ▌` not; `▐●▌` chosen, `▐ ▌` not. Every form uses them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton

EMPTY = " "

# The mixin goes before a ToggleButton in the bases; the type checker reads it as one.
if TYPE_CHECKING:
    _ToggleMixinBase = ToggleButton
else:
    _ToggleMixinBase = object


class _MarkWhenOn(_ToggleMixinBase):
    """For a ToggleButton: its inner mark is drawn only while its value is on."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._show_mark()

    def watch_value(self) -> None:
        super().watch_value()  # the -on class and the Changed message
        self._show_mark()

    def _show_mark(self) -> None:
        self.BUTTON_INNER = type(self).BUTTON_INNER if self.value else EMPTY


class TickBox(_MarkWhenOn, Checkbox):
    """A Checkbox whose X shows only when ticked."""


class TickRadio(_MarkWhenOn, RadioButton):
    """A RadioButton whose dot shows only when chosen."""


class TickList(SelectionList[str]):
    """A SelectionList whose X shows only beside the options chosen."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip  # not an option line (or Textual drew it differently): leave it be
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except Exception:  # noqa: BLE001 — a line must always draw: Textual's own stands
            return strip
        if option.value not in self._selected:
            segments[1] = Segment(EMPTY, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)
