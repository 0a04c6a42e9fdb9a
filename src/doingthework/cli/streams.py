"""Standard output that fails plainly, for every command: a full disk, a closed stdout, or a reader
that went away (`dtw log | head -1`) ends the command with exit 1, never a traceback.

`guard()` puts stdout behind a writer that tells its own failures apart (StdoutFailed) from any
other file's; `finish()` flushes it while the command can still answer for it; `stop()` points
stdout at /dev/null, so the interpreter's last flush has nothing left to fail on.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class StdoutFailed(OSError):
    """Standard output could not take what was written (an OSError, so a caller's own
    `except OSError` around its printing, like `dtw practice --plain`'s, still sees it)."""


class _Stdout(io.RawIOBase):
    """File descriptor 1, with its failures named as stdout's."""

    name = "<stdout>"

    def __init__(self, closed_at_start: bool) -> None:
        super().__init__()
        self.closed_at_start = closed_at_start
        self.stopped = False
        self.failed = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1

    def isatty(self) -> bool:
        return not self.closed_at_start and os.isatty(1)

    def write(self, data: ReadableBuffer) -> int | None:
        if self.stopped:
            return memoryview(data).nbytes
        if self.closed_at_start:
            self.failed = True
            raise StdoutFailed(errno.EBADF, "it is closed")
        try:
            return os.write(1, data)
        except BlockingIOError:
            return None  # a non-blocking stdout that is full for now: the buffer tries again
        except OSError as exc:
            self.failed = True
            raise StdoutFailed(exc.errno, exc.strerror) from None


_raw: _Stdout | None = None


def guard() -> None:
    """Before a command runs. Closed descriptors 0-2 get /dev/null, so no file dtw opens later
    lands on them; then stdout is put behind _Stdout (only the real one: tests swap in their own)."""
    global _raw  # noqa: PLW0603 — one stdout per process, installed once
    if os.name == "nt":  # the Windows console writes text its own way: left as it is
        return
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        try:
            null = os.open(os.devnull, os.O_RDWR)
        except OSError:
            return
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    old = sys.stdout
    if old is not None and old is not sys.__stdout__:
        return
    if old is not None:
        try:
            old.flush()
        except (OSError, ValueError):
            pass
    _raw = _Stdout(closed_at_start=1 in closed)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_raw),
        encoding=getattr(old, "encoding", None) or "utf-8",
        errors=getattr(old, "errors", None) or "strict",
        line_buffering=bool(getattr(old, "line_buffering", False)),
        write_through=bool(getattr(old, "write_through", False)),
    )


def finish() -> None:
    """Flush stdout now, while a failure can still be reported (raises StdoutFailed). After a
    failure someone else answered for (click's own quiet exit on a closed pipe), stop()."""
    stream = sys.stdout
    if stream is not None:
        stream.flush()
    if _raw is not None and _raw.failed:
        stop()


def stop() -> None:
    """Nothing more reaches stdout: later writes and the interpreter's final flush go nowhere."""
    if _raw is not None:
        _raw.stopped = True
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass


def report(exc: StdoutFailed) -> None:
    """One line on stderr, or silence for a reader that stopped reading on purpose."""
    stop()
    if exc.errno == errno.EPIPE:
        return
    reason = "it is closed" if exc.errno == errno.EBADF else (exc.strerror or os.strerror(exc.errno or 0)).lower()
    try:
        from doingthework.core.messages import STDOUT_FAILED

        print(
            STDOUT_FAILED.format(reason=reason),
            file=sys.stderr,
            flush=True,
        )
    except (OSError, ValueError, AttributeError):
        pass  # stderr is gone too: the exit code says it


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True
