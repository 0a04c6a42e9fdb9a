"""The plain table `dtw log` prints: aligned, wrapped to the terminal, and safe for any text."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from doingthework.cli.table import Column, clean, print_table, render, wrap

COLUMNS = [Column("when", style="dim"), Column("kind"), Column("entry", wrap=True), Column("id", style="dim")]


@given(text=st.text(), width=st.integers(4, 60))
def test_wrapping_keeps_every_word_and_fits_the_width(text, width):
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(clean(text).split())


def test_wide_characters_and_emoji_line_up():
    rows = [
        ["Mon 23 Nov 2026 08:02", "note", "日本語のメモ 🫶", "aaaaaaaa"],
        ["Mon 23 Nov 2026 09:00", "note", "plain", "bbbbbbbb"],
    ]
    lines = render(COLUMNS, rows, width=80, styled=False)
    ids = [line.index("aaaaaaaa") if "aaaaaaaa" in line else line.index("bbbbbbbb") for line in lines[2:]]
    assert [cell_len(line[:i]) for line, i in zip(lines[2:], ids, strict=False)] == [cell_len(lines[2][: ids[0]])] * 2


def test_control_characters_never_reach_the_terminal():
    rows = [["Mon 23 Nov 2026 08:02", "note", "clear\x1b[2J the screen\x07\x9b", "aaaaaaaa"]]
    out = "\n".join(render(COLUMNS, rows, width=80, styled=True))
    assert "\x07" not in out and "\x9b" not in out and "\x1b[2J" not in out
    assert "clear\ufffd[2J the screen\ufffd\ufffd" in out  # shown as "�": something was there


def test_long_text_wraps_within_its_column_and_the_id_stays_on_the_first_line():
    rows = [["Mon 23 Nov 2026 08:02", "trigger", "word " * 40, "aaaaaaaa"]]
    lines = render(COLUMNS, rows, width=80, styled=False)
    assert all(cell_len(line) <= 80 for line in lines)
    assert lines[2].endswith("aaaaaaaa") and len(lines) > 4


def test_styles_only_on_a_terminal():
    rows = [["Mon 23 Nov 2026 08:02", "note", ("mine", "(private)"), "aaaaaaaa"]]
    plain = io.StringIO()
    print_table(COLUMNS, rows, stream=plain)
    assert "\x1b" not in plain.getvalue() and "mine (private)" in plain.getvalue()
    styled = "\n".join(render(COLUMNS, rows, width=80, styled=True))
    assert "\x1b[2;3m(private)\x1b[0m" in styled and "\x1b[1mwhen" in styled


def test_bidi_overrides_and_lone_surrogates_are_not_passed_to_the_terminal():
    assert clean("abc\u202edef\u2066x\u2069") == "abc\ufffddef\ufffdx\ufffd"
    assert clean("broken \ud800 text") == "broken \ufffd text"
    assert clean("שלום 🫶\u200d") == "שלום 🫶\u200d"  # right-to-left text and joiners are the person's own


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_dumb_terminal_gets_no_styles(monkeypatch):
    rows = [["Mon 23 Nov 2026 08:02", "note", "mine", "aaaaaaaa"]]
    monkeypatch.setenv("TERM", "xterm-256color")
    styled = FakeTerminal()
    print_table(COLUMNS, rows, stream=styled)
    assert "\x1b[" in styled.getvalue()
    monkeypatch.setenv("TERM", "dumb")
    plain = FakeTerminal()
    print_table(COLUMNS, rows, stream=plain)
    assert "\x1b" not in plain.getvalue()


def test_a_narrow_terminal_loses_the_id_column_before_anything_runs_off_the_edge():
    columns = [
        Column("when", style="dim"),
        Column("kind"),
        Column("entry", wrap=True),
        Column("id", style="dim", optional=True),
    ]
    rows = [["Mon 23 Nov 2026 08:02", "checkin", "mood 6 · energy 4 · anxious, tired", "aaaaaaaa"]]
    wide = render(columns, rows, width=80, styled=False)
    assert "aaaaaaaa" in wide[2]
    narrow = render(columns, rows, width=50, styled=False)
    assert all(cell_len(line) <= 50 for line in narrow) and not any("aaaaaaaa" in line for line in narrow)
    assert "mood 6" in "".join(narrow)
