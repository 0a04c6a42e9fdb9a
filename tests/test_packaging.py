"""The package as people install it (issue 19, item 5). .ci/run builds the real wheel and checks it
with scripts/check_wheel.py before installing it into a fresh venv; these keep that check honest
without building anything."""

from __future__ import annotations

import importlib.util
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def load_checker():
    spec = importlib.util.spec_from_file_location("check_wheel", ROOT / "scripts" / "check_wheel.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_wheel(path: Path, leave_out: str | None = None) -> Path:
    names = [p.relative_to(SRC).as_posix() for p in (SRC / "doingthework").rglob("*") if p.is_file()]
    names = [n for n in names if "__pycache__" not in n and n != leave_out]
    with zipfile.ZipFile(path, "w") as archive:
        for name in [*names, "doingthework-0.1.0.dist-info/licenses/LICENSE"]:
            archive.writestr(name, "")
    return path


def test_the_wheel_check_passes_a_whole_wheel_and_names_what_is_missing(tmp_path):
    checker = load_checker()
    assert checker.missing_from(fake_wheel(tmp_path / "whole.whl")) == []
    tcss = next((SRC / "doingthework").rglob("*.tcss")).relative_to(SRC).as_posix()
    assert checker.missing_from(fake_wheel(tmp_path / "a.whl", leave_out=tcss)) == [tcss]
    assert checker.missing_from(fake_wheel(tmp_path / "b.whl", leave_out="doingthework/py.typed")) == [
        "doingthework/py.typed"
    ]


def test_the_supported_pythons_are_stated():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    versions = [
        c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if c.startswith("Programming Language :: Python :: 3.")
    ]
    assert versions == ["3.11", "3.12", "3.13"]
    assert (ROOT / "LICENSE").is_file() and (SRC / "doingthework" / "py.typed").is_file()
