"""Gathering what a session-prep export shows: its period, its entries, the notes for the agenda. Used by `dtw export` and the export screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from doingthework.core.config import Plan
from doingthework.core.errors import BadInput
from doingthework.core.models import Note
from doingthework.core.periods import Period, local_now, parse_since, parse_until
from doingthework.core.report import ExportContext
from doingthework.core.store import Store

FALLBACK_SINCE = "14d"
OPEN_NOTES_LOOKBACK = timedelta(days=365)
EXTENSIONS = {"md": "md", "json": "json", "html": "html", "csv": "csv"}


@dataclass
class ChosenPeriod:
    """The period an export covers, and the words that explain it."""

    since: datetime | None
    until: datetime | None
    explanation: str  # said to the person: what the period is and why


def choose_period(store: Store, since: str | None, until: str | None, now: datetime | None = None) -> ChosenPeriod:
    """`last-session` (the default) starts at the last recorded session; without one, the last 14 days."""
    now = now or local_now()
    # up to now unless asked: a session noted ahead is not part of what the period held
    end = parse_until(until, now) if until else now
    if since in (None, "last-session"):
        session = store.latest("session", before=end or now)
        if session is not None:
            # from just after the session: the session itself belongs to the period before
            return ChosenPeriod(
                session.at + timedelta(seconds=1), end, f"since your session on {session.at.astimezone():%a %d %b}"
            )
        start = parse_since(FALLBACK_SINCE, now)
        if start is not None and end <= start:  # None only for "all", never for FALLBACK_SINCE
            raise BadInput(
                f"--until {until} is before the last 14 days this export covers when no session is recorded",
                hint="give --since too, e.g. --since 2026-01-01",
            )
        return ChosenPeriod(start, end, "the last 14 days (no session recorded yet; `dtw session add` records one)")
    start = parse_since(since, now)
    if start and end and end <= start:
        if until is None:  # only --since was given: it is in the future
            raise BadInput(
                f"--since {since} is after today, so there is nothing to show yet",
                hint="choose a day up to today, e.g. --since 14d",
            )
        raise BadInput("the period ends before it starts: check --since and --until")
    return ChosenPeriod(start, end, "the period you chose")


def gather(
    store: Store,
    plan: Plan,
    chosen: ChosenPeriod,
    include_private: bool = False,
    full: bool = False,
    sections: frozenset[str] | None = None,
    now: datetime | None = None,
) -> tuple[ExportContext, list]:
    """The export's context, and any damaged lines met (to be named, never hidden)."""
    now = now or local_now()
    result = store.query(Period(chosen.since, chosen.until))
    damage = list(result.damage)
    entries = [e for e in result.entries if include_private or not e.private]
    previous: list = []
    if chosen.since is not None:
        length = (chosen.until or now) - chosen.since
        before = store.query(Period(chosen.since - length, chosen.since))
        damage += before.damage
        previous = [e for e in before.entries if include_private or not e.private]
    notes = store.query(Period(now - OPEN_NOTES_LOOKBACK, chosen.until), kinds=["note"])
    open_notes = [
        n
        for n in notes.entries
        if isinstance(n, Note) and not n.extra.get("discussed") and (include_private or not n.private)
    ]
    revised_at, deleted = store.revision_times(Period(chosen.since, chosen.until))
    shown = {e.id for e in entries}
    context = ExportContext(
        revised_at={key: value for key, value in revised_at.items() if key in shown},
        deleted=tuple(deleted),
        entries=entries,
        previous=previous,
        open_notes=open_notes,
        plan=plan,
        since=chosen.since,
        until=chosen.until,
        exported_at=now,
        full=full,
        sections=sections,
    )
    return context, damage


def default_filename(fmt: str, now: datetime | None = None) -> str:
    now = now or local_now()
    return f"dtw-session-prep-{now:%Y-%m-%d}.{EXTENSIONS[fmt]}"
