"""Where output goes: an export never silently replaces a file, a FIFO or device is written into,
a bad target is named plainly, and a stdout that is full, closed or gone never crashes a command.

Standard output that cannot take what a command prints is an environment problem: exit 1 and one
plain line on stderr, never a traceback. The one quiet case is a reader that went away
(`dtw log | head -1`): it stopped reading on purpose, so dtw says nothing, and still exits 1
because not all of the output arrived (as Python's own advice for SIGPIPE does).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from doingthework.cli import COMMANDS
from doingthework.core.models import Note, Session, Trigger
from doingthework.core.store import Store

TODAY = datetime.now().astimezone().date().isoformat()
CRASH_WORDS = ("Traceback", "something went wrong", "Exception ignored", "Error:")


@pytest.fixture
def out(tmp_path) -> Path:
    """A folder of the test's own (tmp_path also holds its data and config folders)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def history(paths):
    store = Store(paths)
    now = datetime.now().astimezone().replace(microsecond=0)
    store.add(Session(date=(now - timedelta(days=10)).date().isoformat(), at=now - timedelta(days=10)))
    store.add(Trigger(what="email", intensity=7, after=3, tags=["work"], at=now - timedelta(days=2)))
    store.add(Note(text="ask about the sleep diary", at=now - timedelta(days=1)))
    return store


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def never_touching_dev(args: list[str]) -> list[str]:
    """Tests run as root too: before `/dev/stdout` is asked for, make sure dtw takes it for standard
    output rather than a file to replace (an older dtw would have renamed a file over it)."""
    if any(a.startswith("/dev/") for a in args):
        from doingthework.core.output_target import standard_stream

        assert all(standard_stream(a) == 1 for a in args if a.startswith("/dev/std"))
    return args


# ---- --output FILE: never replaced without --force -----------------------------------------


@pytest.mark.parametrize("fmt", ["md", "json", "html", "csv"])
def test_an_existing_file_is_refused_and_left_as_it_was(dtw, history, out, fmt):
    target = out / f"mine.{fmt}"
    target.write_bytes(b"my own words, not dtw's\n")
    before = listing(out)
    result = dtw("export", "--format", fmt, "--output", str(target))
    assert result.exit_code == 2, result.output
    assert "--force" in result.stderr and str(target) in result.stderr
    assert target.read_bytes() == b"my own words, not dtw's\n"
    assert listing(out) == before  # no stray temporary file either


def test_an_existing_file_named_relatively_is_refused_by_the_name_given(dtw, history, out, monkeypatch):
    monkeypatch.chdir(out)
    Path("notes.md").write_text("keep me\n")
    result = dtw("export", "-o", "notes.md")
    assert result.exit_code == 2 and "notes.md" in result.stderr and "--force" in result.stderr
    assert Path("notes.md").read_text() == "keep me\n"


def test_a_link_to_a_file_is_not_followed_or_replaced_without_force(dtw, history, out):
    real = out / "real.md"
    real.write_text("keep me\n")
    link = out / "link.md"
    link.symlink_to(real)
    assert dtw("export", "-o", str(link)).exit_code == 2
    assert link.is_symlink() and real.read_text() == "keep me\n"


