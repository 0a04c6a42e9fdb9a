"""The one error type a user can cause, turned into a message and exit code by the CLI."""

from __future__ import annotations


class DtwError(Exception):
    """A problem the user can act on. The message is shown as it is: it must never hold entry text."""

    exit_code = 1
    # an error whose words never change names them here once, and is raised with no arguments
    MESSAGE: str | None = None
    HINT: str | None = None

    def __init__(self, message: str | None = None, *, hint: str | None = None, field: str | None = None) -> None:
        message = self.MESSAGE if message is None else message
        if message is None:
            raise TypeError(f"{type(self).__name__} needs a message")
        super().__init__(message)
        self.message = message
        self.hint = self.HINT if hint is None else hint
        self.field = field  # which answer was wrong, so a form can point at it


class BadInput(DtwError):
    """Bad usage or bad input: nothing was written."""

    exit_code = 2


class ConfigError(BadInput):
    """config.toml or plan.toml could not be used."""


class StoreError(DtwError):
    """The store could not finish a write; what was there before is untouched."""
