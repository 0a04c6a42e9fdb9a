"""dtw pauses the garbage collector while it starts, and always turns it back on (startup.py).

Each check runs in its own interpreter: the test process's collector is never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def run_python(code: str, tmp_path) -> str:
    env = {
        **os.environ,
        "DTW_DATA_DIR": str(tmp_path / "d"),
        "DTW_CONFIG_DIR": str(tmp_path / "c"),
        "DTW_STATE_DIR": str(tmp_path / "s"),
    }
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_pause_then_done_turns_the_collector_back_on_and_freezes_what_start_up_made(tmp_path):
    out = run_python(
        """
        import gc
        from doingthework import startup
        startup.pause()
        paused = gc.isenabled()
        startup.done()
        print(paused, gc.isenabled(), gc.get_freeze_count() > 0)
        startup.done()  # twice is fine
        print(gc.isenabled())
    """,
        tmp_path,
    )
    assert out.splitlines() == ["False True True", "True"]


def test_done_leaves_a_collector_it_did_not_pause_alone(tmp_path):
    out = run_python(
        """
        import gc
        from doingthework import startup
        gc.disable()  # someone else's choice, e.g. a program embedding dtw
        startup.done()
        print(gc.isenabled(), gc.get_freeze_count())
    """,
        tmp_path,
    )
    assert out == "False 0"


def test_a_command_runs_with_the_collector_on(tmp_path):
    out = run_python(
        """
        import functools, gc, sys
        import doingthework.cli.note as note_module
        seen = []
        original = note_module.note
        @functools.wraps(original)
        def spy(*args, **kwargs):
            seen.append(gc.isenabled())
            return original(*args, **kwargs)
        note_module.note = spy
        sys.argv = ["dtw", "note", "a note"]
        from doingthework.__main__ import run
        try:
            run()
        except SystemExit:
            pass
        print(seen, gc.isenabled())
    """,
        tmp_path,
    )
    assert out.splitlines()[-1] == "[True] True"


def test_the_app_turns_the_collector_back_on_after_its_first_frame(tmp_path):
    out = run_python(
        """
        import asyncio, gc
        from doingthework import startup
        from doingthework.core import config
        from doingthework.core.paths import resolve_paths
        from doingthework.core.store import Store
        from doingthework.tui.app import build_app

        async def main():
            paths = resolve_paths()
            startup.pause()
            app = build_app(Store(paths), config.load(paths.config_dir))
            async with app.run_test() as pilot:
                await pilot.pause()
                await pilot.pause()
                print(gc.isenabled())

        asyncio.run(main())
    """,
        tmp_path,
    )
    assert out == "True"
