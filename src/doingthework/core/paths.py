"""Every location dtw uses, in one place: platformdirs defaults, then flags, then environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "doingthework"


@dataclass(frozen=True)
class Paths:
    """Where dtw keeps entries, settings and this machine's state."""

    data_dir: Path
    config_dir: Path
    state_dir: Path

    @property
    def entries_dir(self) -> Path:
        return self.data_dir / "entries"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def keys_dir(self) -> Path:
        # only with encryption on: one key record per file (core/vault.py)
        return self.data_dir / "keys"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / ".dtw.lock"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def plan_file(self) -> Path:
        return self.config_dir / "plan.toml"

    @property
    def last_good_dir(self) -> Path:
        # copies of config.toml and plan.toml from the last time each read cleanly
        return self.state_dir / "last-good"

    @property
    def device_file(self) -> Path:
        # the device id must never sync: it names this machine's own entry files
        return self.state_dir / "device-id"


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
