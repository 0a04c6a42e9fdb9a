"""The export as CommonMark (with GFM tables): one page to hand to a therapist.

The person's own words can never change the page's structure: every piece of text goes
through `escape_inline` (or `escape_cell` in a table), which puts everything on one line and
backslash-escapes each character CommonMark could read as markup.
"""

from __future__ import annotations

import re

from doingthework.export import document as doc  # the page's blocks, which this file only draws

# Characters that open or close inline markup anywhere in a line: escapes, code spans,
# emphasis, links and images, autolinks and raw HTML, entities, table pipes, strikethrough,
# and '#' (a heading's closing sequence).
_INLINE_SPECIAL = frozenset("\\`*_[]<>&|~#")
# At the start of a line (or of a list item's content) these open a block: list items,
# block quotes, setext underlines, thematic breaks. '>' and '#' are escaped everywhere already.
_LINE_START_SPECIAL = frozenset("-+=")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # '1. ' opens a list; '5.1' does not


def escape_inline(text: str) -> str:
    """Plain text as CommonMark inline content that shows exactly that text, on one line.

    Line breaks, tabs and runs of spaces become one space (a line break would let the next
    line start a heading, a list or a table row). Then every character with a meaning in
    inline markup is backslash-escaped, and so is a first character that could open a
    block. CommonMark lets any ASCII punctuation be escaped, and the escape always shows
    the character itself, so the text reads the same, only never as markup.
    """
    out = _escape_characters(text)
    if out[:1] in _LINE_START_SPECIAL and out[1:2] in ("", " ", *_LINE_START_SPECIAL):
        out = "\\" + out  # '- x', '+ x', '---', '===' (but '-5 degrees' is left alone)
    return _ORDERED_MARKER.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", out, count=1)


def escape_cell(text: str) -> str:
    """Plain text as the content of one GFM table cell.

    A cell holds inline content only (no block can start in it), so only the inline
    characters are escaped: `|` can't end the cell, and the text stays on one line, so it
    can't end the row or add one. Cells are split on `|` before backslash escapes are read;
    since every backslash is doubled first, `\\|` is always an escaped pipe.
    """
    return _escape_characters(text) or " "


def _escape_characters(text: str) -> str:
    flat = " ".join(text.split())
    return "".join("\\" + ch if ch in _INLINE_SPECIAL else ch for ch in flat)


def _fence(lines: list[str]) -> str:
    """A backtick fence longer than any run of backticks inside, so nothing inside closes it."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _table(block: doc.Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape_cell(c) for c in cells) + " |"

    rule = "| " + " | ".join("---:" if numeric else "---" for numeric in block.numeric) + " |"
    return [row(block.header), rule, *(row(r) for r in block.rows)]


def _list(block: doc.BulletList, marker: str) -> list[str]:
    lines = []
    for item in block.items:
        text = escape_inline(item.text)
        lead = escape_inline(item.lead)
        body = (f"**{lead}** — {text}" if text else f"**{lead}**") if lead else text or "(blank)"
        lines.append(f"{marker} {body}")
    return lines


def _sparklines(block: doc.Sparklines) -> list[str]:
    lines = block.lines()
    fence = _fence(lines)
    return [fence, *lines, fence]


def render_blocks(blocks: list[doc.Block]) -> list[str]:
    out: list[str] = []
    previous_marker = ""
    for block in blocks:
        marker = ""
        if isinstance(block, doc.Heading):
            chunk = [f"{'#' * block.level} {escape_inline(block.text)}"]
        elif isinstance(block, doc.Paragraph):
            text = escape_inline(block.text)
            if not text:
                continue
            chunk = [f"*{text}*" if block.quiet else text]
        elif isinstance(block, doc.Table):
            chunk = _table(block)
        elif isinstance(block, doc.BulletList):
            # two lists in a row would merge into one; a different bullet starts a new list
            marker = "*" if previous_marker == "-" else "-"
            chunk = _list(block, marker)
        elif isinstance(block, doc.Sparklines):
            chunk = _sparklines(block)
        else:  # pragma: no cover - every block kind is drawn above
            raise TypeError(type(block).__name__)
        previous_marker = marker
        out += [*chunk, ""]
    return out


def render_markdown(document: doc.Document) -> str:
    lines = [f"# {escape_inline(document.title)}", "", f"*{escape_inline(document.intro)}*", ""]
    if not document.sections:
        lines += [escape_inline(document.empty), ""]
    for section in document.sections:
        lines += render_blocks(section.blocks)
    return "\n".join(lines).rstrip("\n") + "\n"


class MarkdownExporter(doc.DocumentExporter):
    name = "md"

    def render(self, document: doc.Document) -> str:
        return render_markdown(document)
