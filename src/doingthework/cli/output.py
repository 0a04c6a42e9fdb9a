"""Printing helpers shared by commands: JSON on stdout, notices on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from doingthework.core.sanitize import clean_text, dumps_json


def print_json(value: Any) -> None:
    """`value` as JSON on stdout: lossless, with every control character, bidi override and lone
    surrogate escaped (core/sanitize.py), so a terminal never acts on one."""
    sys.stdout.write(dumps_json(value) + "\n")


def say(message: Any, err: bool = False) -> None:
    """A line for a person, on stdout (or stderr): anything from an entry, the plan or a file
    name in it is shown safely (core/sanitize.py)."""
    print(clean_text(message), file=sys.stderr if err else sys.stdout)


def notice(message: str) -> None:
    say(message, err=True)


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
            say(line, err=as_json)


def save_and_say(
    state: Any, entry: Any, as_json: bool, said: str | Callable[[], Iterable[str]], *, care: bool = True
) -> None:
    """Save a new entry, then show it: as JSON with --json, else the kind words for a person (a
    sentence, or a function giving lines, called after the save); then, with `care`, the calm
    line when the entry meets a signal of the plan's."""
    state.store.add(entry)
    if as_json:
        print_json(entry.to_dict())
    else:
        for line in [said] if isinstance(said, str) else said():
            say(line)
    if care:
        care_if_noticed(state, entry, as_json=as_json)
