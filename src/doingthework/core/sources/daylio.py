"""Daylio's CSV export, in each layout it has had.

- `full_date,date,weekday,time,mood,activities,note_title,note` (current)
- `full_date,date,weekday,time,mood,activities,note` (before note titles)
- `year,date,weekday,time,mood,activities,note` (older: the year, then a day such as
  `April 14` or `14 April`, in English)

Columns are found by their names, so their order doesn't matter. A time is 12-hour (`6:50 pm`,
`9:05 PM`; `12:00 am` is midnight, `12:30 pm` half past noon) or 24-hour (`14:58`), mixed freely.
A note's line breaks are real ones inside quotes or Daylio's `<br>`, `<br/>`, `<br />`.

Each row becomes a check-in at that time: the mood by its name (rad, good, meh, bad, awful →
9, 7, 5, 3, 1, or as `--mood-map` says), the activities (` | ` between them) as its tags, and
the note's title and the note as its note (the title on the first line).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, tzinfo
from typing import Any

from doingthework.core.errors import BadInput
from doingthework.core.sources import Problem, SourceEntry, entry_at

DEFAULT_MOODS = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
MAP_EXAMPLE = "rad=10,good=8,meh=5,bad=3,awful=1"
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def mood_map(text: str | None, scale: Any = None) -> dict[str, int]:
    """Daylio's five default moods, with `--mood-map NAME=N,...` over them (names in any case).
    Each N must be a whole number on the plan's mood scale (1-10 unless it says otherwise)."""
    low, high = (getattr(scale, "min", 1), getattr(scale, "max", 10)) if scale is not None else (1, 10)
    moods = dict(DEFAULT_MOODS)
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, equals, number = part.rpartition("=")
        if not equals or not name.strip() or not re.fullmatch(r"\s*-?\d{1,3}\s*", number):
            raise BadInput(
                "--mood-map takes NAME=N pairs, separated by commas", hint=f"for example: --mood-map {MAP_EXAMPLE}"
            )
        if not low <= int(number) <= high:
            raise BadInput(f"--mood-map: each mood must be a number from {low:g} to {high:g}, the mood scale")
        moods[_name(name)] = int(number)
    return moods


def _name(mood: str) -> str:
    return " ".join(mood.split()).casefold()


def parse_time(text: str) -> time:
    """`6:50 pm`, `9:05 PM`, `12:00 am` (midnight), `12:15 pm` (noon), `14:58`, `07:05:30`."""
    match = TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError("not a time")
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    half = (match.group(4) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError("not a 12-hour time")
        hour = hour % 12 + (12 if half == "p" else 0)
    return time(hour, minute, second)  # ValueError past 23:59:59


def parse_day(row: dict[str, str]) -> date:
    """`full_date` (YYYY-MM-DD), or the older `year` with `date` such as `April 14` or `14 April`."""
    full = row.get("full_date", "").strip()
    if full:
        return date.fromisoformat(full)
    year, day = row.get("year", "").strip(), row.get("date", "").strip()
    words = day.replace(",", " ").replace(".", " ").split()
    if not year.isdigit() or len(words) != 2:
        raise ValueError("no date")
    first, second = words
    if first.isdigit():
        first, second = second, first
    month = MONTHS.get(first.casefold())
    if month is None or not second.isdigit():
        raise ValueError("no date")
    return date(int(year), month, int(second))


def note_of(row: dict[str, str]) -> str | None:
    """The note's title on the first line, then the note, line breaks kept."""
    parts = []
    for column in ("note_title", "note"):
        text = LINE_BREAK.sub("\n", row.get(column, "").replace("\r\n", "\n")).strip()
        if text:
            parts.append(text)
    return "\n".join(parts) or None


def read(text: str, moods: dict[str, int], zone: tzinfo | None) -> tuple[list[SourceEntry], list[Problem]]:
    """Every row's check-in, and the rows that can't be used (by the line they start on)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # a quote left open is an error
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
    except csv.Error:
        header = None
    names = [cell.strip().casefold() for cell in header or []]
    if "time" not in names or "mood" not in names or not ("full_date" in names or {"year", "date"} <= set(names)):
        raise BadInput(
            "this is not Daylio's CSV export: its first line should name the columns "
            "full_date (or year and date), time, mood, activities and note",
            hint="export it from Daylio: More > Export Entries > CSV",
        )
    found: list[SourceEntry] = []
    problems: list[Problem] = []
    last_line = reader.line_num
    while True:
        start = last_line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            problems.append(
                Problem(start, "it can't be read as CSV (a quote that never closes, or a cell over 128 KB)")
            )
            break
        last_line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # a blank line (one at the end is usual)
        if len(cells) < len(names) or any(cell.strip() for cell in cells[len(names) :]):
            problems.append(Problem(start, f"it has {len(cells)} columns where the first line names {len(names)}"))
            continue
        row = dict(zip(names, cells, strict=False))
        try:
            found.append(_row(start, row, moods, zone))
        except BadInput as exc:
            problems.append(Problem(start, exc.message))
    return found, problems


def _row(line: int, row: dict[str, str], moods: dict[str, int], zone: tzinfo | None) -> SourceEntry:
    try:
        day = parse_day(row)
    except ValueError:
        raise BadInput("its date can't be read (full_date as YYYY-MM-DD, or year and an English month)") from None
    try:
        at = parse_time(row.get("time", ""))
    except ValueError:
        raise BadInput("its time can't be read (like 9:05 pm or 21:05)") from None
    mood = moods.get(_name(row.get("mood", "")))
    if mood is None:
        raise BadInput(
            f"its mood is not one dtw knows ({', '.join(DEFAULT_MOODS)}); "
            f"say what each of your own moods means with --mood-map, e.g. --mood-map {MAP_EXAMPLE}"
        )
    moment = datetime.combine(day, at)
    activities = [" ".join(a.split()) for a in row.get("activities", "").split("|")]
    return entry_at(line, moment, zone, "checkin", activities, mood=mood, note=note_of(row))
