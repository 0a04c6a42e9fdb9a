"""Sentences both faces say, the command line and the app, kept once so they can't drift apart.

Only what both say lives here (as jrnl keeps its messages in one catalogue); a sentence that
one face alone says stays beside the code that says it. `{name}` fields are filled with
`str.format` by whoever says the sentence.
"""

from __future__ import annotations

# ---- after a practice (core/practice.py `PracticeRun.closing_sentence`) -----------------------
PRACTICE_FINISHED = "{word}: {name}, {time}. It's in your log."
PRACTICE_STOPPED = "Stopped after {time}. That counts too; it's in your log."
PRACTICE_NOT_BEGUN = "Stopped before it began, so there's nothing to log."

# ---- after saving an entry ---------------------------------------------------------------------
TRIGGER_LOGGED = "Logged{how_strong}. Noticing it is part of the work."  # the command adds " (intensity 7 → 4)"

# ---- standard output that can't take what is written (cli/streams.py, core/nudge.py) -----------
STDOUT_FAILED = "dtw: could not write to standard output ({reason}). Anything already saved is safe."
