"""Private, durable file operations: every byte the store keeps goes through here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> list[Path]:
    """Create `path` (and parents we own) as 0700; tighten it if looser. Returns what was tightened."""
    tightened: list[Path] = []
    if not path.exists():
        path.mkdir(parents=True, mode=DIR_MODE, exist_ok=True)
        fsync_dir(path.parent)
    mode = path.stat().st_mode & 0o777
    if mode != DIR_MODE:
        os.chmod(path, DIR_MODE)
        if mode & 0o077:
            tightened.append(path)
    return tightened


def tighten_file(path: Path) -> bool:
    """Make `path` 0600; True if it was looser."""
    mode = path.stat().st_mode & 0o777
    if mode != FILE_MODE:
        os.chmod(path, FILE_MODE)
        return bool(mode & 0o077)
    return False


def undo_append(path: Path, old_size: int) -> None:
    """Cut a file back to `old_size` (-1: it did not exist) after a partly failed save."""
    try:
        if old_size < 0:
            os.unlink(path)
            return
        fd = os.open(path, os.O_RDWR)
        try:
            os.ftruncate(fd, old_size)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # some platforms cannot open directories; nothing more to do there
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def append_durably(path: Path, data: bytes) -> None:
    """Append `data` to `path` (0600) and fsync it. On failure the file is cut back to its old size.

    A file whose last line was torn (no final newline) gets a newline first, so the torn
    fragment stays a line of its own for `doctor` and the new record stays whole.
    """
    is_new = not path.exists()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        size = os.fstat(fd).st_size
        if size:
            os.lseek(fd, size - 1, os.SEEK_SET)
            if os.read(fd, 1) != b"\n":
                data = b"\n" + data
        try:
            write_all(fd, data)
            os.fsync(fd)
        except BaseException:
            # nothing half-written: put the file back exactly as it was
            try:
                os.ftruncate(fd, size)
                os.fsync(fd)
                if is_new:
                    os.unlink(path)
            except OSError:
                pass
            raise
    finally:
        os.close(fd)
    if is_new:
        fsync_dir(path.parent)


def replace_durably(path: Path, data: bytes) -> None:
    """Write `data` to a temp file beside `path`, fsync, rename over `path`, fsync the folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        write_all(fd, data)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


class FileLock:
    """An exclusive inter-process lock on a file (flock on POSIX, msvcrt on Windows).

    Held for the few milliseconds of one write. Waits up to `timeout` seconds, then raises
    TimeoutError. The lock file is 0600 and is never removed (removing it would race).
    """

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        import time

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        deadline = time.monotonic() + self.timeout
        try:
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise TimeoutError(f"could not lock {self.path}")
                time.sleep(0.01)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if os.name == "nt":  # pragma: no cover — exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
