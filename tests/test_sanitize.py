"""No text from an entry, a file name or plan.toml reaches a terminal or a document with its
control characters, bidi overrides or lone surrogates intact; JSON keeps them, escaped.

The class, not the example: the sanitizer is checked with hypothesis over every dangerous
character mixed with ordinary text; tests/cli/test_text_safety.py runs every command and
export over them end to end.
"""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from doingthework.core.sanitize import clean_line, clean_text, dumps_json

# ---- the dangerous classes, written out here independently of the code under test ----------
C0 = [chr(c) for c in range(0x20)]
C0_BUT_LINES = [c for c in C0 if c not in "\t\n\r"]
DEL = ["\x7f"]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
DANGEROUS_SET = set(C0_BUT_LINES + DEL + C1 + BIDI + ["\r"])


def dangerous_in(text: str, *, allow_lines: bool = True) -> list[str]:
    """Every character of `text` that must never reach a terminal or a document."""
    found = [c for c in text if c in DANGEROUS_SET or 0xD800 <= ord(c) <= 0xDFFF]
    if not allow_lines:
        found += [c for c in text if c in "\t\n"]
    return found


# ordinary text: every script, emoji with joiners and variation selectors, bidi *marks*
ORDINARY_SAMPLES = [
    "😀",
    "👩‍👩‍👧",
    "❤️",
    "🏳️‍🌈",
    "שלום",
    "مرحبا",
    "日本語",
    "Привет",
    "नमस्ते",
    "\u200f",
    "\u200e",
    "e\u0301",
    "ok",
]
ordinary = st.one_of(
    st.sampled_from(ORDINARY_SAMPLES),
    st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="".join(BIDI)), max_size=8),
)
danger = st.one_of(st.sampled_from(C0_BUT_LINES + DEL + C1 + BIDI), SURROGATES)


@given(st.lists(st.tuples(st.booleans(), ordinary, danger), max_size=12))
def test_every_dangerous_character_is_replaced_visibly_and_ordinary_text_is_untouched(parts):
    text = "".join(word + (bad if with_bad else "") for with_bad, word, bad in parts)
    expected = "".join(word + ("\ufffd" if with_bad else "") for with_bad, word, bad in parts)
    assert clean_text(text) == expected
    assert clean_line(text) == expected  # no line breaks here: the same on one line


@given(st.lists(st.one_of(ordinary, danger, st.sampled_from(["\n", "\t", "\r", "\r\n"])), max_size=16))
def test_lines_are_kept_where_they_belong_and_never_on_one_line(pieces):
    text = "".join(pieces)
    many, one = clean_text(text), clean_line(text)
    assert not dangerous_in(many) and not dangerous_in(one, allow_lines=False)
    # every line break of the text is still one (CR LF and a lone CR as one LF), on one line a space
    assert many.count("\n") == len(re.findall("\r\n|\r|\n", text))
    assert one.count(" ") == text.count(" ") + len(re.findall("\r\n|\r|\n|\t", text))


def test_non_text_is_shown_as_text():
    assert clean_text(3) == "3" and clean_line(None) == "None"


# ---- JSON: escaped, and lossless ----------------------------------------------------------
def all_strings(value) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in all_strings(v))]
    return []


any_text = st.lists(
    st.one_of(st.characters(), SURROGATES, st.sampled_from(C0 + DEL + C1 + BIDI + ORDINARY_SAMPLES))
).map("".join)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), any_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)),
    max_leaves=12,
)
SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def no_split_pair(value) -> bool:
    """JSON can't keep a high and a low surrogate apart: read back they make one character."""
    return not any(SURROGATE_PAIR.search(s) for s in all_strings(value))


@given(json_values.filter(no_split_pair))
def test_json_never_holds_a_raw_dangerous_character_and_reads_back_the_same(value):
    for indent in (2, None):
        text = dumps_json(value, indent=indent)
        assert not dangerous_in(text)
        assert json.loads(text) == value
        text.encode("utf-8")  # always writable
