"""The screen every full screen is made from: help now comes first in its footer."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen, ScreenResultType


class DtwScreen(Screen[ScreenResultType]):
    # shown in the footer; a priority binding like the app's own (app.py), so that the footer
    # keeps showing this one rather than the app's hidden one
    BINDINGS = [Binding("f1", "app.help_now", "Help now", id="help_now", priority=True)]
