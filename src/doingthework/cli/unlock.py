"""Where a passphrase comes from: `DTW_PASSPHRASE_COMMAND` (for scripts, tests and password
managers), else a question in the terminal, asked once per command (never echoed, on stderr).
Nothing here runs until an encrypted file must be opened (core/vault.py)."""

from __future__ import annotations

import getpass
import os
import shlex
import subprocess
import sys

from doingthework.core.errors import DtwError
from doingthework.core.vault import Locked

COMMAND_VARIABLE = "DTW_PASSPHRASE_COMMAND"
NEW_COMMAND_VARIABLE = "DTW_NEW_PASSPHRASE_COMMAND"


def from_command(variable: str) -> str | None:
    """The first line the command in `variable` prints, or None when the variable isn't set. The
    command runs without a shell; its output is never shown or kept."""
    command = os.environ.get(variable, "").strip()
    if not command:
        return None
    try:
        done = subprocess.run(shlex.split(command), capture_output=True, timeout=120, check=False)
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise DtwError(f"the command in {variable} could not be run ({type(exc).__name__})") from None
    if done.returncode != 0:
        raise DtwError(f"the command in {variable} failed (exit {done.returncode}); nothing was changed")
    passphrase = done.stdout.decode("utf-8", "surrogateescape").split("\n", 1)[0].rstrip("\r")
    if not passphrase:
        raise DtwError(f"the command in {variable} printed no passphrase; nothing was changed")
    return passphrase


def ask(prompt: str = "Passphrase for your dtw entries: ") -> str:
    """The passphrase: from DTW_PASSPHRASE_COMMAND, or asked in the terminal."""
    found = from_command(COMMAND_VARIABLE)
    if found is not None:
        return found
    if not sys.stdin.isatty():
        raise Locked()
    try:
        return getpass.getpass(prompt, stream=sys.stderr)
    except EOFError:
        raise Locked() from None


def ask_new(variable: str = COMMAND_VARIABLE) -> str:
    """A new passphrase: from the command in `variable`, or asked twice in the terminal."""
    found = from_command(variable)
    if found is not None:
        return found
    if not sys.stdin.isatty():
        raise DtwError("a new passphrase needs a terminal to be asked in", hint=f"or set {variable}")
    first = getpass.getpass("New passphrase: ", stream=sys.stderr)
    if not first:
        raise DtwError("an empty passphrase would protect nothing; nothing was changed")
    if getpass.getpass("The same again, to be sure: ", stream=sys.stderr) != first:
        raise DtwError("the two passphrases were not the same; nothing was changed")
    return first
