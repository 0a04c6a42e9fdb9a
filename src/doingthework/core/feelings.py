"""The named feelings offered everywhere, grouped as the Mood Meter groups them."""

from __future__ import annotations

import difflib

FEELING_GROUPS: dict[str, tuple[str, ...]] = {
    "unpleasant, high energy": (
        "angry",
        "anxious",
        "frustrated",
        "irritated",
        "scared",
        "stressed",
        "overwhelmed",
        "restless",
    ),
    "unpleasant, low energy": (
        "sad",
        "lonely",
        "tired",
        "hopeless",
        "numb",
        "disappointed",
        "ashamed",
        "guilty",
    ),
    "pleasant, high energy": (
        "excited",
        "hopeful",
        "joyful",
        "proud",
        "energised",
        "playful",
        "curious",
    ),
    "pleasant, low energy": (
        "calm",
        "content",
        "grateful",
        "relaxed",
        "safe",
        "peaceful",
        "connected",
        "relieved",
    ),
}
FEELINGS: tuple[str, ...] = tuple(word for words in FEELING_GROUPS.values() for word in words)


def closest_feeling(word: str, known: tuple[str, ...] | list[str] = FEELINGS) -> str | None:
    matches = difflib.get_close_matches(word.casefold(), list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None
