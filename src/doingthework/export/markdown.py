"""The export as CommonMark (with GFM tables): one page to hand to a therapist.

The person's own words can never change the page's structure: every line of text goes
through `escape_inline` (or `escape_cell` in a table), which backslash-escapes each character
CommonMark could read as markup. Line breaks the person wrote are kept (`escape_text`,
`cell_text`), but only ever as markup written here: a hard line break inside a paragraph or a
list item, `<br>` inside a table cell. So a new line of theirs can never start a heading, a
list item, a table row or HTML.
"""

from __future__ import annotations

import re

from doingthework.export import document as doc  # the page's blocks, which this file only draws
from doingthework.export.lines import text_lines

# Characters that open or close inline markup anywhere in a line: escapes, code spans,
# emphasis, links and images, autolinks and raw HTML, entities, table pipes, strikethrough,
# and '#' (a heading's closing sequence).
_INLINE_SPECIAL = frozenset("\\`*_[]<>&|~#")
# At the start of a line (or of a list item's content) these open a block: list items,
# block quotes, setext underlines, thematic breaks. '>' and '#' are escaped everywhere already.
_LINE_START_SPECIAL = frozenset("-+=")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # '1. ' opens a list; '5.1' does not

# A line break inside a paragraph or a list item: a backslash at the end of the line (CommonMark's
# hard line break). Not two trailing spaces, which editors and `git diff --check` strip or flag.
# Every backslash of the person's own is doubled, so this one always reads as the break.
HARD_BREAK = "\\\n"
# A line break inside a table cell. A GFM row is one line, so a cell can't hold a hard break;
# `<br>` is the break GitHub, markdown-it and pandoc's HTML read in a cell. The space before it
# keeps the words apart where raw HTML is left out (Textual's Markdown widget, pandoc to PDF).
# `<` of the person's own is always escaped, so this is the only HTML a cell can carry.
CELL_BREAK = " <br>"


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


def escape_text(text: str, indent: str = "") -> str:
    """Plain text that may have several lines, as CommonMark inline content showing exactly that.

    Each line is escaped as `escape_inline` escapes a whole text (so none can open a block),
    and lines are joined by a hard line break. `indent` starts each continuation line: a list
    item's content width, so the item goes on. A blank line of the person's (one, however many
    they left, see export/lines.py) is kept as a line with the hard break alone: a paragraph
    break that shows, without ending the paragraph or the list item.
    """
    return (HARD_BREAK + indent).join(escape_inline(line) if line else "" for line in text_lines(text))


def cell_text(text: str) -> str:
    """Plain text that may have several lines, as one GFM table cell: lines joined by `<br>`
    (blank lines left out: a cell is small), each escaped by `escape_cell`."""
    return CELL_BREAK.join(escape_cell(line) for line in text_lines(text) if line) or " "


def _escape_characters(text: str) -> str:
    flat = " ".join(text.split())
    return "".join("\\" + ch if ch in _INLINE_SPECIAL else ch for ch in flat)


def _fence(lines: list[str]) -> str:
    """A backtick fence longer than any run of backticks inside, so nothing inside closes it."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _table(block: doc.Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell_text(c) for c in cells) + " |"

    rule = "| " + " | ".join("---:" if numeric else "---" for numeric in block.numeric) + " |"
    return [row(block.header), rule, *(row(r) for r in block.rows)]


def _list(block: doc.BulletList, marker: str) -> list[str]:
    lines = []
    indent = " " * (len(marker) + 1)  # continuation lines line up with the item's content
    for item in block.items:
        text = escape_text(item.text, indent)
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
            text = escape_text(block.text)
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
