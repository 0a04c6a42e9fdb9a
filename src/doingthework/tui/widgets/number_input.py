"""An Input that takes only some characters and says so, kindly, when one is refused.

Textual's `restrict` drops a refused character with nothing but the terminal bell; a letter
typed into "hours of sleep" then just vanishes. This one says what the field takes.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class NumberInput(Input):
    def __init__(self, *args: Any, refused_hint: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refused_hint = refused_hint

    def restricted(self) -> None:
        self.notify(self.refused_hint, timeout=3, markup=False)
