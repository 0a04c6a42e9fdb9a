"""Every value of a scale can be typed: 10 too, on a 0-10 scale and on a 1-10 one."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from doingthework.core.config import Scale
from doingthework.tui.widgets.scale_picker import ScalePicker

ZERO_TO_TEN = Scale(name="intensity", label="How strong?", min=0, max=10)
ONE_TO_TEN = Scale(name="mood", label="Mood", min=1, max=10)
ONE_TO_FIVE = Scale(name="urge", label="Urge", min=1, max=5)
ZERO_TO_FIVE = Scale(name="urge", label="Urge", min=0, max=5)


class Two(App[None]):
    def __init__(self, scale: Scale) -> None:
        super().__init__()
        self.scale = scale

    def compose(self) -> ComposeResult:
        yield ScalePicker(self.scale, id="first")
        yield ScalePicker(self.scale, id="second")


@pytest.mark.parametrize(
    "scale, keys, expected",
    [
        (ZERO_TO_TEN, ["1", "0"], 10),
        (ZERO_TO_TEN, ["0"], 0),
        (ZERO_TO_TEN, ["1"], 1),
        (ZERO_TO_TEN, ["7"], 7),
        (ZERO_TO_TEN, ["1", "tab"], 1),
        (ZERO_TO_TEN, ["1", "wait", "0"], 0),  # after the pause, 0 is 0
        (ZERO_TO_TEN, ["1", "1"], 1),
        (ZERO_TO_TEN, ["1", "0", "0"], 0),  # a new digit starts again
        (ONE_TO_TEN, ["0"], 10),
        (ONE_TO_TEN, ["1", "0"], 10),
        (ONE_TO_TEN, ["1"], 1),
        (ONE_TO_TEN, ["1", "wait", "0"], 10),  # 0 is 10 on 1-10 anyway
        (ONE_TO_FIVE, ["1", "0"], 1),  # no 10 here: 0 means nothing
        (ZERO_TO_FIVE, ["1", "0"], 0),
        (ZERO_TO_TEN, ["9", "left"], 8),
    ],
)
async def test_digits_set_every_value(scale, keys, expected):
    app = Two(scale)
    async with app.run_test() as pilot:
        for key in keys:
            if key == "wait":
                await pilot.pause(ScalePicker.TEN_PAUSE + 0.3)
            else:
                await pilot.press(key)
        assert app.query_one("#first", ScalePicker).value == expected
        assert app.query_one("#second", ScalePicker).value is None  # tab moved on; nothing spilled over


async def test_the_scale_says_what_it_will_take_while_it_waits():
    app = Two(ZERO_TO_TEN)
    async with app.run_test() as pilot:
        await pilot.press("1")
        picker = app.query_one("#first", ScalePicker)
        assert "0 now makes it 10" in str(picker.render())
        await pilot.pause(ScalePicker.TEN_PAUSE + 0.3)
        assert "0 now makes it 10" not in str(picker.render()) and picker.value == 1
