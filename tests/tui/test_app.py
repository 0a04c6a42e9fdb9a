from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import textwrap
import time
from collections.abc import Callable

import pytest

from doingthework.tui.screens.checkin import CheckinScreen
from doingthework.tui.screens.help_now import HelpNowScreen
from doingthework.tui.screens.home import HomeScreen

from .conftest import settle, top_hit, until


async def test_help_now_is_one_key_from_every_screen(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        for opener in ([], ["c"]):
            await pilot.press(*opener) if opener else None
            await pilot.pause()
            came_from = type(app.screen)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpNowScreen)
            assert "988" in " ".join(str(w.render()) for w in app.screen.query(".help-items"))
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen) is came_from


async def test_help_now_shows_the_plan(make_app):
    app = make_app(plan='[safety]\npeople = ["Sam 555-0100"]\nreasons = ["my niece"]\n')
    async with app.run_test() as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query(".help-items"))
        assert "Sam 555-0100" in text and "my niece" in text


async def test_the_footer_shows_help_now_on_every_screen(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        for opener in ("c", "f1"):
            shown = {b.binding.key: b.binding.description for b in app.active_bindings.values() if b.binding.show}
            assert shown.get("f1") == "Help now", type(app.screen)
            await pilot.press(opener)
            await pilot.pause()


async def test_command_palette_reaches_the_checkin(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for character in "check in":
            await pilot.press(character if character != " " else "space")
        # the palette searches in a worker, one per key typed; enter acts on the list it shows
        await until(pilot, lambda: top_hit(app) == "Check in")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)


async def test_theme_comes_from_config(make_app):
    app = make_app(config_text='theme = "nord"\n')
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "nord"


async def test_unknown_theme_falls_back_kindly(make_app):
    app = make_app(config_text='theme = "sparkles"\n')
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


async def test_ctrl_q_quits_from_anywhere(make_app):
    app = make_app("checkin")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("5", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_dtw_checkin_and_bare_dtw_start_where_they_should(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


def run_headless(tmp_path, body: str) -> subprocess.CompletedProcess[str]:
    """Run the real app headless in a child process, driven by `body` (an auto-pilot)."""
    script = tmp_path / "drive.py"
    script.write_text(
        textwrap.dedent(f"""
        import asyncio, os, signal
        from doingthework.core.paths import resolve_paths
        from doingthework.core.store import Store
        from doingthework.core import config
        from doingthework.tui.app import build_app
        from doingthework.tui.screens import checkin

        paths = resolve_paths()
        app = build_app(Store(paths), config.load(paths.config_dir), start="checkin")

        async def drive(pilot):
{textwrap.indent(textwrap.dedent(body), " " * 12)}

        app.run(headless=True, auto_pilot=drive)
        raise SystemExit(app.return_code or 0)
    """)
    )
    env = {
        **os.environ,
        "DTW_DATA_DIR": str(tmp_path / "d"),
        "DTW_CONFIG_DIR": str(tmp_path / "c"),
        "DTW_STATE_DIR": str(tmp_path / "s"),
    }
    return subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=60)


def run_in_a_terminal(tmp_path, stop: Callable[[subprocess.Popen, int], None]) -> tuple[int, bytes]:
    """Start the real `dtw` on a pseudo-terminal, wait for Home, stop it with `stop`; return (code, output after)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "DTW_DATA_DIR": str(tmp_path / "d"),
        "DTW_CONFIG_DIR": str(tmp_path / "c"),
        "DTW_STATE_DIR": str(tmp_path / "s"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "doingthework"], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 30
    while b"Today" not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            seen += os.read(master, 65536)
    assert b"Today" in seen, "Home never painted"
    stop(proc, master)
    after = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        after += chunk
    code = proc.wait(timeout=20)
    os.close(master)
    return code, after


LEAVE_ALT_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_exit_cleanly_and_restore_the_terminal(tmp_path, signum):
    code, after = run_in_a_terminal(tmp_path, lambda proc, master: proc.send_signal(signum))
    assert code == 0
    assert LEAVE_ALT_SCREEN in after and SHOW_CURSOR in after


def test_ctrl_q_restores_the_terminal(tmp_path):
    code, after = run_in_a_terminal(tmp_path, lambda proc, master: os.write(master, b"\x11"))
    assert code == 0
    assert LEAVE_ALT_SCREEN in after and SHOW_CURSOR in after


def test_a_crash_shows_no_entry_text(tmp_path):
    result = run_headless(
        tmp_path,
        """
        def broken(self):
            what_i_wrote = "my brother said the thing again"
            raise RuntimeError("boom")
        checkin.CheckinScreen.action_save = broken
        await pilot.pause()
        await pilot.press("ctrl+s")
        await asyncio.sleep(0.5)
    """,
    )
    assert result.returncode == 1
    assert "my brother said" not in result.stdout + result.stderr
    assert "What you saved is safe" in result.stderr
    assert "RuntimeError" in result.stderr


async def test_works_without_colour(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "ctrl+s")
        await pilot.pause()
        assert app.no_color
    assert app.return_code in (None, 0)


async def test_light_theme(make_app):
    app = make_app(config_text='theme = "textual-light"\n')
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-light" and not app.current_theme.dark


async def test_every_screen_reads_the_time_from_the_apps_one_clock(make_app, paths, saved):
    """A clock handed to the app reaches History, the forms and the check-in, not only Home."""
    from datetime import datetime

    from textual.widgets import DataTable, Input

    from doingthework.core.models import Note
    from doingthework.core.store import Store

    then = datetime(2020, 6, 15, 12, 0).astimezone()
    Store(paths).add(Note(text="from that week", at=then.replace(day=14)))
    app = make_app(clock=lambda: then)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")  # the last 30 days, by the app's clock: June 2020
        await settle(pilot)
        await pilot.pause(0.3)
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("escape", "t")
        await settle(pilot)
        app.screen.query_one("#when", Input).value = "09:00"
        app.screen.query_one("#what", Input).value = "a call"
        await pilot.press("ctrl+s")
        await settle(pilot)
    (trigger,) = saved("trigger")
    assert trigger.at == then.replace(hour=9)
