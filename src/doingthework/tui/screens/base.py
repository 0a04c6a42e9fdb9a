"""The screen every full screen is made from: help now comes first in its footer."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen, ScreenResultType


class DtwScreen(Screen[ScreenResultType]):
    # first in the footer, so a narrow terminal never cuts it off
    BINDINGS = [Binding("f1", "app.help_now", "Help now", id="help_now")]
