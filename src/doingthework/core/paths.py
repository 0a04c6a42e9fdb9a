"""Every location dtw uses, in one place: platformdirs defaults, then flags, then environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

APP_NAME = "doingthework"


class _Below:
    """A path below one of Paths' three folders, read like a property: `paths.entries_dir`."""

    def __init__(self, folder: Literal["data_dir", "config_dir", "state_dir"], name: str) -> None:
        self.folder = folder
        self.name = name

    def __get__(self, paths: Paths, owner: type[Paths]) -> Path:
        folder: Path = getattr(paths, self.folder)
        return folder / self.name


@dataclass(frozen=True)
class Paths:
    """Where dtw keeps entries, settings and this machine's state."""

    data_dir: Path
    config_dir: Path
    state_dir: Path

    entries_dir = _Below("data_dir", "entries")
    quarantine_dir = _Below("data_dir", "quarantine")
    drafts_dir = _Below("data_dir", "drafts")
    # only with encryption on: one key record per file (core/vault.py)
    keys_dir = _Below("data_dir", "keys")
    lock_file = _Below("data_dir", ".dtw.lock")
    config_file = _Below("config_dir", "config.toml")
    plan_file = _Below("config_dir", "plan.toml")
    # copies of config.toml and plan.toml from the last time each read cleanly
    last_good_dir = _Below("state_dir", "last-good")
    # the device id must never sync: it names this machine's own entry files
    device_file = _Below("state_dir", "device-id")


def resolve_paths(
    data_dir: str | os.PathLike[str] | None = None,
    config_dir: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Paths:
    """Flags win over DTW_* variables, which win over the platform's usual folders."""
    env = os.environ if env is None else env

    def pick(flag: str | os.PathLike[str] | None, var: str, kind: str) -> Path:
        if flag:
            return Path(flag).expanduser()
        if env.get(var):
            return Path(env[var]).expanduser()
        import platformdirs  # only when no override says where: it costs a few ms to import

        return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME))

    return Paths(
        data_dir=pick(data_dir, "DTW_DATA_DIR", "data"),
        config_dir=pick(config_dir, "DTW_CONFIG_DIR", "config"),
        state_dir=pick(None, "DTW_STATE_DIR", "state"),
    )
