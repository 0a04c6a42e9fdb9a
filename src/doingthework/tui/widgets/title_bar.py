"""The line across the top of every screen: the app's name, as Textual's Header shows it.

dtw's titles never change while a screen is up, so one line of text does what Header's icon,
title and clock space do (why, measured: docs/performance.md, "The app").
"""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """The app's title (and the screen's sub-title, if it has one), centred on one line."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)

    def on_mount(self) -> None:
        screen = self.screen
        self.update(self.app.format_title(screen.title or self.app.title, screen.sub_title or self.app.sub_title))
