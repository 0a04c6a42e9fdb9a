"""A damaged line's message names the file, the line and what is wrong, never the line's words:
not a value, not a key. Hypothesis writes records with a secret word in every place a person's
words (or a hand-edit) could put it, and `dtw log`, `dtw doctor` and `dtw import` never say it."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .conftest import Dtw

SECRET = "Quillwort"
NOW = datetime.now(UTC)
BASE = {
    "v": 1,
    "id": "0123456789abcdef",
    "kind": "checkin",
    "at": NOW.isoformat(timespec="seconds"),
    "private": False,
    "mood": 5,
    "saved_at": NOW.isoformat(),
    "device": "aaaa1111",
}
KNOWN_KEYS = [
    "v",
    "kind",
    "at",
    "private",
    "saved_at",
    "device",
    "deleted",
    "mood",
    "energy",
    "sleep_hours",
    "feelings",
    "body",
    "intention",
    "note",
    "scales",
    "what",
    "intensity",
    "tags",
    "outcome",
    "date",
    "text",
    "preset",
    "planned_seconds",
    "completed",
    "with",
    "title",
    "starred",
]

secret_text = st.sampled_from([SECRET, f"{SECRET} 2026", f"1{SECRET}", "\ud800" + SECRET])
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 20), st.sampled_from(["five", 10**20, float("inf")]))
secret_values = st.one_of(
    secret_text,
    st.lists(st.one_of(secret_text, scalars), min_size=1, max_size=3),
    # a map whose names are the secret (as `scales` is), holding the secret or a wrong value
    st.dictionaries(
        st.sampled_from([SECRET, "x"]),
        st.one_of(secret_text, scalars, st.lists(secret_text, max_size=1)),
        min_size=1,
        max_size=2,
    ),
)
other_values = scalars
KEYS = [*KNOWN_KEYS, SECRET, f"{SECRET}_note"]
KINDS = ["checkin", "trigger", "boundary", "note", "practice", "session", "journal"]


def record_with(key: str, value) -> dict:
    record = {**BASE, key: value}
    if SECRET.lower() not in json.dumps(record, ensure_ascii=False).lower():
        record[SECRET] = SECRET  # the secret is always somewhere: here an extra key holding it
    return record


def line_of(record: dict, cut: int | None = None) -> bytes:
    text = json.dumps(record, ensure_ascii=False)
    if cut is not None:
        text = text[: cut % max(1, len(text))]  # a line cut off mid-write
    return text.encode("utf-8", "surrogatepass")


def messages(result) -> str:
    return (result.stdout_bytes + result.stderr_bytes).decode("utf-8", "replace")


# every key (each of the contract's, the store's, and names of the secret itself) in every
# example, one line each: a class of message can't hide behind an unlucky draw of keys
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
# and, always tried first, the shapes that once leaked: a map whose names are the secret
@example({key: {SECRET: "five"} for key in KEYS}, 0, "scales", "checkin")
@example({key: {SECRET: 10**20} for key in KEYS}, 7, SECRET, "trigger")
@given(
    st.fixed_dictionaries({key: st.one_of(secret_values, other_values) for key in KEYS}),
    st.integers(0, 400),
    st.sampled_from(KEYS),
    st.sampled_from(KINDS),
)
def test_no_message_ever_says_what_a_line_holds(values, cut, import_key, import_kind):
    dtw = Dtw()
    with tempfile.TemporaryDirectory() as root:
        data = Path(root) / "data"
        (data / "entries").mkdir(parents=True)
        global_options = ["--data-dir", str(data), "--config-dir", str(Path(root) / "config")]
        records = {
            (key, kind): {**record_with(key, value), **({} if key == "kind" else {"kind": kind})}
            for key, value in values.items()
            for kind in KINDS
        }
        lines = [line_of({**record, "id": f"{n:016x}"}) for n, record in enumerate(records.values())]
        lines.append(line_of(records[import_key, import_kind], cut))  # and one cut off mid-write
        (data / "entries" / f"{NOW:%Y-%m}.aaaa1111.jsonl").write_bytes(b"\n".join(lines) + b"\n")
        export = Path(root) / "export.json"
        record = records[import_key, import_kind]
        entry = {k: v for k, v in record.items() if k not in ("v", "saved_at", "device")}
        text = json.dumps(
            {
                "format": "doingthework",
                "version": 1,
                "exported_at": BASE["at"],
                "since": None,
                "until": None,
                "entries": [entry],
            },
            ensure_ascii=False,
        )
        export.write_bytes(text.encode("utf-8", "surrogatepass"))
        for args in (["log", "--since", "all"], ["doctor"], ["import", str(export)]):
            result = dtw(*global_options, *args)
            # `dtw log` shows readable entries on stdout (the person's own words, as asked);
            # every message about a line goes to stderr
            said = result.stderr_bytes.decode("utf-8", "replace") if args[0] == "log" else messages(result)

            assert SECRET.lower() not in said.lower(), (args, said)
            assert "Traceback" not in said
