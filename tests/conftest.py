"""Tests never see the real home: every location points into a fresh temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from doingthework.core.paths import Paths, resolve_paths
from doingthework.core.store import Store


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("DTW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DTW_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DTW_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("DTW_DEBUG", raising=False)
    monkeypatch.delenv("DTW_PASSPHRASE_COMMAND", raising=False)  # a developer's own never reaches a test
    monkeypatch.delenv("DTW_NEW_PASSPHRASE_COMMAND", raising=False)
    monkeypatch.delenv("DTW_BACKUP_PASSPHRASE_COMMAND", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return resolve_paths()


@pytest.fixture
def paths(isolated_dirs: Paths) -> Paths:
    return isolated_dirs


@pytest.fixture
def store(paths: Paths) -> Store:
    return Store(paths)
