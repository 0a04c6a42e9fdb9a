"""The CSV export: a golden file for the fixed fortnight, round trips, blanks, formula injection,
the frozen columns, and `dtw export --format csv` on the command line.

Regenerate the golden file after an intended change with
`DTW_UPDATE_GOLDEN=1 pytest tests/export/test_csv.py`, then read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from dataclasses import fields
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from doingthework.cli import app
from doingthework.core.models import BASE_KEYS, KINDS, Boundary, CheckIn, Measure, Note, Trigger
from doingthework.core.sanitize import clean_text
from doingthework.core.store import Store
from doingthework.export import export_text
from doingthework.export.csv_export import COLUMNS, FORMULA_STARTS, LEFT_OUT, column_of
from tests.export.test_formats import GOLDEN, UPDATE, at, sample_context, sample_entries

ROOT = Path(__file__).resolve().parents[2]
# The extra fields dtw itself writes (docs/data-format.md, "Entries"): each has a column too.
DOCUMENTED_EXTRAS = {
    "checkin": ("answers", "skills", "checkin_kind", "focus_area"),
    "trigger": ("evidence_for", "evidence_against", "balanced_thought", "belief", "rerated"),
    "boundary": ("helped", "next_time"),
    "note": ("discussed",),
    "practice": ("note",),
}
DANGEROUS = tuple(FORMULA_STARTS)


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def csv_of(entries, **changes) -> str:
    return export_text("csv", sample_context(entries=entries, **changes))


# ---- golden file ------------------------------------------------------------------------


def test_golden_file():
    produced = export_text("csv", sample_context())
    golden = GOLDEN / "report.csv"
    if UPDATE:
        golden.write_bytes(produced.encode("utf-8"))
    assert golden.exists(), f"{golden} is missing: run with DTW_UPDATE_GOLDEN=1 and read it"
    assert produced.encode("utf-8") == golden.read_bytes()


def test_plain_utf8_with_lf_lines_and_no_bom():
    raw = export_text("csv", sample_context()).encode("utf-8")
    assert raw.startswith(b"id,kind,date,time,at,private,")
    assert raw.endswith(b"\n") and b"\r" not in raw  # no CR ever reaches a terminal (--output -)
    # the header, then a line per entry, and one more for the check-in note written on two lines
    assert raw.count(b"\n") == 1 + len(sample_entries()) + 1


# ---- reading it back --------------------------------------------------------------------


def test_round_trip_one_row_per_entry_oldest_first():
    entries = sample_entries()
    entries.append(
        Boundary(id="b09", at=at(15, 20), boundary="Phone off at ten", note="First line\nSecond, with a comma")
    )
    entries.append(CheckIn(id="c09", at=at(15, 21), mood=5, body="sore back, tight neck"))
    rows = rows_of(csv_of(entries))
    assert list(rows[0]) == list(COLUMNS)
    assert [r["id"] for r in rows] == [e.id for e in sorted(entries, key=lambda e: e.at)]
    assert {r["id"]: r["kind"] for r in rows} == {e.id: e.kind for e in entries}
    by_id = {r["id"]: r for r in rows}
    assert by_id["b09"]["note"] == "First line\nSecond, with a comma"
    assert by_id["c09"]["body"] == "sore back, tight neck"
    assert by_id["c01"]["feelings"] == "anxious; tired"
    assert json.loads(by_id["c01"]["scales"]) == {"urge": 2}
    assert json.loads(by_id["c07"]["question_answers"]) == {"win": "Called my sister"}
    assert by_id["t01"]["balanced_thought"] == "One hard email is not the whole job"
    assert by_id["t01"]["belief"] == "60"
    assert by_id["s01"]["session_date"] == "2026-11-12"
    assert (by_id["s01"]["date"], by_id["s01"]["time"]) == ("2026-11-12", "17:00")
    assert by_id["s01"]["at"] == "2026-11-12T17:00:00+01:00"
    assert by_id["p01"]["planned_seconds"] == "240" and by_id["c01"]["sleep_hours"] == "6.5"
    assert by_id["c02"]["opened_help_now"] == "true"


def test_a_measure_and_an_unknown_field():
    entries = [
        Measure(id="m1", at=at(3, 9), measure="phq9", title="PHQ-9", answers=[0, 1, 2], score=3, band="minimal"),
        Note(id="n1", at=at(4, 9), text="Hi", extra={"from_a_newer_dtw": {"x": [1, "two"]}}),
    ]
    m1, n1 = rows_of(csv_of(entries))
    assert (m1["measure"], m1["title"], m1["answers"], m1["score"], m1["band"]) == (
        "phq9",
        "PHQ-9",
        "0; 1; 2",
        "3",
        "minimal",
    )
    assert m1["difficulty"] == "" and m1["question_answers"] == ""
    assert json.loads(n1["extra"]) == {"from_a_newer_dtw": {"x": [1, "two"]}}


def test_blanks_not_zeros():
    row = rows_of(csv_of([CheckIn(id="c1", at=at(3, 9), mood=3)]))[0]
    assert row["mood"] == "3"
    blank = [c for c in COLUMNS if c not in ("id", "kind", "date", "time", "at", "private", "mood")]
    assert {c: row[c] for c in blank} == dict.fromkeys(blank, "")
    zero = rows_of(csv_of([CheckIn(id="c2", at=at(3, 9), mood=0, energy=0, sleep_hours=0)]))[0]
    assert (zero["mood"], zero["energy"], zero["sleep_hours"]) == ("0", "0", "0")  # a 0 noted stays 0


def test_an_empty_period_is_the_header_alone():
    assert csv_of([]) == ",".join(COLUMNS) + "\n"


def test_private_entries_are_the_contexts_choice():
    entries = [Note(id="n1", at=at(3, 9), text="mine", private=True)]
    assert rows_of(csv_of(entries))[0]["private"] == "true"


def test_control_characters_are_shown_as_on_the_page():
    text = "a\x1b[2Jb\u202ec\r\nd\te\rf"
    produced = csv_of([Note(id="n1", at=at(3, 9), text=text)])
    assert rows_of(produced)[0]["text"] == clean_text(text) == "a\ufffd[2Jb\ufffdc\nd\te\nf"
    assert "\r" not in produced and "\x1b" not in produced


# ---- formula injection ------------------------------------------------------------------

dangerous_text = st.builds(
    lambda spaces, start, rest: " " * spaces + start + rest,
    st.integers(0, 2),
    st.sampled_from(DANGEROUS),
    st.text(max_size=30),
)


def looks_like_a_formula(cell: str) -> bool:
    return cell.startswith(DANGEROUS) or cell.lstrip(" ").startswith(DANGEROUS)


@settings(max_examples=150, deadline=None)
@given(what=dangerous_text, tag=dangerous_text, note=dangerous_text, extra=dangerous_text)
def test_no_cell_can_run_as_a_formula(what, tag, note, extra):
    entries = [
        Trigger(id="t1", at=at(3, 9), what=what, tags=[tag], intensity=4),
        Note(id="n1", at=at(3, 10), text=note, extra={"from_an_import": extra}),
        Boundary(id="b1", at=at(3, 11), boundary="x", note=note, with_=what, extra={"helped": extra}),
    ]
    rows = list(csv.reader(io.StringIO(csv_of(entries), newline="")))
    assert len(rows) == 1 + len(entries) and all(len(r) == len(COLUMNS) for r in rows)
    for row in rows:
        for cell in row:
            assert not looks_like_a_formula(cell) or cell.startswith("'"), cell
    t1, n1, b1 = rows_of(csv_of(entries))
    # the ' is the only change: what follows is the text as the page shows it
    assert t1["what"] == "'" + clean_text(what) and n1["text"] == "'" + clean_text(note)
    assert b1["helped"] == "'" + clean_text(extra)


def test_numbers_stay_numbers_and_safe_text_is_untouched():
    entries = [Trigger(id="t1", at=at(3, 9), what="a plain sentence - with a dash", intensity=0, after=10)]
    row = rows_of(csv_of(entries))[0]
    assert (row["what"], row["intensity"], row["after"]) == ("a plain sentence - with a dash", "0", "10")


# ---- the columns ------------------------------------------------------------------------


def test_the_header_is_the_frozen_tuple():
    assert csv_of([]).split("\n")[0].split(",") == list(COLUMNS)
    assert len(set(COLUMNS)) == len(COLUMNS)
    assert COLUMNS[:6] == ("id", "kind", "date", "time", "at", "private") and COLUMNS[-1] == "extra"


def test_every_field_of_every_kind_has_a_column_or_is_left_out_on_purpose():
    for kind, cls in KINDS.items():
        for f in fields(cls):
            if f.name in (*BASE_KEYS, "extra"):
                continue
            name = "with" if f.name == "with_" else f.name
            assert column_of(kind, name) in COLUMNS or name in LEFT_OUT, (kind, name)
    for kind, extras in DOCUMENTED_EXTRAS.items():
        for name in extras:
            assert column_of(kind, name) in COLUMNS, (kind, name)
    assert column_of("any", "opened_help_now") in COLUMNS


def test_the_docs_list_every_column_in_order():
    docs = (ROOT / "docs/data-format.md").read_text()
    section = docs.split("\n## CSV", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
    assert listed == list(COLUMNS)


# ---- the command line -------------------------------------------------------------------


@pytest.fixture
def history(paths):
    store = Store(paths)
    now = datetime.now().astimezone().replace(microsecond=0)
    store.add(Trigger(what='=HYPERLINK("http://x")', intensity=7, tags=["work"], at=now - timedelta(days=2)))
    store.add(Note(text="a private line", private=True, at=now - timedelta(days=1)))
    return store


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_export_csv_to_a_file_is_private(history, tmp_path):
    target = tmp_path / "mine.csv"
    result = run("export", "--format", "csv", "-o", str(target), "--since", "all")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = rows_of(target.read_bytes().decode("utf-8"))
    assert [r["kind"] for r in rows] == ["trigger"]  # the private note left out
    assert rows[0]["what"] == '\'=HYPERLINK("http://x")'
    again = run("export", "--format", "csv", "-o", str(target), "--since", "all", "--include-private")
    assert again.exit_code == 2 and "--force" in again.stderr
    forced = run("export", "--format", "csv", "-o", str(target), "--since", "all", "--include-private", "--force")
    assert forced.exit_code == 0, forced.output
    assert [r["private"] for r in rows_of(target.read_bytes().decode("utf-8"))] == ["false", "true"]


def test_the_dated_name_ends_in_csv(history, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "--format", "CSV", "--since", "all")
    assert result.exit_code == 0, result.output
    written = list(tmp_path.glob("dtw-session-prep-*.csv"))
    assert len(written) == 1 and stat.S_IMODE(written[0].stat().st_mode) == 0o600


def test_help_names_csv():
    result = run("export", "--help")
    assert "md|json|html|csv" in result.stdout and "CSV" in result.stdout
