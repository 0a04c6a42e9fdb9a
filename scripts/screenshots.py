"""Save the SVG screenshots used in README.md and docs/usage.md.

Runs the real app (the same factory as `dtw`) on a temporary folder with a little
sample data, drives it with Pilot, and writes docs/images/*.svg.
Run: python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from datetime import timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "images"


async def shoot(name: str, start: str, keys: list[str], size: tuple[int, int] = (80, 24)) -> None:
    from doingthework.core import config
    from doingthework.core.paths import resolve_paths
    from doingthework.core.store import Store
    from doingthework.tui.app import build_app

    paths = resolve_paths()
    app = build_app(Store(paths), config.load(paths.config_dir), start=start)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key if key != " " else "space")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))


def seed() -> None:
    from doingthework.core.models import Boundary, CheckIn, Note, Trigger
    from doingthework.core.paths import resolve_paths
    from doingthework.core.periods import local_now
    from doingthework.core.store import Store

    store = Store(resolve_paths())
    now = local_now()
    for days, mood in ((1, 5), (2, 4), (4, 6)):
        store.add(CheckIn(mood=mood, energy=5, at=now - timedelta(days=days)))
    store.add(Note(text="ask about the sleep diary"))
    store.add(Trigger(what="email from my boss", intensity=7, after=4, tags=["work"], at=now - timedelta(days=1)))
    store.add(Boundary(boundary="no calls after 9", outcome="held", with_="mum", at=now - timedelta(days=2)))


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for var, sub in (("DTW_DATA_DIR", "d"), ("DTW_CONFIG_DIR", "c"), ("DTW_STATE_DIR", "s")):
            os.environ[var] = str(Path(tmp) / sub)
        seed()
        OUT.mkdir(parents=True, exist_ok=True)
        await shoot("home", "home", [])
        await shoot("checkin", "checkin", ["6", "tab", "4", "tab", "7", ".", "5"], size=(100, 32))
        await shoot("checkin-saved", "checkin", ["6", "tab", "4", "ctrl+s"])
        await shoot("help-now", "home", ["f1"])
        await shoot("trigger", "trigger", [*"email from my boss", "tab", "7", "tab", *"work"], size=(100, 32))
        await shoot("history", "home", ["h"], size=(100, 24))
    print(f"wrote {', '.join(p.name for p in sorted(OUT.glob('*.svg')))} to {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
