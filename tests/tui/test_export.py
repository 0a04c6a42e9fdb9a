from __future__ import annotations

import stat
from datetime import datetime, timedelta

from textual.widgets import Checkbox, Markdown, Select

from doingthework.core.models import Note, Session, Trigger
from doingthework.core.store import Store
from doingthework.tui.screens.export import ExportScreen

from .conftest import settle, until


def seed(paths):
    store = Store(paths)
    now = datetime.now().astimezone().replace(microsecond=0)
    store.add(Session(date=(now - timedelta(days=8)).date().isoformat(), at=now - timedelta(days=8)))
    store.add(Trigger(what="email from my boss", intensity=7, after=3, tags=["work"], at=now - timedelta(days=2)))
    store.add(Trigger(what="a private matter", intensity=4, private=True, at=now - timedelta(days=1)))
    store.add(Note(text="ask about the sleep diary", at=now - timedelta(hours=3)))


def preview(app) -> str:
    return app.screen.query_one("#export-preview", Markdown).source


async def preview_drawn(pilot) -> None:
    """The page is in the preview and laid out: the screen's worker puts it together, then the
    preview's Markdown parses and mounts it in a task of its own (no worker: settle can't see it),
    holding its lock, and the tables get their size at the next layout. A fixed pause(0.2) was
    too short on a busy machine."""
    from textual.widgets._markdown import MarkdownTableContent

    await settle(pilot)  # the worker has handed the page to the preview
    async with pilot.app.screen.query_one("#export-preview", Markdown).lock:
        pass  # every update of the preview is mounted
    await until(pilot, lambda: all(t.size.width for t in pilot.app.screen.query(MarkdownTableContent)))


async def test_the_export_previews_and_saves(make_app, paths, tmp_path):
    seed(paths)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ExportScreen(folder=tmp_path))
        await settle(pilot)
        text = preview(app)
        assert "email from my boss" in text and "ask about the sleep diary" in text
        assert "a private matter" not in text
        app.screen.query_one("#include-private", Checkbox).value = True
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert "a private matter" in preview(app)
        app.screen.query_one("#section-triggers", Checkbox).value = False
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert "email from my boss" not in preview(app)
        app.screen.query_one("#export-format", Select).value = "html"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (saved,) = tmp_path.glob("dtw-session-prep-*.html")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    html = saved.read_text()
    assert "ask about the sleep diary" in html and "email from my boss" not in html and "<script" not in html


async def test_e_on_home_opens_the_export(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)


def test_the_screen_offers_every_section_of_the_page_in_its_order():
    # the appendix has a box of its own ("Appendix: every entry"); every other section is ticked here,
    # so a section added to the page is never left out of what the app saves (measures once was)
    from doingthework.core.report import SECTION_IDS
    from doingthework.tui.screens.export import SECTIONS

    assert [key for key, _ in SECTIONS] == [s for s in SECTION_IDS if s != "appendix"]


async def test_every_table_in_the_preview_shows_each_cell_whole_and_scrolls_sideways(make_app, paths, tmp_path):
    """At 80 columns the preview is narrower than the diary card: Textual's own table squeezed its
    columns until the dates vanished. Every table keeps each cell whole; Tab reaches it, → scrolls."""
    from textual.widgets._markdown import MarkdownTableContent

    from doingthework.core.models import CheckIn
    from doingthework.tui.widgets.page_preview import WideTable

    seed(paths)
    store = Store(paths)
    now = datetime.now().astimezone().replace(microsecond=0)
    for days in range(1, 8):
        store.add(CheckIn(mood=days % 10, energy=4, sleep_hours=7.5, at=now - timedelta(days=days)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ExportScreen(folder=tmp_path))
        await preview_drawn(pilot)
        tables = list(app.screen.query(MarkdownTableContent))
        assert tables, "the page has its diary card"
        for table in tables:
            cells = list(table.children)
            assert cells
            for cell in cells:
                assert cell.content_region.width >= cell.visual.get_optimal_width(cell.styles, 0), str(cell.visual)
        for wide in app.screen.query(WideTable):  # a Tab stop only where there is more to see
            assert wide.can_focus == (wide.max_scroll_x > 0)
        table = tables[0].parent
        for _ in range(60):  # Tab, as a person would, until the diary card has the focus
            await pilot.press("tab")
            if app.focused is table:
                break
        assert app.focused is table
        await pilot.press("right", "right")
        await settle(pilot)
        assert table.scroll_x > 0
        await pilot.resize_terminal(240, 40)  # wide enough for the whole card: no Tab stop, the focus moves on
        await until(pilot, lambda: not table.can_focus)
        assert app.focused is app.screen.query_one("#export-preview-box")
