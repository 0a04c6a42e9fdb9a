"""The plan's own questionnaires and which measures are switched on (plan.toml `[[measures]]`):
every mistake named by its line and key and left out, the rest loading; and when one is due."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from doingthework.core.config import Plan, parse_plan, parse_toml
from doingthework.core.errors import BadInput
from doingthework.core.measures import PHQ9, due, due_window, due_words, find
from doingthework.core.models import Measure as MeasureEntry
from doingthework.core.notice import signals

WEEKLY = """
[[measures]]
id = "weekly"
title = "Weekly check"
stem = "Over the last week, how often:"
items = ["I felt calm", "I slept well", "I felt unsafe"]
answers = [{value = 0, label = "Not at all"}, {value = 1, label = "Some days"}, {value = 2, label = "Most days"}]
bands = [{low = 0, high = 2, words = "a quiet week"}, {low = 3, high = 6, words = "a fuller week"}]
notice = {item = 3, at_or_above = 2}
every_days = 7
"""


def plan_from(text: str) -> tuple[Plan, list[str]]:
    source = text.encode()
    return parse_plan(parse_toml(source, Path("plan.toml")), "plan.toml", source)


def test_a_plan_measure_works_like_the_built_in_ones():
    plan, warnings = plan_from(WEEKLY)
    assert warnings == []
    weekly = find("weekly", plan)
    assert weekly.title == "Weekly check" and weekly.values == (0, 1, 2) and weekly.most() == 6
    assert [weekly.band(s) for s in (0, 2, 3, 6)] == ["a quiet week", "a quiet week", "a fuller week", "a fuller week"]
    assert plan.due == {"weekly": 7}
    entry = weekly.record([1, 1, 2])
    assert (entry.measure, entry.title, entry.score, entry.band) == ("weekly", "Weekly check", 4, "a fuller week")
    assert [s.kind for s in signals(entry, plan)] == ["answer"]  # its notice item, at its threshold
    assert signals(weekly.record([2, 2, 1]), plan) == []
    with pytest.raises(BadInput, match="answer 1 is 3"):
        weekly.record([3, 0, 0])


def test_a_built_in_measure_is_switched_on_by_its_id_every_14_days_unless_the_plan_says():
    plan, warnings = plan_from('[[measures]]\nid = "phq9"\n\n[[measures]]\nid = "GAD7"\nevery_days = 28\n')
    assert warnings == [] and plan.due == {"phq9": 14, "gad7": 28} and plan.measures == {}
    assert Plan().due == {}  # off by default
    plan, _ = plan_from('[[measures]]\nid = "phq9"\nevery_days = 0\n')
    assert plan.due == {}  # listed, never due


# (what is written in place of the good line, the key the warning names)
MISTAKES = [
    ('title = "Weekly check"', "title = 5", "'measures[1].title' should be text"),
    ('title = "Weekly check"', 'title = " "', "'measures[1].title' is needed"),
    ('items = ["I felt calm", "I slept well", "I felt unsafe"]', "items = []", "'measures[1].items' needs"),
    ('items = ["I felt calm", "I slept well", "I felt unsafe"]', 'items = ["a", ""]', "'measures[1].items' needs"),
    ("{value = 2, label", "{value = 12, label", "'measures[1].answers[2].value' should be from 0 to 9"),
    ("{value = 2, label", "{value = 1, label", "'measures[1].answers' needs at least two answers, each"),
    ('{value = 2, label = "Most days"}', "{value = 2}", "'measures[1].answers[2]' needs a value and a label"),
    ("{low = 3, high = 6", "{low = 3, high = 7", "'measures[1].bands[1]' needs words, and low and high from 0 to 6"),
    ("{low = 3, high = 6", "{low = 2, high = 6", "'measures[1].bands' overlap"),
    ("notice = {item = 3,", "notice = {item = 4,", "'measures[1].notice.item' should be a question's number"),
    ("at_or_above = 2}", "at_or_above = 3}", "'measures[1].notice.at_or_above' should be an answer's value"),
    ("every_days = 7", "every_days = 400", "'measures[1].every_days' should be from 1 to 366"),
    ("every_days = 7", 'every_days = "weekly"', "'measures[1].every_days' should be a whole number"),
    ('id = "weekly"', 'id = "Weekly Check!"', "'measures[1].id' is needed"),
]


@pytest.mark.parametrize("good, bad, words", MISTAKES, ids=[m[2][:40] for m in MISTAKES])
def test_a_mistake_in_a_plan_measure_names_its_line_and_key_and_only_it_is_left_out(good, bad, words):
    text = 'focus_areas = ["rest"]\n\n[[measures]]\nid = "phq9"\n' + WEEKLY.replace(good, bad)
    assert bad in text
    plan, warnings = plan_from(text)
    (warning,) = warnings
    assert warning.startswith("plan.toml, line 6: measure ") and words in warning and "left out" in warning
    assert plan.measures == {} and plan.due == {"phq9": 14} and plan.focus_areas == ["rest"]  # the rest loads
    if 'id = "weekly"' in text:
        with pytest.raises(BadInput) as raised:
            find("weekly", plan)  # asked for by name, it says why it is not there
        assert words in raised.value.message


def test_built_in_measures_keep_their_published_words_and_ids_are_not_used_twice():
    text = '[[measures]]\nid = "phq9"\ntitle = "Mine"\n\n' + WEEKLY + WEEKLY
    plan, warnings = plan_from(text)
    assert "line 1: measure 'phq9'" in warnings[0] and "used as published" in warnings[0]
    assert "line 16: measure 'weekly'" in warnings[1] and "used twice" in warnings[1]
    assert find("phq9", plan) is PHQ9 and list(plan.measures) == ["weekly"]


def test_an_unknown_key_is_a_warning_with_its_line_and_the_measure_still_loads():
    plan, warnings = plan_from(WEEKLY.replace("every_days = 7", "every_day = 7"))
    assert warnings == [
        "plan.toml, line 2: unknown key 'measures[0].every_day' is ignored (did you mean 'measures[0].every_days'?)"
    ]
    assert "weekly" in plan.measures and plan.due == {"weekly": 14}


def filled(measure: str, day: date) -> MeasureEntry:
    entry = MeasureEntry(measure=measure, answers=[0], score=0)
    entry.at = datetime(day.year, day.month, day.day, 12).astimezone()
    return entry


def test_due_once_every_days_have_passed_since_the_last_one_never_counting_how_late():
    plan = Plan(due={"phq9": 14, "gad7": 7})
    today = date(2026, 12, 3)
    assert due_window(plan) == 14 and due_window(Plan()) == 0
    assert [m.id for m in due(plan, [], today)] == ["phq9", "gad7"]  # never filled in: due
    recent = [filled("phq9", today - timedelta(days=13)), filled("gad7", today - timedelta(days=6))]
    assert due(plan, recent, today) == []
    older = [filled("phq9", today - timedelta(days=14)), filled("gad7", today)]
    assert [m.id for m in due(plan, older, today)] == ["phq9"]
    assert due_words(due(plan, [], today)) == "PHQ-9 and GAD-7 are due"
    assert due_words([PHQ9]) == "PHQ-9 is due" and due_words([]) == ""


def test_the_plan_in_configuration_md_and_the_first_run_template_read_without_a_warning():
    from doingthework.core.templates import PLAN_TEMPLATE

    docs = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = docs.split("## plan.toml")[1].split("```toml")[1].split("```")[0]
    plan, warnings = plan_from(example)
    assert warnings == [] and plan.due == {"phq9": 14, "weekly": 7} and list(plan.measures) == ["weekly"]
    assert plan_from(PLAN_TEMPLATE)[1] == []
