"""A realistic history of N years, written through dtw's own store (and, if asked, as a jrnl journal).

Each day brings two check-ins (morning and evening: mood, energy, sleep, feelings, body, intention,
now and then a note), and most days a practice (a built-in preset, planned and actual seconds,
completed or stopped early, before and after). Each week brings a few triggers (tags, intensity and
after, a thought), a few boundary moments (all four outcomes), a therapy session and a note or
two to bring to it (older notes marked discussed). Ten years come to about 15,000 entries.

The history ends now (or on `--end`), so that `--since 14d` finds the last two weeks full. It is
deterministic: the same seed, years and end give the same entries, ids included (when it ends
today, the entries later today than the moment it runs are left out).

Entries go in through `Store.add_many`, a month at a time (one lock and one fsync per month file),
so ten years take seconds. The folder is chosen with `--root DIR` (dtw's data, config and state go
in DIR/data, DIR/config and DIR/state) or, without it, by the DTW_DATA_DIR, DTW_CONFIG_DIR and
DTW_STATE_DIR variables; with neither, the script refuses rather than write into your real history.

    python benchmarks/generate.py --root /tmp/ten --years 10
    python benchmarks/generate.py --root /tmp/ten --years 10 --jrnl /tmp/ten/journal.txt

`--jrnl FILE` also writes the same entries as a plain-text jrnl journal (jrnl's plain-text layout:
an `[YYYY-MM-DD HH:MM] title` line, the body on the lines after it, a blank line between entries),
trigger tags as `@tags`, so that jrnl can be timed exporting the same two weeks. Those dates suit a
`timeformat` of "%Y-%m-%d %H:%M"; jrnl's own first-run timeformat is "%F %r", and ten_years.py
rewrites the dates so for the stock run (`[2026-11-12 09:05:00 AM]`).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

DEFAULT_SEED = 10
DEVICE_ID = "bench0001"

FEELINGS = {
    "low": ["sad", "tired", "lonely", "anxious", "stressed", "overwhelmed", "numb", "frustrated", "guilty"],
    "mid": ["tired", "restless", "calm", "content", "curious", "anxious", "irritated"],
    "high": ["calm", "content", "grateful", "hopeful", "relaxed", "connected", "proud", "joyful"],
}
BODY = [None, None, "tight shoulders", "heavy chest", "headache", "restless legs", "jaw clenched",
        "loose and warm", "knot in the stomach", "tired eyes", "settled"]
INTENTIONS = [None, "a short walk at lunch", "one thing at a time", "eat a proper breakfast", "call Sam back",
              "leave work on time", "be kind to myself when I slip", "ten minutes outside", "say no once today",
              "bed by eleven", "notice when I rush", "drink water"]
CHECKIN_NOTES = ["Hard morning, better after coffee.", "Slept badly; the neighbours again.",
                 "Good talk with my sister.", "Felt the old dread on the way to work.",
                 "Quiet day. Nothing much to say.", "Noticed I was holding my breath in the meeting."]
TRIGGERS = [
    ("a curt email from my manager", ["work"]), ("being left on read", ["friends", "rejection"]),
    ("mum asked about my weight", ["family", "body"]), ("a crowded train", ["commute", "crowds"]),
    ("an unexpected bill", ["money"]), ("someone raised their voice nearby", ["noise", "conflict"]),
    ("scrolling at night", ["phone"]), ("a meeting ran over", ["work"]),
    ("my partner forgot our plans", ["partner"]), ("seeing old photos", ["memories"]),
]
THOUGHTS = [None, "I always mess this up", "They must be angry with me", "I can't cope with this",
            "Nobody would notice if I left", "I should be over this by now", "This will never change"]
URGES = [None, "to hide", "to snap back", "to cancel everything", "to scroll", "to apologise"]
RESPONSES = [None, "went for a walk", "breathed for a few minutes", "texted a friend", "wrote it down",
             "waited before answering"]
SKILLS = [[], ["breathing"], ["grounding"], ["opposite action"], ["check the facts"], ["breathing", "self-talk"]]
BOUNDARIES = [("not answering work messages after 7", "work"), ("leaving when voices are raised", "dad"),
              ("saying no to extra shifts", "work"), ("not lending money again", "my brother"),
              ("ending the call when it turns to my weight", "mum"), ("asking for the evening to myself", "my partner"),
              ("keeping Sunday free", "friends")]
OUTCOMES = ["communicated", "held", "bent", "crossed"]
PRESETS = [("box", 176), ("4-7-8", 76), ("coherent", 297), ("sigh", 300), ("grounding", None),
           ("body-scan", 300), ("sit", 600)]
NOTES = ["Bring up the dream about the old house.", "Ask about the sleep diary.", "Talk about the argument with Dad.",
         "Why do Sundays feel so heavy?", "The boundary with work held all week.", "Ask how to use the urge surfing.",
         "Tell her about the panic on the train.", "Revisit the values list.", "Something good: I asked for help."]


def local(day: date, hour: int, minute: int) -> datetime:
    """A local time with the local offset of that day (so DST changes are as a person lives them)."""
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


def first_day(end: date, years: int) -> date:
    """The day after the same date `years` earlier (29 February falls back to the 28th)."""
    try:
        return end.replace(year=end.year - years) + timedelta(days=1)
    except ValueError:
        return end.replace(year=end.year - years, day=28) + timedelta(days=1)


def months(end: date, years: int) -> list[tuple[int, int]]:
    start = min(first_day(end, years), end)
    out, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def generate(years: int, end: date | None = None, seed: int = DEFAULT_SEED) -> Iterator[list]:
    """The entries of each month in turn, oldest first, each month's list in time order."""
    from doingthework.core.models import (
        Boundary,
        CheckIn,
        Note,
        Practice,
        Session,
        Trigger,
    )

    end = end or date.today()
    first = first_day(end, years)
    rng = random.Random(seed)
    counter = 0

    def next_id() -> str:
        nonlocal counter
        counter += 1
        return f"{rng.getrandbits(32):08x}{counter:08x}"

    session_weekday = 2  # Wednesdays
    mood_base = 5.0
    for year, month in months(end, years):
        batch: list = []
        day = max(first, date(year, month, 1))
        while day <= end and day.month == month:
            mood_base = min(8.0, max(3.0, mood_base + rng.uniform(-0.4, 0.45)))  # drifts, slowly improving
            for hour in (8, 21):
                mood = max(1, min(10, round(rng.gauss(mood_base, 1.5))))
                band = "low" if mood <= 4 else "mid" if mood <= 6 else "high"
                note = rng.choice(CHECKIN_NOTES) if rng.random() < 0.15 else None
                batch.append(CheckIn(id=next_id(), at=local(day, hour, rng.randint(0, 40)), mood=mood,
                                     energy=max(1, min(10, mood + rng.randint(-2, 2))),
                                     sleep_hours=round(rng.uniform(4.5, 9.0) * 2) / 2 if hour == 8 else None,
                                     feelings=rng.sample(FEELINGS[band], rng.randint(1, 3)),
                                     body=rng.choice(BODY), intention=rng.choice(INTENTIONS) if hour == 8 else None,
                                     note=note))
            if rng.random() < 0.57:  # about four triggers a week
                what, tags = rng.choice(TRIGGERS)
                intensity = rng.randint(3, 9)
                batch.append(Trigger(id=next_id(), at=local(day, rng.randint(9, 19), rng.randint(0, 59)), what=what,
                                     intensity=intensity, after=max(0, intensity - rng.randint(0, 5)), tags=list(tags),
                                     thought=rng.choice(THOUGHTS), feelings=rng.sample(FEELINGS["low"], 2),
                                     urge=rng.choice(URGES), response=rng.choice(RESPONSES), skills=rng.choice(SKILLS),
                                     body=rng.choice(BODY)))
            if rng.random() < 0.3:  # about two boundary moments a week
                boundary, who = rng.choice(BOUNDARIES)
                batch.append(Boundary(id=next_id(), at=local(day, rng.randint(10, 20), rng.randint(0, 59)),
                                      boundary=boundary, with_=who, outcome=rng.choice(OUTCOMES),
                                      feelings=rng.sample(FEELINGS["mid"], 1),
                                      note="It was hard, but I said it." if rng.random() < 0.2 else None))
            if rng.random() < 0.85:  # a practice most days
                preset, planned = rng.choice(PRESETS)
                completed = rng.random() < 0.8
                actual = (planned or rng.uniform(120, 420)) * (1 if completed else rng.uniform(0.2, 0.9))
                before = rng.randint(3, 9)
                batch.append(Practice(id=next_id(), at=local(day, rng.choice((7, 13, 22)), rng.randint(0, 59)),
                                      preset=preset, planned_seconds=planned, actual_seconds=round(actual, 1),
                                      completed=completed, before=before, after=max(0, before - rng.randint(0, 3))))
            if rng.random() < 0.2:  # a note or so a week, to bring to the session
                note = Note(id=next_id(), at=local(day, rng.randint(9, 22), rng.randint(0, 59)), text=rng.choice(NOTES))
                next_session = day + timedelta(days=(session_weekday - day.weekday() - 1) % 7 + 1)
                if next_session <= end and rng.random() < 0.8:  # most notes get talked about
                    note.extra["discussed"] = True
                batch.append(note)
            if day.weekday() == session_weekday:
                batch.append(Session(id=next_id(), at=local(day, 17, 0), date=day.isoformat()))
            day += timedelta(days=1)
        batch.sort(key=lambda e: e.at)
        if year == end.year and month == end.month and end == date.today():
            cutoff = datetime.now().astimezone()
            batch = [e for e in batch if e.at <= cutoff]  # nothing later today than now
        yield batch


