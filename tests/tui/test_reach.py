"""Everything by keyboard at 80×24: PageDown scrolls the page wherever focus is, the export's
preview takes focus, and Home lists every place."""

from __future__ import annotations

from textual.containers import VerticalScroll

from doingthework.tui.screens.export import ExportScreen

from .conftest import settle


async def test_pagedown_scrolls_a_form_even_from_a_list_of_feelings(make_app):
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        body = app.screen.query_one("#form-body", VerticalScroll)
        app.screen.query_one("#feelings-0").focus()
        await pilot.pause()
        before = body.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > before
        await pilot.press("pageup")
        await pilot.pause()
        assert body.scroll_y < body.max_scroll_y or body.scroll_y == before


async def test_the_export_preview_can_be_reached_and_read_by_keyboard(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(ExportScreen(folder=tmp_path))
        await pilot.pause(0.5)
        preview = app.screen.query_one("#export-preview-box")
        for _ in range(20):
            if app.focused is preview:
                break
            await pilot.press("tab")
        assert app.focused is preview


async def test_home_lists_every_place(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause(0.5)
        places = {go.opens for go in app.screen.query("GoTo")}
        assert {"checkin", "practice", "trigger", "boundary", "note", "history", "patterns", "export", "help_now"} <= places
