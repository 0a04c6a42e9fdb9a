"""The Textual app, built by one factory from a store and the loaded config and plan."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.screen import Screen

from doingthework.core.checkin import CheckinForm, checkin_form
from doingthework.core.config import Settings
from doingthework.core.periods import local_now
from doingthework.core.store import Store
from doingthework.tui.keys import OrderedKeys
from doingthework.tui.safe_text import SAFE_TEXT

PRIVATE_CRASH = (
    "dtw stopped because of a problem inside it ({where}).\n"
    "What you saved is safe; an unsaved check-in is kept as a draft and offered next time.\n"
    "Please report this. Run with DTW_DEBUG=1 to see the details."
)


class DtwApp(OrderedKeys, App[None]):
    """Home, check-in and help now; every screen keeps help now one key away."""

    TITLE = "doingthework"
    ENABLE_COMMAND_PALETTE = True
    # Without colour (NO_COLOR) Textual greys every colour, and a list's cursor is a shade apart
    # from its neighbours. Reversed, it stands out as the terminal's own cursor does: the options
    # of a drop-down, the command palette, and History's row (which also carries a glyph).
    # A focused button is already bold and reversed (Textual's $button-focus-text-style).
    # The title line (Textual's Header) stays one line: a click would otherwise make it three tall.
    CSS = """
    App:nocolor OptionList > .option-list--option-highlighted { text-style: bold reverse; }
    App:nocolor DataTable > .datatable--cursor { text-style: bold reverse; }
    Header.-tall { height: 1; }
    """
    BINDINGS = [
        # every screen shows F1 first in its footer (screens/base.py). This one does the work: a
        # priority binding is checked from the app down before any screen or widget, so F1 opens
        # help now from dialogs, the command palette and text fields too (a modal screen hides
        # the app's ordinary bindings from the keys).
        Binding("f1", "help_now", "Help now", show=False, priority=True, id="help_now_anywhere"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    ]

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (NO_COLOR's among them), then the one that keeps a person's text
        from reaching the terminal as an instruction (tui/safe_text.py)."""
        return [*super().get_line_filters(), SAFE_TEXT]

    def __init__(
        self,
        store: Store,
        loaded: Settings,
        start: str = "home",
        debug_errors: bool = False,
        start_options: dict[str, Any] | None = None,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        super().__init__()
        self.store = store
        self.loaded = loaded
        self.start = start
        self.clock = clock  # "now" for what screens show; tests fix it so snapshots don't change with the day
        self.start_options = dict(start_options or {})  # what the start screen needs (e.g. the practice and its length)
        self.debug_errors = debug_errors
        self.form: CheckinForm = checkin_form(loaded.plan)
        self.plan_file: Path = store.paths.plan_file
        self.care_entry: Any = None  # the entry just saved in a hard moment, until help now is opened
        self.unlocked_behind = False  # unlocked while help now was over the unlock screen
        # encrypted entries and no passphrase yet: the unlock screen comes first (screens/unlock.py),
        # and nothing asks in the terminal while the app owns it
        vault = store.vault
        self.locked = (vault.enabled or vault.needed()) and not vault.unlocked
        vault.passphrase = None  # the app asks on its unlock screen, never in the terminal it owns
        vault.unlocks_elsewhere = True

    # ---- start and stop -------------------------------------------------------------
    def on_mount(self) -> None:
        from doingthework import startup

        self.call_after_refresh(startup.done)  # the first frame is up: start-up is over
        theme = self.loaded.config.theme
        if theme in self.available_themes:
            self.theme = theme
        else:
            self.notify(f"The theme '{theme}' isn't known; using the default.", severity="warning")
        for problem in self.loaded.problems if self.start != "home" else ():  # Home shows it as a banner
            self.notify(problem, title="A settings file needs a fix", severity="warning", timeout=12, markup=False)
        for warning in self.loaded.warnings:
            self.notify(warning, severity="warning", timeout=8, markup=False)
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, self.exit)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform or not in the main thread (tests)
        if self.locked:
            from doingthework.tui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen())  # over Home, which reads nothing until it is gone
        else:
            self._open_start()

    def _open_start(self) -> None:
        if self.start == "practice":
            self.action_practice(**self.start_options)
        elif self.start == "measure":  # `dtw measure phq9`: which questionnaire
            self.push_screen(screen_class("measure")(**self.start_options))
        elif self.start != "home":
            self.action_open(self.start)  # `dtw checkin`, `dtw trigger`, … open their form at once

    def get_default_screen(self) -> Screen:
        """Home is the screen at the bottom of the stack: the app's first frame is Home's."""
        from doingthework.tui.screens.home import HomeScreen

        return HomeScreen()

    def unlocked(self) -> None:
        """The passphrase opened the entries: Home, then where the command asked to go."""
        from doingthework.tui.screens.unlock import UnlockScreen

        self.locked = False
        if isinstance(self.screen, UnlockScreen):
            self.pop_screen()  # Home, beneath it, starts reading
            self._open_start()
        else:  # help now was opened while the key was derived: it stays, and the unlock screen
            self.unlocked_behind = True  # steps aside when it shows again (UnlockScreen.on_screen_resume)

    def _fatal_error(self) -> None:
        """Never show Textual's default traceback: it prints local variables, which can hold entry text."""
        if self.debug_errors:
            return super()._fatal_error()
        import sys

        error = sys.exc_info()[1] or self._exception
        where = type(error).__name__ if error else "unknown error"
        tb = error.__traceback__ if error else None
        while tb and tb.tb_next:
            tb = tb.tb_next
        if tb:
            where += f" in {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}"
        self.bell()
        self._exit_renderables.append(PRIVATE_CRASH.format(where=where))
        self._close_messages_no_wait()

    # ---- actions every screen has ---------------------------------------------------
    def action_open(self, name: str) -> None:
        """Open a place by name: the bindings (`app.open('checkin')`), Home's "Go to", the palette
        and `dtw checkin` all come through here. A screen already in view isn't pushed again."""
        if name == "help_now":
            self.action_help_now()
        elif self.locked:  # only help now opens before the entries are unlocked
            self.notify("Your entries are still locked: type your passphrase first. F1 opens help now.", timeout=6)
        elif name == "practice":
            self.action_practice()
        elif name == "home":
            self.action_home()
        else:
            screen_cls = screen_class(name)
            if not isinstance(self.screen, screen_cls):
                self.push_screen(screen_cls())

    def action_help_now(self) -> None:
        """Help now, however it is asked for (F1, the palette, Home, a care bar's button).

        Right after a hard moment (`offer_care`), that entry is marked as having opened help
        now, for the session page's "Safety first"."""
        if self.care_entry is not None:
            from doingthework.tui.screens.base import record_help_opened

            record_help_opened(self.store, self.care_entry)
            self.care_entry = None
        help_now = screen_class("help_now")
        if not isinstance(self.screen, help_now):
            self.push_screen(help_now())

    def offer_care(self, lines: list[str], entry: Any, show: bool = True) -> None:
        """After saving an entry that meets a signal (core/notice.py): remember it, so that opening
        help now from anywhere is noted on it, and (with `show`) put the calm line and its door
        at the foot of whatever screen is now in view."""
        from doingthework.tui.screens.base import DtwScreen

        self.care_entry = entry
        if not show:
            return
        if isinstance(self.screen, DtwScreen):
            self.screen.offer_care(lines)
        else:
            self.notify("\n".join([*lines, "F1 opens help now."]), timeout=12, markup=False)

    def action_practice(self, preset: str | None = None, **options: Any) -> None:
        """The practice chooser, or with a preset its timer at once."""
        from doingthework.tui.screens.practice import open_practice

        if self.locked:
            self.action_open("practice")  # says why not
            return

        open_practice(self, preset, **options)

    def action_home(self) -> None:
        from doingthework.tui.screens.home import HomeScreen
        from doingthework.tui.screens.unlock import UnlockScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen | UnlockScreen):
            self.pop_screen()  # while locked, Home is behind the unlock screen: it stays

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from doingthework.tui.commands import dtw_commands

        yield from dtw_commands(self)
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot" and self.store.vault.enabled:
                continue  # it would save what is on screen, your words, as a plain file
            yield command


