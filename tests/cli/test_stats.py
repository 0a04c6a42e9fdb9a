"""`dtw stats`: kind lines for people, one JSON object for scripts."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from doingthework.core.models import Boundary, CheckIn, Note, Practice, Trigger
from doingthework.core.store import Store


def local(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 1, day, hour, 0).astimezone()


def seed(paths) -> None:
    store = Store(paths)
    store.add(CheckIn(mood=4, energy=5, sleep_hours=6.0, at=local(5, 8)))
    store.add(CheckIn(mood=8, energy=7, sleep_hours=8.0, at=local(5, 21)))
    store.add(CheckIn(mood=6, tags=["walk", "Friends"], at=local(7, 9)))
    store.add(Trigger(what="deadline", intensity=7, tags=["Work"], at=local(5, 10)))
    store.add(Trigger(what="email", intensity=5, tags=["work ", "email"], at=local(6, 10)))
    store.add(Trigger(what="call", intensity=3, tags=["family"], at=local(9, 18)))
    store.add(Boundary(boundary="no calls after 9", outcome="held", at=local(6, 21)))
    store.add(Boundary(boundary="no calls after 9", outcome="crossed", at=local(8, 21)))
    store.add(Practice(preset="box", actual_seconds=240, completed=True, at=local(7, 7)))
    store.add(Practice(preset="sit", actual_seconds=330, completed=False, at=local(9, 7)))
    store.add(Note(text="outside the period", at=local(20)))


def test_stats_json_is_one_object_of_hand_computed_numbers(dtw, paths):
    seed(paths)
    result = dtw("stats", "--since", "2026-01-05", "--until", "2026-01-11", "--json")
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.stdout)
    assert numbers["since"].startswith("2026-01-05T00:00:00") and numbers["until"].startswith("2026-01-12T00:00:00")
    assert numbers["days"] == 7
    assert numbers["days_checked_in"] == 2
    assert numbers["mood"] == {"mean": 6.0, "min": 4, "max": 8, "n": 3}
    assert numbers["energy"] == {"mean": 6.0, "min": 5, "max": 7, "n": 2}
    assert numbers["sleep"] == {"mean": 7.0, "min": 6.0, "max": 8.0, "n": 2}
    assert numbers["triggers_by_tag"] == {"work": 2, "email": 1, "family": 1}
    assert numbers["checkins_by_tag"] == {"friends": 1, "walk": 1}
    assert numbers["boundaries_by_outcome"] == {"communicated": 0, "held": 1, "bent": 0, "crossed": 1}
    assert numbers["practice_minutes"] == 9.5


def test_stats_text_is_a_few_kind_lines(dtw, paths):
    seed(paths)
    result = dtw("stats", "--since", "2026-01-05", "--until", "2026-01-11")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "You checked in on 2 of the 7 days in this period." in out
    assert "Mood: 6.0 on average, from 4 to 8 (3 ratings)." in out
    assert "Check-in tags most often: friends (1), walk (1)." in out
    assert "Triggers: 3 noted; tags most often: work (2), email (1), family (1)." in out
    assert "Boundaries: 2 noticed — 1 held, 1 crossed." in out
    assert "Practice: 9.5 minutes over 2 practices." in out
    assert "streak" not in out.lower()


def test_stats_default_is_the_last_30_days(dtw, paths):
    store = Store(paths)
    now = datetime.now().astimezone()
    store.add(CheckIn(mood=5, at=now - timedelta(minutes=1)))
    store.add(CheckIn(mood=9, at=now - timedelta(days=45)))
    numbers = dtw.json("stats")
    assert numbers["days"] == 30 and numbers["days_checked_in"] == 1 and numbers["mood"]["n"] == 1
    text = dtw("stats").stdout
    assert text.startswith("You checked in on 1 of the last 30 days.")
    assert dtw.json("stats", "--since", "all")["mood"]["n"] == 2


def test_stats_of_nothing_is_gentle(dtw):
    numbers = dtw.json("stats")
    assert numbers["days_checked_in"] == 0 and numbers["mood"] == {"mean": None, "min": None, "max": None, "n": 0}
    assert numbers["boundaries_by_outcome"] == {"communicated": 0, "held": 0, "bent": 0, "crossed": 0}
    result = dtw("stats")
    assert result.exit_code == 0
    assert "You checked in on 0 of the last 30 days." in result.stdout and "that's fine" in result.stdout


def test_bad_when_is_exit_2(dtw):
    for args in (["--since", "someday"], ["--until", "later"], ["--since", "2026-02-01", "--until", "2026-01-01"]):
        result = dtw("stats", *args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("dtw: ") and result.stdout == ""
