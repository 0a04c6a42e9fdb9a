"""Where `dtw` and `python -m doingthework` start."""

from doingthework import startup


def run() -> None:
    startup.pause()  # until start-up is over; see doingthework/startup.py
    from doingthework.cli import main

    main()


if __name__ == "__main__":
    run()
