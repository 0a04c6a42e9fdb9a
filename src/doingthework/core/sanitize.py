"""What dtw shows of a person's text: safe for a terminal and a document, and still theirs.

Text reaches a screen or a page from entries, from plan.toml and from file names. Any of them
can hold characters that are not words but instructions: ESC starts a terminal escape
sequence (clear the screen, move the cursor, write the clipboard with OSC 52), BEL rings,
a C1 control such as U+009B is ESC [ on some terminals, and a bidi override or isolate
(U+202A–U+202E, U+2066–U+2069) reorders how the rest of a line reads. A lone surrogate
(U+D800–U+DFFF, e.g. a hand-edited "\\ud800" in a JSON file) is not text at all and can't
be written as UTF-8.

`clean_text` is the one door for text that a person reads:

- Every such character is *replaced* by U+FFFD "�", not dropped: the person can see that
  something was there, and nothing hidden can change what the rest of the line says.
- Line breaks are kept where text has lines (a note, a safety plan section, a message):
  CR LF and a lone CR become LF (a lone CR would return to the start of the line and let
  what follows overwrite it), and a tab stays a tab. With `one_line=True` (a table cell, a
  list item, a heading) a line break or a tab becomes a space instead.
- Everything else is left exactly as written: emoji (with their joiners and variation
  selectors), every script, the bidi *marks* (U+200E, U+200F, U+061C) that right-to-left
  writing needs.

`dumps_json` is the one way dtw writes JSON for people and programs (`--json`, the JSON
export). It is lossless — `json.loads` gives back exactly the same strings — but the
characters above never appear raw in it: C0 controls are escaped by JSON itself, and DEL,
the C1 controls, the bidi overrides and isolates and lone surrogates are written as
`\\uXXXX` escapes. (One thing JSON cannot say: a high surrogate directly followed by a low
one reads back as the single character they make together.)

Pure Python: no Textual, Typer or Rich.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"

# C0 controls except tab and line feed; DEL; C1 controls; bidi embeddings, overrides and
# isolates; lone surrogates. (CR is turned into a line break before this is applied.)
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
UNSAFE = re.compile(f"[{_UNSAFE}]")
_UNSAFE_OR_BREAK = re.compile(f"[{_UNSAFE}\t\n]")
_CR = re.compile("\r\n?")
# what json.dumps(ensure_ascii=False) leaves raw that a terminal or viewer would act on
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean_text(text: object, *, one_line: bool = False) -> str:
    """`text` as it is safe to show: every control character, bidi override or isolate and
    lone surrogate replaced by "�"; line breaks and tabs kept, or made spaces when `one_line`.

    Anything that isn't a string is shown as `str()` of it, cleaned the same way.
    """
    if not isinstance(text, str):
        text = str(text)
    if "\r" in text:
        text = _CR.sub("\n", text)
    if not one_line:
        return UNSAFE.sub(REPLACEMENT, text) if UNSAFE.search(text) else text
    if not _UNSAFE_OR_BREAK.search(text):
        return text
    return _UNSAFE_OR_BREAK.sub(lambda m: " " if m.group() in "\t\n" else REPLACEMENT, text)


def clean_line(text: Any) -> str:
    """`clean_text(text, one_line=True)`: for a table cell, a list item, a heading."""
    return clean_text(text, one_line=True)


def dumps_json(value: Any, indent: int | None = 2) -> str:
    """`value` as JSON text that is safe to print and lossless to read back.

    Like `json.dumps(value, ensure_ascii=False, indent=indent)` (so every script and emoji
    stays readable), with DEL, the C1 controls, the bidi overrides and isolates and lone
    surrogates written as `\\uXXXX` escapes. JSON's own structure is ASCII, so each such
    character can only be inside a string, where the escape means the same character.
    """
    import json  # here, not at the top: most commands never write JSON, and start faster

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if text.isascii():
        return text
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
