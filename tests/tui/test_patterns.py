"""Patterns: what the charts show for seeded data, the period picker, and one snapshot at 80×24."""

from __future__ import annotations

from datetime import datetime

from doingthework.core.models import Boundary, CheckIn, Practice, Trigger
from doingthework.core.store import Store
from doingthework.tui.screens.patterns import PatternsScreen
from doingthework.tui.widgets.bar_chart import bar, column, grouped

from .conftest import settle

NOW = datetime(2026, 11, 25, 18, 0).astimezone()  # a Wednesday


def local(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, 5).astimezone()


def seed(paths) -> None:
    """Hand-made: within the last four weeks (29 Oct – 25 Nov), and two entries long before."""
    store = Store(paths)
    store.add_many(
        [
            Trigger(id="00000000000000t1", what="deadline", intensity=7, tags=["Work"], at=local(11, 23, 9)),  # Monday
            Trigger(
                id="00000000000000t2", what="email", intensity=5, tags=["work", "email"], at=local(11, 16, 9)
            ),  # Monday
            Trigger(id="00000000000000t3", what="call", intensity=4, tags=["family"], at=local(11, 9, 19)),  # Monday
            Trigger(id="00000000000000t4", what="crowd", intensity=6, tags=["work"], at=local(11, 20, 9)),  # Friday
            Trigger(id="00000000000000t5", what="old", intensity=6, tags=["money"], at=local(6, 1, 9)),  # long before
            CheckIn(id="00000000000000c1", mood=4, sleep_hours=5.5, at=local(11, 23, 8)),
            CheckIn(id="00000000000000c2", mood=6, sleep_hours=7.5, at=local(11, 24, 8)),
            CheckIn(id="00000000000000c3", mood=8, sleep_hours=7.0, at=local(11, 25, 8)),
            Boundary(id="00000000000000b1", boundary="no calls after 9", outcome="held", at=local(11, 24, 21)),
            Boundary(id="00000000000000b2", boundary="no calls after 9", outcome="crossed", at=local(11, 10, 21)),
            Practice(
                id="00000000000000p1",
                preset="box",
                actual_seconds=300,
                completed=True,
                before=3,
                after=6,
                at=local(11, 25, 7),
            ),
            Practice(
                id="00000000000000p2",
                preset="sit",
                actual_seconds=600,
                completed=True,
                before=5,
                after=6,
                at=local(11, 3, 7),
            ),
            Practice(
                id="00000000000000p3", preset="sit", actual_seconds=600, completed=True, at=local(6, 2, 7)
            ),  # long before
        ]
    )


async def open_patterns(pilot) -> PatternsScreen:
    await settle(pilot)
    screen = PatternsScreen(now=lambda: NOW)
    pilot.app.push_screen(screen)
    await settle(pilot)
    await pilot.pause()
    return screen


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_charts_show_the_last_four_weeks(make_app, paths):
    seed(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        p = screen.patterns
        assert p is not None and p.weeks == 4
        assert p.tags == [("work", 3), ("email", 1), ("family", 1)]
        assert p.by_weekday == [3, 0, 0, 0, 1, 0, 0]
        assert p.by_hour[9] == 3 and p.by_hour[19] == 1 and sum(p.by_hour) == 4
        assert p.sleep == [("under 6 h", 4.0, 1), ("7–8 h", 7.0, 2)]
        assert [w["held"] for w in p.boundaries] == [0, 0, 0, 1] and [w["crossed"] for w in p.boundaries] == [
            0,
            1,
            0,
            0,
        ]
        assert p.practice == [10.0, 0.0, 0.0, 5.0]  # blocks: 29 Oct–4 Nov, 5–11, 12–18, 19–25
        assert p.before_after == (4.0, 6.0, 2)

        tags = text(screen, "#chart-tags")
        assert tags.splitlines()[0].startswith("work") and tags.splitlines()[0].endswith(
            " 3"
        )  # the number beside the bar
        assert text(screen, "#text-tags") == "“work” came up most often (3 of 4 triggers)."
        assert text(screen, "#chart-weekday").splitlines()[0].startswith("Mon")
        assert text(screen, "#text-weekday") == "Most triggers came on Mondays (3 of 4)."
        assert "the busiest hour was between 09:00 and 10:00 (3)" in text(screen, "#text-hour")
        assert "mood 7.0 · 2 nights" in text(screen, "#chart-sleep")
        assert (
            text(screen, "#text-sleep") == "On nights with 7–8 h of sleep, your mood averaged 7.0; with under 6 h, 4.0."
        )
        assert "1 of them you held" in text(screen, "#text-boundaries")
        assert text(screen, "#text-practice") == "You practised 15 min over 4 weeks, about 3 min 45 s a week."
        assert "4.0 before practising and 6.0 after" in text(screen, "#text-change")
        assert "entries over 4 weeks" in text(screen, "#patterns-status")


async def test_choosing_everything_reaches_back(make_app, paths):
    seed(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        screen.query_one("#patterns-period").value = "all"
        await pilot.pause(0.2)
        await settle(pilot)
        p = screen.patterns
        assert p.weeks == 26  # 1 June to 25 November, in seven-day blocks
        assert ("money", 1) in p.tags
        assert sum(p.practice) == 25.0


async def test_an_empty_history_is_met_kindly(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        assert text(screen, "#text-tags") == "Not enough yet to see a pattern — that's fine."
        assert text(screen, "#text-boundaries") == "No boundary moments logged in this period — that's fine."
        assert (
            "streak" not in " ".join(text(screen, f"#text-{k}") for k in ("tags", "weekday", "hour", "sleep")).lower()
        )


async def test_a_on_home_opens_patterns_and_escape_goes_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, PatternsScreen)
        assert next(a.binding.id for a in app.screen.active_bindings.values() if a.binding.show) == "help_now"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PatternsScreen)


async def test_the_palette_offers_patterns(make_app):
    from doingthework.tui.commands import dtw_commands

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        command = next(c for c in dtw_commands(app) if c.title == "Patterns")
        command.callback()
        await settle(pilot)
        assert isinstance(app.screen, PatternsScreen)


def test_bars_and_columns_read_without_colour():
    assert bar(0, 10, 20) == "" and bar(10, 10, 4) == "████" and bar(1, 100, 4) == "▏"
    assert column(0, 5) == "·" and column(5, 5) == "█" and column(1, 100) == "▁"
    # the newest values stay whole at the right; older ones are summed in groups
    assert grouped([1, 2, 3, 4, 5], 3) == ([1, 5, 9], 2)
    assert grouped([1, 2], 5) == ([1, 2], 1)


def test_snapshot(make_app, paths, snap_compare):
    seed(paths)

    async def run_before(pilot) -> None:
        await open_patterns(pilot)
        await settle(pilot)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(80, 24))


def test_snapshot_without_colour(make_app, paths, snap_compare, monkeypatch):
    """Bars and columns read by their glyphs alone, at 80×24 and without colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    seed(paths)

    async def run_before(pilot) -> None:
        await open_patterns(pilot)
        await settle(pilot)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=(80, 24))
