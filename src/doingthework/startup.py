"""Start-up without the cyclic garbage collector in the way.

Starting dtw makes many objects that live as long as it does: Typer's and pydantic's, and in
the app Textual's widgets and stylesheet. While they are made, the collector runs again and
again and scans them all each time (what that costs: docs/performance.md, "Start-up"). So `dtw` pauses it from its first line (`doingthework.__main__`) and resumes it once
start-up is over: when a command begins, or when the app has painted its first frame. What
start-up made is then frozen (`gc.freeze`): it stays, and later collections skip it.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused  # noqa: PLW0603 — one collector per process
    if gc.isenabled():
        gc.disable()
        _paused = True


def done() -> None:
    """Start-up is over: let the collector run again, past what start-up made. Safe to call
    more than once, and a no-op when `pause` did not turn it off (tests, embedding)."""
    global _paused  # noqa: PLW0603 — one collector per process
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
