"""A shape that grows as you breathe in and shrinks as you breathe out, drawn in block characters.

Attributes down: the screen sets `level` (0 empty – 1 full) and `words` every frame. Each cell is
split into 2×2 quarters (▘▝▖▗ and friends), so the shape moves in half-cell steps and looks smooth
at 20 frames a second. With `reduced_motion` it shows only the words, still.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

# index = top-left + 2·top-right + 4·bottom-left + 8·bottom-right
QUARTERS = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█"
MIN_ROWS = 2  # quarter-rows of the empty shape, so it never vanishes
ASPECT = 2.0  # quarter-columns per quarter-row for a shape that looks square-ish in a terminal


def draw(width: int, height: int, level: float) -> list[str]:
    """The shape for `level` in a `width`×`height` area, as lines of text. Pure, for tests."""
    if width <= 0 or height <= 0:
        return []
    level = min(1.0, max(0.0, level))
    rows2, cols2 = height * 2, width * 2
    most_rows = min(rows2, int(cols2 / ASPECT))
    shape_rows = round(MIN_ROWS + (most_rows - MIN_ROWS) * level) if most_rows > MIN_ROWS else most_rows
    shape_cols = min(cols2, round(shape_rows * ASPECT))
    top = (rows2 - shape_rows) // 2
    left = (cols2 - shape_cols) // 2

    def inside(r: int, c: int) -> bool:
        return top <= r < top + shape_rows and left <= c < left + shape_cols

    lines = []
    for row in range(height):
        cells = []
        for col in range(width):
            r, c = row * 2, col * 2
            index = inside(r, c) + 2 * inside(r, c + 1) + 4 * inside(r + 1, c) + 8 * inside(r + 1, c + 1)
            cells.append(QUARTERS[index])
        lines.append("".join(cells).rstrip())
    return lines


class BreathingGuide(Widget):
    DEFAULT_CSS = """
    BreathingGuide {
        height: 1fr;
        min-height: 3;
        width: 1fr;
        color: $accent;
    }
    BreathingGuide.-rest {
        color: $text-muted;
    }
    """

    level: reactive[float] = reactive(0.0)
    words: reactive[str] = reactive("")
    reduced_motion: reactive[bool] = reactive(False)
    shape: reactive[bool] = reactive(True)  # False for practices that aren't paced breathing

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        if self.reduced_motion or not self.shape:
            blank = max(0, (height - 1) // 2)
            return Text("\n" * blank + self.words.center(width).rstrip(), style="bold")
        lines = draw(width, height, self.level)
        return Text("\n".join(lines))
