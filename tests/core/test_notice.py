"""Which entries are noticed as hard moments: the rules, their defaults and plan.toml's say."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doingthework.core.config import parse_plan
from doingthework.core.models import Boundary, CheckIn, Journal, Note, Practice, Trigger
from doingthework.core.notice import DEFAULT_WORDS, signals

DEFAULT_PLAN = parse_plan({})[0]


def kinds(entry, plan=DEFAULT_PLAN) -> list[str]:
    return [s.kind for s in signals(entry, plan)]


@pytest.mark.parametrize(
    "entry, expected",
    [
        (CheckIn(mood=1), ["rating"]),
        (CheckIn(mood=2), ["rating"]),
        (CheckIn(mood=3), []),
        (CheckIn(mood=3, feelings=["hopeless"], note="I want to disappear"), ["feeling", "words"]),
        (CheckIn(mood=7, feelings=["sad", "tired"]), []),
        (Trigger(what="x", intensity=9), ["intensity"]),
        (Trigger(what="x", intensity=10, urge="to self-harm"), ["intensity", "words"]),
        (Trigger(what="x", intensity=8, thought="they'd be better off without me"), ["words"]),
        (Trigger(what="I read about suicide prevention", intensity=3), []),  # 'what happened' is not an urge
        (Boundary(boundary="no calls", outcome="crossed", note="I just want to end it all"), ["words"]),
        (Boundary(boundary="no calls", outcome="crossed", feelings=["hopeless"]), ["feeling"]),
        (Note(text="talk about the suicidal thoughts last week"), ["words"]),
        (Note(text="the pain will disappear soon, I hope"), []),
        (Note(text="ask about the weekend"), []),
        (Note(text="we agreed to end it at 5pm"), []),  # ordinary words stay ordinary
        (Note(text="I will not be here tomorrow, I'm travelling"), []),
        (Note(text="I don't want to be here anymore"), ["words"]),
        (Practice(preset="box", planned_seconds=60, actual_seconds=60, completed=True), []),
        # a journal brought from jrnl is read as a note is: its title and its words
        (Journal(title="a hard week", body="I don't want to be here anymore"), ["words"]),
        (Journal(title="I want to disappear", body=None), ["words"]),
        (Journal(title="Sunday", body="a walk by the sea"), []),
    ],
)
def test_default_signals(entry, expected):
    assert kinds(entry) == expected


def test_what_fired_is_said_in_plain_words_never_the_persons_own():
    entry = Trigger(what="x", intensity=10, urge="SECRET to hurt myself", feelings=["hopeless"])
    texts = [s.text for s in signals(entry, DEFAULT_PLAN)]
    assert texts == ["a trigger at 10 of 10", "the feeling hopeless", "words the plan watches for, in the urge"]
    assert not any("SECRET" in t or "hurt" in t for t in texts)


def test_the_plan_can_change_every_rule():
    plan = parse_plan(
        {
            "safety": {
                "notice": {
                    "mood_at_or_below": 4,
                    "feelings": ["numb"],
                    "trigger_intensity_at_or_above": 7,
                    "words": ["dark place"],
                }
            }
        }
    )[0]
    assert kinds(CheckIn(mood=4), plan) == ["rating"]
    assert kinds(CheckIn(mood=5, feelings=["hopeless"]), plan) == []  # the plan's list replaces the default
    assert kinds(CheckIn(mood=5, feelings=["numb"]), plan) == ["feeling"]
    assert kinds(Trigger(what="x", intensity=7), plan) == ["intensity"]
    assert kinds(Note(text="in a dark   place again"), plan) == ["words"]
    assert kinds(Note(text="I want to die"), plan) == []


def test_off_silences_every_signal_even_a_scales_own():
    plan = parse_plan(
        {
            "checkin": {"scales": [{"name": "urge", "min": 0, "max": 5, "risk_at_or_above": 4}]},
            "safety": {"notice": {"off": True}},
        }
    )[0]
    assert signals(CheckIn(mood=1, scales={"urge": 5}, feelings=["hopeless"], note="end it"), plan) == []
    assert signals(Trigger(what="x", intensity=10), plan) == []


def test_a_scales_own_risk_setting_wins_over_the_mood_default():
    plan = parse_plan({"checkin": {"scales": [{"name": "mood", "min": 1, "max": 10, "risk_at_or_below": 1}]}})[0]
    assert kinds(CheckIn(mood=2), plan) == []
    assert kinds(CheckIn(mood=1), plan) == ["rating"]


def test_a_plan_scale_with_risk_at_or_above_is_a_signal():
    plan = parse_plan(
        {
            "checkin": {
                "scales": [
                    {"name": "urge_self_harm", "label": "Urge to self-harm", "min": 0, "max": 5, "risk_at_or_above": 3}
                ]
            }
        }
    )[0]
    assert [s.text for s in signals(CheckIn(scales={"urge_self_harm": 3}), plan)] == ["urge to self-harm 3"]
    assert signals(CheckIn(scales={"urge_self_harm": 2}), plan) == []


@pytest.mark.parametrize("bad", [{"off": "yes"}, {"words": "suicide"}, {"mood_at_or_below": "low"}])
def test_wrong_types_in_safety_notice_are_named(bad):
    from doingthework.core.errors import ConfigError

    with pytest.raises(ConfigError, match=r"safety\.notice"):
        parse_plan({"safety": {"notice": bad}})


def _variants(phrase: str):
    """The same phrase as people type it: any case, hyphens or spaces between words, extra spaces."""
    words = phrase.replace("-", " ").split()
    return st.tuples(
        *[st.sampled_from([w, w.upper(), w.title()]) for w in words],
        st.lists(st.sampled_from([" ", "  ", "-", "\u2013"]), min_size=len(words), max_size=len(words)),
    )


@settings(max_examples=200, deadline=None)
@given(
    phrase=st.sampled_from(DEFAULT_WORDS).flatmap(_variants),
    before=st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=30),
    after=st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=30),
)
def test_a_watched_phrase_is_found_however_it_is_typed(phrase, before, after):
    *words, gaps = phrase
    typed = "".join(w + g for w, g in zip(words, gaps, strict=False)).rstrip(" -\u2013")
    text = f"{before} {typed}. {after}"
    assert kinds(Note(text=text)) == ["words"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'", max_size=60))
def test_text_without_a_watched_phrase_is_never_noticed(text):
    from doingthework.core.notice import _normal

    if any(f" {_normal(w)} " in f" {_normal(text.replace(',', ' ').replace('.', ' '))} " for w in DEFAULT_WORDS):
        return
    assert kinds(Note(text=text)) == []


def test_a_watched_word_of_punctuation_alone_is_ignored():
    plan = parse_plan({"safety": {"notice": {"words": ["-", " ", "dark place"]}}})[0]
    assert kinds(Note(text="Fine."), plan) == []
    assert kinds(Note(text="a dark place"), plan) == ["words"]


def test_newly_noticed_is_once_per_entry():
    from doingthework.core.notice import newly_noticed

    before = CheckIn(mood=6)
    after = CheckIn(id=before.id, mood=6, feelings=["hopeless"])
    assert newly_noticed(after, DEFAULT_PLAN, before) and newly_noticed(after, DEFAULT_PLAN)
    assert newly_noticed(after, DEFAULT_PLAN, after) == []  # already noticed: nothing more
