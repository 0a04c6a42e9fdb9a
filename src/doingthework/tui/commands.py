"""What the command palette (ctrl+p) offers: every screen and action."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from doingthework.tui.app import DtwApp


def dtw_commands(app: DtwApp) -> Iterator[SystemCommand]:
    yield SystemCommand("Help now", "Your safety plan and crisis lines", app.action_help_now)
    yield SystemCommand("Check in", "Mood, energy, sleep, feelings, an intention", app.action_checkin)
    yield SystemCommand("Home", "Today at a glance", app.action_home)
