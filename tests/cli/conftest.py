from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from doingthework.cli import app


class Dtw:
    """Runs `dtw ARGS...` in-process through Typer's CliRunner."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, list(args), input=input)

    def json(self, *args: str):
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def dtw() -> Dtw:
    return Dtw()
