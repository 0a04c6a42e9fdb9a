"""The PHQ-9 and GAD-7: word for word, scored and banded as published, and item 9 a door to help."""

from __future__ import annotations

import pytest

from doingthework.core.config import Plan
from doingthework.core.errors import BadInput
from doingthework.core.measures import ATTRIBUTION, GAD7, PHQ9, find, parse_answers, result_words
from doingthework.core.models import Measure, entry_from_dict
from doingthework.core.notice import signals


def answers_summing_to(measure, total: int) -> list[int]:
    out = []
    for _ in measure.items:
        step = min(3, total)
        out.append(step)
        total -= step
    assert total == 0
    return out


@pytest.mark.parametrize(
    "score, band",
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_bands_at_every_boundary(score, band):
    answers = answers_summing_to(PHQ9, score)
    assert PHQ9.score(answers) == score and PHQ9.band(score) == band


@pytest.mark.parametrize(
    "score, band",
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_bands_at_every_boundary(score, band):
    answers = answers_summing_to(GAD7, score)
    assert GAD7.score(answers) == score and GAD7.band(score) == band


def test_the_wording_is_the_published_one():
    assert len(PHQ9.items) == 9 and len(GAD7.items) == 7
    assert PHQ9.items[8] == "Thoughts that you would be better off dead or of hurting yourself in some way"
    assert GAD7.items[0] == "Feeling nervous, anxious or on edge"
    assert [w for _, w in PHQ9.answers] == ["Not at all", "Several days", "More than half the days", "Nearly every day"]
    assert PHQ9.stem.startswith("Over the last 2 weeks, how often have you been bothered by")
    assert "Spitzer" in ATTRIBUTION and "Pfizer" in ATTRIBUTION and PHQ9.attribution == GAD7.attribution
    assert PHQ9.most() == 27 and GAD7.most() == 21
    assert result_words(PHQ9, 7) == "PHQ-9: 7 of 27, mild."


@pytest.mark.parametrize("item9, noticed", [(0, False), (1, True), (2, True), (3, True)])
def test_an_answer_to_item_9_above_0_is_noticed(item9, noticed):
    entry = Measure(measure="phq9", answers=[0] * 8 + [item9], score=item9, band="minimal")
    found = signals(entry, Plan())
    assert bool(found) is noticed
    if noticed:
        assert "question 9" in found[0].text


def test_gad7_has_no_notice_item():
    entry = Measure(measure="gad7", answers=[3] * 7, score=21, band="severe")
    assert signals(entry, Plan()) == []


@pytest.mark.parametrize(
    "answers, words",
    [([0] * 8, "needs 9 answers"), ([0] * 10, "needs 9 answers"), ([0] * 8 + [4], "answer 9 is 4")],
)
def test_wrong_answers_are_named(answers, words):
    with pytest.raises(BadInput, match=words):
        PHQ9.check(answers)


@pytest.mark.parametrize("text", ["", "a,b", "1,,x", "1.5", "-1", "9999"])
def test_answers_that_are_not_numbers_are_bad_input(text):
    with pytest.raises(BadInput):
        parse_answers(text)


def test_a_measure_entry_round_trips_and_checks_its_score():
    entry = Measure(measure="phq9", answers=[1] * 9, score=9, band="mild", difficulty=1)
    assert entry_from_dict(entry.to_dict()) == entry
    with pytest.raises(BadInput, match="sum"):
        entry_from_dict({**entry.to_dict(), "score": 3})
    assert find("PHQ-9") is PHQ9 and find("gad7") is GAD7
