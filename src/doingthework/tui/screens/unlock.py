"""Unlock: the first screen when entries are encrypted and no passphrase came from
DTW_PASSPHRASE_COMMAND or the keyring. Calm, no limit on tries, and help now (F1) works
here as everywhere: the safety plan is never locked."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, Static

from doingthework.core.errors import DtwError
from doingthework.tui.screens.base import DtwScreen

OPENING = "Your entries are encrypted."
ASK = "Type your passphrase to open them. Help now (F1) never needs it."
WORKING = "Opening…"
WRONG = "That passphrase doesn't open your entries. Capitals and spaces count; take your time and try again."


class UnlockScreen(DtwScreen[None]):
    DEFAULT_CSS = """
    UnlockScreen #unlock-body { padding: 1 2; }
    UnlockScreen #unlock-opening { text-style: bold; }
    UnlockScreen #passphrase { margin: 1 0; max-width: 60; }
    UnlockScreen #unlock-message { color: $text-warning; }
    """

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="unlock-body"):
            yield Static(OPENING, id="unlock-opening")
            yield Static(ASK, id="unlock-ask")
            yield Input(placeholder="Passphrase", password=True, id="passphrase")
            yield Static("", id="unlock-message", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            return
        passphrase = event.value
        event.input.value = ""  # not kept on screen while the key is derived
        event.input.disabled = True
        self.query_one("#unlock-message", Static).update(WORKING)
        self.unlock(passphrase)

    def on_screen_resume(self) -> None:
        if self.app.unlocked_behind:  # unlocked while help now was open over this screen
            self.app.unlocked_behind = False
            self.app.call_later(self.app.unlocked)

    @work(thread=True, exclusive=True, group="unlock")
    def unlock(self, passphrase: str) -> None:
        """The key derivation takes a moment on purpose: off the UI thread, so F1 still answers."""
        try:
            self.app.store.vault.unlock(passphrase)
        except DtwError as exc:  # a wrong passphrase, or a key file that can't be read: said plainly
            from doingthework.core.crypto import WrongPassphrase

            self.app.call_from_thread(self._refused, WRONG if isinstance(exc, WrongPassphrase) else exc.message)
            return
        self.app.call_from_thread(self.app.unlocked)

    def _refused(self, message: str) -> None:
        self.query_one("#unlock-message", Static).update(message)
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()
