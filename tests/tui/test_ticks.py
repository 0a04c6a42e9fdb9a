"""Ticked and unticked differ by a glyph, not only a shade: checked with NO_COLOR set."""

from __future__ import annotations

from textual.app import App, ComposeResult

from doingthework.tui.widgets.ticks import TickBox, TickList, TickRadio


class Ticks(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("Private", id="box")
        yield TickRadio("Held", id="radio")
        yield TickList(("calm", "calm"), ("sad", "sad"), id="list")


def line_text(widget, y: int = 0) -> str:
    return "".join(segment.text for segment in widget.render_line(y))


async def test_a_mark_only_when_ticked(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = Ticks()
    async with app.run_test() as pilot:
        box, radio, tick_list = app.query_one("#box"), app.query_one("#radio"), app.query_one("#list")
        await pilot.pause()
        assert "X" not in str(box.render()) and "●" not in str(radio.render())
        assert "▐ ▌" in line_text(tick_list, 0) and "▐ ▌" in line_text(tick_list, 1)
        box.value = True
        radio.value = True
        tick_list.select("sad")
        await pilot.pause()
        assert "▐X▌" in str(box.render()) and "▐●▌" in str(radio.render())
        assert box.has_class("-on") and radio.has_class("-on")  # Textual's own watcher still runs
        assert "▐ ▌" in line_text(tick_list, 0) and "▐X▌" in line_text(tick_list, 1)
