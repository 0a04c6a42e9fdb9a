"""Patterns: what the charts show for seeded data, the period picker, the questionnaires'
scores, and snapshots at 80×24."""

from __future__ import annotations

from datetime import datetime

from doingthework.core.measures import GAD7, PHQ9
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


async def test_a_bar_chart_is_a_line_a_row_at_any_width(make_app):
    """Measured before it is laid out (a section mounted later), its rows were drawn for 80 columns
    and counted as wrapped: in a real terminal, blank lines opened under the chart."""
    from textual.geometry import Size

    from doingthework.tui.widgets.bar_chart import BarChart

    async with make_app().run_test(size=(80, 24)):
        chart = BarChart()
        rows = [("a long activity", 3.0, "mood 3.0 · 1 check-in"), ("walk", 7.0, "mood 7.0 · 12 check-ins")]
        chart.show(rows)
        for width in (20, 44, 76, 200):
            assert chart.get_content_height(Size(width, 24), Size(80, 24), width) == 2
            # and it is drawn so: each row on its own line, never wrapped onto the next
            drawn = chart.render().wrap(chart.app.console, width)
            assert [line.plain[:4] for line in drawn] == ["a lo", "walk"]


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


# ---- questionnaires ---------------------------------------------------------------------------
def answers_for(score: int, items: int) -> list[int]:
    """Answers of 3 first, adding up to `score`."""
    return [min(3, max(0, score - 3 * i)) for i in range(items)]


def seed_measures(paths) -> None:
    """Four PHQ-9s and two GAD-7s in the last four weeks, and one PHQ-9 long before."""
    filled = [(PHQ9, 16, local(6, 2)), (PHQ9, 14, local(11, 3)), (PHQ9, 12, local(11, 10)), (GAD7, 8, local(11, 12))]
    filled += [(PHQ9, 9, local(11, 17)), (PHQ9, 7, local(11, 24)), (GAD7, 5, local(11, 24, 13))]
    Store(paths).add_many([m.record(answers_for(score, len(m.items)), at=when) for m, score, when in filled])


def measure_sections(screen) -> list[tuple[str, list[str], str, str]]:
    """Each questionnaire section as read: its title, the chart's rows, the bands and the sentence."""
    found = []
    for section in screen.query("#patterns-measures .measure-section"):
        found.append(
            (
                text(section, ".section-title"),
                text(section, ".measure-chart").splitlines(),
                text(section, ".measure-bands"),
                text(section, ".measure-sentence"),
            )
        )
    return found


