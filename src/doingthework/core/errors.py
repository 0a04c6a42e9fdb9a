"""The one error type a user can cause, turned into a message and exit code by the CLI."""

from __future__ import annotations


class DtwError(Exception):
    """A problem the user can act on. The message is shown as it is: it must never hold entry text."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field  # which answer was wrong, so a form can point at it


class BadInput(DtwError):
    """Bad usage or bad input: nothing was written."""

    exit_code = 2


class ConfigError(BadInput):
    """config.toml or plan.toml could not be used."""


class StoreError(DtwError):
    """The store could not finish a write; what was there before is untouched."""
