"""The export as one self-contained HTML file: inline CSS, readable on screen and on paper.

No scripts and nothing fetched from anywhere (a Content-Security-Policy says so to the
browser too). Every piece of text, the person's own words included, goes through
`html.escape`; only the markup written here shapes the page. Line breaks the person wrote
are kept: each line is escaped on its own, and the lines are joined by `<br>` (`_lines`).

Printing (issue 17): `@page` leaves the paper size to the printer (A4 or Letter) with 15 mm
margins; a table row, a list item or a paragraph is never cut across two pages, a heading stays
with what follows it, and a table wraps its cells to the page's width. A table with more than
`WIDE_COLUMNS` columns (the diary card: a column a day) is drawn `class="wide"`, in a smaller
font, so it fits a portrait page or wraps (a landscape page gives it more room). Ink only:
grey tints and the accent colour print as black lines and text.
"""

from __future__ import annotations

from html import escape

from doingthework.export import document as doc  # the page's blocks, which this file only draws
from doingthework.export.lines import text_lines

STYLE = """
:root { color-scheme: light; --ink: #1f2328; --soft: #57606a; --line: #d0d7de; --tint: #f6f8fa; --accent: #8a4b2f; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; color: var(--soft); }
p { margin: .5rem 0; }
p.quiet { color: var(--soft); font-style: italic; }
section#safety h2 { color: var(--accent); border-color: var(--accent); }
ul { margin: .4rem 0; padding-left: 1.3rem; }
li { margin: .2rem 0; }
table { border-collapse: collapse; margin: .6rem 0; }
th, td { padding: .25rem .7rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
th { background: var(--tint); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.wide { font-size: .85rem; }
table.wide th, table.wide td { padding: .2rem .4rem; }
pre.spark { font: 15px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: var(--tint); padding: .6rem .8rem; overflow-x: auto; }
@media print {
  @page { size: auto; margin: 15mm; }
  :root { --ink: #000; --soft: #333; --line: #666; --tint: transparent; --accent: #000; }
  body { font-size: 10.5pt; line-height: 1.4; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 16pt; }
  h2 { font-size: 13pt; margin-top: 1.2rem; }
  h3, h4 { font-size: 11pt; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, li, p, pre, h2 + p, h3 + p, h4 + p { break-inside: avoid; page-break-inside: avoid; }
  table { width: 100%; table-layout: auto; }
  thead { display: table-header-group; }
  th { border-bottom: 1.5px solid #000; }
  th, td { padding: .15rem .5rem; }
  table.wide { font-size: 8.5pt; }
  table.wide th, table.wide td { padding: .1rem .25rem; }
  pre.spark { font-size: 9pt; padding: 0; overflow: visible; }
  p.quiet { color: #000; }
}
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; form-action 'none'; base-uri 'none'"


WIDE_COLUMNS = 6  # a table with more columns than this prints small: see the module's docstring


def _text(value: str) -> str:
    return escape(value, quote=True)


def _lines(value: str) -> str:
    """Text that may have several lines: each escaped, joined by `<br>` (export/lines.py says
    how spaces and blank lines are folded)."""
    return "<br>\n".join(_text(line) for line in text_lines(value))


def _table(block: doc.Table) -> list[str]:
    def cells(tag: str, row: tuple[str, ...]) -> str:
        return "".join(
            f'<{tag} class="num">{_lines(c)}</{tag}>' if num else f"<{tag}>{_lines(c)}</{tag}>"
            for c, num in zip(row, block.numeric, strict=False)
        )

    # a Table may say it is wide itself (a `wide: bool = False` field); else its columns tell
    wide = getattr(block, "wide", False) or len(block.header) > WIDE_COLUMNS
    lines = [
        '<table class="wide">' if wide else "<table>",
        f"<thead><tr>{cells('th', block.header)}</tr></thead>",
        "<tbody>",
    ]
    lines += [f"<tr>{cells('td', row)}</tr>" for row in block.rows]
    return [*lines, "</tbody>", "</table>"]


def _list(block: doc.BulletList) -> list[str]:
    lines = ["<ul>"]
    for item in block.items:
        lead = f"<strong>{_text(item.lead)}</strong>" if item.lead else ""
        joint = " — " if item.lead and item.text else ""
        lines.append(f"<li>{lead}{joint}{_lines(item.text)}</li>")
    return [*lines, "</ul>"]


def _sparklines(block: doc.Sparklines) -> list[str]:
    rows = "\n".join(_text(line) for line in block.lines())
    return [f'<pre class="spark">{rows}</pre>']


def render_block(block: doc.Block) -> list[str]:
    if isinstance(block, doc.Heading):
        return [f"<h{block.level}>{_text(block.text)}</h{block.level}>"]
    if isinstance(block, doc.Paragraph):
        text = _lines(block.text)
        return [f'<p class="quiet">{text}</p>' if block.quiet else f"<p>{text}</p>"]
    if isinstance(block, doc.Table):
        return _table(block)
    if isinstance(block, doc.BulletList):
        return _list(block)
    if isinstance(block, doc.Sparklines):
        return _sparklines(block)
    raise TypeError(type(block).__name__)  # pragma: no cover - every block kind is drawn above


def render_html(document: doc.Document) -> str:
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(document.title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_text(document.title)}</h1>",
        f'<p class="quiet">{_text(document.intro)}</p>',
    ]
    if not document.sections:
        lines.append(f"<p>{_text(document.empty)}</p>")
    for section in document.sections:
        lines.append(f'<section id="{_text(section.id)}">')
        for block in section.blocks:
            lines += render_block(block)
        lines.append("</section>")
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


class HtmlExporter(doc.DocumentExporter):
    name = "html"

    def render(self, document: doc.Document) -> str:
        return render_html(document)
