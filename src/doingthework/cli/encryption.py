"""`dtw encrypt`, `dtw decrypt`, `dtw passphrase`: encryption at rest, on, off and rekeyed."""

from __future__ import annotations

from typing import Annotated

import typer

from doingthework.cli.output import say
from doingthework.core.errors import BadInput

REMEMBER_HELP = "Keep the passphrase in the OS keyring, so this device doesn't ask (needs doingthework[keyring])."


def encrypt(
    ctx: typer.Context, remember: Annotated[bool, typer.Option("--remember", help=REMEMBER_HELP)] = False
) -> None:
    """Encrypt your entries, drafts and quarantine on this device (asks for a new passphrase twice)."""
    from doingthework.cli import unlock
    from doingthework.core import encryption

    store = ctx.obj.store
    folder = str(ctx.obj.paths.data_dir)
    passphrase = store.vault.passphrase() if store.vault.enabled else unlock.ask_new()
    done = encryption.encrypt(store, passphrase)
    if remember:
        unlock.remember(folder, passphrase)
        say("The passphrase is kept in this device's keyring; `dtw passphrase --forget` removes it.")
    say(
        f"Encrypted: {_files(done.converted)} now, {_files(done.already)} already."
        if done.converted or done.already
        else "Encryption is on."
    )
    if done.others:
        say(
            f"{_files(len(done.others))} from other devices (or sync-conflict copies) stay as they are: "
            "run `dtw encrypt` on each device, and `dtw doctor --repair` folds conflict copies in."
        )
    say("Your safety plan (plan.toml) stays readable, so help now never needs the passphrase.")
    say("Keep the passphrase somewhere safe: without it, nobody (not even dtw) can read your entries.")


def decrypt(ctx: typer.Context) -> None:
    """Turn encryption off: this device's files back to plain JSON Lines."""
    from doingthework.core import encryption

    done = encryption.decrypt(ctx.obj.store)
    say(f"Decrypted: {_files(done.converted)}. New entries are written as plain JSON Lines again.")
    if done.kept:
        say(f"{_files(len(done.kept))} in quarantine/ hold damaged records and stay encrypted, as they were.")
    if done.others:
        say(f"{_files(len(done.others))} from other devices are still encrypted until `dtw decrypt` runs there.")
    say("The key records stay in keys/, retired, so files other devices encrypted still open.")


def passphrase(
    ctx: typer.Context,
    remember: Annotated[bool, typer.Option("--remember", help=REMEMBER_HELP)] = False,
    forget: Annotated[
        bool, typer.Option("--forget", help="Remove the passphrase from the OS keyring; change nothing else.")
    ] = False,
) -> None:
    """Change the passphrase (your entries themselves are not rewritten)."""
    from doingthework.cli import unlock
    from doingthework.core import encryption

    store = ctx.obj.store
    folder = str(ctx.obj.paths.data_dir)
    if forget:
        say("Removed from the keyring." if unlock.forget(folder) else "There was no passphrase in the keyring.")
        return
    if not store.vault.enabled:
        raise BadInput("your entries aren't encrypted, so there is no passphrase to change", hint="`dtw encrypt`")
    old = (
        unlock.from_command(unlock.COMMAND_VARIABLE)
        or unlock.from_keyring(folder)
        or unlock.ask("Current passphrase: ")
    )
    store.vault.unlock(old)  # checked before a new one is asked for
    new = unlock.ask_new(unlock.NEW_COMMAND_VARIABLE)
    encryption.change_passphrase(store, old, new)
    if remember or unlock.from_keyring(folder) is not None:
        unlock.remember(folder, new)
    say("The passphrase is changed. The key file here no longer opens with the old one.")
    say("Old copies of it (in backups, or a sync's version history) still do: the key itself is the same.")


def _files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"
