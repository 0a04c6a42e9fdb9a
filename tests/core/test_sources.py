"""Reading jrnl and Daylio (core/sources/): each layout and time format against a golden JSON
file of the entries it gives, the rows that can't be used named by line, and stable ids.

Regenerate the golden files with DTW_UPDATE_GOLDEN=1, and read the diff."""

from __future__ import annotations

import json
import os
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doingthework.core.errors import BadInput
from doingthework.core.sources import daylio, jrnl, read_source, stable_id

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLDEN = FIXTURES / "golden"
UPDATE = bool(os.environ.get("DTW_UPDATE_GOLDEN"))
ZONE = timezone(timedelta(hours=1))  # the goldens' time zone, whatever the machine's
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=ZONE)


def entries_of(source: str, name: str, **options) -> list[dict]:
    read = read_source(source, FIXTURES / source / name, now=NOW, zone=ZONE, **options)
    return [entry.to_dict() for entry in read.entries]


def matches_golden(produced: list[dict], name: str) -> None:
    golden = GOLDEN / f"{name}.json"
    text = json.dumps(produced, ensure_ascii=False, indent=2) + "\n"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with DTW_UPDATE_GOLDEN=1 and read it"
    assert produced == json.loads(golden.read_text(encoding="utf-8"))


# ---- jrnl ---------------------------------------------------------------------------------


def test_jrnl_json_export():
    entries = entries_of("jrnl", "export.json")
    matches_golden(entries, "jrnl-export")
    first = entries[0]
    assert first["kind"] == "journal" and first["starred"] is True
    assert first["title"] == 'Hard day at "work".' and "🌱" in first["body"] and "'fine'" in first["body"]
    assert first["tags"] == ["work", "family"]  # without their @
    assert first["at"] == "2025-03-02T21:05:00+01:00"
    assert entries[1]["body"] is None and entries[1]["title"] == "Only a title, nothing more."
    assert entries[2]["title"] == "日本語のタイトル"
    assert entries[3]["id"] != entries[4]["id"]  # the same minute and title twice: two entries


def test_jrnl_text_in_24_hour_time_reads_as_the_json_export_does():
    entries = entries_of("jrnl", "journal-24h.txt")
    matches_golden(entries, "jrnl-journal-24h")
    from_json = entries_of("jrnl", "export.json")
    # the same journal, as a file or as JSON, gives the same ids: importing both adds nothing twice
    assert [e["id"] for e in entries] == [e["id"] for e in from_json[:3]]
    assert entries[0]["starred"] is True and entries[0]["title"] == 'Hard day at "work".'
    assert entries[0]["body"].endswith("#Calm-ish") and "\n\n" in entries[0]["body"]
    assert entries[0]["tags"] == ["family", "calm-ish"]  # lower case, as jrnl keeps them
    assert entries[1]["body"] is None
    assert entries[2]["body"] == "Back at @work; slept badly.\n[not a date] stays in the body"


def test_jrnl_text_in_its_configs_timeformat_with_midnight_and_noon():
    entries = entries_of("jrnl", "journal-12h.txt", jrnl_config=FIXTURES / "jrnl" / "jrnl.yaml")
    matches_golden(entries, "jrnl-journal-12h")
    assert [e["at"][11:19] for e in entries] == ["00:00:00", "12:30:00", "21:05:00"]
    assert entries[2]["starred"] is True and entries[2]["title"] == "Evening"


def test_jrnl_text_without_a_config_tries_the_common_formats():
    assert entries_of("jrnl", "journal-12h.txt") == entries_of(
        "jrnl", "journal-12h.txt", jrnl_config=FIXTURES / "jrnl" / "jrnl.yaml"
    )
    (entry,) = entries_of("jrnl", "journal-seconds.txt")
    assert entry["at"] == "2025-03-05T07:15:42+01:00" and entry["body"] == "Three lines, as always."


