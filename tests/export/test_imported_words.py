"""The words for what comes from jrnl and Daylio: a journal entry and a check-in's tags, the same
in History's detail and the session page's appendix (export/entry_words.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from doingthework.core.models import CheckIn, Journal
from doingthework.export.entry_words import heading, sentences

AT = datetime(2025, 3, 2, 21, 5, tzinfo=UTC)


def test_a_journal_entry_in_words():
    entry = Journal(title="Hard day.", body="Line one\nline two", tags=["work"], starred=True, at=AT)
    lines = sentences(entry)
    assert lines == ["Hard day.", "Line one\nline two", "Starred.", "Tags: work"]
    assert "journal entry" in heading(entry)
    assert not any("In my body" in line or "Starred: " in line or "Title" in line for line in lines)


def test_a_journal_entry_with_a_title_alone():
    assert sentences(Journal(title="Only a title", at=AT)) == ["Only a title"]


def test_a_checkins_tags_in_words():
    lines = sentences(CheckIn(mood=9, tags=["friends", "walk"], note="A good day", at=AT))
    assert lines[0] == "Mood 9." and "Tags: friends, walk" in lines and "Note: A good day" in lines


def test_a_journal_entry_needs_a_title_or_words():
    import pytest

    from doingthework.core.errors import BadInput

    with pytest.raises(BadInput, match="title or some words"):
        Journal(title=" ", body="\n", at=AT).validate()