# The app's places by name: the one table of names on this face. Each screen is imported when
# it is first opened (its module and its CSS load only then), so the app paints before loading
# them all; full module paths, so grep finds them.
PLACES = {
    "checkin": "doingthework.tui.screens.checkin:CheckinScreen",
    "trigger": "doingthework.tui.screens.trigger:TriggerScreen",
    "boundary": "doingthework.tui.screens.boundary:BoundaryScreen",
    "note": "doingthework.tui.screens.note:NoteScreen",
    "history": "doingthework.tui.screens.history:HistoryScreen",
    "patterns": "doingthework.tui.screens.patterns:PatternsScreen",
    "export": "doingthework.tui.screens.export:ExportScreen",
    "help_now": "doingthework.tui.screens.help_now:HelpNowScreen",
    "measure": "doingthework.tui.screens.measure:MeasureScreen",
    "measures": "doingthework.tui.screens.measure:MeasureChooser",
}


def screen_class(name: str) -> type[Screen[Any]]:
    """The screen a place opens (PLACES), imported on first use."""
    import importlib

    module, _, cls_name = PLACES[name].partition(":")
    screen_cls: type[Screen[Any]] = getattr(importlib.import_module(module), cls_name)
    return screen_cls


# The one way the app is made — by `dtw`, `dtw checkin` and the tests alike (cli/launch.py).
build_app = DtwApp
