"""A year in pixels: one cell a day, shaded by mood; readable without colour."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from doingthework.core.calendar import Day

# shade by mood on a 1–10 scale; a hollow mark for a day with entries but no mood
LEVELS = [(3.5, "░", "#c0504d"), (5.5, "▒", "#d9a441"), (7.5, "▓", "#8fb05a"), (99, "█", "#3f9b5f")]
SHOWED_UP = "○"
NO_ENTRY = "·"


def cell(day: Day | None) -> tuple[str, str]:
    if day is None:
        return " ", ""
    if day.mood is None:
        return (SHOWED_UP, "dim") if day.showed_up else (NO_ENTRY, "dim")
    for limit, char, colour in LEVELS:
        if day.mood < limit:
            return char, colour
    return "█", LEVELS[-1][2]


class YearMap(Widget):
    """Weeks run left to right, the newest on the right; rows are weekdays."""

    DEFAULT_CSS = """
    YearMap {
        height: 9;
        width: 100%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weeks: list[list[Day | None]] = []
        self.row_names: list[str] = ["Mon", "", "Wed", "", "Fri", "", "Sun"]

    def show(self, weeks: list[list[Day | None]], week_start: str = "monday") -> None:
        self.weeks = weeks
        self.row_names = (
            ["Mon", "", "Wed", "", "Fri", "", "Sun"]
            if week_start == "monday"
            else ["Sun", "", "Tue", "", "Thu", "", "Sat"]
        )
        self.refresh()

    def render(self) -> Text:
        if not self.weeks:
            return Text("Putting your year together…", style="dim")
        room = max(1, self.size.width - 5)
        weeks = self.weeks[-room:]  # a narrow terminal shows the most recent weeks
        text = Text()
        for row in range(7):
            text.append(f"{self.row_names[row]:<4} ", style="dim")
            for week in weeks:
                char, style = cell(week[row])
                text.append(char, style=style)
            text.append("\n")
        text.append("     ", style="dim")
        text.append("· no entry  ○ showed up  ░ mood low  ▒  ▓  █ mood high", style="dim")
        return text
