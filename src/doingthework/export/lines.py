"""How Markdown and HTML read the lines of a person's text (issue 17: text kept as written).

A note or an answer keeps its line breaks all the way to the page. Within a line, white space
is folded to single spaces, as every renderer shows it anyway; blank lines at the start and the
end are dropped, and a run of blank lines inside becomes one blank line, so a paragraph break
the person wrote stays visible without a page of empty lines.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"\r\n?|\n")  # only what clean_text keeps as a line break, and CR in case


def text_lines(text: str) -> list[str]:
    """The lines of `text`, each with its spaces folded; "" stands for one blank line between two."""
    lines: list[str] = []
    for raw in _BREAK.split(text):
        line = " ".join(raw.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    if lines and not lines[-1]:
        lines.pop()
    return lines
