"""Feelings as named groups of tick lists; the screen reads `selected` and hears SelectionList.SelectedChanged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import SelectionList

from doingthework.tui.widgets.ticks import TickList


class FeelingPicker(Grid):
    DEFAULT_CSS = """
    FeelingPicker {
        grid-size: 2;
        grid-gutter: 0 1;
        grid-rows: 10;
        height: auto;
        margin-bottom: 1;
    }
    FeelingPicker.-single {
        grid-size: 1;
    }
    FeelingPicker SelectionList {
        height: 10;
    }
    """

    def __init__(self, groups: dict[str, tuple[str, ...]], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-single" if len(groups) == 1 else "")
        self.groups = groups

    def compose(self) -> ComposeResult:
        for index, (group, words) in enumerate(self.groups.items()):
            selection = TickList(*[(w, w) for w in words], id=f"{self.id or 'feelings'}-{index}", classes="feelings")
            selection.border_title = group
            yield selection

    def on_mount(self) -> None:
        for selection in self.query(SelectionList):
            selection.highlighted = None  # only the list in use shows a highlighted row

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, SelectionList) and event.widget.highlighted is None:
            event.widget.highlighted = 0

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, SelectionList):
            event.widget.highlighted = None

    @property
    def selected(self) -> list[str]:
        return [word for selection in self.query(SelectionList) for word in selection.selected]

    def select_values(self, values: object) -> None:
        wanted = {v for v in values if isinstance(v, str)} if isinstance(values, list) else set()
        for selection in self.query(SelectionList):
            selection.deselect_all()
            for index in range(selection.option_count):
                value = selection.get_option_at_index(index).value
                if value in wanted:
                    selection.select(value)
