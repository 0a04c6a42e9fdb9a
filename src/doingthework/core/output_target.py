"""Where an export goes: a new file (never one that is already there, unless asked), a FIFO or a
device written into as it is, or standard output. Used by `dtw export` and the export screen.

A file is written whole or not at all: into a hidden temporary file beside it, then linked to its
name only if the name is still free (so two exports at once never replace each other), and the
temporary file is removed whatever happens.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from doingthework.core.errors import BadInput, StoreError
from doingthework.core.fsutil import durable_temp_beside, fsync_dir, replace_durably, write_all

# Names that mean a standard stream. /dev/stdout is one, even when stdout is a file: opening it
# again would start writing at the file's beginning, so it is written through the stream instead.
STANDARD_STREAMS = {
    "-": 1,
    "/dev/stdout": 1,
    "/dev/fd/1": 1,
    "/proc/self/fd/1": 1,
    "/dev/stderr": 2,
    "/dev/fd/2": 2,
    "/proc/self/fd/2": 2,
}
MAX_NUMBERED = 999  # name-2 … name-999: past that, something else is going on
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def standard_stream(target: str) -> int | None:
    """1 (stdout) or 2 (stderr) when `target` names a standard stream, else None."""
    return STANDARD_STREAMS.get(target)


def write_to(
    target: Path, data: bytes, *, force: bool = False, given: str | None = None, example: str | None = None
) -> None:
    """Write `data` to `target` as `--output` asks.

    A FIFO or a character device is written into as it is. A new name gets a new 0600 file. An
    existing file is refused (BadInput) unless `force`, which replaces it. A folder, or a folder
    that is not there, is refused naming `given` (the path as the person wrote it); `example` is
    a file name to suggest inside a folder.
    """
    given = given or str(target)
    folder_meant = given.endswith(("/", os.sep))
    try:
        found = os.stat(target)  # a link to a FIFO is written into, like the FIFO itself
    except (FileNotFoundError, NotADirectoryError):
        found = None
    except OSError as exc:
        raise _environment(exc, given) from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        hint = (
            f"name a file inside it, e.g. --output {os.path.join(given, example)}"
            if example
            else "name a file inside it"
        )
        raise BadInput(f"{given} is a folder; --output needs a file name", hint=hint)
    if found is not None and (stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode)):
        _write_into(target, data, given)
        return
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise BadInput(f"{given} is not a file dtw can write a page into", hint="choose a file name with --output")
    if folder_meant:
        raise BadInput(f"there is no folder {given}", hint="create it first, or choose another place with --output")
    if not target.parent.is_dir():
        raise BadInput(
            f"there is no folder for {given}", hint="create the folder first, or choose another place with --output"
        )
    try:
        _write_new(target, data, replace=force)
    except FileExistsError:
        raise BadInput(
            f"{given} already exists, and dtw never replaces a file unasked",
            hint="--force replaces it; or choose another name with --output",
        ) from None
    except OSError as exc:
        raise _environment(exc, given) from None


def save_new_in(folder: Path, name: str, data: bytes, *, force: bool = False) -> Path:
    """Save `data` in `folder` as `name`, or `name-2`, `name-3` … (before the extension): the first
    name that is free, so an earlier page is never replaced. With `force`, `name` is replaced."""
    if not folder.is_dir():
        raise BadInput(f"there is no folder {folder}", hint="create it first, or choose another place")
    stem, suffix = Path(name).stem, Path(name).suffix
    for number in range(1, MAX_NUMBERED + 1):
        path = folder / (name if number == 1 else f"{stem}-{number}{suffix}")
        try:
            _write_new(path, data, replace=force)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _environment(exc, str(path)) from None
        return path
    raise BadInput(
        f"{folder} already holds {MAX_NUMBERED} pages named {stem}",
        hint="move some of them, or choose a name with --output",
    )


def _write_new(path: Path, data: bytes, replace: bool = False) -> None:
    """`data` as the file `path`, 0600, whole or not at all; FileExistsError if `path` is taken
    (unless `replace`). The temporary file beside it never outlives this call."""
    if replace:
        replace_durably(path, data)  # --force: the store's own atomic replace (never through a link)
        return
    with durable_temp_beside(path, data) as tmp:
        try:
            os.link(tmp, path)  # fails if the name was taken meanwhile: nothing is replaced
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            # a file system without hard links: a last look, then a rename
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
            os.rename(tmp, path)
    fsync_dir(path.parent)


def _write_into(path: Path, data: bytes, given: str) -> None:
    """Write into a FIFO or a device as it is: opened for writing, never created or truncated."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _environment(exc, given) from None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a file since we looked: leave it be
            raise BadInput(
                f"{given} already exists, and dtw never replaces a file unasked",
                hint="--force replaces it; or choose another name with --output",
            )
        write_all(fd, data)
    except OSError as exc:
        raise _environment(exc, given) from None
    finally:
        os.close(fd)


def _environment(exc: OSError, given: str) -> StoreError:
    """A problem of the machine (permissions, a full disk): exit 1, the path named, no entry text."""
    reason = (exc.strerror or type(exc).__name__).lower()
    return StoreError(f"could not write the export to {given}: {reason}")
