from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doingthework.core.errors import BadInput
from doingthework.core.models import (
    KINDS,
    Boundary,
    CheckIn,
    Note,
    Trigger,
    entry_from_dict,
)

AT = datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=1)))
text = st.text()  # any unicode: emoji, right-to-left, control characters
optional_text = st.none() | text
rating = st.none() | st.integers(0, 10)
words = st.lists(text, max_size=5)


def test_every_kind_has_the_contract_keys():
    for kind, cls in KINDS.items():
        sample = {
            "note": {"text": "x"},
            "trigger": {"what": "x"},
            "boundary": {"boundary": "x"},
            "session": {"date": "2026-11-25"},
        }
        entry = cls(at=AT, **sample.get(kind, {}))
        data = entry.to_dict()
        assert list(data)[:4] == ["id", "kind", "at", "private"]
        assert data["kind"] == kind
        assert data["at"] == "2026-11-25T09:30:00+01:00"


def test_boundary_uses_with_as_the_json_key():
    data = Boundary(boundary="no calls after 9", outcome="held", with_="mum", at=AT).to_dict()
    assert data["with"] == "mum"
    assert "with_" not in data
    assert entry_from_dict(data).with_ == "mum"


def test_missing_answers_are_null_or_empty_never_invented():
    data = CheckIn(at=AT).to_dict()
    assert data["mood"] is None and data["sleep_hours"] is None and data["body"] is None
    assert data["feelings"] == [] and data["scales"] == {}


def test_unknown_fields_are_kept_as_extras():
    data = Trigger(what="email from boss", intensity=7, at=AT).to_dict()
    data["evidence_for"] = "the tone"
    back = entry_from_dict(data)
    assert back.extra == {"evidence_for": "the tone"}
    assert back.to_dict() == data


@pytest.mark.parametrize(
    "data, field",
    [
        ({"kind": "trigger", "what": "x", "intensity": 11}, "intensity"),
        ({"kind": "trigger", "what": "x", "after": -1}, "after"),
        ({"kind": "trigger", "what": "   "}, "what"),
        ({"kind": "boundary", "boundary": "x", "outcome": "ignored"}, "outcome"),
        ({"kind": "checkin", "mood": "six"}, "mood"),
        ({"kind": "checkin", "mood": True}, "mood"),
        ({"kind": "checkin", "feelings": "sad"}, "feelings"),
        ({"kind": "checkin", "scales": {"focus": "high"}}, "a value in 'scales'"),  # the key is never quoted
        ({"kind": "checkin", "sleep_hours": 30}, "sleep_hours"),
        ({"kind": "note", "text": ""}, "note"),
        ({"kind": "session", "date": "soon"}, "date"),
        ({"kind": "dream"}, "kind"),
    ],
)
def test_bad_fields_are_named(data, field):
    data = {"id": "abc", "at": AT.isoformat(), **data}
    with pytest.raises(BadInput) as caught:
        entry_from_dict(data)
    assert field in caught.value.message


def test_error_messages_never_hold_the_entry_text():
    secret = "my secret about my brother"
    with pytest.raises(BadInput) as caught:
        entry_from_dict({"id": "a", "kind": "trigger", "at": secret, "what": secret, "intensity": 99})
    assert secret not in str(caught.value)


@given(
    what=text.filter(lambda s: s.strip()),
    intensity=rating,
    tags=words,
    thought=optional_text,
    feelings=words,
    after=rating,
    private=st.booleans(),
)
def test_trigger_round_trips_any_text(what, intensity, tags, thought, feelings, after, private):
    entry = Trigger(
        at=AT,
        what=what,
        intensity=intensity,
        tags=tags,
        thought=thought,
        feelings=feelings,
        after=after,
        private=private,
    )
    assert entry_from_dict(entry.to_dict()) == entry


@given(
    mood=st.none() | st.integers(1, 10),
    sleep=st.none() | st.floats(0, 24, allow_nan=False),
    note=optional_text,
    scales=st.dictionaries(text, st.integers(0, 100) | st.floats(0, 5, allow_nan=False), max_size=4),
)
def test_checkin_round_trips(mood, sleep, note, scales):
    entry = CheckIn(at=AT, mood=mood, sleep_hours=sleep, note=note, scales=scales)
    assert entry_from_dict(entry.to_dict()) == entry


def test_note_summary_is_its_text():
    assert Note(text="ask about sleep").summary() == "ask about sleep"


def test_a_lone_surrogate_is_not_text():
    import pytest

    from doingthework.core.errors import BadInput
    from doingthework.core.models import entry_from_dict

    with pytest.raises(BadInput, match="'text' holds something that isn't text"):
        entry_from_dict({"id": "x", "kind": "note", "at": "2026-11-01T10:00:00+00:00", "text": "a \ud800 b"})
    with pytest.raises(BadInput, match="'tags'"):
        entry_from_dict(
            {"id": "x", "kind": "trigger", "at": "2026-11-01T10:00:00+00:00", "what": "w", "tags": ["\udc00"]}
        )
