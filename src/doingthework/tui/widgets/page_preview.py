"""The session page as the export screen shows it: Textual's Markdown, with tables that keep their
columns readable.

Textual's own table shrinks every column to fit the width it is given. The diary card is wider
than the preview at 80 columns, and squeezed, its dates vanished (`D…` over empty cells). Here
each table is at least as wide as its widest cells and scrolls sideways instead: Tab reaches a
table wider than the page, and ←/→ move along it. The text around it still wraps to the
preview's width.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

# not exported by textual.widgets.markdown; pyproject pins Textual to 8.2.x, and the preview's tests fail if they move
from textual.widgets._markdown import MarkdownTable, MarkdownTableContent

CELL_PADDING = 2  # MarkdownTableContent's cells have `padding: 0 1`
BETWEEN = 1  # and `grid-gutter: 1 1` between columns, where its keylines are drawn
OUTSIDE = 2  # a keyline on either side
STEP = 8  # cells a press of ← or → moves


class WideTable(MarkdownTable):
    """A Markdown table as wide as its widest cells, scrolling sideways when the page is narrower."""

    can_focus = False  # until it is wider than the page (on_resize)
    BINDINGS = [
        Binding("left", "sideways(-1)", "Scroll left", show=False),
        Binding("right", "sideways(1)", "Scroll right", show=False),
        Binding("home", "sideways(-1000)", "Start of the table", show=False),
        Binding("end", "sideways(1000)", "End of the table", show=False),
    ]
    DEFAULT_CSS = """
    WideTable {
        height: auto;
        overflow-x: auto;
        overflow-y: hidden;
        scrollbar-size-horizontal: 1;
    }
    WideTable:focus > MarkdownTableContent > .header {
        text-style: bold reverse;  /* where the focus is, with or without colour */
    }
    """

    def action_sideways(self, columns: int) -> None:
        self.scroll_relative(x=columns * STEP, animate=False)

    def on_resize(self) -> None:
        self.can_focus = self.max_scroll_x > 0  # a Tab stop only where there is more to see
        if self.has_focus and not self.can_focus:  # the terminal grew: nothing left to scroll to
            self.screen.set_focus(self.query_ancestor(VerticalScroll))  # the preview, read with the arrows

    def compose(self) -> ComposeResult:
        for content in super().compose():
            if isinstance(content, MarkdownTableContent):
                content.styles.min_width = natural_width(content)
            yield content


def natural_width(table: MarkdownTableContent) -> int:
    """How wide the table is with no cell cut short."""
    widths = [
        max([header.cell_length, *(row[index].cell_length for row in table.rows if index < len(row))]) + CELL_PADDING
        for index, header in enumerate(table.headers)
    ]
    return sum(widths) + BETWEEN * max(len(widths) - 1, 0) + OUTSIDE


class PagePreview(Markdown):
    """The page in Markdown, its tables kept readable (WideTable)."""

    BLOCKS = {**Markdown.BLOCKS, "table_open": WideTable}
