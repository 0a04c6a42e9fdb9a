"""One snapshot per screen state, at 80×24, blinking off. Update with --snapshot-update after a deliberate change."""

from __future__ import annotations

from .conftest import settle


async def _settled(pilot) -> None:
    await settle(pilot)


def test_home(make_app, snap_compare):
    assert snap_compare(make_app(), run_before=_settled)


def test_checkin_empty(make_app, snap_compare):
    assert snap_compare(make_app("checkin"), run_before=_settled)


def test_checkin_filled(make_app, snap_compare):
    async def fill(pilot) -> None:
        await settle(pilot)
        await pilot.press("6", "tab", "4", "tab", "7", ".", "5")
        await settle(pilot)

    assert snap_compare(make_app("checkin"), run_before=fill)


def test_checkin_saved(make_app, snap_compare):
    async def save(pilot) -> None:
        await settle(pilot)
        await pilot.press("6", "tab", "4", "ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app("checkin"), run_before=save)


def test_checkin_saved_on_a_hard_day(make_app, snap_compare):
    async def save(pilot) -> None:
        await settle(pilot)
        await pilot.press("1", "ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app("checkin"), run_before=save)


def test_help_now(make_app, snap_compare):
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_help)


def test_help_now_with_a_plan(make_app, snap_compare):
    plan = '[safety]\nwarning_signs = ["Not sleeping"]\npeople = ["Sam — 555 0100"]\nreasons = ["My niece"]\n'

    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(plan=plan), run_before=open_help)
