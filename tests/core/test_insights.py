"""Patterns and stats over hand-computed entries: empty, one day, gaps, other offsets and DST changes.

Local time is pinned to Europe/London, so days and hours are read as a person there would.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from doingthework.core import insights
from doingthework.core.insights import (
    NOT_ENOUGH,
    boundaries_sentence,
    boundary_outcomes_by_week,
    days_shown_up,
    hour_sentence,
    measure_trends,
    mood_by_sleep,
    mood_by_tag,
    practice_before_after,
    practice_change_sentence,
    practice_minutes_by_week,
    practice_sentence,
    showed_up_sentence,
    sleep_sentence,
    stats,
    tag_mood_sentence,
    tags_sentence,
    top_tags,
    triggers_by_hour,
    triggers_by_weekday,
    weekday_sentence,
)
from doingthework.core.models import Boundary, CheckIn, Measure, Note, Practice, Trigger

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")


@pytest.fixture(autouse=True)
def london():
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def at(day: int, hour: int = 12, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def trig(when: datetime, *tags: str) -> Trigger:
    return Trigger(what="x", intensity=5, tags=list(tags), at=when)


# ---- stats --------------------------------------------------------------------------------
def test_stats_of_an_empty_history():
    since, until = at(1, 0), at(1, 0, month=12)
    result = stats([], since, until)
    assert result == {
        "since": "2026-11-01T00:00:00+00:00",
        "until": "2026-12-01T00:00:00+00:00",
        "days": 30,
        "days_shown_up": 0,
        "days_checked_in": 0,
        "checkins": 0,
        "mood": {"mean": None, "min": None, "max": None, "n": 0},
        "energy": {"mean": None, "min": None, "max": None, "n": 0},
        "sleep": {"mean": None, "min": None, "max": None, "n": 0},
        "triggers": 0,
        "triggers_by_tag": {},
        "checkins_by_tag": {},
        "boundaries": 0,
        "boundaries_by_outcome": {"communicated": 0, "held": 0, "bent": 0, "crossed": 0},
        "practices": 0,
        "practice_minutes": 0.0,
        "measures": {},
    }


def test_stats_of_a_single_day():
    entries = [
        CheckIn(mood=4, energy=3, sleep_hours=6.5, at=at(10, 8)),
        CheckIn(mood=7, at=at(10, 20)),
        trig(at(10, 9), "Work ", "family"),
        trig(at(10, 10), "work"),
        Boundary(boundary="no calls", outcome="held", at=at(10, 21)),
        Practice(preset="box", actual_seconds=200, at=at(10, 22)),
        Practice(preset="sit", actual_seconds=100, at=at(10, 23)),
    ]
    result = stats(entries, at(10, 0), at(11, 0))
    assert result["days"] == 1
    assert result["days_checked_in"] == 1 and result["days_shown_up"] == 1 and result["checkins"] == 2
    assert result["mood"] == {"mean": 5.5, "min": 4, "max": 7, "n": 2}
    assert result["energy"] == {"mean": 3.0, "min": 3, "max": 3, "n": 1}
    assert result["sleep"] == {"mean": 6.5, "min": 6.5, "max": 6.5, "n": 1}
    assert result["triggers_by_tag"] == {"work": 2, "family": 1}
    assert list(result["triggers_by_tag"]) == ["work", "family"]  # most first
    assert result["boundaries_by_outcome"] == {"communicated": 0, "held": 1, "bent": 0, "crossed": 0}
    assert result["practice_minutes"] == 5.0


def test_stats_leave_out_entries_outside_the_period_and_count_days_with_gaps():
    entries = [
        CheckIn(mood=2, at=at(1, 9)),  # before the period
        CheckIn(mood=6, at=at(3, 9)),
        CheckIn(mood=8, at=at(3, 21)),
        CheckIn(mood=5, at=at(9, 9)),  # a gap of five days
        Note(text="hello", at=at(6, 9)),
        CheckIn(mood=10, at=at(10, 0)),  # the first moment after the period
    ]
    result = stats(entries, at(2, 0), at(10, 0))
    assert result["days"] == 8
    assert result["days_checked_in"] == 2
    assert result["days_shown_up"] == 3
    assert result["mood"] == {"mean": 6.33, "min": 5, "max": 8, "n": 3}


def test_stats_with_an_open_start():
    result = stats([CheckIn(mood=3, at=at(1))], None, at(2, 0))
    assert result["since"] is None and result["days"] is None and result["days_checked_in"] == 1


def test_stats_count_local_days_for_entries_saved_in_other_offsets():
    tokyo = timezone(timedelta(hours=9))
    new_york = timezone(timedelta(hours=-5))
    entries = [
        CheckIn(mood=5, at=datetime(2026, 11, 11, 8, 0, tzinfo=tokyo)),  # 23:00 on the 10th in London
        CheckIn(mood=5, at=datetime(2026, 11, 10, 20, 0, tzinfo=new_york)),  # 01:00 on the 11th in London
        CheckIn(mood=5, at=datetime(2026, 11, 11, 12, 0, tzinfo=UTC)),
    ]
    assert stats(entries, at(10, 0), at(12, 0))["days_checked_in"] == 2
    assert days_shown_up(entries, date(2026, 11, 11), 1) == 1
    assert days_shown_up(entries, date(2026, 11, 11), 2) == 2


def test_days_across_the_spring_and_autumn_changes():
    # a period of whole local days stays a number of days, though 29 March has 23 hours and 25 October 25
    assert insights.days_in(datetime(2026, 3, 28, tzinfo=LONDON), datetime(2026, 3, 31, tzinfo=LONDON)) == 3
    assert insights.days_in(datetime(2026, 10, 24, tzinfo=LONDON), datetime(2026, 10, 27, tzinfo=LONDON)) == 3


# ---- triggers by weekday and hour -------------------------------------------------------
def test_triggers_by_weekday_and_hour_of_nothing():
    assert triggers_by_weekday([]) == [0] * 7
    assert triggers_by_hour([]) == [0] * 24
    assert weekday_sentence([0] * 7) == NOT_ENOUGH
    assert hour_sentence([0] * 24) == NOT_ENOUGH


def test_triggers_by_weekday_counts_local_days_and_ignores_other_kinds():
    # 2 Nov 2026 is a Monday
    entries = [
        trig(at(2, 9)),
        trig(at(2, 18)),
        trig(at(9, 8)),
        trig(at(16, 23, 30)),
        trig(at(4)),
        trig(at(8)),
        CheckIn(mood=5, at=at(2)),
        Boundary(boundary="b", outcome="held", at=at(2)),
    ]
    assert triggers_by_weekday(entries) == [4, 0, 1, 0, 0, 0, 1]
    assert triggers_by_weekday(entries, "sunday") == [1, 4, 0, 1, 0, 0, 0]
    assert weekday_sentence([4, 0, 1, 0, 0, 0, 1]) == "Most triggers came on Mondays (4 of 6)."
    assert weekday_sentence([1, 4, 0, 1, 0, 0, 0], "sunday") == "Most triggers came on Mondays (4 of 6)."
    assert weekday_sentence([2, 0, 2, 0, 0, 0, 1]) == "Most triggers came on Mondays and Wednesdays (2 of 5 each)."
    assert weekday_sentence([1, 1, 1, 0, 0, 0, 0]) == "Triggers were spread across the week (3 in all)."


def test_triggers_by_weekday_and_hour_in_other_offsets():
    tokyo = timezone(timedelta(hours=9))
    # 08:30 on Tuesday in Tokyo is 23:30 on Monday in London (GMT in November)
    entries = [trig(datetime(2026, 11, 3, 8, 30, tzinfo=tokyo)), trig(datetime(2026, 11, 2, 23, 45, tzinfo=UTC))]
    assert triggers_by_weekday(entries) == [2, 0, 0, 0, 0, 0, 0]
    assert triggers_by_hour(entries)[23] == 2


def test_triggers_by_hour_across_dst_changes():
    entries = [
        trig(datetime(2026, 3, 29, 0, 30, tzinfo=UTC)),  # 00:30 GMT, before the clocks go forward
        trig(datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # 02:30 BST: 01:xx never happens that night
        trig(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # 01:30 BST
        trig(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),  # 01:30 GMT, the hour that happens twice
        trig(datetime(2026, 3, 29, 23, 30, tzinfo=UTC)),  # 00:30 BST on Monday 30 March
    ]
    hours = triggers_by_hour(entries)
    assert hours[0] == 2 and hours[1] == 2 and hours[2] == 1 and sum(hours) == 5
    assert triggers_by_weekday(entries) == [1, 0, 0, 0, 0, 0, 4]
    # 00:xx and 01:xx tie at 2: no one hour is named
    assert hour_sentence(hours) == "Most triggers came in the night (0–6): 5 of 5."


def test_hour_sentence_names_the_part_of_the_day():
    hours = [0] * 24
    hours[8], hours[9], hours[19] = 1, 3, 2
    assert hour_sentence(hours) == (
        "Most triggers came in the morning (6–12): 4 of 6; the busiest hour was between 09:00 and 10:00 (3)."
    )


# ---- tags -------------------------------------------------------------------------------
def test_top_tags_normalise_and_rank():
    entries = [
        trig(at(1), "Work", "family"),
        trig(at(2), " work  "),
        trig(at(3), "WORK", "sleep"),
        trig(at(4), "family"),
        trig(at(5)),
        trig(at(6), "   "),
    ]
    assert top_tags(entries, 2) == [("work", 3), ("family", 2)]
    assert top_tags(entries, 10) == [("work", 3), ("family", 2), ("sleep", 1)]
    assert tags_sentence(top_tags(entries, 5), 6) == "“work” came up most often (3 of 6 triggers)."
    assert tags_sentence([("a", 2), ("b", 2)], 4) == "“a” and “b” came up most often (2 times each, of 4 triggers)."
    assert tags_sentence([], 5) == "None of these triggers has a tag yet; tags help patterns show."
    assert tags_sentence([("work", 1)], 1) == NOT_ENOUGH
    assert top_tags([], 3) == []


# ---- mood against sleep -----------------------------------------------------------------
def test_mood_by_sleep_buckets_and_means():
    entries = [
        CheckIn(mood=3, sleep_hours=5.5, at=at(1)),
        CheckIn(mood=5, sleep_hours=6, at=at(2)),  # 6 h is "6–7 h"
        CheckIn(mood=7, sleep_hours=6.9, at=at(3)),
        CheckIn(mood=6, sleep_hours=7.5, at=at(4)),
        CheckIn(mood=7, sleep_hours=7, at=at(5)),
        CheckIn(mood=5, sleep_hours=7.9, at=at(6)),
        CheckIn(mood=9, at=at(7)),  # no sleep: left out
        CheckIn(sleep_hours=9, at=at(8)),  # no mood: left out
    ]
    rows = mood_by_sleep(entries)
    assert rows == [("under 6 h", 3.0, 1), ("6–7 h", 6.0, 2), ("7–8 h", 6.0, 3)]
    assert sleep_sentence(rows) == "On nights with 6–7 h of sleep, your mood averaged 6.0; with under 6 h, 3.0."
    assert mood_by_sleep([CheckIn(mood=8, sleep_hours=8, at=at(1))]) == [("8 h or more", 8.0, 1)]
    assert mood_by_sleep([]) == []
    assert sleep_sentence([]) == NOT_ENOUGH
    assert sleep_sentence([("7–8 h", 6.1, 4)]) == "On nights with 7–8 h of sleep, your mood averaged 6.1."


# ---- what check-ins noted (Daylio's activities) -----------------------------------------
def test_check_in_tags_count_apart_from_trigger_tags_and_rank():
    entries = [
        CheckIn(mood=7, tags=["Walk", "friends"], at=at(1)),
        CheckIn(mood=4, tags=["work", " walk "], at=at(2)),
        CheckIn(tags=["walk"], at=at(3)),  # no mood: counted as a tag, not in the mood by tag
        trig(at(4), "work"),
    ]
    assert top_tags(entries, None, CheckIn) == [("walk", 3), ("friends", 1), ("work", 1)]
    assert top_tags(entries, None) == [("work", 1)]  # triggers' own
    assert stats(entries, at(1, 0), at(5, 0))["checkins_by_tag"] == {"walk": 3, "friends": 1, "work": 1}
    assert mood_by_tag(entries) == [("walk", 5.5, 2), ("friends", 7.0, 1), ("work", 4.0, 1)]
    assert mood_by_tag(entries, 1) == [("walk", 5.5, 2)]
    # a tag written twice on one check-in counts once
    twice = [CheckIn(mood=6, tags=["walk", "Walk"], at=at(1))]
    assert mood_by_tag(twice) == [("walk", 6.0, 1)] and top_tags(twice, None, CheckIn) == [("walk", 1)]


def test_the_mood_by_tag_sentence_names_only_tags_noted_often_enough():
    rows = [("walk", 6.8, 12), ("work", 4.9, 9), ("rare", 9.0, 2)]
    assert tag_mood_sentence(rows) == "On check-ins noting “walk”, your mood averaged 6.8; with “work”, 4.9."
    assert tag_mood_sentence([("walk", 6.0, 3)]) == "On check-ins noting “walk”, your mood averaged 6.0."
    assert tag_mood_sentence([("rare", 9.0, 2)]) == NOT_ENOUGH
    assert tag_mood_sentence([]) == NOT_ENOUGH


# ---- over weeks -------------------------------------------------------------------------


def test_boundary_outcomes_by_week_with_gaps():
    today = date(2026, 11, 30)
    entries = [
        Boundary(boundary="a", outcome="held", at=at(30, 8)),
        Boundary(boundary="a", outcome="held", at=at(24, 8)),  # first day of the last block
        Boundary(boundary="a", outcome="crossed", at=at(23, 23)),  # last day of the block before
        Boundary(boundary="a", outcome="communicated", at=at(3, 0, 5)),  # the oldest of four blocks is 3–9 Nov
        Boundary(boundary="a", outcome="bent", at=at(2, 23, 59)),  # just before the four weeks: left out
        Boundary(boundary="a", outcome=None, at=at(29)),  # no outcome noted: not counted
    ]
    weeks = boundary_outcomes_by_week(entries, 4, today)
    zero = {"communicated": 0, "held": 0, "bent": 0, "crossed": 0}
    assert weeks == [{**zero, "communicated": 1}, zero, {**zero, "crossed": 1}, {**zero, "held": 2}]
    assert boundaries_sentence(weeks) == (
        "You noticed 4 boundary moments; 3 of them you held or said out loud. Noticing the others counts too."
    )
    assert boundaries_sentence([zero]) == "No boundary moments logged in this period — that's fine."
    assert boundary_outcomes_by_week([], 2, today) == [zero, zero]


def test_weeks_across_the_autumn_change():
    # 25 Oct 2026 has 25 hours; blocks are counted in local days, so the 01:30 GMT trigger stays on the 25th
    today = date(2026, 10, 31)
    entries = [
        Practice(preset="box", actual_seconds=90, at=datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
        Practice(
            preset="box", actual_seconds=30, at=datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
        ),  # 00:30 BST on the 25th
        Practice(preset="box", actual_seconds=60, at=datetime(2026, 10, 24, 22, 59, tzinfo=UTC)),
    ]  # 23:59 BST on the 24th
    assert practice_minutes_by_week(entries, 2, today) == [1.0, 2.0]


def test_practice_minutes_by_week_and_change():
    today = date(2026, 11, 30)
    entries = [
        Practice(preset="box", actual_seconds=180, before=3, after=6, at=at(30)),
        Practice(preset="box", actual_seconds=270, before=5, after=6, at=at(29)),
        Practice(preset="sit", actual_seconds=600, before=4, at=at(20)),  # no after: not in the change
        Practice(preset="sit", actual_seconds=None, after=7, at=at(5)),
    ]
    assert practice_minutes_by_week(entries, 3, today) == [0.0, 10.0, 7.5]
    assert practice_minutes_by_week([], 1, today) == [0.0]
    assert practice_before_after(entries) == (4.0, 6.0, 2)
    assert practice_sentence([0.0, 10.0, 7.5]) == "You practised 18 min over 3 weeks, about 5 min 50 s a week."
    assert practice_sentence([0.0]).startswith("No practice logged")
    assert (
        practice_change_sentence(4.0, 6.0, 2)
        == "On average you rated 4.0 before practising and 6.0 after (2 practices with both)."
    )
    assert practice_change_sentence(None, None, 0).startswith("Rate how you feel")


def test_the_kind_sentence_is_kept():
    assert showed_up_sentence(4, 7) == "You showed up 4 of the last 7 days."


@pytest.mark.parametrize(
    "seconds, words",
    [
        (0, "0 seconds"),
        (1, "1 second"),
        (40.4, "40 seconds"),
        (59.6, "1 min"),
        (90, "1 min 30 s"),
        (600, "10 min"),
        (1530, "26 min"),
    ],
)
def test_practice_time_is_never_0_min(seconds, words):
    from doingthework.core.insights import practice_time

    assert practice_time(seconds) == words


def test_an_hour_is_named_only_when_it_stands_out():
    from doingthework.core.insights import hour_sentence

    every_hour_once = [1] * 24
    assert "busiest hour" not in hour_sentence(every_hour_once)
    assert hour_sentence(every_hour_once) == "Triggers were spread across the day (24 in all)."
    morning = [0] * 24
    morning[6] = morning[7] = morning[8] = 1
    assert hour_sentence(morning) == "Most triggers came in the morning (6–12): 3 of 3."
    morning[7] = 2
    assert "the busiest hour was between 07:00 and 08:00 (2)" in hour_sentence(morning)


# ---- questionnaires over a period ------------------------------------------------------------
def filled(measure_id: str, score: int, when: datetime) -> Measure:
    """A questionnaire as its screen saves it: answers of 3 first, adding up to `score`."""
    from doingthework.core.measures import BUILTIN

    size = len(BUILTIN[measure_id].items)
    answers = [min(3, max(0, score - 3 * i)) for i in range(size)]
    return BUILTIN[measure_id].record(answers, at=when)


def test_one_phq9_in_a_period():
    from doingthework.core.measures import PHQ9, known

    [trend] = measure_trends([filled("phq9", 9, at(3, 9))], known(None))
    assert trend.measure == "phq9" and trend.title == "PHQ-9"
    assert trend.points == [(date(2026, 11, 3), 9, "mild")]
    assert trend.filled == 1 and trend.most == 27 and trend.bands == PHQ9.bands
    assert trend.sentence == "PHQ-9: once in this period, 9 (mild)."


def test_several_fillings_keep_their_order_and_each_measure_its_own_line():
    from doingthework.core.measures import known

    entries = [
        filled("phq9", 9, at(17)),
        CheckIn(mood=5, at=at(2)),
        filled("phq9", 14, at(3)),
        filled("gad7", 6, at(1)),  # filled in first, so it comes first
        filled("phq9", 12, at(10)),
        filled("gad7", 3, at(15)),
    ]
    gad, phq = measure_trends(entries, known(None))
    assert gad.title == "GAD-7" and gad.most == 21
    assert gad.points == [(date(2026, 11, 1), 6, "mild"), (date(2026, 11, 15), 3, "minimal")]
    assert gad.sentence == "GAD-7: twice in this period, from 6 (mild) to 3 (minimal)."
    assert [score for _, score, _ in phq.points] == [14, 12, 9]
    assert [band for _, _, band in phq.points] == ["moderate", "moderate", "mild"]
    assert phq.sentence == "PHQ-9: 3 times in this period, from 14 (moderate) to 9 (mild)."


def test_more_than_twelve_fillings_show_the_latest_twelve_and_say_so():
    from doingthework.core.measures import known

    entries = [filled("phq9", day, at(day)) for day in range(1, 16)]  # 1 Nov scores 1 … 15 Nov scores 15
    [trend] = measure_trends(entries, known(None))
    assert trend.filled == 15 and len(trend.points) == 12
    assert trend.points[0] == (date(2026, 11, 4), 4, "minimal") and trend.points[-1] == (
        date(2026, 11, 15),
        15,
        "moderately severe",
    )
    # the sentence covers the whole period, from the very first filling
    assert trend.sentence == (
        "PHQ-9: 15 times in this period, from 1 (minimal) to 15 (moderately severe); the chart shows the latest 12."
    )


def test_a_measure_no_longer_defined_keeps_its_saved_title_and_bands():
    from doingthework.core.measures import known

    entries = [
        Measure(measure="sleepq", title="Sleep check", answers=[2, 2], score=4, band="some trouble", at=at(2)),
        Measure(measure="sleepq", title="Sleep check", answers=[1, 0], score=1, band="little trouble", at=at(9)),
        Measure(measure="oldq", answers=[3], score=3, at=at(4)),  # no title, no band: its id and the number alone
        Measure(measure="oldq", answers=[2], score=None, at=at(5)),  # no score: not drawn
    ]
    sleep, old = measure_trends(entries, known(None))
    assert sleep.title == "Sleep check" and sleep.most is None and sleep.bands == ()
    assert sleep.points == [(date(2026, 11, 2), 4, "some trouble"), (date(2026, 11, 9), 1, "little trouble")]
    assert sleep.sentence == "Sleep check: twice in this period, from 4 (some trouble) to 1 (little trouble)."
    assert old.title == "oldq" and old.points == [(date(2026, 11, 4), 3, None)]
    assert old.sentence == "oldq: once in this period, 3."
    assert insights.bands_line(sleep.bands) == ""


def test_the_definition_reads_the_band_and_the_day_is_local():
    from doingthework.core.measures import known

    old_words = Measure(measure="phq9", answers=[3, 3, 3, 1], score=10, band="words of an old version", at=at(5))
    late = filled("phq9", 4, datetime(2026, 7, 1, 23, 30, tzinfo=UTC))  # 00:30 on 2 July in London
    [trend] = measure_trends([old_words, late], known(None))
    assert trend.points == [(date(2026, 7, 2), 4, "minimal"), (date(2026, 11, 5), 10, "moderate")]
    assert measure_trends([], known(None)) == []


def test_the_bands_in_one_line():
    from doingthework.core.measures import GAD7, PHQ9

    assert insights.bands_line(PHQ9.bands) == (
        "Bands: 0–4 minimal · 5–9 mild · 10–14 moderate · 15–19 moderately severe · 20–27 severe"
    )
    assert insights.bands_line(GAD7.bands) == "Bands: 0–4 minimal · 5–9 mild · 10–14 moderate · 15–21 severe"
