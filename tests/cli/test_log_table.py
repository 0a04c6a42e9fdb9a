"""The table `dtw log` prints (Rich's own Table): aligned, wrapped to the terminal, and safe for
any text a person once wrote."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from doingthework.cli.log import print_table
from doingthework.core.models import Note, Trigger
from doingthework.core.sanitize import clean_text

AT = datetime(2026, 11, 23, 8, 2, tzinfo=UTC)


def note(text: str, *, private: bool = False, id: str = "aaaaaaaa") -> Note:
    return Note(id=id + "-0000-0000-0000-000000000000", at=AT, text=text, private=private)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def lines_of(entries, width: int = 80, stream: io.StringIO | None = None) -> list[str]:
    stream = stream or io.StringIO()
    print_table(entries, stream=stream, width=width)
    return stream.getvalue().split("\n")[:-1]  # not splitlines(): U+2028 in an entry is not a line end here


@given(text=st.text(min_size=1), width=st.integers(41, 50))
def test_every_word_is_kept_and_every_line_fits_the_width(text, width):
    lines = lines_of([note(text)], width=width)  # narrow enough that the entry column is the last
    assert all(cell_len(line) <= width for line in lines)
    start = lines[0].index("entry")  # the columns before it are plain ASCII
    shown = "".join(line[start:] for line in lines[2:])
    assert "".join(shown.split()) == "".join(clean_text(text.replace("\t", "    ")).split())


def test_wide_characters_and_emoji_line_up():
    lines = lines_of([note("日本語のメモ 🫶"), note("plain", id="bbbbbbbb")])
    starts = [cell_len(line[: line.index(id)]) for line, id in zip(lines[2:], ("aaaaaaaa", "bbbbbbbb"), strict=True)]
    assert starts[0] == starts[1]


def test_control_characters_never_reach_the_terminal():
    out = "\n".join(lines_of([note("clear\x1b[2J the screen\x07\x9b")], stream=FakeTerminal()))
    assert "\x07" not in out and "\x9b" not in out and "\x1b[2J" not in out
    assert "clear\ufffd[2J the screen\ufffd\ufffd" in out  # shown as "�": something was there


def test_markup_in_the_persons_text_is_shown_as_written():
    out = "\n".join(lines_of([note("[bold red]not a style[/] :smile:")], stream=FakeTerminal()))
    assert "[bold red]not a style[/] :smile:" in out


def test_long_text_wraps_within_its_column_and_the_id_stays_on_the_first_line():
    lines = lines_of([Trigger(id="aaaaaaaa-0", at=AT, what="word " * 40)])
    assert all(cell_len(line) <= 80 for line in lines)
    assert lines[2].rstrip().endswith("aaaaaaaa") and len(lines) > 4
    column = lines[2].index("word")
    assert all(line[:column].strip() == "" for line in lines[3:])  # the rest of the text stays in its column


def test_styles_only_on_a_terminal(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    plain = "\n".join(lines_of([note("mine", private=True)]))
    assert "\x1b" not in plain and "mine  (private)" in plain
    styled = "\n".join(lines_of([note("mine", private=True)], stream=FakeTerminal()))
    assert "\x1b[1m" in styled and "(private)" in styled and "\x1b[2" in styled


def test_a_dumb_terminal_gets_no_styles(monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    assert "\x1b" not in "\n".join(lines_of([note("mine")], stream=FakeTerminal()))


def test_a_narrow_terminal_loses_the_id_column_before_anything_runs_off_the_edge():
    entry = note("mood 6 · energy 4 · anxious, tired")
    assert "aaaaaaaa" in lines_of([entry], width=80)[2]
    narrow = lines_of([entry], width=50)
    assert all(cell_len(line) <= 50 for line in narrow) and not any("aaaaaaaa" in line for line in narrow)
    assert "mood 6" in "".join(narrow)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_draw_lines_gets_a_plain_rule(encoding):
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    print_table([note("plain words")], stream=stream, width=80)
    stream.flush()
    out = stream.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]  # a BytesIO, made above
    assert "plain words" in out and "─" not in out and "-----" in out
