"""The export as CSV, for people who keep their own spreadsheet: one row per entry, oldest first.

The columns are fixed (`COLUMNS`, documented in docs/data-format.md, "CSV"): a sheet built on
them keeps working after dtw learns a new field. A field of one kind fills its column; a kind
without that field leaves it blank, and so does a field nothing was noted in (never 0).

- RFC 4180 quoting as Python's `csv` writes it: a header row, a cell holding a comma, a quote or
  a line break in double quotes. Every line ends in LF, not the RFC's CR LF: no CR ever reaches a
  terminal from dtw (`--output -`; a lone CR lets text overwrite a line, core/sanitize.py), a
  note's own line breaks are LF too (`clean_text`), and Excel, LibreOffice, Google Sheets and
  `csv.reader` all read LF.
- UTF-8 without a byte-order mark: scripts and `cut` read the first column as `id`, not
  "\\ufeffid". Excel opens it through Data > From Text/CSV with UTF-8 (docs/data-format.md).
- A text cell that a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`,
  their full-width forms, a tab or a line break, even after spaces) gets a `'` in front, so
  opening the file never runs anything a hand-edited or imported entry holds (OWASP "CSV
  injection"). Numbers are written as numbers and never get one.
- Text is cleaned as on the page (`clean_text`): control characters and bidi overrides show
  as "�"; line breaks and tabs are kept.
- `scales`, `question_answers` and `extra` hold JSON text: a plan's scales and questions, and
  any field this dtw has no column for, stay in one stable column each, whatever the plan says.
- Private entries are in the file only when the export includes them (the context decides,
  as for every format). The page's sections and appendix don't apply: every entry is a row.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from datetime import tzinfo
from typing import Any

from doingthework.core.models import BASE_KEYS, Entry, format_at
from doingthework.core.report import ExportContext
from doingthework.core.sanitize import clean_text, dumps_json
from doingthework.export.document import Exporter

# Frozen on purpose: never derived from the models, so a column never moves or disappears.
# A new field gets a new column at the end (before `extra`), and docs/data-format.md says so.
COLUMNS: tuple[str, ...] = (
    # every entry
    "id",
    "kind",
    "date",
    "time",
    "at",
    "private",
    # checkin (feelings, body, note and skills are shared with other kinds)
    "mood",
    "energy",
    "sleep_hours",
    "feelings",
    "body",
    "intention",
    "note",
    "scales",
    "question_answers",
    "checkin_kind",
    "focus_area",
    # trigger, with its thought record
    "what",
    "intensity",
    "after",
    "tags",
    "thought",
    "urge",
    "response",
    "skills",
    "evidence_for",
    "evidence_against",
    "balanced_thought",
    "belief",
    "rerated",
    # boundary
    "boundary",
    "outcome",
    "with",
    "helped",
    "next_time",
    # practice (its before and after ratings: `before`, and `after` above)
    "preset",
    "planned_seconds",
    "actual_seconds",
    "completed",
    "before",
    # note
    "text",
    "discussed",
    # session
    "session_date",
    # measure
    "measure",
    "title",
    "answers",
    "score",
    "band",
    "difficulty",
    # any kind
    "opened_help_now",
    # added later, each just before `extra`
    "starred",  # journal
    "extra",
)

# A field whose JSON name would clash with a column of another meaning gets its own column.
RENAMED: dict[tuple[str, str], str] = {
    ("session", "date"): "session_date",  # the session's day, not the day it was recorded
    ("checkin", "answers"): "question_answers",  # the plan's questions; `answers` is a measure's
}
# Fields that have no column of their own. None: every field of every kind has one, and
# whatever dtw has no column for (from a newer dtw, or an import) goes into `extra` as JSON.
LEFT_OUT: frozenset[str] = frozenset()
# Columns that hold JSON text rather than a value or a list of words.
JSON_COLUMNS = frozenset({"scales", "question_answers", "extra"})

# What a spreadsheet reads as the start of a formula (or strips before one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
LIST_SEPARATOR = "; "

_OWN_COLUMNS = frozenset(COLUMNS[6:-1])


def column_of(kind: str, key: str) -> str:
    """The column a field of this kind (by its JSON name) is written in."""
    return RENAMED.get((kind, key), key)


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def text_cell(text: str) -> str:
    """The person's text as a cell: cleaned as on the page, never read as a formula."""
    cleaned = clean_text(text)
    if cleaned.startswith(FORMULA_STARTS) or cleaned.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + cleaned
    return cleaned


def cell(value: Any, *, as_json: bool = False) -> str:
    """One value as a cell: blank for nothing, a number as a number, words joined with "; "."""
    if value is None or value == [] or value == {} or value == "":
        return ""
    if as_json:
        # JSON's own escapes keep control characters out; it starts with { or [, never a formula
        return text_cell(dumps_json(value, indent=None))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value) if math.isfinite(value) else text_cell(repr(value))
    if isinstance(value, str):
        return text_cell(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return text_cell(LIST_SEPARATOR.join(v if isinstance(v, str) else _number(v) for v in value))
    return text_cell(dumps_json(value, indent=None))  # anything else someone wrote by hand


def entry_row(entry: Entry, zone: tzinfo | None) -> dict[str, str]:
    """One entry as a row: every column present, blank where the entry has nothing for it."""
    local = entry.at.astimezone(zone)
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        id=text_cell(entry.id),
        kind=entry.kind,
        date=f"{local:%Y-%m-%d}",
        time=f"{local:%H:%M}",
        at=format_at(entry.at),
        private=cell(entry.private),
    )
    others: dict[str, Any] = {}
    for key, value in entry.to_dict().items():
        if key in BASE_KEYS:
            continue
        column = column_of(entry.kind, key)
        if column in _OWN_COLUMNS:
            row[column] = cell(value, as_json=column in JSON_COLUMNS)
        else:
            others[key] = value
    row["extra"] = cell(others, as_json=True)
    return row


def export_rows(context: ExportContext) -> list[dict[str, str]]:
    zone = context.exported_at.tzinfo  # the page's clock: the same day and time as the page shows
    return [entry_row(entry, zone) for entry in sorted(context.entries, key=lambda e: e.at)]


def rows_text(rows: Sequence[Mapping[str, str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


class CsvExporter(Exporter):
    name = "csv"

    def export(self, context: ExportContext) -> str:
        return rows_text(export_rows(context))
