"""`dtw nudge`: one kind line, or nothing, for a shell prompt.

It runs before every prompt, so it must cost next to nothing (docs/performance.md, "The nudge
at the prompt"). `doingthework.__main__` sends `dtw nudge` here before the command line is
built, and on that path this module imports only what Python has already loaded (`os`, `sys`,
`time`) and `_json`, the C half of the `json` module: `json` itself, `re`, `datetime`,
`tomllib`, `dataclasses`, `typing`, `platformdirs` and the store each cost more than Python's
own start-up. So, on purpose, it does by hand what the rest of dtw does through the core:

- locations: `resolve_paths`' rules, and platformdirs' on Linux (elsewhere it asks platformdirs);
- the plan: read once with `core/config.py` after each change to plan.toml, and what the nudge
  needs (its hours, the measures switched on) kept in the state folder (`nudge-plan`);
- entries: the few month files it needs, read like `core/store.py` reads them (newest
  revision of each id, tombstones hide), with only the checks it needs. `--check` reads
  through the store itself and names any damage.

Tests hold each of these to the code it copies (tests/cli/test_nudge.py). Nothing here ever
prints an error at the prompt: any problem means no line, exit 0; `--check` says what it is.
"""

from __future__ import annotations

import os
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    Record = dict[str, Any]

APP_NAME = "doingthework"
CACHE_NAME = "nudge-plan"
CACHE_FORMAT = "dtw nudge-plan 1"
SHELLS = ("bash", "zsh", "fish")
ZONE_MARGIN_DAYS = 2  # as core/periods.py ZONE_MARGIN: entries saved in another zone
OPEN_NOTES_DAYS = 30  # as Home counts notes to bring: the last 30 days (tui/screens/home.py)
ENCRYPTED = b'{"dtw"'  # how an encrypted entries file starts (core/vault.py HEADER_START)

# the lines, in the order they win (only one is ever shown)
CHECK_IN = "check in when you're ready (dtw checkin)"


class Quiet(Exception):
    """The nudge says nothing, and this is why (said by `--check`)."""

    def __init__(self, why: str, wrong: bool = True) -> None:
        super().__init__(why)
        self.why = why
        self.wrong = wrong  # a problem to fix (exit 1 with --check), or just nothing to say


# ---- where things live ----------------------------------------------------------------------
def locations(
    data_flag: str | None, config_flag: str | None, env: dict[str, str] | None = None
) -> tuple[str, str, str]:
    """(data, config, state) folders, by `core/paths.py` resolve_paths' rules."""
    env = dict(os.environ) if env is None else env

    def pick(flag: str | None, var: str, kind: str) -> str:
        if flag:
            return os.path.expanduser(flag)
        if env.get(var):
            return os.path.expanduser(env[var])
        return _platform_dir(kind, env)

    return (
        pick(data_flag, "DTW_DATA_DIR", "data"),
        pick(config_flag, "DTW_CONFIG_DIR", "config"),
        pick(None, "DTW_STATE_DIR", "state"),
    )


_XDG = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "state": ("XDG_STATE_HOME", ".local/state"),
}


def _platform_dir(kind: str, env: dict[str, str]) -> str:
    """platformdirs' user folder for dtw: on plain Linux worked out here by its rules (importing
    platformdirs costs more than Python's own start-up), anywhere else asked of platformdirs."""
    home = env.get("HOME", "")
    android = hasattr(sys, "getandroidapilevel") or (
        env.get("ANDROID_DATA") == "/data" and env.get("ANDROID_ROOT") == "/system"
    )
    if sys.platform == "linux" and not android and home.startswith("/"):
        var, below = _XDG[kind]
        base = env.get(var, "")
        return os.path.join(base if base.startswith("/") else os.path.join(home, below), APP_NAME)
    import platformdirs

    return str(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME))


