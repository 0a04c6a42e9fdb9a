"""The page as Markdown and HTML draw it (issue 17, items 4 and 7): line breaks kept, and a page
that prints.

Most tests drive the renderers with blocks built here, so they say what Markdown and HTML do
with a line break whatever the document makes of an entry. The Markdown is read back with
markdown-it-py (CommonMark, with GFM tables), the HTML with html.parser.
"""

from __future__ import annotations

import html.parser
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from doingthework.core.models import Note
from doingthework.export import document as doc
from doingthework.export import export_text
from doingthework.export.html import WIDE_COLUMNS, render_html
from doingthework.export.markdown import render_markdown
from tests.export.test_formats import at, sample_context

MD = MarkdownIt("commonmark").enable("table")

TWO_LINES = "everything feels pointless\nsecond line"


def page(note: str = TWO_LINES, cell: str = "a\nb") -> doc.Document:
    """A small page: every kind of block, the note in a paragraph, a list item and a table cell."""
    wide = doc.Table(
        header=("Day", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        rows=(("Mood", "3", "4", "–", "5", "5", "6", "4"), ("Urge", "2", "1", "–", "0", "1", "3", "2")),
        numeric=(False, *[True] * 7),
    )
    return doc.Document(
        title="Session prep: 2–15 November 2026",
        intro="A personal record.",
        sections=[
            doc.Section(
                "checkins",
                [
                    doc.Heading(2, "Check-ins"),
                    doc.Paragraph(note),
                    doc.Heading(3, "Intentions and notes"),
                    doc.BulletList((doc.Item(note, lead="Mon 2"), doc.Item("rest", lead="Tue 3"))),
                ],
            ),
            doc.Section(
                "triggers",
                [
                    doc.Heading(2, "Triggers"),
                    doc.Table(
                        header=("Tag", "Times", "Note"),
                        rows=(("work", "2", cell), ("home", "1", note)),
                        numeric=(False, True, False),
                    ),
                    doc.Heading(3, "Diary card"),
                    wide,
                    doc.Paragraph(note, quiet=True),
                ],
            ),
        ],
    )


# ---- Markdown, read back as CommonMark --------------------------------------------------


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    return [(int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


def tables(tokens: list[Token]) -> list[list[int]]:
    """Each table as its rows' cell counts (the header row first)."""
    out: list[list[int]] = []
    for t in tokens:
        if t.type == "table_open":
            out.append([])
        elif t.type == "tr_open":
            out[-1].append(0)
        elif t.type in ("th_open", "td_open"):
            out[-1][-1] += 1
    return out


def inline_kinds(tokens: list[Token]) -> list[str]:
    return [child.type for t in tokens if t.type == "inline" for child in t.children or []]


def raw_html(tokens: list[Token]) -> list[str]:
    """Every piece of raw HTML in the inline content: only ever a `<br>` of the renderer's."""
    return [
        child.content for t in tokens if t.type == "inline" for child in t.children or [] if child.type == "html_inline"
    ]


def count(tokens: list[Token], kind: str) -> int:
    return sum(1 for t in tokens if t.type == kind)


def test_markdown_headings_by_level_and_text():
    tokens = MD.parse(render_markdown(page()))
    assert headings(tokens) == [
        (1, "Session prep: 2–15 November 2026"),
        (2, "Check-ins"),
        (3, "Intentions and notes"),
        (2, "Triggers"),
        (3, "Diary card"),
    ]


def test_markdown_tables_rows_and_columns():
    tokens = MD.parse(render_markdown(page()))
    assert tables(tokens) == [[3, 3, 3], [8, 8, 8]]


def test_markdown_two_line_note_is_a_hard_break():
    markdown = render_markdown(page())
    tokens = MD.parse(markdown)
    paragraph = next(t for t in tokens if t.type == "inline" and t.content.startswith("everything"))
    assert [c.type for c in paragraph.children or []] == ["text", "hardbreak", "text"]
    assert [c.content for c in paragraph.children or [] if c.type == "text"] == [
        "everything feels pointless",
        "second line",
    ]
    assert "everything feels pointless\\\nsecond line" in markdown  # a backslash: no trailing spaces to lose
    # in the list item the next line is indented under the item, which goes on
    assert "- **Mon 2** — everything feels pointless\\\n  second line\n- **Tue 3** — rest" in markdown
    assert count(tokens, "list_item_open") == 2
    assert count(tokens, "bullet_list_open") == 1
    assert count(tokens, "heading_open") == 5
    assert inline_kinds(tokens).count("hardbreak") == 3  # paragraph, list item, quiet paragraph
    quiet = next(t for t in tokens if t.type == "inline" and t.content.startswith("*everything"))
    assert [c.type for c in quiet.children or []] == ["em_open", "text", "hardbreak", "text", "em_close"]


def test_markdown_line_break_in_a_table_cell_is_br():
    markdown = render_markdown(page())
    assert "| work | 2 | a <br>b |" in markdown
    tokens = MD.parse(markdown)
    assert tables(tokens)[0] == [3, 3, 3]
    assert raw_html(tokens) == ["<br>", "<br>"]  # a <br> in the "work" row, one in the "home" row


def test_blank_lines_in_the_text_are_one_blank_line_that_keeps_the_paragraph():
    markdown = render_markdown(page(note="first\n\n\n\n  \nsecond\n\n"))
    tokens = MD.parse(markdown)
    paragraph = next(t for t in tokens if t.type == "inline" and t.content.startswith("first"))
    assert [c.type for c in paragraph.children or []] == ["text", "hardbreak", "hardbreak", "text"]
    assert "- **Mon 2** — first\\\n  \\\n  second\n" in markdown
    assert count(tokens, "list_item_open") == 2
    assert count(tokens, "paragraph_open") == count(MD.parse(render_markdown(page(note="one line"))), "paragraph_open")


# ---- no text of the person's changes the structure --------------------------------------

HOSTILE_LINES = [
    "# heading\n## another",
    "- item\n* item\n+ item\n1. one\n2) two",
    "| a | b |\n| --- | --- |\n| c | d |",
    "para\n\n# after a blank line\n\n- list after a blank line",
    "text\n===\nmore\n---",
    "<script>alert(1)</script>\n<div>\n<!-- c -->",
    "```\ncode\n```",
    "> quote\n>> more",
    "ends with a backslash \\\nnext",
    "two spaces  \nnext",
    "    indented\n\tтаб",
]

ALPHABET = st.sampled_from(list("\n\n\n  #-*+|<>`=_~[]()!\\.1a)&;:/é字")) | st.characters(codec="utf-8")
TEXT = st.text(alphabet=ALPHABET, max_size=60) | st.sampled_from(HOSTILE_LINES)


def md_structure(markdown: str) -> dict[str, object]:
    tokens = MD.parse(markdown)
    return {
        "blocks": [(t.type, t.tag, t.level) for t in tokens if t.type != "inline"],
        "headings": [lvl for lvl, _ in headings(tokens)],
        "tables": tables(tokens),
        "html": raw_html(tokens),
    }


class Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))


def html_tags(page_html: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    parser = Tags()
    parser.feed(page_html)
    return [t for t in parser.tags if t[0] != "br"]


BENIGN = page(note="plain words", cell="plain words")


@pytest.mark.parametrize("text", HOSTILE_LINES)
def test_hostile_lines_change_no_structure(text):
    expected = md_structure(render_markdown(BENIGN))
    got = md_structure(render_markdown(page(note=text, cell=text)))
    assert got["blocks"] == expected["blocks"]
    assert got["headings"] == expected["headings"]
    assert got["tables"] == expected["tables"]
    assert set(got["html"]) <= {"<br>"}  # type: ignore[arg-type]
    rendered = render_html(page(note=text, cell=text))
    assert html_tags(rendered) == html_tags(render_html(BENIGN))
    assert "<script" not in rendered.lower() and "<div" not in rendered


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_with_line_breaks_never_adds_a_heading_item_row_or_tag(text):
    expected = md_structure(render_markdown(BENIGN))
    got = md_structure(render_markdown(page(note=text, cell=text)))
    if not text.strip():  # an empty note leaves its paragraphs out (and only those): compare the rest
        for kind in ("headings", "tables"):
            assert got[kind] == expected[kind]
    else:
        assert got["blocks"] == expected["blocks"]
        assert got["headings"] == expected["headings"]
        assert got["tables"] == expected["tables"]
    assert set(got["html"]) <= {"<br>"}  # type: ignore[arg-type]
    blocks = got["blocks"]
    assert sum(1 for b in blocks if b[0] == "list_item_open") == 2  # type: ignore[attr-defined, index]
    assert sum(1 for b in blocks if b[0] == "tr_open") == 6  # type: ignore[attr-defined, index]
    rendered = render_html(page(note=text, cell=text))
    tags = [tag for tag, _ in html_tags(rendered)]
    benign = [tag for tag, _ in html_tags(render_html(BENIGN))]
    assert tags == benign or (not text.strip() and [t for t in tags if t != "p"] == [t for t in benign if t != "p"])


# ---- HTML: line breaks and print ------------------------------------------------------------


def test_html_two_line_note_has_br():
    rendered = render_html(page())
    assert "<p>everything feels pointless<br>\nsecond line</p>" in rendered
    assert "<li><strong>Mon 2</strong> — everything feels pointless<br>\nsecond line</li>" in rendered
    assert "<td>a<br>\nb</td>" in rendered
    assert '<p class="quiet">everything feels pointless<br>\nsecond line</p>' in rendered


def test_html_escapes_each_line_before_joining_with_br():
    rendered = render_html(page(note="<b>x</b>\n&amp;<br>"))
    assert "&lt;b&gt;x&lt;/b&gt;<br>\n&amp;amp;&lt;br&gt;" in rendered


def style(rendered: str) -> str:
    match = re.search(r"<style>(.*?)</style>", rendered, re.S)
    assert match
    return match.group(1)


def print_rules(rendered: str) -> str:
    css = style(rendered)
    start = css.index("@media print {")
    return css[start:]


def test_html_has_print_css_and_no_scripts():
    rendered = render_html(page())
    rules = print_rules(rendered)
    assert "@page { size: auto; margin: 15mm; }" in rules  # A4 or Letter: the printer's paper
    assert re.search(r"(^|[\s,])tr[\s,][^{]*\{[^}]*break-inside: avoid", rules, re.M)  # no row cut in two
    assert re.search(r"(^|[\s,])li[\s,][^{]*\{[^}]*break-inside: avoid", rules, re.M)
    assert re.search(r"h2[^{]*\{[^}]*break-after: avoid", rules)
    assert "table { width: 100%; table-layout: auto; }" in rules
    assert "word-break: break-word" in style(rendered) and "overflow-wrap: anywhere" in style(rendered)
    assert "table.wide" in rules
    lowered = rendered.lower()
    assert "<script" not in lowered
    assert "http" not in lowered.replace('http-equiv="content-security-policy"', "")
    assert "url(" not in lowered and "@import" not in lowered


def test_print_colours_are_ink_only():
    """On paper every colour is black or a grey dark enough to read in black and white."""
    rules = print_rules(render_html(page()))
    for value in re.findall(r"#[0-9a-fA-F]{3,6}\b", rules):
        digits = value[1:] if len(value) == 7 else "".join(c * 2 for c in value[1:])
        assert max(int(digits[i : i + 2], 16) for i in (0, 2, 4)) <= 0x66, value
    assert "--tint: transparent" in rules


def test_a_table_with_many_columns_is_wide():
    rendered = render_html(page())
    assert rendered.count('<table class="wide">') == 1  # the 8-column diary card
    assert rendered.count("<table>") == 1  # the 3-column one
    assert WIDE_COLUMNS < 8


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_sample_page_prints_and_parses(fmt):
    rendered = export_text(fmt, sample_context())
    if fmt == "html":
        assert "@media print" in rendered and "@page" in rendered and "<script" not in rendered.lower()
    else:
        tokens = MD.parse(rendered)
        assert headings(tokens)[0][0] == 1 and all(level in (2, 3, 4) for level, _ in headings(tokens)[1:])
        assert all(len(set(rows)) == 1 for rows in tables(tokens))  # every row as wide as its header


# ---- the whole page: a note written on two lines ------------------------------------------


def test_a_two_line_note_keeps_its_line_break_on_the_page():
    note = Note(id="n-two-lines", at=at(14, 20), text=TWO_LINES)
    context = sample_context(open_notes=[note])
    markdown = export_text("md", context)
    assert "everything feels pointless\\\n  second line" in markdown
    tokens = MD.parse(markdown)
    assert "hardbreak" in inline_kinds(tokens)
    rendered = export_text("html", context)
    assert "everything feels pointless<br>\nsecond line" in rendered
