"""Where a passphrase comes from: `DTW_PASSPHRASE_COMMAND` (for scripts, tests and password
managers), else a question in the terminal, asked once per command (never echoed, on stderr).
Nothing here runs until an encrypted file must be opened (core/vault.py)."""

from __future__ import annotations

import getpass
import importlib
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from doingthework.core.errors import DtwError
from doingthework.core.vault import Locked

COMMAND_VARIABLE = "DTW_PASSPHRASE_COMMAND"
NEW_COMMAND_VARIABLE = "DTW_NEW_PASSPHRASE_COMMAND"
BACKUP_COMMAND_VARIABLE = "DTW_BACKUP_PASSPHRASE_COMMAND"


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


KEYRING_SERVICE = "doingthework"


def _keyring() -> Any:
    """The `keyring` module when the optional extra is installed, else None."""
    try:
        return importlib.import_module("keyring")
    except ImportError:
        return None


def from_keyring(folder: str) -> str | None:
    """The passphrase kept in the OS keyring for this data folder (`--remember`), if any."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, folder) or None
    except Exception:  # noqa: BLE001 — a locked or missing keyring backend: ask instead
        return None


def remember(folder: str, passphrase: str) -> None:
    """Keep the passphrase in the OS keyring (only when the person asked, with --remember)."""
    keyring = _keyring()
    if keyring is None:
        raise DtwError("--remember needs the optional keyring support", hint="pip install 'doingthework[keyring]'")
    try:
        keyring.set_password(KEYRING_SERVICE, folder, passphrase)
    except Exception as exc:  # noqa: BLE001 — the backend's own error: named, never its details
        raise DtwError(f"the OS keyring could not keep it ({type(exc).__name__}); nothing else changed") from None


def forget(folder: str) -> bool:
    """Remove a remembered passphrase; False when there was none."""
    keyring = _keyring()
    if keyring is None or from_keyring(folder) is None:
        return False
    try:
        keyring.delete_password(KEYRING_SERVICE, folder)
    except Exception:  # noqa: BLE001
        return False
    return True


def asker(folder: str) -> Callable[[], str]:
    """The store's passphrase source for this data folder: the command, the keyring, the terminal."""

    def source() -> str:
        found = from_command(COMMAND_VARIABLE)
        if found is None:
            found = from_keyring(folder)
        return found if found is not None else ask()

    return source


def ask(prompt: str = "Passphrase for your dtw entries: ", variable: str = COMMAND_VARIABLE) -> str:
    """The passphrase: from the command in `variable` (DTW_PASSPHRASE_COMMAND), or asked in the terminal."""
    found = from_command(variable)
    if found is not None:
        return found
    if not sys.stdin.isatty():
        raise Locked()
    try:
        return getpass.getpass(prompt, stream=sys.stderr)
    except EOFError:
        raise Locked() from None


def ask_backup() -> str:
    """The passphrase an encrypted backup was made with, when this folder's doesn't open it (or
    this folder has none): from DTW_BACKUP_PASSPHRASE_COMMAND, or asked in the terminal."""
    return ask("Passphrase the backup was made with: ", BACKUP_COMMAND_VARIABLE)


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