@pytest.mark.parametrize(
    ("name", "line", "why"),
    [("bad-date.txt", 4, "starts like an entry"), ("before-first.txt", 1, "comes before the first entry")],
)
def test_a_jrnl_line_that_cant_be_read_is_named_never_quoted(name, line, why):
    with pytest.raises(BadInput) as caught:
        read_source("jrnl", FIXTURES / "jrnl" / name, now=NOW, zone=ZONE)
    assert f"line {line}: it {why}" in caught.value.message
    assert "secret" not in caught.value.message and "nothing was imported" in caught.value.message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('timeformat: "%F %r"', "%Y-%m-%d %I:%M:%S %p"),
        ("timeformat: '%Y-%m-%d %H:%M'  # mine", "%Y-%m-%d %H:%M"),
        ("timeformat: %d.%m.%Y %H:%M", "%d.%m.%Y %H:%M"),
        ('timeformat: "%Y-%m-%dT%R"', "%Y-%m-%dT%H:%M"),
    ],
)
def test_the_jrnl_config_timeformat_is_read_without_yaml(tmp_path, line, expected):
    config = tmp_path / "jrnl.yaml"
    config.write_text(f"journals:\n  default:\n    timeformat: '%H'\n{line}\nversion: v4\n")
    assert jrnl.read_config(config).formats == (expected,)


@pytest.mark.parametrize(
    "line", ["timeformat: |", "timeformat: '%H:%M'", 'timeformat: "%Y\\x"', "timeformat: *anchor", "timeformat: '%Y"]
)
def test_a_jrnl_config_dtw_cant_read_is_refused_by_its_line(tmp_path, line):
    config = tmp_path / "jrnl.yaml"
    config.write_text(f"version: v4\n{line}\n")
    with pytest.raises(BadInput) as caught:
        jrnl.read_config(config)
    assert "--jrnl-config" in caught.value.message


# ---- Daylio -------------------------------------------------------------------------------


def test_daylio_current_layout():
    entries = entries_of("daylio", "current.csv")
    matches_golden(entries, "daylio-current")
    by_time = {e["at"][:16]: e for e in entries}
    evening = by_time["2025-03-02T21:05"]
    assert evening["mood"] == 9 and evening["tags"] == ["friends", "walk", "good meal"]
    assert evening["note"] == "A good day\nWe walked to the river.\nThen dinner.\nBed early.\nSlept well."
    assert by_time["2025-03-02T14:58"]["mood"] == 7 and by_time["2025-03-02T14:58"]["note"] is None
    midnight = by_time["2025-03-02T00:00"]
    assert midnight["note"] == 'A note over\nthree lines, with a "quote"\nand a comma.'
    assert by_time["2025-03-01T12:15"]["note"] == "Title only" and by_time["2025-03-01T18:50"]["mood"] == 1


def test_daylio_older_layout_with_year_and_an_english_day():
    entries = entries_of("daylio", "older-year.csv")
    matches_golden(entries, "daylio-older-year")
    assert [e["at"][:16] for e in entries] == ["2019-04-14T21:56", "2019-04-14T08:30", "2018-12-31T23:59"]
    assert entries[0]["note"] == "Read for an hour\nNice" and entries[2]["mood"] == 9  # "Rad": any case


def test_daylio_layout_without_a_note_title():
    entries = entries_of("daylio", "no-title.csv")
    matches_golden(entries, "daylio-no-title")
    assert entries[0]["note"] == "Woke up tired" and entries[1]["tags"] == ["friends"]


def test_daylio_custom_moods_need_the_map_and_are_named_by_line_never_quoted():
    with pytest.raises(BadInput) as caught:
        read_source("daylio", FIXTURES / "daylio" / "custom-moods.csv", now=NOW, zone=ZONE)
    message = caught.value.message
    assert "line 2:" in message and "line 4:" in message and "line 3" not in message
    assert "--mood-map" in message and "super" not in message.casefold() and "secret" not in message
    entries = entries_of("daylio", "custom-moods.csv", mood_map="super=10, low-ish=4,good=8")
    assert [e["mood"] for e in entries] == [10, 8, 4]