def test_force_replaces_an_existing_file(dtw, history, out):
    target = out / "page.md"
    target.write_text("an older page\n")
    result = dtw("export", "--output", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert "email" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert listing(out) == ["page.md"]


def test_a_new_file_is_written_privately(dtw, history, out):
    target = out / "new.md"
    result = dtw("export", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert "email" in target.read_text() and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert listing(out) == ["new.md"]


def test_the_default_name_gets_a_number_instead_of_replacing(dtw, history, out, monkeypatch):
    monkeypatch.chdir(out)
    names = []
    for _ in range(3):
        result = dtw("export")
        assert result.exit_code == 0, result.output
        names.append(Path(result.stdout.strip().splitlines()[-1]).name)
    assert names == [f"dtw-session-prep-{TODAY}.md", f"dtw-session-prep-{TODAY}-2.md", f"dtw-session-prep-{TODAY}-3.md"]
    assert listing(out) == sorted(names)
    assert all(stat.S_IMODE((out / n).stat().st_mode) == 0o600 for n in names)


def test_the_default_name_keeps_a_file_that_is_not_dtws(dtw, history, out, monkeypatch):
    monkeypatch.chdir(out)
    mine = out / f"dtw-session-prep-{TODAY}.html"
    mine.write_text("mine\n")
    result = dtw("export", "--format", "html")
    assert result.exit_code == 0
    assert mine.read_text() == "mine\n"
    assert (out / f"dtw-session-prep-{TODAY}-2.html").exists()


def test_force_without_output_replaces_todays_page(dtw, history, out, monkeypatch):
    monkeypatch.chdir(out)
    (out / f"dtw-session-prep-{TODAY}.md").write_text("this morning's\n")
    assert dtw("export", "--force").exit_code == 0
    assert listing(out) == [f"dtw-session-prep-{TODAY}.md"]
    assert "email" in (out / f"dtw-session-prep-{TODAY}.md").read_text()


# ---- FIFOs, devices, standard output -------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_written_into_and_stays_a_fifo(dtw, history, out):
    fifo = out / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = dtw("export", "--format", "json", "--output", str(fifo))
    if result.exit_code != 0:  # let the reader go before failing
        with open(fifo, "wb", buffering=0) as unblock:
            unblock.write(b"")
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert received and b'"format": "doingthework"' in received[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert listing(out) == ["pipe"]


def a_character_device(out: Path) -> Path:
    """A null device to write into. As root, one made in the test's folder: a test must never risk /dev."""
    if os.geteuid() != 0:
        return Path(os.devnull)
    device = out / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here, and /dev is not for tests run as root")
    return device


@pytest.mark.skipif(os.name == "nt", reason="POSIX devices")
def test_a_character_device_is_written_into_not_replaced(dtw, history, out):
    device = a_character_device(out)
    result = dtw("export", "--output", str(device))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert [p for p in device.parent.iterdir() if p.name.startswith(f".{device.name}.")] == []


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_standard_output_gets_the_page(dtw, history, target):
    result = dtw(*never_touching_dev(["export", "--format", "json", "--output", target]))
    assert result.exit_code == 0, result.output
    assert '"format": "doingthework"' in result.stdout


# ---- a missing folder, a folder as the target ----------------------------------------------


def test_a_missing_folder_is_named_and_nothing_is_left(dtw, history, out):
    given = str(out / "not-yet" / "page.md")
    before = listing(out)
    result = dtw("export", "--output", given)
    assert result.exit_code == 2, result.output
    assert given in result.stderr and "Traceback" not in result.output
    assert listing(out) == before


def test_a_folder_as_the_target_is_named_and_nothing_is_left(dtw, history, out):
    folder = out / "exports"
    folder.mkdir()
    (folder / "older.md").write_text("older\n")
    for given in (str(folder), str(folder) + "/"):
        result = dtw("export", "--output", given, "--force")
        assert result.exit_code == 2, result.output
        assert given in result.stderr
        assert listing(folder) == ["older.md"]
        assert listing(out) == ["exports"]


def test_a_file_where_a_folder_should_be_is_named(dtw, history, out):
    (out / "plain").write_text("x\n")
    given = str(out / "plain" / "page.md")
    result = dtw("export", "--output", given)
    assert result.exit_code == 2 and given in result.stderr
    assert listing(out) == ["plain"]


# ---- the app's Export screen ---------------------------------------------------------------


async def test_the_export_screen_twice_in_one_day_writes_two_files(paths, history, tmp_path):
    from doingthework.core import config
    from doingthework.tui.app import build_app
    from doingthework.tui.screens.export import ExportScreen

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / f"dtw-session-prep-{TODAY}.md").write_text("from this morning\n")
    app = build_app(Store(paths), config.load(paths.config_dir), start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.push_screen(ExportScreen(folder=folder))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(2):
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert listing(folder) == [
        f"dtw-session-prep-{TODAY}-2.md",
        f"dtw-session-prep-{TODAY}-3.md",
        f"dtw-session-prep-{TODAY}.md",
    ]
    assert (folder / f"dtw-session-prep-{TODAY}.md").read_text() == "from this morning\n"
    assert "email" in (folder / f"dtw-session-prep-{TODAY}-3.md").read_text()


async def test_the_export_screen_names_a_missing_folder_as_it_is(paths, history, tmp_path):
    from textual.content import Content

    from doingthework.core import config
    from doingthework.tui.app import build_app
    from doingthework.tui.screens.export import ExportScreen

    folder = tmp_path / "[bold]gone"
    app = build_app(Store(paths), config.load(paths.config_dir), start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.push_screen(ExportScreen(folder=folder))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        # as the toast shows it: a folder called [bold]… is not markup
        shown = [Content.from_markup(n.message).plain if n.markup else n.message for n in app._notifications]
        assert any(str(folder) in text for text in shown), shown
    assert not folder.exists()


# ---- standard output that is full, closed, or gone -----------------------------------------

# One way to run each command so that it prints on stdout. A new command gets a line here:
# test_every_command_is_covered fails until it does.
PRINTING = {
    "checkin": [["checkin", "--mood", "5"], ["checkin", "--mood", "5", "--json"]],
    "trigger": [["trigger", "add", "--what", "a loud room", "--intensity", "3"]],
    "boundary": [["boundary", "add", "--boundary", "ask for time", "--outcome", "held"]],
    "practice": [["practice", "list"]],
    "note": [["note", "bring this up"]],
    "session": [["session", "list", "--since", "all"], ["session", "add", "--json"]],
    "export": [
        ["export", "-o", "-", "--since", "all"],
        ["export", "--format", "json", "-o", "-", "--since", "all"],
        ["export", "-o", "/dev/stdout", "--since", "all"],
    ],
    "import": [["import", "{import_file}"]],
    "backup": [["backup", "-"]],  # the zip file's bytes, to a stdout that is no terminal
    "restore": [["restore", "{import_file}.zip", "--dry-run"]],
    "log": [["log", "--since", "all"], ["log", "--since", "all", "--json"]],
    "stats": [["stats"], ["stats", "--json"]],
    "help-now": [["help-now"]],
    "nudge": [["nudge", "--install", "bash"], ["nudge", "--check"]],
    "doctor": [["doctor"]],
    "config": [["config", "path"], ["config", "show"]],
    "encrypt": [["encrypt"]],  # the passphrase from DTW_PASSPHRASE_COMMAND (the fixture below)
    "delete": [["delete", "{an_id}"]],
    "measure": [["measure", "list"], ["measure", "gad7", "--answers", "1,1,1,1,1,1,1", "--json"]],
    # these two need an encrypted folder first: tests/cli/test_encryption.py fills stdout for them
    "decrypt": [],
    "passphrase": [],
    "": [["--help"], ["--version"], ["export", "--help"]],
}
PRINTING_ARGS = [args for runs in PRINTING.values() for args in runs]


@pytest.fixture(autouse=True)
def passphrase_command(monkeypatch):
    monkeypatch.setenv("DTW_PASSPHRASE_COMMAND", f"{sys.executable} -c \"print('pass words')\"")


def test_every_command_is_covered():
    assert set(COMMANDS) <= set(PRINTING), "add a way to run the new command to PRINTING"


def dtw_argv(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "doingthework", *args]


@pytest.fixture
def import_file(dtw, history, tmp_path) -> str:
    path = tmp_path / "to-import.json"
    assert dtw("export", "--format", "json", "-o", str(path), "--since", "all").exit_code == 0
    assert dtw("backup", f"{path}.zip").exit_code == 0  # for `dtw restore`
    return str(path)


def filled(args: list[str], import_file: str) -> list[str]:
    if "{an_id}" in args:  # the newest entry of the history
        from doingthework.core.paths import resolve_paths
        from doingthework.core.store import Store

        an_id = Store(resolve_paths()).query().entries[-1].id
        args = [an_id if a == "{an_id}" else a for a in args]
    return never_touching_dev([a.replace("{import_file}", import_file) for a in args])


def assert_no_crash(stderr: str) -> None:
    for words in CRASH_WORDS:
        assert words not in stderr, stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", PRINTING_ARGS, ids=" ".join)
def test_a_full_stdout_is_one_plain_line_and_exit_1(args, import_file):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            dtw_argv(filled(args, import_file)), stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False
        )
    assert result.returncode == 1, result.stderr
    assert_no_crash(result.stderr)
    assert "could not write to standard output" in result.stderr
    assert len([line for line in result.stderr.splitlines() if "standard output" in line]) == 1


@pytest.mark.skipif(os.name == "nt", reason="POSIX shell")
@pytest.mark.parametrize("args", PRINTING_ARGS, ids=" ".join)
def test_a_closed_stdout_is_one_plain_line_and_exit_1(args, import_file):
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *dtw_argv(filled(args, import_file))],
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert_no_crash(result.stderr)
    assert "could not write to standard output" in result.stderr


@pytest.mark.skipif(os.name == "nt", reason="POSIX pipes")
@pytest.mark.parametrize("args", PRINTING_ARGS, ids=" ".join)
def test_a_reader_that_went_away_is_quiet_and_exit_1(args, import_file):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            dtw_argv(filled(args, import_file)),
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1, result.stderr
    assert_no_crash(result.stderr)
    assert "standard output" not in result.stderr


@pytest.fixture
def a_lot(paths):
    """Far more than a pipe holds (64 KiB), so the writer meets the closed end mid-way."""
    now = datetime.now().astimezone().replace(microsecond=0)
    Store(paths).add_many(
        [
            Note(text=f"something to bring, number {i}, " + "with a few more words " * 3, at=now - timedelta(minutes=i))
            for i in range(1500)
        ]
    )


@pytest.mark.skipif(os.name == "nt", reason="POSIX pipes")
@pytest.mark.parametrize(
    "args",
    [
        ["log", "--since", "all"],
        ["log", "--since", "all", "--json"],
        ["export", "-o", "-", "--since", "all", "--full"],
        ["export", "--format", "json", "-o", "-", "--since", "all"],
    ],
    ids=" ".join,
)
def test_head_c_1_is_quiet_and_exit_1(args, a_lot, tmp_path):
    with open(tmp_path / "stderr", "w+") as err:
        proc = subprocess.Popen(dtw_argv(args), stdout=subprocess.PIPE, stderr=err)
        assert proc.stdout is not None
        assert len(proc.stdout.read(1)) == 1
        proc.stdout.close()
        returncode = proc.wait(60)
        err.seek(0)
        stderr = err.read()
    assert returncode == 1, stderr
    assert_no_crash(stderr)
    assert "standard output" not in stderr