def write_store(root: Path | None, years: int, end: date | None = None, seed: int = DEFAULT_SEED,
                jrnl: Path | None = None) -> int:
    """Write the history through dtw's store (and to a jrnl journal); returns the number of entries."""
    from doingthework.core.paths import resolve_paths
    from doingthework.core.store import Store

    if root is not None:
        env = {"DTW_DATA_DIR": str(root / "data"), "DTW_CONFIG_DIR": str(root / "config"),
               "DTW_STATE_DIR": str(root / "state")}
    else:
        env = dict(os.environ)
        if not all(env.get(v) for v in ("DTW_DATA_DIR", "DTW_CONFIG_DIR", "DTW_STATE_DIR")):
            raise SystemExit("generate.py: give --root DIR, or set DTW_DATA_DIR, DTW_CONFIG_DIR and DTW_STATE_DIR "
                             "(it will not write into your real history)")
    paths = resolve_paths(env=env)
    for folder in (paths.config_dir, paths.state_dir):
        folder.mkdir(parents=True, exist_ok=True)
    if not paths.device_file.exists():
        paths.device_file.write_text(DEVICE_ID + "\n")  # the same file names on every run
    store = Store(paths)
    count = 0
    out = jrnl.open("w", encoding="utf-8") if jrnl else None
    try:
        for batch in generate(years, end, seed):
            if batch:
                store.add_many(batch)
                count += len(batch)
            if out:
                out.write("".join(as_jrnl(e) for e in batch))
    finally:
        if out:
            out.close()
    return count


