"""Where `dtw` and `python -m doingthework` start."""

import sys

from doingthework import startup


def run() -> None:
    if "nudge" in sys.argv[1:6]:
        # at every shell prompt: served before the command line is built (core/nudge.py)
        from doingthework.core.nudge import fast_path

        code = fast_path(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    startup.pause()  # until start-up is over; see doingthework/startup.py
    from doingthework.cli import main

    main()


if __name__ == "__main__":
    run()
