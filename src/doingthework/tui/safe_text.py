"""The app's last line of defence for text: nothing a person wrote reaches the terminal as an
instruction.

Textual draws text as it is given: an ESC, a C1 control or a bidi override inside an entry, a
plan or a draft reaches the terminal raw (a screen clear could hide the crisis lines, OSC 52
could write the clipboard). The command line and the exports run text through
`core.sanitize.clean_text`, which shows "�" where such a character was. The app does that
where it builds text from entries (History), and this filter is applied to every line every
widget draws, so a place that forgets is still safe: it removes the characters (they take no
cell, so the line keeps its width) and shows a lone surrogate, which takes one, as "�".
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from doingthework.core.sanitize import REPLACEMENT, UNSAFE


def _safe(text: str) -> str:
    return UNSAFE.sub(lambda m: REPLACEMENT if "\ud800" <= m.group() <= "\udfff" else "", text)


class SafeText(LineFilter):
    """Every control character, bidi override or isolate and lone surrogate, out of every line."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(UNSAFE.search(segment.text) for segment in segments):
            return segments
        return [
            Segment(_safe(segment.text), segment.style, segment.control) if UNSAFE.search(segment.text) else segment
            for segment in segments
        ]


SAFE_TEXT = SafeText()
