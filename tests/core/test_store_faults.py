"""Fault tests for the promises about data (docs/data-format.md, "The promises"): real processes, real kills, real files.

Every fault happens in a child process (tests/core/fault_writer.py or `python -m doingthework`)
that gets its locations through DTW_DATA_DIR / DTW_CONFIG_DIR / DTW_STATE_DIR. The parent
only looks at what is left on disk afterwards, and at what the children acknowledged.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from doingthework.core.models import Note
from doingthework.core.paths import Paths
from doingthework.core.periods import Period
from doingthework.core.store import Damage, Store, entry_files, parse_lines

WRITER = str(Path(__file__).with_name("fault_writer.py"))
UNFINISHED = "unfinished last line"
TZ = timezone(timedelta(hours=1))
ID_LINE = 17  # 16 hex digits and a newline


# ---- helpers --------------------------------------------------------------------------------
def make_paths(root: Path, state: str = "state") -> Paths:
    return Paths(data_dir=root / "data", config_dir=root / "config", state_dir=root / state)


def child_env(paths: Paths) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DTW_DATA_DIR=str(paths.data_dir),
        DTW_CONFIG_DIR=str(paths.config_dir),
        DTW_STATE_DIR=str(paths.state_dir),
        PYTHONIOENCODING="utf-8",
    )
    env.pop("DTW_DEBUG", None)
    return env


def run_dtw(paths: Paths, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "doingthework", *args],
        env=child_env(paths),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


def run_writer_cli(
    paths: Paths, *options: str, dtw: list[str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, WRITER, "cli", *options, "--", *dtw],
        env=child_env(paths),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


def acked_ids(stdout: bytes) -> list[str]:
    """Ids a child printed in full (a line cut by the kill is not an acknowledgement)."""
    ids = []
    for line in stdout.split(b"\n")[:-1]:
        text = line.decode("ascii", "replace")
        if len(text) == ID_LINE - 1 and all(c in "0123456789abcdef" for c in text):
            ids.append(text)
    return ids


def damage_in(paths: Paths) -> list[Damage]:
    return [d for p in entry_files(paths.entries_dir) for d in parse_lines(p, p.read_bytes()).damage]


def revision_ids(paths: Paths) -> Counter[str]:
    """How many readable lines hold each id, across every entries file."""
    return Counter(r.id for p in entry_files(paths.entries_dir) for r in parse_lines(p, p.read_bytes()).revisions)


def live_ids(paths: Paths) -> list[str]:
    result = Store(paths).query(Period())
    return [e.id for e in result.entries]


def assert_each_once(ids: list[str], expected: set[str] | list[str]) -> None:
    counts = Counter(ids)
    doubled = {i: n for i, n in counts.items() if n > 1}
    missing = set(expected) - set(counts)
    assert not doubled, f"entries listed more than once: {doubled}"
    assert not missing, f"{len(missing)} acknowledged entries are missing: {sorted(missing)[:5]}"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def at(day: int, month: int = 11, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def quarantined_bytes(paths: Paths) -> bytes:
    if not paths.quarantine_dir.exists():
        return b""
    return b"".join(p.read_bytes() for p in sorted(paths.quarantine_dir.iterdir()) if p.is_file())


# ---- 1. kill -9 at random moments --------------------------------------------------------------
def test_sigkill_mid_write_loses_no_acknowledged_entry(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    print(f"kill timings seed: {seed}")
    acked: list[str] = []
    torn_seen: set[tuple[Path, int]] = set()  # fragments a kill left; a later append ends their line
    round_number = 0
    # at least ten kills, and on until a few hundred writes were acknowledged (a busy machine
    # acknowledges fewer per round, so the count of rounds follows the work, not the clock)
    while round_number < 10 or (len(acked) < 200 and round_number < 80):
        round_number += 1
        child = subprocess.Popen(
            [
                sys.executable,
                WRITER,
                "add",
                "--label",
                f"round{round_number}",
                "--big-every",
                "6",
                "--big-chars",
                "150000",
            ],
            env=child_env(paths),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        first = child.stdout.readline()  # the child is up and writing once it acknowledges one
        if len(first) != ID_LINE:
            child.kill()
            _, err = child.communicate(timeout=30)
            pytest.fail(f"writer did not start: {err.decode(errors='replace')[-2000:]}")
        time.sleep(rng.uniform(0, 0.1))
        os.kill(child.pid, signal.SIGKILL)
        rest, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")[-2000:]
        acked += acked_ids(first + rest)

        # after every kill: each line parses, except a last line the kill cut off (or an
        # earlier cut-off fragment, which the next write set on a line of its own)
        for path in entry_files(paths.entries_dir):
            data = path.read_bytes()
            line_count = len(data.split(b"\n")) - (0 if not data or not data.endswith(b"\n") else 1)
            for damage in parse_lines(path, data).damage:
                if UNFINISHED in damage.reason:
                    assert damage.line == line_count, f"an unfinished line that is not the last: {damage}"
                    torn_seen.add((path, damage.line))
                else:
                    assert (path, damage.line) in torn_seen, f"damage a kill cannot explain: {damage}"
        # every acknowledged write so far is there, once; the next round's writes start after a
        # kill, so they also show that whatever the kill left does not break the next append
        assert_each_once(live_ids(paths), acked)
        counts = revision_ids(paths)
        assert all(counts[i] == 1 for i in acked), "an acknowledged entry was written more than once"
    print(f"{len(acked)} acknowledged writes, {len(torn_seen)} line(s) cut off by a kill")
    assert len(acked) >= 200

    # a kill in mid-line, made certain: half a record at the end of this month's file and of an
    # older month's file; then a normal write to this month
    month_file = entry_files(paths.entries_dir)[-1]
    whole = month_file.read_bytes().split(b"\n")[0]
    fragment_a = whole[: len(whole) // 2]
    with open(month_file, "ab") as f:
        f.write(fragment_a)
    old = run_dtw(paths, "note", "--json", "--at", "2026-10-02T10:00", "an older note")
    assert old.returncode == 0, old.stderr
    old_file = next(p for p in entry_files(paths.entries_dir) if p.name.startswith("2026-10."))
    fragment_b = old_file.read_bytes()[:-1][:25]
    with open(old_file, "ab") as f:
        f.write(fragment_b)
    after = run_dtw(paths, "note", "--json", "written after a torn line")
    assert after.returncode == 0, after.stderr
    after_id = json.loads(after.stdout)["id"]
    acked += [after_id, json.loads(old.stdout)["id"]]
    assert_each_once(live_ids(paths), acked)
    assert Store(paths).get(after_id).text == "written after a torn line"
    reasons = {(d.path, UNFINISHED in d.reason) for d in damage_in(paths)}
    assert (month_file, False) in reasons  # the fragment, now a line of its own
    assert (old_file, True) in reasons  # still the unfinished last line

    repaired = run_dtw(paths, "doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert damage_in(paths) == []
    assert_each_once(live_ids(paths), acked)
    counts = revision_ids(paths)
    assert all(counts[i] == 1 for i in acked)
    held = quarantined_bytes(paths)
    assert fragment_a in held and fragment_b in held
    checked = run_dtw(paths, "doctor")
    assert checked.returncode == 0, checked.stdout + checked.stderr


# ---- 2. two writers at once -----------------------------------------------------------------
@pytest.mark.parametrize("same_device", [True, False], ids=["same-device", "two-devices"])
def test_two_writers_at_once_lose_and_double_nothing(tmp_path: Path, same_device: bool) -> None:
    paths = make_paths(tmp_path)
    children = []
    for number in (1, 2):
        env = child_env(paths if same_device else make_paths(tmp_path, state=f"state{number}"))
        children.append(
            subprocess.Popen(
                [
                    sys.executable,
                    WRITER,
                    "add",
                    "--label",
                    f"writer{number}",
                    "--count",
                    "150",
                    "--wait-go",
                    "--big-every",
                    "10",
                    "--big-chars",
                    "30000",
                ],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    for child in children:
        assert child.stdout.readline() == b"ready\n"
    for child in children:  # both start together
        child.stdin.write(b"go\n")
        child.stdin.flush()
    acked: list[str] = []
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err.decode(errors="replace")[-2000:]
        ids = acked_ids(out)
        assert len(ids) == 150
        acked += ids
    assert len(set(acked)) == 300
    assert_each_once(live_ids(paths), acked)
    assert sorted(live_ids(paths)) == sorted(acked)
    assert all(n == 1 for n in revision_ids(paths).values())
    assert damage_in(paths) == []
    files = entry_files(paths.entries_dir)
    # one device id, even though both writers created it at the same moment; or one file each
    assert len(files) == (1 if same_device else 2), [p.name for p in files]


# ---- 3. a full disk ---------------------------------------------------------------------------
@pytest.mark.parametrize("torn_before", [False, True], ids=["clean-file", "file-ending-in-torn-line"])
def test_full_disk_changes_nothing_and_says_so(tmp_path: Path, torn_before: bool) -> None:
    paths = make_paths(tmp_path)
    store = Store(paths)
    for number in range(3):
        store.add(Note(text=f"saved before {number}"))
    (entries_file,) = entry_files(paths.entries_dir)
    if torn_before:
        with open(entries_file, "ab") as f:
            f.write(b'{"v": 1, "id": "half')
    before = entries_file.read_bytes()
    secret = "full-disk note: SECRET-WORDS-97"

    result = run_writer_cli(paths, "--enospc", dtw=["note", secret])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "disk is full" in result.stderr
    assert "Traceback" not in result.stderr
    assert "SECRET-WORDS-97" not in result.stderr + result.stdout
    assert entries_file.read_bytes() == before
    for root in (paths.data_dir, paths.state_dir, tmp_path):  # no copy of the text anywhere
        for path in root.rglob("*"):
            if path.is_file():
                assert b"SECRET-WORDS-97" not in path.read_bytes(), path

    later = run_dtw(paths, "note", "--json", "after the disk had room again")
    assert later.returncode == 0, later.stderr
    later_id = json.loads(later.stdout)["id"]
    texts = {e.id: e.text for e in Store(paths).query(Period()).entries}
    assert texts[later_id] == "after the disk had room again"
    assert len(texts) == 4
    assert not any(UNFINISHED in d.reason for d in damage_in(paths))


def test_full_disk_in_one_writer_never_cuts_another_writers_entries(tmp_path: Path) -> None:
    """A refused write cuts its file back to the old size: another writer's lines must survive."""
    paths = make_paths(tmp_path)
    Store(paths).add(Note(text="first"))  # one device id for both writers: one file to fight over
    children = [
        subprocess.Popen(
            [sys.executable, WRITER, "add", "--label", label, "--count", "150", "--wait-go", *extra],
            env=child_env(paths),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for label, extra in (("full", ["--enospc"]), ("fine", []))
    ]
    for child in children:
        assert child.stdout.readline() == b"ready\n"
    for child in children:
        child.stdin.write(b"go\n")
        child.stdin.flush()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err.decode(errors="replace")[-2000:]
        outputs.append(out)
    assert outputs[0].split() == [b"refused"] * 150
    acked = acked_ids(outputs[1])
    assert len(acked) == 150
    assert_each_once(live_ids(paths), acked)
    assert damage_in(paths) == []


# ---- 4. two machines, synced -----------------------------------------------------------------
def _sync(source: Path, target: Path, unchanged: dict[str, bytes]) -> None:
    """Copy `source`'s entries over `target`'s, as a sync tool would: only files `source` changed."""

    def ignore(directory: str, names: list[str]) -> list[str]:
        return [n for n in names if unchanged.get(n) == (Path(directory) / n).read_bytes()]

    shutil.copytree(source, target, dirs_exist_ok=True, ignore=ignore)


def test_two_machines_synced_lose_and_double_nothing(tmp_path: Path) -> None:
    a = make_paths(tmp_path / "a")
    b = make_paths(tmp_path / "b")
    store_a = Store(a)
    updated = store_a.add(Note(text="shared, to be updated on B", at=at(2)))
    deleted = store_a.add(Note(text="shared, to be deleted on A", at=at(3)))
    both = store_a.add(Note(text="shared, updated on both", at=at(4)))
    kept = store_a.add(Note(text="shared, untouched", at=at(30, month=10)))

    shutil.copytree(a.data_dir, b.data_dir)  # the second machine gets a copy of everything
    at_split = {p.name: p.read_bytes() for p in entry_files(a.entries_dir)}
    store_b = Store(b)
    assert store_b.device != store_a.device

    # the same day on both machines
    added_a = [store_a.add(Note(text=f"on A {n}", at=at(25, hour=10, minute=n))).id for n in range(5)]
    added_b = [store_b.add(Note(text=f"on B {n}", at=at(25, hour=10, minute=n))).id for n in range(5)]
    store_a.delete(deleted.id)
    store_a.update(replace(both, text="both: A's edit"))
    store_b.update(replace(updated, text="updated on B"))
    store_b.update(replace(both, text="both: B's later edit"))

    _sync(b.entries_dir, a.entries_dir, at_split)
    _sync(a.entries_dir, b.entries_dir, at_split)

    expected = {updated.id, both.id, kept.id, *added_a, *added_b}
    for side in (a, b):
        ids = live_ids(side)
        assert_each_once(ids, expected)
        assert set(ids) == expected
        texts = {e.id: e.text for e in Store(side).query(Period()).entries}
        assert texts[updated.id] == "updated on B"
        assert texts[both.id] == "both: B's later edit"
        assert deleted.id not in texts
        assert damage_in(side) == []

    # sync-conflict copies on A: older versions of A's own file, each with entries of its own
    scratch = Store(Paths(tmp_path / "scratch", a.config_dir, a.state_dir))  # same device as A
    extra = [scratch.add(Note(text=f"only in a conflict copy {n}", at=at(24, minute=n))) for n in range(3)]
    line = {
        r.id: r.record for p in entry_files(scratch.paths.entries_dir) for r in parse_lines(p, p.read_bytes()).revisions
    }

    def as_line(entry: Note) -> bytes:
        return (json.dumps(line[entry.id], ensure_ascii=False) + "\n").encode()

    canonical = f"2026-11.{store_a.device}"
    copy_1 = a.entries_dir / f"{canonical}.sync-conflict-20261125-101010-ABCDEFG.jsonl"
    copy_2 = a.entries_dir / f"{canonical} (conflicted copy 2026-11-25).jsonl"
    copy_1.write_bytes(at_split[f"{canonical}.jsonl"] + as_line(extra[0]) + as_line(extra[1]))
    copy_2.write_bytes(at_split[f"{canonical}.jsonl"] + as_line(extra[2]) + as_line(extra[0]))
    expected |= {e.id for e in extra}

    def check_a() -> None:
        ids = live_ids(a)
        assert_each_once(ids, expected)
        assert set(ids) == expected
        texts = {e.id: e.text for e in Store(a).query(Period()).entries}
        assert texts[updated.id] == "updated on B"
        assert texts[both.id] == "both: B's later edit"
        assert deleted.id not in texts  # the copies predate the delete; it still holds

    check_a()
    logged = run_dtw(a, "log", "--since", "all", "--json")
    assert logged.returncode == 0, logged.stderr
    assert sorted(e["id"] for e in json.loads(logged.stdout)) == sorted(expected)

    doctor = run_dtw(a, "doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert doctor.stdout.count("sync-conflict") >= 2
    assert copy_1.name in doctor.stdout and copy_2.name in doctor.stdout
    assert copy_1.exists() and copy_2.exists()  # a check changes nothing

    repaired = run_dtw(a, "doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert not copy_1.exists() and not copy_2.exists()
    assert all(p.name.count(".") == 2 for p in entry_files(a.entries_dir))  # only canonical files left
    set_aside = [p.name for p in a.quarantine_dir.iterdir()]
    assert any(n.startswith(copy_1.name) for n in set_aside) and any(n.startswith(copy_2.name) for n in set_aside)
    check_a()
    revisions = Counter(
        (r.id, r.order) for p in entry_files(a.entries_dir) for r in parse_lines(p, p.read_bytes()).revisions
    )
    assert all(n == 1 for n in revisions.values()), "a revision was folded in twice"
    again = run_dtw(a, "doctor")
    assert again.returncode == 0 and "sync-conflict" not in again.stdout, again.stdout


# ---- 5. a damaged line in the middle of a file ------------------------------------------------
GARBAGE_LINES = [
    b"\xff\xfe SECRET-GARBAGE-ONE \xc3\x28 not utf-8 \x80\x81",
    "{SECRET-GARBAGE-TWO: not json, ünïcödé}".encode(),
]


def test_damaged_middle_line_is_named_kept_and_repaired(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    store = Store(paths)
    good = [store.add(Note(text=f"good {n}", at=at(10 + n))).id for n in range(3)]
    other = store.add(Note(text="another month, still fine", at=at(5, month=10))).id
    damaged = store.file_for(at(10))
    lines = damaged.read_bytes().splitlines(keepends=True)
    damaged.write_bytes(lines[0] + GARBAGE_LINES[0] + b"\n" + lines[1] + GARBAGE_LINES[1] + b"\n" + lines[2])
    before = damaged.read_bytes()

    logged = run_dtw(paths, "log", "--since", "all")
    assert logged.returncode == 0, logged.stderr
    assert str(damaged) in logged.stderr
    assert "line 2" in logged.stderr and "line 4" in logged.stderr
    assert "SECRET-GARBAGE" not in logged.stdout + logged.stderr
    assert all(f"good {n}" in logged.stdout for n in range(3))
    assert "another month, still fine" in logged.stdout
    assert damaged.read_bytes() == before

    doctor = run_dtw(paths, "doctor")
    assert doctor.returncode == 1, doctor.stdout + doctor.stderr
    assert str(damaged) in doctor.stdout and "line 2" in doctor.stdout and "line 4" in doctor.stdout
    assert "SECRET-GARBAGE" not in doctor.stdout + doctor.stderr
    assert damaged.read_bytes() == before

    repaired = run_dtw(paths, "doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "SECRET-GARBAGE" not in repaired.stdout + repaired.stderr
    assert damaged.read_bytes() == b"".join(lines)  # the good lines, as they were
    held = quarantined_bytes(paths)
    assert all(g in held for g in GARBAGE_LINES)
    assert damage_in(paths) == []
    assert sorted(live_ids(paths)) == sorted([*good, other])
    again = run_dtw(paths, "doctor")
    assert again.returncode == 0, again.stdout + again.stderr


@pytest.mark.parametrize(
    "line",
    [
        b'{"v": 1, "id": "abc", "saved_at": "2026-11-01T10:00:00+00:00", "device": "d1", '
        b'"kind": "SECRET-IN-KIND", "at": "2026-11-01T10:00:00+00:00"}',
        b'"SECRET-IN-A-STRING"',
        b'{"v": 1, "id": "abc", "saved_at": "2026-11-01T10:00:00+00:00", "device": "d1", '
        b'"kind": "note", "at": "SECRET-IN-AT", "text": "SECRET-IN-TEXT"}',
    ],
    ids=["kind", "not-an-object", "bad-at"],
)
def test_damage_messages_never_quote_the_line(tmp_path: Path, line: bytes) -> None:
    """A hand-edited line that is JSON but not an entry: named by file and line, never quoted."""
    paths = make_paths(tmp_path)
    store = Store(paths)
    store.add(Note(text="fine", at=at(10)))
    with open(store.file_for(at(10)), "ab") as f:
        f.write(line + b"\n")
    logged = run_dtw(paths, "log", "--since", "all")
    doctor = run_dtw(paths, "doctor")
    assert "line 2" in logged.stderr and "line 2" in doctor.stdout
    assert "SECRET" not in logged.stdout + logged.stderr + doctor.stdout + doctor.stderr


def test_repair_keeps_the_damaged_lines_of_a_sync_conflict_copy(tmp_path: Path) -> None:
    """A damaged line in a conflict copy goes to quarantine; folding the copy must not overwrite it."""
    paths = make_paths(tmp_path)
    store = Store(paths)
    kept = store.add(Note(text="fine", at=at(10))).id
    canonical = store.file_for(at(10))
    copy = canonical.with_name(f"2026-11.{store.device}.sync-conflict-20261125-101010-ABCDEFG.jsonl")
    copy.write_bytes(canonical.read_bytes() + GARBAGE_LINES[1] + b"\n")
    repaired = run_dtw(paths, "doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert not copy.exists()
    assert live_ids(paths) == [kept]
    assert GARBAGE_LINES[1] in quarantined_bytes(paths), "the damaged line was dropped, not set aside"


# ---- 5b. doctor --repair while a write is half-way --------------------------------------------
def test_repair_during_a_write_never_sets_aside_the_entry_being_written(tmp_path: Path) -> None:
    """`doctor --repair` reads files before it takes the lock: a line another dtw is writing
    that moment looks unfinished. Under the lock, the finished line must not be set aside."""
    paths = make_paths(tmp_path)
    Store(paths).add(Note(text="already there", at=at(10)))
    writer = subprocess.Popen(
        [sys.executable, WRITER, "slow-add", "written while doctor runs"],
        env=child_env(paths),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    doctor = None
    try:
        assert writer.stdout.readline() == b"half\n", writer.stderr.read().decode(errors="replace")
        doctor = subprocess.Popen(
            [sys.executable, WRITER, "cli", "--lock-marker", "--", "doctor", "--repair"],
            env=child_env(paths),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        # doctor has read the files (the new line is half there) and now waits for the lock
        assert doctor.stdout.readline() == b"LOCKING\n", doctor.stderr.read().decode(errors="replace")
        writer.stdin.write(b"go\n")
        writer.stdin.flush()
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == 0, err.decode(errors="replace")
        (written,) = acked_ids(out)
        doctor_out, doctor_err = doctor.communicate(timeout=30)
    finally:
        for proc in (writer, doctor):
            if proc and proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert doctor.returncode == 0, (doctor_out + doctor_err).decode(errors="replace")
    assert written in live_ids(paths), "an acknowledged entry was moved out of the entries by doctor --repair"


# ---- 6. permissions ---------------------------------------------------------------------------
def test_files_are_private_even_with_a_loose_umask(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    result = run_writer_cli(paths, "--umask", "022", dtw=["note", "a private note"])
    assert result.returncode == 0, result.stderr
    (entries_file,) = entry_files(paths.entries_dir)
    assert mode(paths.data_dir) == 0o700
    assert mode(paths.entries_dir) == 0o700
    assert mode(entries_file) == 0o600
    assert mode(paths.lock_file) == 0o600
    assert mode(paths.state_dir) == 0o700
    assert mode(paths.device_file) == 0o600

    with open(entries_file, "ab") as f:
        f.write(b"not json\n")
    repaired = run_writer_cli(paths, "--umask", "022", dtw=["doctor", "--repair"])
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    quarantined = list(paths.quarantine_dir.iterdir())
    assert quarantined
    assert mode(paths.quarantine_dir) == 0o700
    assert all(mode(p) == 0o600 for p in quarantined)
    assert mode(entries_file) == 0o600  # rewritten by the repair
    for path in paths.data_dir.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_loose_modes_are_tightened_and_doctor_says_so(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    Store(paths).add(Note(text="note", at=at(10)))
    (entries_file,) = entry_files(paths.entries_dir)
    os.chmod(paths.data_dir, 0o755)
    os.chmod(entries_file, 0o644)
    os.chmod(paths.lock_file, 0o644)

    doctor = run_writer_cli(paths, "--umask", "022", dtw=["doctor"])
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "now private" in doctor.stdout
    assert str(paths.data_dir) in doctor.stdout and str(entries_file) in doctor.stdout
    assert mode(paths.data_dir) == 0o700 and mode(entries_file) == 0o600 and mode(paths.lock_file) == 0o600

    # a write tightens them too, without waiting for doctor
    os.chmod(paths.data_dir, 0o755)
    os.chmod(entries_file, 0o644)
    written = run_writer_cli(paths, "--umask", "022", dtw=["note", "--at", "2026-11-10T12:00", "another"])
    assert written.returncode == 0, written.stderr
    assert mode(paths.data_dir) == 0o700 and mode(entries_file) == 0o600
