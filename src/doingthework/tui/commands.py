"""What the command palette (ctrl+p) offers: every screen and action."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from doingthework.tui.app import DtwApp


def dtw_commands(app: DtwApp) -> Iterator[SystemCommand]:
    yield SystemCommand("Help now", "Your safety plan and people to call", app.action_help_now)
    yield SystemCommand("Check in", "Mood, energy, sleep, feelings, an intention", partial(app.action_open, "checkin"))
    yield SystemCommand(
        "Practise", "Breathing, grounding, a body scan or a quiet sit, with a timer", app.action_practice
    )
    yield SystemCommand("Log a trigger", "What happened, how strong, what helped", partial(app.action_open, "trigger"))
    yield SystemCommand(
        "Log a boundary", "Which boundary, with whom, how it went", partial(app.action_open, "boundary")
    )
    yield SystemCommand("Questionnaires", "PHQ-9, GAD-7 and your plan's own", partial(app.action_open, "measures"))
    yield SystemCommand("History", "Find, read, edit or delete what you wrote", partial(app.action_open, "history"))
    yield SystemCommand(
        "Patterns",
        "Triggers by tag, weekday and hour; mood and sleep; boundaries; practice",
        partial(app.action_open, "patterns"),
    )
    yield SystemCommand(
        "Note for next session", "Something to bring to your therapist", partial(app.action_open, "note")
    )
    yield SystemCommand(
        "Session-prep export", "One page of the period, to bring to your session", partial(app.action_open, "export")
    )
    yield SystemCommand("Home", "Today at a glance", app.action_home)
