"""What every command shares: the locations, and the store and plan made only when asked for."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doingthework.core.config import Settings
    from doingthework.core.paths import Paths
    from doingthework.core.store import Store


class State:
    def __init__(self, data_dir: str | None = None, config_dir: str | None = None) -> None:
        self.data_dir = data_dir
        self.config_dir = config_dir
        self._warned = False

    @functools.cached_property
    def paths(self) -> Paths:
        from doingthework.core.paths import resolve_paths

        return resolve_paths(self.data_dir, self.config_dir)

    @functools.cached_property
    def store(self) -> Store:
        from doingthework.cli.unlock import asker
        from doingthework.core.store import Store

        # the passphrase is asked for only if an encrypted file is met
        return Store(self.paths, passphrase=asker(str(self.paths.data_dir)))

    @functools.cached_property
    def loaded_quietly(self) -> Settings:
        """config.toml and plan.toml, created on first use; the warnings are left to the caller.
        A mistake in either never stops a command: it runs on the last good copy."""
        from doingthework.core import config

        return config.load(self.paths.config_dir, last_good_dir=self.paths.last_good_dir)

    def loaded_strictly(self) -> Settings:
        """The files as they are now: a mistake raises ConfigError (exit 2). For `dtw config check`."""
        from doingthework.core import config

        return config.load(self.paths.config_dir, last_good_dir=None)

    @functools.cached_property
    def loaded(self) -> Settings:
        """config.toml and plan.toml, created on first use; warnings go to stderr once."""
        return self.loaded_with_warnings()

    def loaded_with_warnings(self, but: str | None = None) -> Settings:
        """The loaded files, with their warnings printed once, except `but` (one the caller is
        about to say in its own words)."""
        loaded = self.loaded_quietly
        if not self._warned:
            self._warned = True
            from doingthework.cli.output import notice

            for problem in loaded.problems:
                notice(f"dtw: {problem}")  # they name files and keys of the plan: shown safely
            for warning in loaded.warnings:
                if warning != but:
                    notice(f"dtw: {warning}")
        return loaded
