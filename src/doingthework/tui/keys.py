"""Keys are applied in the order they were typed, however fast (docs/usage.md, "Keys every screen keeps").

Why this exists: Textual's App hands each key from the terminal to the focused widget's own
message queue and goes on to the next key at once (`App.on_event`). A binding that is not a
priority one (tab and shift+tab, escape, a screen's own keys) runs only when the key has
bubbled back up to the App's queue: behind the keys typed after it. So `7 Tab 4` typed in one
burst gave the 4 to the first field as well, and ctrl+s (a priority binding, run at once)
could save before the digits typed before it had reached their fields. Pilot never shows this:
it waits between keys. A person doesn't.

The fix, in this one place: the App holds each key from the terminal until the key before it
has been handled all the way (a widget stopped it, or it reached the App's own bindings) and
everything that key set off has settled (a focus move, a screen it opened), then lets the
next one through. A key that somehow never comes back is let go after `KEY_SETTLE_LIMIT`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:  # the mixin goes before App in the bases; the type checker reads it as one
    from textual.app import App

    _AppMixinBase = App[None]
else:
    _AppMixinBase = object

KEY_SETTLE_LIMIT = 0.5  # seconds: the longest one key may hold up the next
POLL = 0.001


class OrderedKeys(_AppMixinBase):
    """Mixed into the App (before `App`): see the module's docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._key_in_flight: events.Key | None = None
        self._keys_held: deque[events.Key] = deque()
        self._key_watcher: asyncio.Task[None] | None = None

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key):
            await super().on_event(event)
            return
        if event.is_forwarded:  # a key that bubbled all the way up: the App's own bindings run now
            await super().on_event(event)
            if event is self._key_in_flight:
                event._dtw_at_app = True  # type: ignore[attr-defined]  # our own mark on Textual's event
            return
        released = getattr(event, "_dtw_released", False)
        if not released and (self._key_in_flight is not None or self._keys_held):
            self._keys_held.append(event)  # a key typed ahead waits its turn
            return
        self._key_in_flight = event
        await super().on_event(event)  # a priority binding, or handed to the focused widget
        self._key_watcher = asyncio.create_task(self._settle(event))

    async def _settle(self, event: events.Key) -> None:
        deadline = monotonic() + KEY_SETTLE_LIMIT
        # 1. the key itself: handled by a priority binding (never forwarded), stopped by a widget,
        #    or through the App's bindings
        while monotonic() < deadline and event.is_forwarded:
            if event._stop_propagation or getattr(event, "_dtw_at_app", False):
                break
            await asyncio.sleep(POLL)
        # 2. what it set off: every queue on the way from the focused widget to the App empty
        while monotonic() < deadline and not self._quiet():
            await asyncio.sleep(POLL)
        self._key_in_flight = None
        if self._keys_held:
            following = self._keys_held.popleft()
            following._dtw_released = True  # type: ignore[attr-defined]  # our own mark on Textual's event
            self.post_message(following)

    def _quiet(self) -> bool:
        app: Any = self
        nodes = [app]
        try:
            screen = app.screen
        except Exception:  # noqa: BLE001 — no screen (starting or closing): nothing to wait for
            return True
        nodes.append(screen)
        focused = screen.focused
        if focused is not None:
            nodes.extend(focused.ancestors_with_self)
        if not screen.is_mounted:
            return False
        return all(node._message_queue.empty() for node in nodes)