def as_jrnl(entry) -> str:
    """One entry in jrnl's plain-text format: `[YYYY-MM-DD HH:MM] title`, the body, a blank line."""
    kind = entry.kind
    if kind == "checkin":
        title = f"Check-in: mood {entry.mood}, energy {entry.energy}."
        body = [f"Feelings: {', '.join(entry.feelings)}."]
        if entry.sleep_hours is not None:
            body.append(f"Slept {entry.sleep_hours:g} hours.")
        body += [f"Body: {entry.body}." for _ in [0] if entry.body]
        body += [f"Intention: {entry.intention}." for _ in [0] if entry.intention]
        body += [entry.note] if entry.note else []
    elif kind == "trigger":
        title = f"Trigger: {entry.what} ({entry.intensity} -> {entry.after})."
        body = [" ".join("@" + t.replace(" ", "-") for t in entry.tags)]
        body += [f"Thought: {entry.thought}." for _ in [0] if entry.thought]
        body += [f"Feelings: {', '.join(entry.feelings)}."]
        body += [f"Urge: {entry.urge}. Response: {entry.response}." for _ in [0] if entry.urge or entry.response]
    elif kind == "boundary":
        title = f"Boundary: {entry.boundary} with {entry.with_}, {entry.outcome}."
        body = [entry.note] if entry.note else []
    elif kind == "practice":
        done = "completed" if entry.completed else "stopped early"
        title = f"Practice: {entry.preset}, {(entry.actual_seconds or 0) / 60:.1f} min, {done}."
        body = [f"Before {entry.before}, after {entry.after}."]
    elif kind == "session":
        title, body = f"Therapy session on {entry.date}.", []
    else:
        title, body = f"Note: {entry.text}", (["Discussed."] if entry.extra.get("discussed") else [])
    text = f"[{entry.at:%Y-%m-%d %H:%M}] {title}\n"
    if body:
        text += "\n".join(body) + "\n"
    return text + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a realistic history through dtw's store.")
    parser.add_argument("--root", type=Path, help="write into DIR/data, DIR/config and DIR/state (else the DTW_* variables)")
    parser.add_argument("--years", type=int, default=10, help="years of history, ending today (default 10)")
    parser.add_argument("--end", type=date.fromisoformat, help="the last day of the history (default today)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--jrnl", type=Path, metavar="FILE", help="also write the entries as a jrnl journal")
    args = parser.parse_args(argv)
    if args.years < 0:
        parser.error("--years must be 0 or more")
    if args.root is not None and (args.root / "data" / "entries").exists() and any((args.root / "data" / "entries").iterdir()):
        parser.error(f"{args.root}/data already holds entries; pick an empty folder")
    start = time.perf_counter()
    count = write_store(args.root, args.years, args.end, args.seed, args.jrnl)
    print(f"wrote {count} entries ({args.years} years) in {time.perf_counter() - start:.1f} s"
          + (f"; jrnl journal: {args.jrnl}" if args.jrnl else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
