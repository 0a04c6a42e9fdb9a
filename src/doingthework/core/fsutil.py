"""Private, durable file operations: every byte the store keeps goes through here."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
# O_NOFOLLOW: opening a symlink fails (ELOOP) instead of opening what it points to
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
LINK_WORDS = "it is a link, and dtw never follows or replaces a link"


class Refused(OSError):
    """dtw stopped on purpose; `strerror` says why in words fit to show as they are."""


class LinkRefused(Refused):
    """A path in dtw's folders is a symbolic link: dtw never reads, writes or chmods through it."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.ELOOP, LINK_WORDS, str(path))


class ReadOnlyRefused(Refused):
    """A folder (or file) the person made read-only: dtw leaves it so and does not write there."""

    def __init__(self, path: Path | str, mode: int, what: str = "folder") -> None:
        super().__init__(
            errno.EACCES, f"the {what} is read-only ({mode:04o}), and dtw leaves it as you set it", str(path)
        )


def is_link(path: Path) -> bool:
    return os.path.islink(path)


def _open_nofollow(path: Path, flags: int, mode: int = FILE_MODE) -> int:
    """os.open that never opens what a link points to: a link raises LinkRefused."""
    try:
        return os.open(path, flags | NOFOLLOW, mode)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
            raise LinkRefused(path) from None
        raise


def read_nofollow(path: Path) -> bytes:
    """The bytes of a regular file; a link (LinkRefused) or anything else (a FIFO...) is not read."""
    fd = _open_nofollow(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refused(errno.EINVAL, "it is not a regular file", str(path))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _chmod_nofollow(path: Path, mode: int, directory: bool) -> None:
    """chmod `path` itself, never what a link there points to."""
    if not hasattr(os, "fchmod"):  # pragma: no cover — Windows: modes are barely bits there
        if stat.S_ISLNK(os.lstat(path).st_mode):
            raise LinkRefused(path)
        os.chmod(path, mode)
        return
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else getattr(os, "O_NONBLOCK", 0))
    try:
        fd = _open_nofollow(path, flags)
    except PermissionError:
        # a folder or file we may not read (e.g. 0200): lstat says it is no link, then chmod by name
        if stat.S_ISLNK(os.lstat(path).st_mode):
            raise LinkRefused(path) from None
        os.chmod(path, mode)
        return
    try:
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def _make_dirs(path: Path) -> None:
    """Create the missing folders down to `path`, each 0700 whatever the umask (as the XDG base
    directory spec asks): `mkdir(parents=True)` would leave parents at 0777 & ~umask."""
    missing = []
    current = path
    while not os.path.lexists(current):  # a dangling link counts as there: it is never made through
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            continue  # another dtw made it meanwhile; it is checked like any folder that was there
        _chmod_nofollow(folder, DIR_MODE, directory=True)  # ours: a umask may only have taken bits away
        fsync_dir(folder.parent)


def ensure_private_dir(path: Path, writable: bool = True) -> list[Path]:
    """Create `path` (and missing parents) as 0700, or tighten it if others may use it.

    Returns what was tightened. Only ever takes bits away: a folder the person made read-only
    (no owner write) stays so, and with `writable` raises ReadOnlyRefused, whoever runs dtw (root
    could write anyway). A link at `path` raises LinkRefused and is never chmodded or entered.
    """
    tightened: list[Path] = []
    _make_dirs(path)
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise LinkRefused(path)
    if not stat.S_ISDIR(st.st_mode):
        raise Refused(errno.ENOTDIR, "it is not a folder", str(path))
    mode = st.st_mode & 0o777
    if mode & 0o077:
        _chmod_nofollow(path, mode & DIR_MODE, directory=True)
        tightened.append(path)
    if writable and mode & DIR_MODE != DIR_MODE:
        raise ReadOnlyRefused(path, mode & DIR_MODE)
    return tightened


def tighten_file(path: Path) -> bool:
    """Take away what others may do with `path` (0644 -> 0600, 0444 -> 0400); True if it was looser.

    Never adds a bit, never chmods through a link (LinkRefused), leaves anything but a regular
    file alone.
    """
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise LinkRefused(path)
    if not stat.S_ISREG(st.st_mode):
        return False
    mode = st.st_mode & 0o777
    if mode & ~FILE_MODE & 0o777:
        _chmod_nofollow(path, mode & FILE_MODE, directory=False)
        return bool(mode & 0o077)
    return False


def undo_append(path: Path, old_size: int) -> None:
    """Cut a file back to `old_size` (-1: it did not exist) after a partly failed save."""
    try:
        if old_size < 0:
            os.unlink(path)
            return
        fd = _open_nofollow(path, os.O_RDWR)
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
    is_new = not os.path.lexists(path)
    fd = _open_nofollow(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, FILE_MODE)  # a link: LinkRefused
    try:
        st = os.fstat(fd)
        if is_new:
            os.fchmod(fd, FILE_MODE)
        elif not stat.S_ISREG(st.st_mode):
            raise Refused(errno.EINVAL, "it is not a regular file", str(path))
        elif not st.st_mode & stat.S_IWUSR:
            raise ReadOnlyRefused(path, st.st_mode & 0o777, what="file")
        elif st.st_mode & ~FILE_MODE & 0o777:
            os.fchmod(fd, st.st_mode & FILE_MODE)  # tighten only: never adds a bit
        size = st.st_size
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


@contextmanager
def durable_temp_beside(path: Path, data: bytes) -> Iterator[str]:
    """A hidden temporary file beside `path` holding `data`, 0600 and fsynced, for the caller to
    rename or link into place. It never outlives the block: whatever is left of it is removed."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        yield tmp
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass  # renamed into place


def replace_durably(path: Path, data: bytes) -> None:
    """Write `data` to a temp file beside `path`, fsync, rename over `path`, fsync the folder.

    A link at `path` is neither written through nor replaced: LinkRefused (the person made it,
    or a sync brought it; `dtw doctor` names it).
    """
    if os.path.islink(path):
        raise LinkRefused(path)
    with durable_temp_beside(path, data) as tmp:
        os.replace(tmp, path)
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

        fd = _open_nofollow(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)  # a link: LinkRefused
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


if sys.platform == "win32":  # pragma: no cover — exercised on Windows only (mypy reads this test, not os.name)
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


def read_given(path: Path, what: str, prefix: str = "") -> bytes:
    """The bytes of a file the person named on the command line (`dtw import FILE`, `dtw restore
    FILE`, `--jrnl-config FILE`): theirs, wherever it is, so a link to it is followed, unlike
    dtw's own files. BadInput (exit 2) says plainly why it can't be read; `what` names what the
    file should be ("an export file"), `prefix` the option it came with ("--jrnl-config: ")."""
    from doingthework.core.errors import BadInput

    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{prefix}{path} does not exist") from None
    except IsADirectoryError:
        raise BadInput(f"{prefix}{path} is a folder, not {what}") from None
    except OSError as exc:
        raise BadInput(f"{prefix}{path} could not be read ({exc.strerror})") from None
