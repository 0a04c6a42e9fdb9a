from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doingthework.core.errors import BadInput
from doingthework.core.periods import (
    Period,
    months_between,
    parse_at,
    parse_since,
    parse_until,
    period,
)

NOW = datetime(2026, 11, 25, 15, 45).astimezone()


def midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).astimezone()


@pytest.mark.parametrize(
    "when, day",
    [
        ("today", date(2026, 11, 25)),
        ("yesterday", date(2026, 11, 24)),
        ("2026-10-01", date(2026, 10, 1)),
        ("1d", date(2026, 11, 25)),
        ("7d", date(2026, 11, 19)),
        ("2w", date(2026, 11, 12)),
        (" Today ", date(2026, 11, 25)),
    ],
)
def test_since_starts_at_midnight_of_the_named_day(when, day):
    assert parse_since(when, NOW) == midnight(day)


def test_since_a_moment_is_that_moment():
    assert parse_since("2026-11-20T08:15", NOW) == datetime(2026, 11, 20, 8, 15).astimezone()


def test_since_all_is_open():
    assert parse_since("all", NOW) is None


def test_until_a_day_includes_all_of_it():
    assert parse_until("2026-11-20", NOW) == midnight(date(2026, 11, 21))
    assert parse_until("today", NOW) == midnight(date(2026, 11, 26))


@pytest.mark.parametrize("bad", ["tomorrowish", "7x", "0d", "2026-13-01", "", "d7", "2026-11-25T25:00"])
def test_bad_when_is_a_clear_bad_input(bad):
    with pytest.raises(BadInput) as caught:
        parse_since(bad, NOW)
    assert "today, yesterday" in (caught.value.hint or "") or "at least" in caught.value.message


def test_at_never_in_the_future():
    with pytest.raises(BadInput, match="future"):
        parse_at("2026-12-01", NOW)
    assert parse_at("today", NOW) == NOW
    assert parse_at("2026-11-20", NOW) == datetime(2026, 11, 20, 12, 0).astimezone()
    assert parse_at("2d", NOW) == NOW - timedelta(days=2)


def test_period_refuses_backwards_spans():
    with pytest.raises(BadInput, match="ends before it starts"):
        period("2026-11-20", "2026-11-10", NOW)


def test_period_contains_is_half_open():
    span = period("2026-11-20", "2026-11-20", NOW)
    assert midnight(date(2026, 11, 20)) in span
    assert midnight(date(2026, 11, 21)) not in span


@given(st.dates(date(2000, 1, 1), date(2026, 11, 25)))
def test_any_iso_date_round_trips_as_since(day):
    assert parse_since(day.isoformat(), NOW).date() == day


@given(st.integers(1, 3000))
def test_nd_covers_n_days_counting_today(n):
    start = parse_since(f"{n}d", NOW)
    assert (NOW.date() - start.date()).days == n - 1
    assert start.time() == datetime.min.time()


@given(st.text(max_size=20) | st.from_regex(r"\A\d{1,6}[dw]\Z"))
def test_parsing_never_raises_anything_but_bad_input(text):
    for parse in (parse_since, parse_until, parse_at):
        try:
            parse(text, NOW)
        except BadInput:
            pass


def test_a_period_too_long_for_the_calendar_is_bad_input():
    with pytest.raises(BadInput, match="too far"):
        parse_since("999999w", NOW)


def test_months_between_has_a_days_margin():
    first, last = months_between(midnight(date(2026, 11, 1)), midnight(date(2026, 12, 1)))
    assert (first, last) == ("2026-10", "2026-12")
    assert months_between(None, None) is None
    assert Period() and NOW in Period()


def test_far_past_at_is_refused_as_a_likely_typo():
    with pytest.raises(BadInput, match="check the year"):
        parse_at("0226-11-01", NOW)


def test_an_entry_in_the_furthest_zone_is_inside_the_months_read():
    from datetime import timezone

    entry_at = datetime(2026, 12, 1, 1, 0, tzinfo=timezone(timedelta(hours=14)))
    until = datetime(2026, 11, 29, 23, 30, tzinfo=timezone(timedelta(hours=-12)))
    assert entry_at < until
    first, last = months_between(None, until)
    assert first <= "2026-12" <= last
