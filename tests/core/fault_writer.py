"""A child process for tests/core/test_store_faults.py: writes through the real store, on cue.

Locations come from DTW_DATA_DIR / DTW_CONFIG_DIR / DTW_STATE_DIR, as for `dtw` itself.

    fault_writer.py add [--label L] [--count N] [--big-every K] [--big-chars C] [--wait-go] [--enospc]
        Add Note entries (forever when N is 0). Each entry's id goes to stdout, flushed, only
        after `Store.add` has returned: a printed id is an acknowledged write. With --wait-go it
        prints "ready" and waits for a line on stdin before the first write. With --enospc the
        disk is full (see `cli`): each refused write prints "refused" instead of an id.

    fault_writer.py slow-add TEXT
        Add one note whose write stops half-way (the store's lock held, half the line on disk):
        prints "half", waits for a line on stdin, finishes, then prints the id.

    fault_writer.py cli [--umask OCTAL] [--enospc] [--lock-marker] -- DTW-ARGS...
        Run `dtw DTW-ARGS...` through `doingthework.cli.main`. --enospc makes every os.write the
        store's fsutil does write half its bytes and then fail with ENOSPC (a full disk).
        --lock-marker prints "LOCKING" (flushed) whenever `Store.lock()` is about to be taken.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import types


class _FullDiskOs(types.ModuleType):
    """`os` as fsutil sees it, except that every write half-succeeds and then finds the disk full."""

    def __init__(self) -> None:
        super().__init__("os")

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)

    @staticmethod
    def write(fd: int, data: bytes) -> int:
        data = bytes(data)
        if len(data) > 1:
            os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _add(args: argparse.Namespace) -> None:
    from doingthework.core.errors import StoreError
    from doingthework.core.models import Note
    from doingthework.core.paths import resolve_paths
    from doingthework.core.store import Store

    if args.enospc:
        from doingthework.core import fsutil

        fsutil.os = _FullDiskOs()  # type: ignore[assignment]
    store = Store(resolve_paths())
    if args.wait_go:
        print("ready", flush=True)
        sys.stdin.readline()
    number = 0
    while args.count == 0 or number < args.count:
        number += 1
        text = f"{args.label} note {number}: ünïcödé ✓ text"
        if args.big_every and number % args.big_every == 0:
            text += " " + "é✓ " * (args.big_chars // 3)  # multi-byte, so a cut can split a character
        try:
            entry = store.add(Note(text=text))
        except StoreError:
            sys.stdout.write("refused\n")  # what `dtw` would report; nothing acknowledged
            sys.stdout.flush()
            continue
        sys.stdout.write(entry.id + "\n")
        sys.stdout.flush()


def _slow_add(args: argparse.Namespace) -> None:
    from doingthework.core import fsutil
    from doingthework.core.models import Note
    from doingthework.core.paths import resolve_paths
    from doingthework.core.store import Store

    real_write_all = fsutil.write_all

    def slow_write_all(fd: int, data: bytes) -> None:
        half = len(data) // 2
        real_write_all(fd, bytes(data[:half]))
        print("half", flush=True)
        sys.stdin.readline()
        real_write_all(fd, bytes(data[half:]))

    fsutil.write_all = slow_write_all
    entry = Store(resolve_paths()).add(Note(text=args.text))
    print(entry.id, flush=True)


def _cli(args: argparse.Namespace) -> None:
    if args.umask is not None:
        os.umask(int(args.umask, 8))
    if args.enospc:
        from doingthework.core import fsutil

        fsutil.os = _FullDiskOs()  # type: ignore[assignment]
    if args.lock_marker:
        from doingthework.core.store import Store

        real_lock = Store.lock

        def marked_lock(self: Store) -> object:
            print("LOCKING", flush=True)
            return real_lock(self)

        Store.lock = marked_lock  # type: ignore[method-assign]
    from doingthework.cli import main

    sys.argv = ["dtw", *args.dtw_args]
    main()


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    add = sub.add_parser("add")
    add.add_argument("--label", default="w")
    add.add_argument("--count", type=int, default=0)
    add.add_argument("--big-every", type=int, default=0)
    add.add_argument("--big-chars", type=int, default=300_000)
    add.add_argument("--wait-go", action="store_true")
    add.add_argument("--enospc", action="store_true")
    slow = sub.add_parser("slow-add")
    slow.add_argument("text")
    cli = sub.add_parser("cli")
    cli.add_argument("--umask")
    cli.add_argument("--enospc", action="store_true")
    cli.add_argument("--lock-marker", action="store_true")
    cli.add_argument("dtw_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.mode == "cli" and args.dtw_args[:1] == ["--"]:
        args.dtw_args = args.dtw_args[1:]
    {"add": _add, "slow-add": _slow_add, "cli": _cli}[args.mode](args)


if __name__ == "__main__":
    main()
