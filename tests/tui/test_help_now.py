"""Help now puts the people to call first, and a settings mistake never takes the plan away."""

from __future__ import annotations

from pathlib import Path

import pytest

from doingthework.core import config
from doingthework.core.store import Store
from doingthework.tui.app import build_app
from doingthework.tui.screens.help_now import HelpNowScreen

from .conftest import settle

FULL_PLAN = (Path(__file__).parent.parent / "fixtures" / "full_safety_plan.toml").read_text()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_crisis_lines_are_on_the_first_screen(make_app, size):
    app = make_app(plan=FULL_PLAN)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpNowScreen)
        lines = app.screen.query_one("#help-crisis-lines")
        shown = app.screen.find_widget(lines).region  # where it is on the screen, after any scrolling
        footer_top = size[1] - 1
        assert shown.y >= 1 and shown.bottom <= footer_top, f"crisis lines at {shown}, screen {size}"
        assert "555-0111" in str(lines.render()) and "emergency number" in str(lines.render())
        # the personal plan follows, section by section
        titles = [str(w.render()) for w in app.screen.query(".help-title")]
        assert titles[0] == "Crisis lines" and titles[1].startswith("Warning signs") and len(titles) == 8


def app_as_dtw_builds_it(paths):
    """As `dtw` does: a settings mistake gives way to the last good copy (cli/context.py)."""
    loaded = config.load(paths.config_dir, last_good_dir=paths.last_good_dir)
    return build_app(Store(paths), loaded)


async def test_a_broken_plan_opens_the_app_with_a_banner_and_the_last_good_plan(paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text(FULL_PLAN)
    config.load(paths.config_dir, last_good_dir=paths.last_good_dir)  # read cleanly once
    paths.plan_file.write_text(FULL_PLAN.replace("[safety]", "[safety"))
    app = app_as_dtw_builds_it(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        banner = str(app.screen.query_one("#settings-problem").render())
        assert "plan.toml, line 2, column" in banner and "last version that read cleanly" in banner
        await pilot.press("f1")
        await settle(pilot)
        text = " ".join(str(w.render()) for w in app.screen.query(".help-items"))
        assert "Sam (sister) 555-0100" in text and "Local crisis team 555-0111" in text
        # and the check-in still opens and saves
        await pilot.press("escape", "c")
        await pilot.pause()
        await pilot.press("4", "ctrl+s")
        await settle(pilot)
    assert [e.mood for e in Store(paths).query().entries] == [4]


async def test_no_banner_when_the_settings_are_fine(make_app):
    app = make_app(plan=FULL_PLAN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query("#settings-problem")
