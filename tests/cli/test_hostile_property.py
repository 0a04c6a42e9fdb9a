"""Hypothesis writes arbitrary lines into an entries file and arbitrary documents into an import.

Whatever it writes, no command reaches the "something went wrong inside dtw" handler, and no
line that dtw could read is ever lost: what `dtw log --json` showed before `doctor --repair`
(or an import) it still shows after. The app's Home opens over the same files.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doingthework.core.paths import resolve_paths

CRASH = "inside dtw"
NOW = datetime.now().astimezone().replace(microsecond=0)
FIELDS = (
    "mood",
    "energy",
    "sleep_hours",
    "feelings",
    "scales",
    "text",
    "what",
    "intensity",
    "after",
    "tags",
    "boundary",
    "outcome",
    "with",
    "preset",
    "planned_seconds",
    "actual_seconds",
    "completed",
    "before",
    "date",
    "private",
    "deleted",
    "discussed",
    "v",
    "kind",
    "at",
    "id",
    "thoughts",
    "title",
    "starred",
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = {"a": value}
    return value


# what a careful tester reaches for: the edges of time, numbers of thousands of digits, deep nesting
hostile_values = st.one_of(
    json_values,
    st.integers(1, 4000).map(lambda digits: int("9" * digits)),
    st.integers(300, 4000).map(lambda digits: int("9" * digits)),
    st.integers(300, 900).map(_nested),
    edge_moments := st.sampled_from(
        [
            "0001-01-01T00:00:00+00:00",
            "0001-01-01T00:00:00-12:00",
            "0001-01-02T00:00:00",
            "9999-12-31T23:59:59+00:00",
            "9999-12-31T23:59:59+14:00",
            "1899-12-31T23:59:59+00:00",
            "2201-01-01T00:00:00+00:00",
        ]
    ),
    st.sampled_from([1e308, -1e308, 5e-324, 10**15, -1]),
    st.integers(1, 900).map(_nested),
    st.sampled_from(["0001-01-01", "9999-12-31", "\x1b[2J", "\u202e", ""]),
)
moments = st.one_of(
    edge_moments,
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(lambda d: d.isoformat()),
    st.integers(0, 400).map(lambda days: (NOW - timedelta(days=days)).isoformat()),
    st.text(max_size=10),
)
NUMBERS = {
    "checkin": ("mood", "energy", "sleep_hours"),
    "trigger": ("intensity", "after"),
    "practice": ("planned_seconds", "actual_seconds", "before"),
}
VALID = {  # a whole entry of each kind, for hypothesis to spoil a field or two of
    "checkin": {"mood": 5, "energy": 4, "sleep_hours": 7.5, "scales": {"pain": 3}},
    "trigger": {"what": "email", "intensity": 6, "after": 3, "tags": ["work"]},
    "boundary": {"boundary": "no calls after 9", "outcome": "held"},
    "practice": {"preset": "box", "planned_seconds": 60, "actual_seconds": 60, "completed": True, "before": 3},
    "note": {"text": "ask about sleep"},
    "session": {"date": "2026-11-20"},
    "journal": {"title": "a walk", "body": "by the river", "tags": ["calm"], "starred": True},
}


@st.composite
def _plausible(draw) -> dict:
    kind = draw(st.sampled_from([*VALID, "checkin", "checkin", "note", "dream"]))
    record = {
        "v": draw(st.sampled_from([1] * 9 + [2, "1"])),
        "id": draw(st.text("0123456789abcdef", min_size=1, max_size=16)),
        "kind": kind,
        "at": draw(st.one_of(st.integers(0, 60).map(lambda d: (NOW - timedelta(days=d)).isoformat()), moments)),
        "private": False,
        **VALID.get(kind, {"text": "x"}),
        "saved_at": draw(st.one_of(st.just(NOW.isoformat()), moments)),
        "device": draw(st.sampled_from(["a", "b", ""])),
    }
    # a field or two spoilt: most often a number the kind has, the time, or an extra field
    own = NUMBERS.get(kind, ("text",))
    targets = st.one_of(
        st.sampled_from(own), st.sampled_from(own), st.just("at"), st.just("thoughts"), st.sampled_from(FIELDS)
    )
    for name in draw(st.lists(targets, min_size=1, max_size=2)):
        record[name] = draw(hostile_values)
    return record


plausible = _plausible()
lines = st.one_of(
    plausible.map(lambda record: json.dumps(record, ensure_ascii=False, allow_nan=True)),
    plausible.map(lambda record: json.dumps(record, ensure_ascii=False, allow_nan=True)),
    plausible.map(lambda record: json.dumps(record)[: len(json.dumps(record)) // 2]),  # cut off mid-write
    st.text(max_size=40),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
)

COMMANDS = (
    ["log", "--since", "all"],
    ["stats"],
    ["session", "list"],
    ["doctor"],
    ["export", "-o", "-", "--since", "all", "--full"],
    ["export", "-o", "-", "--since", "all", "--full", "--format", "html"],
    ["export", "-o", "-", "--since", "all", "--format", "json"],
)


class Fresh:
    """Folders of their own for one hypothesis example (the test's fixtures are shared by all)."""

    def __enter__(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.saved = {k: os.environ.get(k) for k in ("DTW_DATA_DIR", "DTW_STATE_DIR", "DTW_CONFIG_DIR")}
        root = Path(self.tmp.name)
        for key, name in (("DTW_DATA_DIR", "data"), ("DTW_STATE_DIR", "state"), ("DTW_CONFIG_DIR", "config")):
            os.environ[key] = str(root / name)
        return resolve_paths()

    def __exit__(self, *exc: object) -> None:
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self.tmp.cleanup()


def no_crash(result, allowed=(0, 1)) -> None:
    """A clear message and a chosen exit code, never an exception let loose (CliRunner catches
    what `dtw`'s own handler would have called "something went wrong inside dtw")."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert CRASH not in result.output and result.exit_code in allowed, result.output[-400:]


def _shown(dtw) -> set[str]:
    result = dtw("log", "--since", "all", "--json")
    no_crash(result)
    return {entry["id"] for entry in json.loads(result.stdout)} if result.exit_code == 0 else set()


def _write(paths, written: list[str]) -> None:
    paths.entries_dir.mkdir(parents=True, exist_ok=True)
    target = paths.entries_dir / f"{NOW:%Y-%m}.hyp0.jsonl"
    target.write_bytes("\n".join(written).encode("utf-8", "surrogatepass") + b"\n")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(written=st.lists(lines, min_size=1, max_size=8))
def test_no_command_crashes_and_repair_loses_no_line_that_was_read(dtw, written):
    with Fresh() as paths:
        _write(paths, written)
        before = _shown(dtw)
        for args in COMMANDS:
            no_crash(dtw(*args))
        no_crash(dtw("doctor", "--repair"))
        assert before <= _shown(dtw), "doctor --repair lost a line that could be read"


documents = st.fixed_dictionaries(
    {
        "format": st.sampled_from(["doingthework", "doingthework", "other"]),
        "version": st.sampled_from([1, 1, 2]),
        "entries": st.lists(plausible, max_size=5),
    },
    optional={
        "exported_at": moments,
        "revised_at": json_values | st.dictionaries(st.text(max_size=4), moments),
        "deleted": json_values,
    },
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(document=documents | json_values, existing=st.lists(plausible, max_size=3))
def test_an_import_of_anything_never_crashes_and_never_loses_what_was_here(dtw, tmp_path, document, existing):
    with Fresh() as paths:
        _write(paths, [json.dumps(record) for record in existing])
        before = _shown(dtw)
        files_before = {p.name: p.read_bytes() for p in paths.entries_dir.iterdir()}
        source = tmp_path / "import.json"
        source.write_text(json.dumps(document, allow_nan=True))
        result = dtw("import", str(source))
        no_crash(result, allowed=(0, 1, 2))
        if result.exit_code != 0:
            assert {p.name: p.read_bytes() for p in paths.entries_dir.iterdir()} == files_before
        assert before <= _shown(dtw), "an import lost an entry that was here"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(written=st.lists(lines, min_size=1, max_size=8))
def test_home_opens_over_any_entries_file(written):
    from doingthework.core import config
    from doingthework.core.store import Store
    from doingthework.tui.app import build_app

    with Fresh() as paths:
        _write(paths, written)
        app = build_app(Store(paths), config.load(paths.config_dir))

        async def run() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause(0.3)
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert type(app.screen).__name__ == "HomeScreen"

        asyncio.run(run())
        assert app.return_code in (None, 0), "the app ended with an error"
