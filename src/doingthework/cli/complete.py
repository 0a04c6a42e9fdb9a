"""What the shell offers at TAB (`dtw --install-completion`): practice and measure ids, trigger
tags, entry kinds and export formats, from the core and the person's plan.

Each function runs only while the shell asks (Typer's `_DTW_COMPLETE` protocol); a command's
options name them, so this module is imported with a command, and its imports wait until a
completion runs. Completing never prints, never writes a file, never asks for a passphrase and
never fails: anything unreadable leaves out what it would have offered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from doingthework.core.config import Plan
    from doingthework.core.paths import Paths


def _paths(ctx: typer.Context) -> Paths:
    """The folders the line names (--data-dir, --config-dir, DTW_*), as a command would use them.
    While completing, the callback that builds the shared State never runs: the root's params
    hold what was parsed."""
    from doingthework.core.paths import resolve_paths

    params = ctx.find_root().params
    return resolve_paths(params.get("data_dir"), params.get("config_dir"))


def _plan(ctx: typer.Context) -> Plan | None:
    """plan.toml as it is now, without creating it or keeping a last good copy; None if unreadable."""
    from doingthework.core import config

    try:
        return config.load(_paths(ctx).config_dir, create=False).plan
    except Exception:  # noqa: BLE001 — a TAB press shows no error: it offers the built-ins only
        return None


def practice_ids(ctx: typer.Context) -> list[str]:
    """`dtw practice <TAB>`: the built-in presets, the plan's own, and `list`."""
    from doingthework.core.presets import BUILTIN_IDS, load_presets

    plan = _plan(ctx)
    ids = load_presets(plan.practice).ids() if plan is not None else list(BUILTIN_IDS)
    return [*ids, "list"]


def measure_ids(ctx: typer.Context) -> list[str]:
    """`dtw measure <TAB>`: PHQ-9, GAD-7, the plan's own questionnaires, and `list`."""
    from doingthework.core.measures import known

    return [*known(_plan(ctx)), "list"]


def trigger_tags(ctx: typer.Context) -> list[str]:
    """`dtw trigger add --tag <TAB>`: the plan's trigger tags, then those triggers used in the last
    weeks (the trigger screen's offer, core/insights.py)."""
    return _tags(ctx, ["trigger"])


def every_tag(ctx: typer.Context) -> list[str]:
    """`dtw log --tag <TAB>`: as for a trigger, and the tags of check-ins and journal entries too
    (Daylio's activities, jrnl's tags), since `--tag` finds any of them."""
    return _tags(ctx, None)


def _tags(ctx: typer.Context, kinds: list[str] | None) -> list[str]:
    """The plan's trigger tags, then those the entries of `kinds` used lately. With encryption on,
    the plan's only: entries are never decrypted, and nobody is asked for a passphrase, to complete a word."""
    from datetime import timedelta

    from doingthework.core.insights import TAG_LOOKBACK_DAYS, tags_to_offer
    from doingthework.core.models import now
    from doingthework.core.periods import Period
    from doingthework.core.store import Store

    plan = _plan(ctx)
    plan_tags = plan.trigger_tags if plan is not None else []
    try:
        store = Store(_paths(ctx))  # no passphrase source: an encrypted file could never be opened
        if store.vault.key_files():
            return tags_to_offer(plan_tags, [])
        since = now() - timedelta(days=TAG_LOOKBACK_DAYS)
        entries = store.query(Period(since, None), kinds=kinds).entries
    except Exception:  # noqa: BLE001 — an unreadable folder: the plan's tags are still worth offering
        entries = []
    return tags_to_offer(plan_tags, entries)


def entry_kinds() -> list[str]:
    """`dtw log --kind <TAB>`: every kind of entry."""
    from doingthework.core.models import KINDS

    return list(KINDS)


def export_formats() -> list[str]:
    """`dtw export --format <TAB>`: every format the exporters' registry knows."""
    from doingthework.export import FORMATS

    return list(FORMATS)
