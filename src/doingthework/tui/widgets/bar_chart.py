"""Small text charts: horizontal bars with labels and numbers, and rows of columns over time.

Drawn with block characters, with the number beside every bar or row, so they read the
same with colour, without it (NO_COLOR) and to a screen reader going line by line.
Widgets only draw what they are given: the screen computes the numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

EIGHTHS = " ▏▎▍▌▋▊▉"
COLUMNS = "▁▂▃▄▅▆▇█"
EMPTY_COLUMN = "·"
MAX_BAR = 40  # longer bars are no easier to compare


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar `width` cells long at `maximum`, in eighths of a cell; a sliver for any value above 0."""
    if value <= 0 or maximum <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value, maximum) / maximum * width * 8))
    return "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def column(value: float, maximum: float) -> str:
    if value <= 0 or maximum <= 0:
        return EMPTY_COLUMN
    return COLUMNS[max(1, math.ceil(min(value, maximum) / maximum * 8)) - 1]


def grouped(values: Sequence[float], room: int) -> tuple[list[float], int]:
    """Sum neighbours so that the newest values fit in `room` columns; returns the sums and how many each holds."""
    if room <= 0:
        return [], 1
    size = max(1, math.ceil(len(values) / room))
    # group from the newest end, so the last column is always the most recent
    sums = [sum(values[max(0, end - size) : end]) for end in range(len(values), 0, -size)]
    return sums[::-1], size


def number(value: float) -> str:
    return f"{round(value, 1):g}"


class BarChart(Widget):
    """Rows of `label  ████▌  note`, the bars scaled to `maximum` (or the largest value)."""

    DEFAULT_CSS = """
    BarChart {
        height: auto;
        width: 100%;
    }
    """

    def __init__(self, *, id: str | None = None, placeholder: str = "…") -> None:
        super().__init__(id=id)
        self.rows: list[tuple[str, float, str]] = []
        self.maximum: float | None = None
        self.placeholder = placeholder

    def show(self, rows: Sequence[tuple[str, float, str]], maximum: float | None = None) -> None:
        self.rows = list(rows)
        self.maximum = maximum
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # a line a row, whatever the width: measured before the chart is laid out (a section mounted
        # later), its rows were drawn for 80 columns and counted as wrapped
        return max(1, len(self.rows))

    def render(self) -> Text:
        if not self.rows:
            return Text(self.placeholder, style="dim")
        label_width = max(len(label) for label, _, _ in self.rows)
        note_width = max(len(note) for _, _, note in self.rows)
        room = max(4, min(MAX_BAR, (self.size.width or 80) - label_width - note_width - 4))
        top = self.maximum or max(value for _, value, _ in self.rows) or 1
        text = Text(no_wrap=True, overflow="ellipsis")  # a line a row (get_content_height), cut short if narrow
        for i, (label, value, note) in enumerate(self.rows):
            if i:
                text.append("\n")
            text.append(f"{label:<{label_width}}  ")
            drawn = bar(value, top, room)
            text.append(drawn, style="bold")
            text.append(" " * (room - len(drawn) + 1))
            text.append(f" {note}")
        return text


class ColumnChart(Widget):
    """One line per series, a column per period (oldest left), the series' total at the right.

    All series share one scale, so rows can be compared. Too many periods for the width are
    summed in groups, newest last; `caption` then says how many each column holds.
    """

    DEFAULT_CSS = """
    ColumnChart {
        height: auto;
        width: 100%;
    }
    """

    def __init__(self, *, id: str | None = None, placeholder: str = "…", column_width: int | None = None) -> None:
        """`column_width` None: as wide as fits, from one to three cells."""
        super().__init__(id=id)
        self.series: list[tuple[str, list[float]]] = []
        self.axis: str | None = None
        self.unit = ""
        self.placeholder = placeholder
        self.column_width = column_width

    def show(self, series: Sequence[tuple[str, Sequence[float]]], axis: str | None = None, unit: str = "") -> None:
        """`unit` names what one value covers ("week"), for the caption when values are grouped."""
        self.series = [(label, list(values)) for label, values in series]
        self.axis = axis
        self.unit = unit
        self.refresh(layout=True)

    def render(self) -> Text:
        if not self.series:
            return Text(self.placeholder, style="dim")
        label_width = max(len(label) for label, _ in self.series)
        totals = [number(sum(values)) for _, values in self.series]
        total_width = max(len(t) for t in totals)
        space = max(4, (self.size.width or 80) - label_width - total_width - 4)
        longest = max(len(values) for _, values in self.series) or 1
        # few values get wider columns (up to three cells), many are grouped to fit
        width = self.column_width or max(1, min(3, space // longest))
        room = max(1, space // width)
        rows = [(label, *grouped(values, room)) for label, values in self.series]
        top = max((v for _, sums, _ in rows for v in sums), default=0)
        text = Text()
        for i, ((label, sums, _size), total) in enumerate(zip(rows, totals, strict=True)):
            if i:
                text.append("\n")
            text.append(f"{label:<{label_width}}  ")
            text.append("".join(column(v, top) * width for v in sums), style="bold")
            text.append(f"  {total:>{total_width}}")
        size = rows[0][2]
        if self.axis:
            text.append("\n" + " " * (label_width + 2) + self.axis, style="dim")
        if self.unit:
            each = f"one column = {size} {self.unit}s" if size > 1 else f"one column a {self.unit}"
            text.append("\n" + " " * (label_width + 2) + f"{each}, the newest on the right", style="dim")
        return text
