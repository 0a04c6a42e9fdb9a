"""The screen every full screen is made from: help now in its footer, and the calm line that
follows an entry saved in a hard moment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding, Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen, ScreenResultType
from textual.widget import Widget
from textual.widgets import DataTable, Footer, TextArea

from doingthework.core.errors import DtwError
from doingthework.core.models import Entry
from doingthework.tui.widgets.care_bar import CareBar

if TYPE_CHECKING:
    from textual import getters

    from doingthework.tui.app import DtwApp

# ctrl+q quits from every screen (the app's binding). A screen whose own keys fill the footer at
# 80 columns adds this, so the footer leaves Quit out rather than cutting a key in half.
HIDDEN_QUIT = Binding("ctrl+q", "app.quit", "Quit", show=False, priority=True)


class DtwScreen(Screen[ScreenResultType]):
    if TYPE_CHECKING:  # self.app is dtw's own app, for the type checker only (Textual's idiom in message_pump.py)
        app = getters.app(DtwApp)

    # what time it is: the app's one clock (tests hand the app a fixed one), or a screen's own
    _own_clock: Callable[[], datetime] | None = None

    def now(self) -> datetime:
        """Every screen reads the time through this, never the wall clock directly."""
        return (self._own_clock or self.app.clock)()

    # shown in the footer; a priority binding like the app's own (app.py), so that the footer
    # keeps showing this one rather than the app's hidden one
    BINDINGS = [
        Binding("f1", "app.help_now", "Help now", id="help_now", priority=True),
        # the page scrolls wherever focus is (a list of feelings would otherwise keep the keys)
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """F1 first, whatever has focus: a drop-down's own keys would otherwise come before it."""
        bindings = super().active_bindings
        if "f1" not in bindings:
            return bindings
        return {"f1": bindings["f1"], **{key: binding for key, binding in bindings.items() if key != "f1"}}

    def action_page(self, direction: int) -> None:
        """PageDown/PageUp: a table or a text area pages itself; elsewhere the screen's page scrolls."""
        focused = self.focused
        if isinstance(focused, DataTable):
            (focused.action_page_down if direction > 0 else focused.action_page_up)()
            return
        if isinstance(focused, TextArea):
            (focused.action_cursor_page_down if direction > 0 else focused.action_cursor_page_up)()
            return
        scroller = focused
        while scroller is not None and not (
            isinstance(scroller, ScrollableContainer) and scroller.allow_vertical_scroll
        ):
            scroller = scroller.parent if isinstance(scroller.parent, Widget) else None
        if scroller is None:
            scrollers = [w for w in self.query(ScrollableContainer) if w.allow_vertical_scroll]
            scroller = scrollers[0] if scrollers else None
        if scroller is not None:
            (scroller.scroll_page_down if direction > 0 else scroller.scroll_page_up)()

    def offer_care(self, lines: list[str]) -> None:
        """Show the calm line and the door to help now at the foot of this screen, until it is left
        (one bar: a second offer on the same screen says its words in the first one's place)."""
        shown = self.query(CareBar)
        if shown:
            shown.first().say(lines)
            return
        footers = self.query(Footer)
        bar = CareBar(lines)
        if footers:
            self.mount(bar, before=footers.first())
        else:
            self.mount(bar)

    def on_care_bar_open_help(self) -> None:
        self.app.action_help_now()  # notes it on the entry (app.care_entry)

    def on_screen_suspend(self) -> None:
        for bar in self.query(CareBar):  # said once: gone when the person moves on
            bar.remove()


def record_help_opened(store, entry: Entry) -> None:
    """The session page lists whether help now was opened after a hard moment."""
    try:
        store.update(replace(entry, extra={**entry.extra, "opened_help_now": True}))
    except DtwError:
        pass  # help comes first; the note about it can be lost
