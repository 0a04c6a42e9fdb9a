"""Keys typed in one burst land where they were meant: the real `dtw` on a pseudo-terminal,
keys written all at once (Pilot waits between keys; people don't)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from doingthework.core.paths import resolve_paths
from doingthework.core.store import Store

TAB, CTRL_S, CTRL_Q = b"\t", b"\x13", b"\x11"


def read_until(master: int, wanted: bytes, seen: bytes, seconds: float = 30) -> bytes:
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    assert wanted in seen, f"{wanted!r} never appeared"
    return seen


def drain(master: int) -> None:
    while True:
        try:
            if not os.read(master, 65536):
                return
        except OSError:
            return


def saved_store(tmp_path) -> Store:
    return Store(resolve_paths(tmp_path / "d", tmp_path / "c", env={"DTW_STATE_DIR": str(tmp_path / "s")}))


def wait_for_an_entry(tmp_path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if saved_store(tmp_path).query().entries:
            return
        time.sleep(0.1)
    raise AssertionError("nothing was saved")


@contextmanager
def dtw_on_a_pty(tmp_path, command: list[str], ready: bytes) -> Iterator[int]:
    """The real `dtw COMMAND` on a pseudo-terminal at 80x24, once `ready` is on screen; yields
    the terminal's end to type into, and makes sure the app has ended afterwards."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "NO_COLOR": "1",
        "DTW_DATA_DIR": str(tmp_path / "d"),
        "DTW_CONFIG_DIR": str(tmp_path / "c"),
        "DTW_STATE_DIR": str(tmp_path / "s"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "doingthework", *command],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        read_until(master, ready, b"")
        time.sleep(0.3)  # the screen has its focus
        # keep reading what the app draws, or it blocks on a full terminal
        threading.Thread(target=drain, args=(master,), daemon=True).start()
        yield master
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


def type_in_a_burst(tmp_path, command: list[str], ready: bytes, burst: bytes) -> Store:
    """Write `burst` in one go, wait for the save, quit."""
    with dtw_on_a_pty(tmp_path, command, ready) as terminal:
        os.write(terminal, burst)
        wait_for_an_entry(tmp_path)
        os.write(terminal, CTRL_Q)
    return saved_store(tmp_path)


@pytest.mark.parametrize(
    "burst, mood, energy, sleep",
    [
        (b"7" + TAB + b"4" + TAB, 7, 4, None),
        (b"8" + TAB + b"3" + TAB + b"6", 8, 3, 6.0),
        (TAB + b"2" + TAB + b"7.5", None, 2, 7.5),
    ],
)
def test_a_checkin_typed_in_one_burst(tmp_path, burst, mood, energy, sleep):
    store = type_in_a_burst(tmp_path, ["checkin"], b"Mood", burst + CTRL_S)
    (entry,) = store.query().entries
    assert (entry.mood, entry.energy, entry.sleep_hours) == (mood, energy, sleep)


def test_a_trigger_typed_in_one_burst(tmp_path):
    burst = b"the call" + TAB + b"7" + TAB + b"work" + TAB + b"tight chest" + CTRL_S
    store = type_in_a_burst(tmp_path, ["trigger"], b"What happened", burst)
    (entry,) = store.query().entries
    assert (entry.what, entry.intensity, entry.tags, entry.body) == ("the call", 7, ["work"], "tight chest")


def test_keys_typed_after_the_one_that_opens_a_screen_land_on_it(tmp_path):
    # from Home: c opens the check-in; the digits that follow at once belong to its scales
    store = type_in_a_burst(tmp_path, [], b"Today", b"c" + b"6" + TAB + b"3" + CTRL_S)
    (entry,) = store.query().entries
    assert (entry.mood, entry.energy) == (6, 3)


def test_ten_typed_in_a_burst_is_ten(tmp_path):
    burst = b"the call" + TAB + b"10" + TAB + b"work" + CTRL_S
    store = type_in_a_burst(tmp_path, ["trigger"], b"What happened", burst)
    (entry,) = store.query().entries
    assert (entry.intensity, entry.tags) == (10, ["work"])


def test_words_typed_into_a_form_as_it_opens_count_as_changes(tmp_path):
    """n and the words after it in one burst: escape must then ask (and the draft survive), not
    leave as if nothing had been typed."""
    with dtw_on_a_pty(tmp_path, [], b"Today") as terminal:
        os.write(terminal, b"nask")
        time.sleep(0.6)
        os.write(terminal, b"\x1b")  # escape, alone: "Leave a note for now?"
        time.sleep(0.6)
        os.write(terminal, CTRL_Q)
    draft = tmp_path / "d" / "drafts" / "note.json"
    assert draft.exists() and '"ask"' in draft.read_text()