async def test_each_questionnaire_shows_its_scores_against_the_bands(make_app, paths):
    seed(paths)
    seed_measures(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        phq, gad = measure_sections(screen)
        title, rows, bands, sentence = phq
        assert title == "PHQ-9 scores"
        assert [row.split("  ")[0] for row in rows] == ["Tue 03 Nov", "Tue 10 Nov", "Tue 17 Nov", "Tue 24 Nov"]
        assert [row.rsplit("  ", 1)[1] for row in rows] == ["14 · moderate", "12 · moderate", "9 · mild", "7 · mild"]
        # bars are drawn against the whole range (27), so 14 is about half of the widest bar
        assert 0 < rows[0].count("█") < 27 and rows[0].count("█") > rows[3].count("█")
        assert bands == "Bands: 0–4 minimal · 5–9 mild · 10–14 moderate · 15–19 moderately severe · 20–27 severe"
        assert sentence == "PHQ-9: 4 times in this period, from 14 (moderate) to 7 (mild)."
        assert gad[0] == "GAD-7 scores" and gad[1][-1].endswith("5 · mild")
        assert gad[3] == "GAD-7: twice in this period, from 8 (mild) to 5 (mild)."


async def test_a_new_period_replaces_the_questionnaire_sections(make_app, paths):
    seed_measures(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        screen.query_one("#patterns-period").value = "all"
        await pilot.pause(0.2)
        await settle(pilot)
        phq, _gad = measure_sections(screen)  # one section each, the old ones gone
        assert phq[1][0].startswith("Tue 02 Jun") and phq[1][0].endswith("16 · moderately severe")
        assert phq[3] == "PHQ-9: 5 times in this period, from 16 (moderately severe) to 7 (mild)."
        screen.query_one("#patterns-period").value = "4"
        await pilot.pause(0.2)
        await settle(pilot)
        assert [s[3] for s in measure_sections(screen)] == [
            "PHQ-9: 4 times in this period, from 14 (moderate) to 7 (mild).",
            "GAD-7: twice in this period, from 8 (mild) to 5 (mild).",
        ]


async def test_without_questionnaires_nothing_of_them_shows(make_app, paths):
    seed(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        assert screen.patterns is not None and screen.patterns.measures == []
        assert list(screen.query_one("#patterns-measures").children) == []
        assert screen.query_one("#patterns-measures").outer_size.height == 0
        titles = [text(screen, "#patterns-body")] + [str(t.render()) for t in screen.query(".section-title")]
        assert not any("scores" in t for t in titles)


def scrolled_to(selector: str):
    """A snapshot's run_before: Patterns open, the section `selector` scrolled to the top."""

    async def run_before(pilot) -> None:
        screen = await open_patterns(pilot)
        section = screen.query_one(selector)
        screen.query_one("#patterns-body").scroll_to_widget(section, animate=False, top=True)
        await settle(pilot)

    return run_before


def test_snapshot_of_the_scores_without_colour(make_app, paths, snap_compare, monkeypatch):
    """The PHQ-9 chart at 80×24, scrolled into view: every bar with its number and band in words."""
    monkeypatch.setenv("NO_COLOR", "1")
    seed(paths)
    seed_measures(paths)

    assert snap_compare(
        make_app(), run_before=scrolled_to("#patterns-measures .measure-section"), terminal_size=(80, 24)
    )


# ---- check-in tags (Daylio's activities) -------------------------------------------------------
def seed_activities(paths) -> None:
    """Check-ins with tags: walk 4 times (one with friends twice), work 3 times, one long before."""
    Store(paths).add_many(
        [
            CheckIn(mood=m, tags=["walk", "Friends"][: 1 + i % 2], at=local(11, 10 + i, 20))
            for i, m in enumerate([7, 8, 6, 7])
        ]
        + [CheckIn(mood=m, tags=["work"], at=local(11, 15 + i, 21)) for i, m in enumerate([4, 5, 3])]
        + [CheckIn(mood=2, tags=["moving house"], at=local(6, 3, 9))]  # long before
    )


async def test_check_in_tags_show_the_mood_on_each_and_a_new_period_replaces_them(make_app, paths):
    """Daylio's activities come in as check-in tags; Patterns shows the mood on the check-ins with
    each, only when there are any, and only for the period chosen."""
    seed(paths)
    seed_activities(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        assert screen.patterns.tag_moods == [("walk", 7.0, 4), ("work", 4.0, 3), ("friends", 7.5, 2)]
        section = screen.query_one("#patterns-tag-moods")
        titles = [str(t.render()) for t in section.query(".section-title")]
        assert titles == ["Mood on check-ins with each tag"]
        rows = str(section.query_one("BarChart").render()).splitlines()
        assert rows[0].startswith("walk") and rows[0].endswith("mood 7.0 · 4 check-ins")
        sentence = str(section.query_one(".sentence").render())
        assert sentence == "On check-ins noting “walk”, your mood averaged 7.0; with “work”, 4.0."
        screen.query_one("#patterns-period").value = "all"
        await pilot.pause(0.2)
        await settle(pilot)
        assert ("moving house", 2.0, 1) in screen.patterns.tag_moods
        assert len(section.query(".section-title")) == 1  # the old section gone, one new one


async def test_without_check_in_tags_their_section_takes_no_room(make_app, paths):
    seed(paths)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        assert screen.patterns.tag_moods == []
        assert screen.query_one("#patterns-tag-moods").outer_size.height == 0


def test_snapshot_of_the_mood_by_tag_without_colour(make_app, paths, snap_compare, monkeypatch):
    """The check-in tags' chart at 80×24, scrolled into view: each bar with its mood and count."""
    monkeypatch.setenv("NO_COLOR", "1")
    seed(paths)
    seed_activities(paths)

    assert snap_compare(make_app(), run_before=scrolled_to("#patterns-tag-moods"), terminal_size=(80, 24))
