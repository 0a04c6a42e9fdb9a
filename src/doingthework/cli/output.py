"""Printing helpers shared by commands: JSON on stdout, notices on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any


def print_json(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a hand-edited file: escaped, still lossless JSON
        text = json.dumps(value, indent=2)
    sys.stdout.write(text + "\n")


def notice(message: str) -> None:
    print(message, file=sys.stderr)


def report_damage(damage: Iterable[Any]) -> None:
    """Name every unreadable line (file and line, never its content) and point to `dtw doctor`."""
    damage = list(damage)
    if not damage:
        return
    for item in damage[:10]:
        notice(f"dtw: could not read {item}")
    if len(damage) > 10:
        notice(f"dtw: ... and {len(damage) - 10} more unreadable line(s)")
    notice("dtw: those lines are kept as they are; `dtw doctor` explains, `dtw doctor --repair` sets them aside.")


def care_if_noticed(state: Any, entry: Any, as_json: bool = False) -> None:
    """After a save: one calm line and the way to help now, when the entry meets a signal of the
    plan's (core/notice.py). On stdout after the thank-you; on stderr when stdout is JSON."""
    from doingthework.core.notice import care_lines, signals

    if signals(entry, state.loaded.plan):
        for line in care_lines(entry, cli=True):
            print(line, file=sys.stderr if as_json else sys.stdout)
