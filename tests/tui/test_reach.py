"""Everything by keyboard at 80×24: PageDown scrolls the page wherever focus is, the export's
preview takes focus, and Home lists every place."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from doingthework.tui.screens.export import ExportScreen

from .conftest import settle
from .test_help_everywhere import CLASSES, build


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
        places = {button.action for button in app.screen.query("#home-actions Button")}
        assert {
            "app.open('checkin')",
            "app.open('practice')",
            "app.open('trigger')",
            "app.open('boundary')",
            "app.open('note')",
            "app.open('history')",
            "app.open('patterns')",
            "app.open('export')",
            "app.help_now",
        } <= places


@pytest.mark.parametrize("cls", [c for c in CLASSES if not issubclass(c, ModalScreen)], ids=lambda c: c.__name__)
async def test_every_footer_at_80_columns_shows_f1_first_and_every_key_whole(make_app, cls):
    """Every full screen, found by introspection: the footer starts with F1, the screen's own keys
    come before the app's, and every key it shows fits in 80 columns (none cut off the end)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = build(cls, app)
        await app.push_screen(screen)
        await pilot.pause(0.3)
        footer = screen.query_one(Footer)
        for _ in range(50):  # the footer lays itself out after the screen shows (slower on a busy machine)
            keys = [key for key in footer.query(FooterKey) if not key.has_class("-command-palette")]
            if keys and keys[0].region.width:
                break
            await pilot.pause(0.1)
        assert keys, f"{cls.__name__} shows no keys"
        assert keys[0].key == "f1", f"{cls.__name__}'s footer starts with {keys[0].key}"
        palette = footer.query(".-command-palette")  # the command palette's key, docked right
        edge = min([80, *(key.region.x for key in palette)])
        cut = [key.description for key in keys if key.region.right > edge or key.region.width == 0]
        assert not cut, f"{cls.__name__}'s footer cuts off {cut} at 80 columns"
        descriptions = [key.description for key in keys]
        if "Quit" in descriptions:
            own = [b.description for b in cls.BINDINGS if getattr(b, "show", True)] if hasattr(cls, "BINDINGS") else []
            assert all(descriptions.index(d) < descriptions.index("Quit") for d in own if d in descriptions)


async def test_without_colour_a_drop_downs_choice_and_historys_row_are_reversed(make_app, monkeypatch):
    """With NO_COLOR the highlighted option and the table's cursor row stand out by reversal, not a shade."""
    from textual.widgets import DataTable, OptionList, Select

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.get_component_styles("datatable--cursor").text_style.reverse
        app.screen.query_one("#filter-kind", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        overlay = app.screen.query_one("#filter-kind", Select).query_one(OptionList)
        assert overlay.has_focus
        assert overlay.get_component_styles("option-list--option-highlighted").text_style.reverse


@pytest.mark.parametrize("cls", [c for c in CLASSES if not issubclass(c, ModalScreen)], ids=lambda c: c.__name__)
async def test_every_restricted_field_says_what_it_takes_when_a_key_is_refused(make_app, cls):
    """Textual drops a refused character with only the bell; each field that refuses some says why."""
    from textual.widgets import Input

    from doingthework.tui.widgets.number_input import NumberInput

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = build(cls, app)
        await app.push_screen(screen)
        await pilot.pause(0.3)
        for field in screen.query(Input):
            if not field.restrict:
                continue
            assert isinstance(field, NumberInput), f"{cls.__name__} #{field.id} refuses keys without a word"
            before = len(app._notifications)
            field.restricted()  # what Textual calls when a key is refused
            await pilot.pause()
            assert len(app._notifications) == before + 1 and field.refused_hint
