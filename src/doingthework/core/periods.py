"""WHEN, as the command line accepts it: today, yesterday, YYYY-MM-DD, YYYY-MM-DDTHH:MM, Nd, Nw.

`Nd` means the last N days counting today (so `1d` is today, `7d` is today and the six days
before), and `Nw` the same as 7×N days. A date alone starts at midnight when it opens a
period, ends at midnight after it when it closes one, and means noon when it dates an entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from doingthework.core.errors import BadInput
from doingthework.core.models import (  # one rule for every date
    EARLIEST_YEAR,
    LATEST_YEAR,
)

_RELATIVE = re.compile(r"^(\d{1,6})([dw])$")
FORMS = "today, yesterday, YYYY-MM-DD, YYYY-MM-DDTHH:MM, Nd or Nw"


@dataclass(frozen=True)
class Period:
    """A half-open span of time [since, until); either end may be open (None)."""

    since: datetime | None = None
    until: datetime | None = None

    def __contains__(self, moment: datetime) -> bool:
        return (self.since is None or moment >= self.since) and (self.until is None or moment < self.until)


def local_now() -> datetime:
    return datetime.now().astimezone()


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


def _parse(text: str, now: datetime) -> datetime | date | int:
    """Classify WHEN: a moment (datetime), a day (date) or a number of days back (int)."""
    value = text.strip().lower()
    if value == "today":
        return now.date()
    if value == "yesterday":
        return now.date() - timedelta(days=1)
    match = _RELATIVE.match(value)
    if match:
        count = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
        if count < 1:
            raise BadInput(f"'{text}' is not a period: use at least 1d", hint=f"WHEN can be {FORMS}")
        return count
    try:
        if "t" in value or " " in value:
            moment = datetime.fromisoformat(value.upper().replace(" ", "T"))
            _within_years(text, moment.year)
            return moment if moment.tzinfo else moment.astimezone()
        day = date.fromisoformat(value)
    except ValueError:
        raise BadInput(f"'{text}' is not a date or period I understand", hint=f"WHEN can be {FORMS}") from None
    _within_years(text, day.year)
    return day


def _within_years(text: str, year: int) -> None:
    """Years 1 and 9999 parse, but a day or a time zone beyond them has no date at all."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise BadInput(f"'{text}' is outside the years {EARLIEST_YEAR}-{LATEST_YEAR}; please check the year")


def _too_far(text: str) -> BadInput:
    return BadInput(f"'{text}' reaches too far back", hint=f"WHEN can be {FORMS}")


def parse_since(text: str, now: datetime | None = None) -> datetime | None:
    """Where a period starts. `all` opens it to the whole history."""
    if text.strip().lower() == "all":
        return None
    return _bound(text, now or local_now(), days_after=0)


def parse_until(text: str, now: datetime | None = None) -> datetime:
    """Where a period ends (exclusive): a day is included whole, so `--until 3d` runs to the end
    of the day three days ago (up to its start would surprise)."""
    return _bound(text, now or local_now(), days_after=1)


def _bound(text: str, now: datetime, days_after: int) -> datetime:
    """A moment as given; otherwise the midnight that starts the day WHEN names, `days_after` on."""
    try:
        value = _parse(text, now)
        if isinstance(value, datetime):  # before date: a datetime is a date too
            return value
        day = now.date() - timedelta(days=value - 1) if isinstance(value, int) else value
        return local_midnight(day + timedelta(days=days_after))
    except (OverflowError, ValueError):
        raise _too_far(text) from None


def parse_at(text: str, now: datetime | None = None, allow_future: bool = False) -> datetime:
    """When an entry happened, for back-dating. Never in the future (a planned session may be)."""
    now = now or local_now()
    try:
        moment = _at(text, now)
    except (OverflowError, ValueError):
        raise _too_far(text) from None
    if moment > now + timedelta(minutes=1) and not allow_future:
        raise BadInput(f"'{text}' is in the future; entries can only be dated now or earlier")
    if moment.year < EARLIEST_YEAR:
        raise BadInput(f"'{text}' is before {EARLIEST_YEAR}; please check the year")
    return moment.replace(microsecond=0)


def _at(text: str, now: datetime) -> datetime:
    value = _parse(text, now)
    if isinstance(value, datetime):  # before date: a datetime is a date too
        moment = value
    elif isinstance(value, int):
        # on the wall clock, so that "3d" across a daylight-saving change keeps the hour
        moment = (now.replace(tzinfo=None) - timedelta(days=value)).astimezone()
    elif value == now.date():
        moment = now
    else:
        moment = datetime.combine(value, time(12, 0)).astimezone()
    return moment


_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_when_text(text: str, now: datetime | None = None) -> datetime:
    """What a person types in a form's "when" box: blank or `now`, a time today (`14:30`), or any --at WHEN."""
    now = now or local_now()
    value = text.strip().lower()
    if value in ("", "now"):
        return now
    clock = _CLOCK.match(value)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        if hour > 23 or minute > 59:
            raise BadInput(f"'{text}' is not a time of day")
        moment = datetime.combine(now.date(), time(hour, minute)).astimezone()
        if moment > now + timedelta(minutes=1):
            raise BadInput(f"'{text}' is later than now; entries can only be dated now or earlier")
        return moment
    return parse_at(text, now)


def period(
    since: str | None, until: str | None, now: datetime | None = None, default_since: str | None = None
) -> Period:
    now = now or local_now()
    since = since or default_since
    start = parse_since(since, now) if since else None
    end = parse_until(until, now) if until else None
    if start and end and end <= start:
        raise BadInput("the period ends before it starts: check --since and --until")
    return Period(start, end)


def month_key(moment: datetime) -> str:
    """'YYYY-MM' of a moment in its own zone, always four digits for the year."""
    return f"{moment.year:04d}-{moment.month:02d}"


ZONE_MARGIN = timedelta(days=2)  # UTC offsets span 26 hours: -12:00 to +14:00


def months_between(since: datetime | None, until: datetime | None) -> tuple[str, str] | None:
    """The first and last 'YYYY-MM' a period can touch, widened for entries saved in other zones."""
    if since is None and until is None:
        return None
    first = month_key(since - ZONE_MARGIN) if since else "0000-00"
    last = month_key(until + ZONE_MARGIN) if until else "9999-99"
    return first, last