@pytest.mark.parametrize("bad", ["rad", "rad=", "=3", "rad=11", "rad=0", "rad=seven", "rad=1.5"])
def test_a_mood_map_that_cant_be_used_is_refused(bad):
    with pytest.raises(BadInput) as caught:
        daylio.mood_map(bad)
    assert "--mood-map" in caught.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6:50 pm", time(18, 50)),
        ("9:05 PM", time(21, 5)),
        ("12:00 am", time(0, 0)),
        ("12:59 AM", time(0, 59)),
        ("12:00 pm", time(12, 0)),
        ("12:30 p.m.", time(12, 30)),
        ("1:00 am", time(1, 0)),
        ("14:58", time(14, 58)),
        ("00:05", time(0, 5)),
        ("07:05:30", time(7, 5, 30)),
    ],
)
def test_daylio_times(text, expected):
    assert daylio.parse_time(text) == expected


@pytest.mark.parametrize("text", ["13:00 pm", "0:30 am", "24:00", "9.05 pm", "", "noon", "9:5 pm"])
def test_daylio_times_that_are_not_times(text):
    with pytest.raises(ValueError):
        daylio.parse_time(text)


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)), st.sampled_from(["am", "pm", "AM", "PM"]))
def test_any_time_reads_back_in_12_and_24_hour_form(moment, _case):
    twelve = f"{(moment.hour % 12) or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
    case = str.lower if _case.islower() else str.upper
    assert daylio.parse_time(case(twelve)) == moment
    assert daylio.parse_time(f"{moment.hour}:{moment.minute:02d}") == moment
    assert daylio.parse_time(f"{moment:%H:%M}") == moment


def test_bom_windows_line_endings_and_a_trailing_blank_line_read_the_same(tmp_path):
    original = (FIXTURES / "daylio" / "current.csv").read_bytes()
    windows = tmp_path / "windows.csv"
    windows.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n") + b"\r\n")
    from_windows = read_source("daylio", windows, now=NOW, zone=ZONE).entries
    assert [e.to_dict() for e in from_windows] == entries_of("daylio", "current.csv")
    journal = (FIXTURES / "jrnl" / "journal-24h.txt").read_bytes()
    (tmp_path / "journal.txt").write_bytes(b"\xef\xbb\xbf" + journal.replace(b"\n", b"\r\n") + b"\r\n")
    assert [e.to_dict() for e in read_source("jrnl", tmp_path / "journal.txt", now=NOW, zone=ZONE).entries] == (
        entries_of("jrnl", "journal-24h.txt")
    )


@pytest.mark.parametrize(
    ("csv_text", "why"),
    [
        ("full_date,time,mood\n2025-02-30,10:00,good\n", "its date can't be read"),
        ("full_date,time,mood\n2025-02-03,25:00,good\n", "its time can't be read"),
        ("full_date,time,mood\n2025-02-03,10:00,good,extra secret\n", "columns"),
        ("full_date,time,mood\n2031-02-03,10:00,good\n", "in the future"),
        ('full_date,time,mood,note\n2025-02-03,10:00,good,"secret never closes\n', "can't be read as CSV"),
    ],
)
def test_a_daylio_row_that_cant_be_used_is_named_by_its_line(tmp_path, csv_text, why):
    path = tmp_path / "export.csv"
    path.write_text(csv_text)
    with pytest.raises(BadInput) as caught:
        read_source("daylio", path, now=NOW, zone=ZONE)
    assert "line 2:" in caught.value.message and why in caught.value.message
    assert "secret" not in caught.value.message


def test_not_a_daylio_export(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(BadInput, match="not Daylio's CSV export"):
        read_source("daylio", path, now=NOW, zone=ZONE)


def test_stable_ids_depend_on_the_source_and_the_entry_only():
    assert stable_id("daylio", "2025-03-02 21:05", 0) == stable_id("daylio", "2025-03-02 21:05", 0)
    assert len({stable_id(s, k, n) for s in ("jrnl", "daylio") for k in ("a", "b") for n in (0, 1)}) == 8
    assert len(stable_id("jrnl", "x", 0)) == 16
