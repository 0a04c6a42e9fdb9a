"""A plain table for the terminal: aligned columns, the widest one wrapped to fit.

This does the little a listing needs, in place of Rich's Table (why, measured:
docs/performance.md, "Start-up"). Cell widths still
come from Rich (`rich.cells`, a small import), so wide characters and emoji line up, and the
person's text is shown as written: never read as markup, with control characters shown as
"�" (core/sanitize.py) so that nothing they once pasted can move the cursor or clear the screen.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from typing import TextIO

from rich.cells import cell_len, chop_cells

from doingthework.core.sanitize import clean_text

GAP = "  "
MIN_WRAP_WIDTH = 12
STYLES = {"bold": "\x1b[1m", "dim": "\x1b[2m", "italic dim": "\x1b[2;3m"}
RESET = "\x1b[0m"
STYLE_CODE = re.compile("\x1b\\[[0-9;]*m")  # only ours: clean() leaves no escape in the person's text


@dataclass
class Column:
    """A column's heading and how its cells look; `wrap` marks the one that takes the rest."""

    title: str
    style: str = ""
    wrap: bool = False
    optional: bool = False  # left out when the terminal is too narrow for every column


def clean(text: str) -> str:
    """The text as a terminal can safely show it: tabs as spaces, and "�" for each control
    character, bidi override or lone surrogate (core/sanitize.py)."""
    return clean_text(text.replace("\t", "    "))


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells: at spaces, and within a word longer than a line."""
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        line = ""
        for word in paragraph.split():
            joined = f"{line} {word}" if line else word
            if cell_len(joined) <= width:
                line = joined
                continue
            if line:
                lines.append(line)
            pieces = chop_cells(word, width) if cell_len(word) > width else [word]
            lines.extend(pieces[:-1])
            line = pieces[-1]
        lines.append(line)
    return lines


def render(
    columns: list[Column], rows: list[list[str | tuple[str, str]]], width: int, styled: bool, rule: str = "─"
) -> list[str]:
    """The table as lines of text. A cell is text, or (text, extra) where `extra` is shown after
    the text in italic dim (e.g. "(private)")."""

    def paint(text: str, style: str) -> str:
        return f"{STYLES[style]}{text}{RESET}" if styled and style and text else text

    keep = _columns_that_fit(columns, rows, width)
    if len(keep) < len(columns):
        columns = [columns[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
    plain_rows = [[cell if isinstance(cell, str) else f"{cell[0]}  {cell[1]}" for cell in row] for row in rows]
    widths = [
        max(
            [cell_len(col.title)] + [max((cell_len(x) for x in clean(r[i]).split("\n")), default=0) for r in plain_rows]
        )
        for i, col in enumerate(columns)
    ]
    wrapped = next((i for i, col in enumerate(columns) if col.wrap), None)
    if wrapped is not None:
        others = sum(w for i, w in enumerate(widths) if i != wrapped) + len(GAP) * (len(columns) - 1)
        widths[wrapped] = max(MIN_WRAP_WIDTH, min(widths[wrapped], width - others))
    lines = [GAP.join(paint(col.title.ljust(widths[i]), "bold") for i, col in enumerate(columns)).rstrip()]
    lines.append(rule * min(width, sum(widths) + len(GAP) * (len(columns) - 1)))
    for row in rows:
        cells: list[list[str]] = []
        for i, cell in enumerate(row):
            text, extra = (cell, "") if isinstance(cell, str) else cell
            parts = wrap(f"{text}  {extra}" if extra else text, widths[i]) if i == wrapped else clean(text).split("\n")
            if extra and styled:  # style the extra where it ends up, after wrapping
                last = parts[-1]
                if last.endswith(extra):
                    parts[-1] = last[: -len(extra)] + paint(extra, "italic dim")
            cells.append(parts)
        for n in range(max(len(c) for c in cells)):
            out = []
            for i, col in enumerate(columns):
                part = cells[i][n] if n < len(cells[i]) else ""
                pad = " " * (widths[i] - cell_len(STYLE_CODE.sub("", part)))
                out.append(paint(part, col.style) + pad)
            lines.append(GAP.join(out).rstrip())
    return lines


def _columns_that_fit(columns: list[Column], rows: list[list[str | tuple[str, str]]], width: int) -> list[int]:
    """The indexes of the columns to show: all of them, or without the optional ones when the
    others and the wrapped column's least width would not fit in `width`."""

    def need(indexes: list[int]) -> int:
        fixed = sum(
            max(
                [cell_len(columns[i].title)]
                + [cell_len(cell if isinstance(cell := r[i], str) else cell[0]) for r in rows]
            )
            for i in indexes
            if not columns[i].wrap
        )
        wrap = MIN_WRAP_WIDTH if any(columns[i].wrap for i in indexes) else 0
        return fixed + wrap + len(GAP) * (len(indexes) - 1)

    every = list(range(len(columns)))
    if need(every) <= width:
        return every
    return [i for i in every if not columns[i].optional]


def print_table(columns: list[Column], rows: list[list[str | tuple[str, str]]], stream: TextIO | None = None) -> None:
    """Print to the terminal's width (80 when not a terminal), styled only on a terminal."""
    stream = stream or sys.stdout
    width = shutil.get_terminal_size((80, 24)).columns
    styled = stream.isatty() and os.environ.get("TERM") != "dumb"
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "─→·".encode(encoding)
        rule = "─"
    except (UnicodeEncodeError, LookupError):
        rule = "-"
    stream.write("\n".join(render(columns, rows, width, styled, rule)) + "\n")