# ---- days, without datetime ------------------------------------------------------------------
def civil_days(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a date (H. Hinnant's days_from_civil)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def civil_date(days: int) -> tuple[int, int, int]:
    """The date `days` after 1970-01-01 (civil_from_days)."""
    days += 719468
    era = days // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def _local_day(epoch: float) -> int:
    t = time.localtime(epoch)
    return civil_days(t.tm_year, t.tm_mon, t.tm_mday)


def local_day_of(at: object) -> int | None:
    """The local day (days since 1970) of an entry's `at`, as `entry.at.astimezone().date()`;
    None when it is no time at all. dtw writes "YYYY-MM-DDTHH:MM:SS[.ffffff]+HH:MM"; anything
    else (a hand edit, another tool) is read by datetime, as the store reads it."""
    if not isinstance(at, str):
        return None
    n = len(at)
    if (
        n >= 25
        and at[4] == at[7] == "-"
        and at[10] == "T"
        and at[13] == at[16] == ":"
        and at[n - 3] == ":"
        and at[n - 6] in "+-"
        and (n == 25 or (at[19] == "." and at[20 : n - 6].isdecimal()))
    ):
        parts = (at[0:4], at[5:7], at[8:10], at[11:13], at[14:16], at[17:19], at[n - 5 : n - 3], at[n - 2 :])
        if all(p.isdecimal() and p.isascii() for p in parts):
            y, mo, d, h, mi, sec, oh, om = map(int, parts)
            if 1 <= mo <= 12 and 1 <= d <= 31 and h < 24 and mi < 60 and sec < 60:
                offset = (oh * 3600 + om * 60) * (1 if at[n - 6] == "+" else -1)
                try:
                    return _local_day(civil_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset)
                except (OverflowError, OSError, ValueError):  # beyond what the system clock can say
                    return None
    try:
        from datetime import datetime

        day = datetime.fromisoformat(at).astimezone().date()
    except (ValueError, OverflowError, OSError):
        return None
    return civil_days(day.year, day.month, day.day)


def _month(days: int) -> str:
    year, month, _ = civil_date(days)
    return f"{year:04d}-{month:02d}"


def months_around(first_day: int, last_day: int) -> set[str]:
    """Every 'YYYY-MM' whose file can hold an entry on these local days (core/periods.py
    months_between: widened for entries saved in other zones)."""
    year, month, _ = civil_date(first_day - ZONE_MARGIN_DAYS)
    last = civil_date(last_day + ZONE_MARGIN_DAYS)[:2]
    months = set()
    while (year, month) <= last:
        months.add(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# ---- entries, read as the store reads them ----------------------------------------------------
class _Context:
    """What the C scanner of the json module asks of its decoder (json.decoder.JSONDecoder)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float
    memo: dict[str, str] = {}


def _scanner() -> Callable[[str, int], tuple[Any, int]]:
    try:
        from _json import make_scanner  # json's own C scanner, without the `re` that json imports

        return make_scanner(_Context())  # type: ignore[arg-type]
    except ImportError:  # another Python than CPython
        import json

        return json.JSONDecoder().raw_decode


def parse_records(data: bytes, only: tuple[bytes, ...] | None = None) -> Iterator[Record]:
    """Each line of an entries file that is a record dtw wrote (core/store.py `_record_entry`'s
    first checks); damaged lines are skipped (`dtw nudge --check` names them). With `only`, a
    line holding none of those bytes is not parsed."""
    scan = _scanner()
    for raw in data.split(b"\n") if only is None else _lines_holding(data, only):
        stripped = raw.strip()
        if not stripped:
            continue
        try:
            text = stripped.decode("utf-8")
            record, end = scan(text, 0)
        except Exception:  # noqa: BLE001 — a damaged line: StopIteration, JSONDecodeError, RecursionError...
            continue
        if end != len(text) or not isinstance(record, dict) or record.get("v") != 1:
            continue
        if all(isinstance(record.get(k), str) and record[k] for k in ("id", "saved_at", "device")):
            yield record


def _lines_holding(data: bytes, words: tuple[bytes, ...]) -> list[bytes]:
    """The lines of `data` that hold any of `words`, in order; found by searching the bytes,
    not by looking at each line (a year of files is then a few `find`s)."""
    starts = set()
    for word in words:
        at = data.find(word)
        while at != -1:
            starts.add(data.rfind(b"\n", 0, at) + 1)
            end = data.find(b"\n", at)
            at = -1 if end == -1 else data.find(word, end)
    lines = []
    for start in sorted(starts):
        end = data.find(b"\n", start)
        lines.append(data[start : len(data) if end == -1 else end])
    return lines


def is_entries_file(name: str) -> bool:
    """'YYYY-MM.<anything>.jsonl' (core/store.py ENTRY_FILE_NAME): a device's file or a sync copy."""
    return (
        len(name) > 14
        and name[:4].isdecimal()
        and name[4] == "-"
        and name[5:7].isdecimal()
        and name[7] == "."
        and name.endswith(".jsonl")
        and name.isascii()
    )


class Entries:
    """The newest revision of each entry in the month files read so far (tombstones included)."""

    def __init__(self, data_dir: str) -> None:
        if not os.path.isdir(data_dir):
            # nothing to fix: a new install (--check exits 0)
            raise Quiet(f"there is no data folder at {data_dir} yet (your first entry makes it)", wrong=False)
        self.folder = os.path.join(data_dir, "entries")
        for folder in (data_dir, self.folder):
            if os.path.islink(folder):
                raise Quiet(f"{folder} is a link, and dtw never follows links in its folders")
        try:
            self.names = sorted(
                e.name for e in os.scandir(self.folder) if e.is_file(follow_symlinks=False) and is_entries_file(e.name)
            )
        except FileNotFoundError:
            self.names = []
        except OSError as exc:
            raise Quiet(f"{self.folder} could not be read ({exc.strerror})") from None
        self.newest: dict[str, Record] = {}
        self.read: dict[str, bool] = {}  # file name -> read whole (True) or only some lines (False)

    def files(self, months: set[str]) -> list[str]:
        return [n for n in self.names if n[:7] in months]

    def need(self, months: set[str], only: tuple[bytes, ...] | None = None) -> None:
        for name in self.files(months):
            if self.read.get(name) or (only is not None and name in self.read):
                continue
            self.read[name] = only is None
            path = os.path.join(self.folder, name)
            try:
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            except OSError:
                continue  # gone since the listing, or a link: the store never reads one either
            try:
                chunks = []
                while chunk := os.read(fd, 1 << 20):
                    chunks.append(chunk)
                data = b"".join(chunks)
            finally:
                os.close(fd)
            if data.startswith(ENCRYPTED):
                raise Quiet("your entries are encrypted, and the nudge never asks for the passphrase", wrong=False)
            for record in parse_records(data, only):
                current = self.newest.get(record["id"])
                if current is None or (record["saved_at"], record["device"]) > (current["saved_at"], current["device"]):
                    self.newest[record["id"]] = record

    def live(self, kind: str) -> list[Record]:
        return [r for r in self.newest.values() if r.get("kind") == kind and not r.get("deleted")]


# ---- the plan, as core/config.py reads it (kept in the state folder between changes) ----------
class PlanFacts:
    """What the nudge needs of plan.toml: its hours, and the measures switched on."""

    def __init__(
        self,
        problem: str = "",
        start: str = "08:00",
        until: str = "21:00",
        off: bool = False,
        due: list[tuple[str, int, str]] | None = None,
    ) -> None:
        self.problem = problem  # plan.toml has a mistake: the nudge says nothing
        self.start = start
        self.until = until
        self.off = off
        self.due = due or []  # (measure id, every how many days, title)

    def lines(self) -> list[str]:
        rows = [f"problem\t{' '.join(self.problem.split())}"] if self.problem else []
        rows.append(f"hours\t{self.start}\t{self.until}\t{int(self.off)}")
        rows += [f"due\t{i}\t{every}\t{title}" for i, every, title in self.due]
        return rows

    @classmethod
    def from_lines(cls, rows: list[str]) -> PlanFacts:
        facts = cls()
        for row in rows:
            kind, *fields = row.split("\t")
            if kind == "problem":
                facts.problem = fields[0]
            elif kind == "hours":
                facts.start, facts.until, facts.off = fields[0], fields[1], fields[2] == "1"
            elif kind == "due":
                facts.due.append((fields[0], int(fields[1]), fields[2]))
        return facts

    def speaks_at(self, minute: int) -> bool:
        """Within the hours: from `start` up to (not at) `until`, across midnight when `until`
        comes first; the same time for both means all day."""
        start, until = _minutes(self.start), _minutes(self.until)
        if start == until:
            return True
        if start < until:
            return start <= minute < until
        return minute >= start or minute < until


def _minutes(clock: str) -> int:
    hours, _, minutes = clock.partition(":")
    return int(hours) * 60 + int(minutes)


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "none"
    return f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


def plan_facts(config_dir: str, state_dir: str) -> PlanFacts:
    """The plan's facts: from the state folder's copy while plan.toml is unchanged, else read
    afresh (core/config.py: slow, once after each change) and kept there."""
    from doingthework import __version__

    plan_path = os.path.join(config_dir, "plan.toml")
    cache = os.path.join(state_dir, CACHE_NAME)
    key = [f"{CACHE_FORMAT}\t{__version__}", f"{plan_path}\t{_stamp(plan_path)}"]
    try:
        fd = os.open(cache, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            rows = os.read(fd, 1 << 16).decode("utf-8").split("\n")
        finally:
            os.close(fd)
        if rows[:2] == key:
            return PlanFacts.from_lines([r for r in rows[2:] if r])
    except (OSError, UnicodeDecodeError, ValueError, IndexError):
        pass
    facts = read_plan(plan_path)
    if "\n" not in plan_path and "\t" not in plan_path and key[1] == f"{plan_path}\t{_stamp(plan_path)}":
        _keep(cache, "\n".join([*key, *facts.lines(), ""]).encode("utf-8"))
    return facts


def read_plan(plan_path: str) -> PlanFacts:
    """plan.toml's facts, read with core/config.py (every check the rest of dtw makes)."""
    from pathlib import Path

    from doingthework.core import config
    from doingthework.core.errors import DtwError
    from doingthework.core.measures import known
    from doingthework.core.sanitize import clean_line

    path = Path(plan_path)
    if not os.path.exists(path):
        return PlanFacts()  # no plan yet: the defaults (dtw writes plan.toml on first use, the nudge never)
    try:
        data = path.read_bytes()  # through a link too, as config.load reads it (a dotfiles repo)
        plan, _warnings = config.parse_plan(config.parse_toml(data, path), str(path), data)
    except DtwError as exc:
        return PlanFacts(problem=exc.message)
    except OSError as exc:
        return PlanFacts(problem=f"{path} could not be read: {exc.strerror}")
    titles = known(plan)
    due = [(i, every, clean_line(titles[i].title).replace("\t", " ")) for i, every in plan.due.items() if i in titles]
    return PlanFacts(start=plan.nudge.start, until=plan.nudge.until, off=plan.nudge.off, due=due)


def _keep(cache: str, data: bytes) -> None:
    """Keep the plan's facts in the state folder (0700, the file 0600); a folder that can't be
    written costs a slower nudge, never an error."""
    from pathlib import Path

    from doingthework.core.fsutil import ensure_private_dir, replace_durably

    try:
        ensure_private_dir(Path(cache).parent)
        replace_durably(Path(cache), data)
    except Exception:  # noqa: BLE001, S110 — a copy that can't be kept is only slower next time
        pass


# ---- the line --------------------------------------------------------------------------------
def measure_words(titles: list[str], ids: list[str]) -> str:
    """'PHQ-9 is due, whenever you're ready (dtw measure phq9)' (core/measures.py due_words)."""
    names = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    where = f"dtw measure {ids[0]}" if len(ids) == 1 else "dtw measure list"
    return f"{names} {'is' if len(titles) == 1 else 'are'} due, whenever you're ready ({where})"


def session_words(things: int) -> str:
    if not things:
        return "session tomorrow"
    return f"session tomorrow: {things} thing{'s' if things != 1 else ''} to bring"


def nudge_line(data_dir: str, config_dir: str, state_dir: str, now: float | None = None) -> str:
    """The one line for the prompt, or Quiet (why there is none). The first that applies wins:

    1. no check-in yet today: "check in when you're ready (dtw checkin)";
    2. a session tomorrow: "session tomorrow: 2 things to bring" (notes from the last 30 days
       not marked discussed, as Home counts them), or "session tomorrow";
    3. a measure the plan switched on is due: "PHQ-9 is due, whenever you're ready (dtw measure phq9)".

    Only within the plan's [nudge] hours (08:00 to 21:00 unless it says), never with `off`.
    """
    now = time.time() if now is None else now
    facts = plan_facts(config_dir, state_dir)
    if facts.problem:
        raise Quiet(f"plan.toml has a mistake: {facts.problem}")
    if facts.off:
        raise Quiet("the plan turns it off ([nudge] off = true)", wrong=False)
    clock = time.localtime(now)
    if not facts.speaks_at(clock.tm_hour * 60 + clock.tm_min):
        raise Quiet(f"it speaks only from {facts.start} until {facts.until} (the plan's [nudge])", wrong=False)
    today = civil_days(clock.tm_year, clock.tm_mon, clock.tm_mday)
    entries = Entries(data_dir)
    entries.need(months_around(today, today + 1))
    if not any(local_day_of(r.get("at")) == today for r in entries.live("checkin")):
        return CHECK_IN
    tomorrow = "{:04d}-{:02d}-{:02d}".format(*civil_date(today + 1))
    if any(r.get("date") == tomorrow for r in entries.live("session")):
        entries.need(months_around(today - OPEN_NOTES_DAYS + 1, today))
        first = today - OPEN_NOTES_DAYS + 1
        things = sum(
            1 for r in entries.live("note") if not r.get("discussed") and (local_day_of(r.get("at")) or 0) >= first
        )
        return session_words(things)
    if facts.due:
        # only when the plan switched a measure on: up to `every_days` back (a year at most)
        window = max(every for _, every, _ in facts.due)
        entries.need(months_around(today - window + 1, today), only=(b"measure", b"deleted", b"\\u"))
        last: dict[str, int] = {}
        for r in entries.live("measure"):
            day = local_day_of(r.get("at"))
            if day is not None and isinstance(r.get("measure"), str):
                last[r["measure"]] = max(day, last.get(r["measure"], day))
        due = [(i, title) for i, every, title in facts.due if i not in last or today - last[i] >= every]
        if due:
            return measure_words([t for _, t in due], [i for i, _ in due])
    raise Quiet("nothing to say right now: today's check-in is done", wrong=False)


# ---- shell snippets --------------------------------------------------------------------------
SNIPPETS = {
    "bash": """\
# >>> dtw nudge >>>  (one kind line before the prompt; delete these lines to stop it)
__dtw_nudge() { local s=$?; command -v dtw >/dev/null 2>&1 && dtw nudge 2>/dev/null; return $s; }
case $'\\n'"${PROMPT_COMMAND-}"$'\\n' in
  *__dtw_nudge*) ;;
  *) PROMPT_COMMAND="${PROMPT_COMMAND:+$PROMPT_COMMAND$'\\n'}__dtw_nudge" ;;
esac
# <<< dtw nudge <<<
""",
    "zsh": """\
# >>> dtw nudge >>>  (one kind line before the prompt; delete these lines to stop it)
__dtw_nudge() { (( $+commands[dtw] )) && dtw nudge 2>/dev/null; return 0 }
(( ${precmd_functions[(Ie)__dtw_nudge]} )) || precmd_functions+=(__dtw_nudge)
# <<< dtw nudge <<<
""",
    "fish": """\
# >>> dtw nudge >>>  (one kind line before the prompt; delete these lines to stop it)
function __dtw_nudge --on-event fish_prompt
    type -q dtw; and dtw nudge 2>/dev/null
end
# <<< dtw nudge <<<
""",
}
RC_FILES = {"bash": "~/.bashrc", "zsh": "~/.zshrc", "fish": "~/.config/fish/config.fish"}


def install_text(shell: str) -> str:
    """The lines to add to the shell's rc file (dtw never edits it itself)."""
    return f"# Add these lines to {RC_FILES[shell]}:\n" + SNIPPETS[shell]


# ---- --check ---------------------------------------------------------------------------------
def check_text(data_dir: str, config_dir: str, state_dir: str, now: float | None = None) -> tuple[str, int]:
    """What `dtw nudge --check` says, and its exit code: 1 if something keeps the nudge quiet
    that needs fixing, or a file it reads has lines that can't be read."""
    from pathlib import Path

    from doingthework.core.sanitize import clean_text

    said: list[str] = []
    wrong = False
    facts = read_plan(os.path.join(config_dir, "plan.toml"))
    if not facts.problem:
        hours = "never (off = true)" if facts.off else f"from {facts.start} until {facts.until}"
        said.append(f"plan.toml reads cleanly: the nudge speaks {hours}.")
    try:
        line = nudge_line(data_dir, config_dir, state_dir, now)
        said.append(f"Right now it says: {line}")
    except Quiet as quiet:
        wrong = quiet.wrong
        said.append(f"Right now it says nothing: {quiet.why}.")
    try:
        entries = Entries(data_dir)
        today = _local_day(time.time() if now is None else now)
        names = entries.files(months_around(today - OPEN_NOTES_DAYS + 1, today + 1))
        from doingthework.core.paths import resolve_paths
        from doingthework.core.store import Store

        store = Store(resolve_paths(data_dir, config_dir))
        for name in names:
            path = Path(entries.folder) / name
            if path.read_bytes().startswith(ENCRYPTED):
                continue
            damage = store.read_file(path).damage
            if damage:
                wrong = True
                said.append(
                    f"{path}: {len(damage)} line(s) can't be read, and the nudge skips them (`dtw doctor` explains)."
                )
    except Quiet:
        pass
    except Exception as exc:  # noqa: BLE001 — --check says what it met, never a traceback
        wrong = True
        said.append(f"the entries could not be checked ({type(exc).__name__}).")
    return "\n".join(clean_text(s) for s in said), int(wrong)


# ---- the way in ------------------------------------------------------------------------------
def serve(
    data_flag: str | None = None,
    config_flag: str | None = None,
    check: bool = False,
    install: str | None = None,
    now: float | None = None,
) -> int:
    """Print what `dtw nudge` prints; the exit code. Without --check: 0, whatever happens."""
    if install is not None:
        return _say(install_text(install).rstrip("\n"), 0)
    try:
        data_dir, config_dir, state_dir = locations(data_flag, config_flag)
        if check:
            text, code = check_text(data_dir, config_dir, state_dir, now)
            return _say(text, code)
        line = nudge_line(data_dir, config_dir, state_dir, now)
    except BaseException as exc:  # noqa: BLE001 — at the prompt: no line, never an error
        if check:
            return _say(f"the nudge could not check everything ({type(exc).__name__})", 1)
        return 0
    # one line, only printable characters: no colour, no control or bidi characters
    return _say("".join(c for c in line if c.isprintable()), 0, loud=False)


def _say(text: str, code: int, loud: bool = True) -> int:
    """Print `text`; `code`, or 1 if standard output can't take it. Only `--check` and
    `--install` say so, as cli/streams.py does for every command; at the prompt, silence."""
    data = (text + "\n").encode("utf-8", "replace")
    try:
        if sys.stdout is not None and sys.stdout is not sys.__stdout__:  # a test's own stdout
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
        else:  # straight to the descriptor: nothing left in a buffer for the exit to trip on
            while data:
                data = data[os.write(1, data) :]
    except OSError as exc:
        if not loud:
            return 0
        import errno

        from doingthework.core.messages import STDOUT_FAILED

        if exc.errno != errno.EPIPE:  # a reader that stopped reading on purpose: silence (cli/streams.py)
            reason = "it is closed" if exc.errno == errno.EBADF else (exc.strerror or "").lower()
            try:
                sys.stderr.write(STDOUT_FAILED.format(reason=reason) + "\n")
            except (OSError, ValueError, AttributeError):
                pass
        return 1
    return code


def fast_path(args: list[str]) -> int | None:
    """`dtw [--data-dir D] [--config-dir C] nudge [--check | --install SHELL]`: its exit code.
    None for anything else (`--help`, a mistake), which the Typer command line then serves."""
    flags: dict[str, str | None] = {"--data-dir": None, "--config-dir": None}
    at = 0
    while at < len(args) and args[at] != "nudge":
        name, eq, value = args[at].partition("=")
        if name not in flags:
            return None
        if eq:
            flags[name] = value
            at += 1
        elif at + 1 < len(args):
            flags[name] = args[at + 1]
            at += 2
        else:
            return None
    rest = args[at + 1 :]
    if at >= len(args):
        return None
    install = None
    if len(rest) == 2 and rest[0] == "--install":
        install = rest[1]
    elif len(rest) == 1 and rest[0].startswith("--install="):
        install = rest[0].partition("=")[2]
    elif rest not in ([], ["--check"]):
        return None
    if install is not None and install not in SHELLS:
        return None
    return serve(flags["--data-dir"], flags["--config-dir"], check=rest == ["--check"], install=install)
