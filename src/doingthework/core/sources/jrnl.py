"""jrnl's journal, as `jrnl --export json` writes it or as its plain-text journal file.

JSON: `{"tags": {...}, "entries": [{"title", "body", "date": "YYYY-MM-DD", "time": "HH:MM",
"tags": ["@work"], "starred": false}, ...]}`.

Plain text, as jrnl writes it: an entry starts with a line `[<date and time>] <title>` (a ` *`
at its end: starred), then its body, then a blank line. The date and time follow the
`timeformat` of the person's jrnl config (`--jrnl-config FILE`); without one, the common ones
are tried. Tags are words in the text that start with one of jrnl's tag symbols (`tagsymbols`,
by default `#` and `@`), in lower case as jrnl keeps them.

Each becomes a `journal` entry (core/models.py) at the entry's local time; tags lose their symbol.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from doingthework.core.errors import BadInput
from doingthework.core.sources import Problem, SourceEntry, entry_at

# what jrnl has written over the years when no config says otherwise ("%F %r" is jrnl 2.x's default)
COMMON_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M %p")
DEFAULT_TAG_SYMBOLS = "#@"
# strftime shorthands jrnl's configs use that Python's strptime doesn't know
SHORTHANDS = {"F": "%Y-%m-%d", "T": "%H:%M:%S", "R": "%H:%M", "r": "%I:%M:%S %p", "D": "%m/%d/%y", "h": "%b", "e": "%d"}
# a body line that starts like this is an entry's first line whose date can't be read, not words
LOOKS_LIKE_A_START = re.compile(r"\[\d{1,4}[-./]\d{1,2}[-./]\d{1,4}[ T]")
CONFIG_KEYS = ("timeformat", "tagsymbols")
SAMPLE = datetime(2026, 3, 2, 21, 5, 7)


@dataclass(frozen=True)
class JrnlConfig:
    """The two keys of a jrnl config that say how its journal file is written."""

    formats: tuple[str, ...] = COMMON_FORMATS
    tag_symbols: str = DEFAULT_TAG_SYMBOLS


def read_config(path: Path | None) -> JrnlConfig:
    """`timeformat` and `tagsymbols` from jrnl's YAML config. Only these two top-level keys are
    read, each a plain or quoted one-line value: no YAML library is needed for that (and dtw
    ships none), and nothing else in the file is looked at."""
    if path is None:
        return JrnlConfig()
    from doingthework.core.fsutil import read_given

    try:
        text = read_given(path, "jrnl's config file", "--jrnl-config: ").decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"--jrnl-config: {path} is not UTF-8 text") from None
    found: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = re.match(r"(timeformat|tagsymbols)\s*:(.*)$", line.rstrip("\r"))  # top level: no indent
        if match:
            found[match.group(1)] = _yaml_scalar(path, number, match.group(1), match.group(2))
    formats: tuple[str, ...] = COMMON_FORMATS
    if "timeformat" in found:
        formats = (_strptime_format(path, found["timeformat"]),)
    symbols = found.get("tagsymbols") or DEFAULT_TAG_SYMBOLS
    return JrnlConfig(formats, symbols)


def _yaml_scalar(path: Path, number: int, key: str, raw: str) -> str:
    """A one-line YAML scalar: 'single' (with '' for '), "double" (with \\" and \\\\), or plain;
    a ' #' after it starts a comment. Anything else is refused rather than guessed."""
    value = raw.strip()
    refused = BadInput(
        f"--jrnl-config: {path}, line {number}: dtw reads '{key}' only as one quoted or plain value",
        hint='write it like: timeformat: "%Y-%m-%d %H:%M"',
    )
    if value[:1] in ("'", '"'):
        quote, out, index = value[0], [], 1
        while index < len(value):
            char = value[index]
            if quote == "'" and char == "'" and value[index + 1 : index + 2] == "'":
                out.append("'")
                index += 2
                continue
            if quote == '"' and char == "\\":
                following = value[index + 1 : index + 2]
                if following not in ('"', "\\"):
                    raise refused
                out.append(following)
                index += 2
                continue
            if char == quote:
                rest = value[index + 1 :].strip()
                if rest and not rest.startswith("#"):
                    raise refused
                return "".join(out)
            out.append(char)
            index += 1
        raise refused  # the quote never closes on this line
    value = re.split(r"\s#", value, maxsplit=1)[0].strip()
    if not value or value[0] in "|>&*!{[#":
        raise refused
    return value


def _strptime_format(path: Path, timeformat: str) -> str:
    """jrnl's timeformat as Python's strptime reads it; refused unless a time written with it
    reads back to the same minute."""
    expanded = re.sub(r"%([%a-zA-Z])", lambda m: SHORTHANDS.get(m.group(1), m.group(0)), timeformat)
    try:
        back = datetime.strptime(SAMPLE.strftime(expanded), expanded)
    except ValueError:
        back = None
    if back is None or back.replace(second=0) != SAMPLE.replace(second=0):
        raise BadInput(
            f"--jrnl-config: {path}: dtw can't read dates written with its timeformat",
            hint="it needs the year, month, day, hour and minute, e.g. %Y-%m-%d %H:%M",
        )
    return expanded


def read(path: Path, text: str, config: JrnlConfig, zone: tzinfo | None) -> tuple[list[SourceEntry], list[Problem]]:
    """The journal's entries and the lines (or JSON entries) that can't be used."""
    if text.lstrip().startswith("{"):
        return _read_json(path, text, zone)
    return _read_text(text, config, zone)


def _read_json(path: Path, text: str, zone: tzinfo | None) -> tuple[list[SourceEntry], list[Problem]]:
    try:
        data = json.loads(text)
    except RecursionError:
        raise BadInput(f"{path} is nested too deeply to be jrnl's export; nothing was imported") from None
    except ValueError as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise BadInput(
            f"{path} is not a JSON file{where}; nothing was imported", hint="write it with `jrnl --export json`"
        ) from None
    if isinstance(data, dict) and data.get("format") == "doingthework":
        raise BadInput(f"{path} is a dtw export", hint="import it without --from: dtw import FILE")
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BadInput(f"{path} is not jrnl's JSON export (it has no list of 'entries')")
    found, problems = [], []
    for index, item in enumerate(data["entries"], start=1):
        try:
            found.append(_json_entry(index, item, zone))
        except BadInput as exc:
            problems.append(Problem(index, exc.message, "entry"))
    return found, problems


def _json_entry(index: int, item: Any, zone: tzinfo | None) -> SourceEntry:
    if not isinstance(item, dict):
        raise BadInput("an entry must be a JSON object")
    date, time = item.get("date"), item.get("time")
    if not isinstance(date, str) or not isinstance(time, str):
        raise BadInput("it needs a 'date' (YYYY-MM-DD) and a 'time' (HH:MM)")
    moment = None
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            moment = datetime.strptime(f"{date.strip()} {time.strip()}", fmt)
            break
        except ValueError:
            continue
    if moment is None:
        raise BadInput("its 'date' or 'time' can't be read (YYYY-MM-DD and HH:MM)")
    title, body = item.get("title"), item.get("body")
    for name, value in (("title", title), ("body", body)):
        if value is not None and not isinstance(value, str):
            raise BadInput(f"'{name}' must be text")
    tags = item.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BadInput("'tags' must be a list of words")
    starred = item.get("starred", False)
    if not isinstance(starred, bool):
        raise BadInput("'starred' must be true or false")
    return _entry(index, moment, title, body, tags, starred, zone, where="entry")


def _read_text(text: str, config: JrnlConfig, zone: tzinfo | None) -> tuple[list[SourceEntry], list[Problem]]:
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    tag_pattern = re.compile(rf"(?<!\S)([{re.escape(config.tag_symbols)}][-+*#/\w]+)")
    found: list[SourceEntry] = []
    problems: list[Problem] = []
    current: tuple[int, datetime, str, bool] | None = None
    body: list[str] = []

    def finish() -> None:
        if current is None:
            return
        number, moment, title, starred = current
        words = "\n".join(body).strip("\n").rstrip()
        tags = list(dict.fromkeys(t.lower() for t in tag_pattern.findall(f"{title}\n{words}")))
        try:
            found.append(_entry(number, moment, title, words, tags, starred, zone))
        except BadInput as exc:
            problems.append(Problem(number, exc.message))

    for number, line in enumerate(lines, start=1):
        start = _start(line, config.formats)
        if start is None and LOOKS_LIKE_A_START.match(line):
            problems.append(
                Problem(number, "it starts like an entry, but its date and time can't be read (see --jrnl-config)")
            )
            continue
        if start is None:
            if current is not None:
                body.append(line)
            elif line.strip():
                problems.append(Problem(number, "it comes before the first entry's [date and time] line"))
            continue
        finish()
        moment, title = start
        starred = title.endswith("*")
        current = (number, moment, title.rstrip(" *") if starred else title, starred)
        body = []
    finish()
    return found, problems


def _start(line: str, formats: tuple[str, ...]) -> tuple[datetime, str] | None:
    """(when, the title) if `line` is an entry's first line: `[date and time] title`."""
    if not line.startswith("["):
        return None
    end = line.find("]")
    if end < 0 or (len(line) > end + 1 and line[end + 1] != " "):
        return None
    stamp = line[1:end]
    for fmt in formats:
        try:
            return datetime.strptime(stamp, fmt), line[end + 1 :].strip()
        except ValueError:
            continue
    return None


def _entry(
    number: int,
    moment: datetime,
    title: str | None,
    body: str | None,
    tags: list[str],
    starred: bool,
    zone: tzinfo | None,
    where: str = "line",
) -> SourceEntry:
    title = (title or "").strip()
    body = (body or "").strip("\n").rstrip()
    # jrnl writes a tag with its symbol (@work); the tag is the word
    words = [tag[1:] if tag and not tag[0].isalnum() else tag for tag in tags]
    return entry_at(
        number,
        moment,
        zone,
        "journal",
        words,
        name=title,
        where=where,
        title=title or None,
        body=body or None,
        starred=starred,
    )
