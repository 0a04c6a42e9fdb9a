"""dtw on ten years of history: each figure next to its floor, measured in the same run.

On a generated ten-year history (benchmarks/generate.py: about 15,000 entries, written through the
store; cached between runs) this times, as fresh processes:

- `dtw export --since 14d --output -` (Markdown and `--format json`), `dtw log --since 7d` and
  `dtw stats --since 30d` (when this dtw has it), each next to the floor of startup.py: a minimal
  one-command Typer app. Goal: within 1.3x of the floor.
- The app's first paint: `dtw` (Home) on a pseudo-terminal, from spawn until the screen shows
  "Today", next to a minimal Typer command that starts a bare Textual app (a Static("hello")), until
  the screen shows "hello". Goal: within 1.25x. Also shown, without a goal: until Home's worker has
  filled in today's line from the history.
- jrnl (installed with pip into its own venv under the cache folder, never into dtw's) exporting the
  same two weeks of the same entries, written as a jrnl journal, as JSON (`jrnl -from DATE --format
  json`), next to `dtw export --since 14d`. Goal: dtw at least 5x faster. Timed twice (issue 19):
  with jrnl's stock configuration, as it writes it on first run (`timeformat: "%F %r"`, and the
  journal's dates written so: `[2026-11-12 09:05:00 AM]`), and with a strptime-friendly one
  (`timeformat: "%Y-%m-%d %H:%M"`, dates `[2026-11-12 09:05]`). Python's strptime knows no `%F`, so
  with the stock one jrnl falls back to dateutil's parser for every entry of the journal.
- `dtw export --since 14d` on ten years next to the same on one year. Goal: within 1.2x.
- Encryption at rest (issue 15, item 6; skipped with --skip-encryption). A copy of the ten-year
  history is encrypted once with the real `dtw encrypt` (the copy keeps the history's state folder,
  so its device id, and every entries file is this device's; the section is marked FAILED unless
  every entries file then starts with `{"dtw":"encrypted"`). Rows:
  - the key derivation alone (scrypt with the n `dtw encrypt` tuned for this machine, plus the
    unwrap): `crypto.unlock` timed inside a fresh process, `cryptography` imported before the
    clock starts; that import is shown beside it. No goal.
  - `dtw export --since 14d --output -` on the encrypted copy (the passphrase from
    DTW_PASSPHRASE_COMMAND, `echo` where there is one, so the command costs next to nothing)
    next to the plain one; goal: (encrypted - derivation) / plain within 1.3x.
  - `dtw help-now`, `dtw --help` and `dtw practice list` with encryption on against off; goal:
    within 1.1x ("pays nothing"). These run without DTW_PASSPHRASE_COMMAND and with stdin from
    /dev/null, so a passphrase prompt fails them (exit 1: FAILED); each is also run once with
    `-X importtime`, and importing `cryptography` is reported.
  In --smoke the section stays, on the two-year history with 2 runs (it adds a few seconds).

Every command runs in interleaved rounds (each once per round, after 3 warm-up rounds), so slow
moments of the machine are shared; each figure is a median. dtw only ever sees copies of the history
in a temporary folder, with a temporary HOME and XDG_* folders, never the real ones.

    python benchmarks/ten_years.py              # 15 runs each, a table
    python benchmarks/ten_years.py --runs 30    # more runs
    python benchmarks/ten_years.py --json       # the same, as JSON
    python benchmarks/ten_years.py --smoke      # one and two years, 2 runs, no jrnl (for CI)
    python benchmarks/ten_years.py --skip-encryption --skip-jrnl --skip-paint

This is a measurement, not a test: it always exits 0; whatever failed or is missing is marked.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import platform
import pty
import re
import select
import shlex
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # benchmarks/generate.py
from startup import (  # the same floor, environment and way of starting dtw as startup.py
    FLOOR_APP,
    clean_env,
    dtw_command,
    timed_run,
)

WARMUP_RUNS = 3
DEFAULT_RUNS = 15
SMOKE_RUNS = 2
CMD_GOAL = 1.3  # commands within 1.3x of the floor
PAINT_GOAL = 1.25  # first paint within 1.25x of a bare Textual app's
JRNL_GOAL = 5.0  # export --since 14d at least 5x faster than jrnl's
YEARS_GOAL = 1.2  # ten years cost at most 1.2x one year
ENCRYPTED_GOAL = 1.3  # an encrypted export, less the key derivation, within 1.3x of the plain one
PAYS_NOTHING_GOAL = 1.1  # commands that read no entries: encryption on within 1.1x of off
PASSPHRASE = "bench passphrase"
NO_ENTRIES_COMMANDS = (("help_now", ["help-now"]), ("help", ["--help"]), ("practice_list", ["practice", "list"]))
PAINT_TIMEOUT = 30.0
TERMINAL = (32, 100)  # rows, columns of the pseudo-terminal
TABLE_HEADER = f"{'what':<44} {'median ms':>10} {'floor ms':>10} {'ratio':>8}  goal"

FLOOR_PAINT_APP = '''\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "x") -> None:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("hello")

    Bare().run()


app()
'''

DERIVE_SCRIPT = '''\
"""One unlock of the key records given: seconds to import what it needs, and for the unlock itself."""
import json
import sys
import time

start = time.perf_counter()
import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401 -- what unlock imports, before the clock
import cryptography.hazmat.primitives.kdf.scrypt  # noqa: F401
from doingthework.core import crypto

imported = time.perf_counter()
records = [json.loads(open(path, encoding="utf-8").read()) for path in sys.argv[2:]]
crypto.forget_cached_keys()
begin = time.perf_counter()
crypto.unlock(records, sys.argv[1])
print(json.dumps({"import": imported - start, "derive": time.perf_counter() - begin}))
'''

JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""

# jrnl 4.6's own defaults (jrnl/config.py get_default_config), as it writes them on first run
JRNL_STOCK_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""
JRNL_ENTRY_DATE = re.compile(r"^\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\] ", re.MULTILINE)


@dataclass
class Bench:
    key: str
    label: str
    argv: list[str]
    env: dict[str, str]
    pty_marker: bytes | None = None  # time to this on a pseudo-terminal instead of to exit
    then: re.Pattern[bytes] | None = None  # and, after it, to this (recorded in `later`)
    self_timed: bool = False  # it prints {"derive": s, "import": s}: samples are "derive", `later` "import"
    samples: list[float] = field(default_factory=list)
    later: list[float] = field(default_factory=list)
    failure: str | None = None
    unavailable: str | None = None

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.samples) * 1000 if self.samples else None

    @property
    def later_ms(self) -> float | None:
        return statistics.median(self.later) * 1000 if self.later else None


@dataclass
class Goal:
    """`label`: `num` over `den` (or `den` over `num` when `faster` is set), against `goal`.
    With `minus`, that bench's median is taken off `num`'s first; with no `den`, `num` alone is shown."""

    label: str
    num: str
    den: str | None
    goal: float | None
    kind: str = "max"  # "max": ratio must be at most goal; "min": at least
    faster: bool = False  # the ratio is den/num ("how many times faster is num")
    minus: str | None = None


def run_to_exit(bench: Bench, cwd: Path) -> float | None:
    elapsed, bench.failure = timed_run(bench.argv, bench.env, cwd)
    return elapsed


def run_self_timed(bench: Bench, cwd: Path) -> tuple[float | None, float | None]:
    """Run a script that times itself; (its "derive", its "import") seconds, or None and a failure."""
    proc = subprocess.run(bench.argv, env=bench.env, cwd=cwd, capture_output=True, check=False,
                          stdin=subprocess.DEVNULL, timeout=120)
    try:
        found = json.loads(proc.stdout)
        return float(found["derive"]), float(found["import"])
    except (ValueError, KeyError, TypeError):
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
        bench.failure = f"exit {proc.returncode}: " + " | ".join(tail)
        return None, None


def run_to_paint(bench: Bench, cwd: Path) -> tuple[float | None, float | None]:
    """Spawn on a pseudo-terminal; seconds until the output holds the marker (and then `then`); kill."""
    assert bench.pty_marker is not None
    master, slave = pty.openpty()
    rows, cols = TERMINAL
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(bench.argv, stdin=slave, stdout=slave, stderr=slave, env=bench.env, cwd=cwd,
                            start_new_session=True)
    os.close(slave)
    seen = b""
    first = later = None
    try:
        while time.perf_counter() - start < PAINT_TIMEOUT:
            ready, _, _ = select.select([master], [], [], 0.02)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            now = time.perf_counter()
            if first is None and bench.pty_marker in seen:
                first = now - start
            if first is not None:
                if bench.then is None:
                    break
                if bench.then.search(seen):
                    later = now - start
                    break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: only the process this started
        proc.wait(timeout=20)
        os.close(master)
    if first is None:
        code = proc.returncode
        bench.failure = (f"no {bench.pty_marker.decode()!r} on screen within {PAINT_TIMEOUT:.0f} s"
                         + (f" (exit {code})" if code not in (None, -signal.SIGKILL) else ""))
    elif bench.then is not None and later is None:
        bench.failure = f"{bench.then.pattern.decode()!r} never showed within {PAINT_TIMEOUT:.0f} s"
    return first, later


# ---- the history -------------------------------------------------------------------------------------
def generator_version() -> str:
    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:10]


def history(cache: Path | None, work: Path, years: int, end: date) -> tuple[Path, int]:
    """A root (data/, config/, state/, journal.txt) holding `years` of history, copied into `work`."""
    name = f"history-{years}y-{end.isoformat()}-{generator_version()}"
    target = work / f"{years}y"
    if cache is not None:
        cached = cache / name
        if not (cached / "done").exists():
            for stale in cache.glob(f"history-{years}y-*"):  # other days' or generators' histories
                shutil.rmtree(stale, ignore_errors=True)
            build = cache / f"{name}.building-{os.getpid()}"
            shutil.rmtree(build, ignore_errors=True)
            build.mkdir(parents=True)
            count = generate.write_store(build, years, end, jrnl=build / "journal.txt")
            (build / "done").write_text(f"{count}\n")
            build.rename(cached)
        shutil.copytree(cached, target)  # dtw works on a copy: the cached history never changes
    else:
        target.mkdir(parents=True)
        count = generate.write_store(target, years, end, jrnl=target / "journal.txt")
        (target / "done").write_text(f"{count}\n")
    return target, int((target / "done").read_text())


def env_for(root: Path, home: Path) -> dict[str, str]:
    env = clean_env(home)  # HOME and XDG_* inside `home`
    env.update(DTW_DATA_DIR=str(root / "data"), DTW_CONFIG_DIR=str(root / "config"),
               DTW_STATE_DIR=str(root / "state"))
    return env


def pty_env(env: dict[str, str]) -> dict[str, str]:
    out = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL")}
    out["TERM"] = "xterm-256color"
    return out


def has_stats(py: str, env: dict[str, str], cwd: Path) -> bool:
    proc = subprocess.run([py, "-m", "doingthework", "stats", "--help"], env=env, cwd=cwd, capture_output=True, check=False,
                          stdin=subprocess.DEVNULL)
    return proc.returncode == 0


# ---- jrnl ----------------------------------------------------------------------------------------------
def jrnl_executable(cache: Path, env: dict[str, str]) -> tuple[Path | None, str | None]:
    """jrnl from its own venv under the cache folder (made with pip on first use); or why not."""
    venv = cache / "jrnl-venv"
    exe = venv / "bin" / "jrnl"
    installed = venv / "installed"  # written only once pip has finished
    if installed.exists() and exe.exists():
        return exe, None
    shutil.rmtree(venv, ignore_errors=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
        proc = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-cache-dir",
                               "--disable-pip-version-check", "jrnl"], env=env, capture_output=True, check=False, timeout=600)
    except (subprocess.SubprocessError, OSError) as exc:
        return None, f"could not make a venv for jrnl: {type(exc).__name__}"
    if proc.returncode != 0 or not exe.exists():
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        return None, f"pip install jrnl failed: {tail[0]}"
    installed.write_text("jrnl\n")
    return exe, None


def stock_journal(source: Path, target: Path) -> None:
    """The journal generate.py wrote, with each entry's date as jrnl writes it with its stock
    timeformat ("%F %r": `[2026-11-12 09:05:00 AM]`); everything else byte for byte."""
    def restamp(match: re.Match[str]) -> str:
        return "[" + datetime.strptime(match[1], "%Y-%m-%d %H:%M").strftime("%F %r") + "] "

    target.write_text(JRNL_ENTRY_DATE.sub(restamp, source.read_text(encoding="utf-8")), encoding="utf-8")


def jrnl_version(exe: Path) -> str:
    proc = subprocess.run([str(exe), "--version"], capture_output=True, check=False, stdin=subprocess.DEVNULL)
    return proc.stdout.decode(errors="replace").strip().splitlines()[0] if proc.stdout else "?"


def count_exported(argv: list[str], env: dict[str, str], cwd: Path, jrnl: bool) -> int | None:
    """How many entries one export printed (to check both tools export the same two weeks)."""
    proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False, stdin=subprocess.DEVNULL)
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        return None
    if jrnl:
        return len(data.get("entries", []))
    entries = data.get("entries")
    return len(entries) if isinstance(entries, list) else None


# ---- encryption ----------------------------------------------------------------------------------------
def passphrase_command() -> str:
    """DTW_PASSPHRASE_COMMAND's value: `echo` when there is one (next to nothing to start), else Python."""
    echo = shutil.which("echo")
    if echo:
        return f"{shlex.quote(echo)} {shlex.quote(PASSPHRASE)}"
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(f'print({PASSPHRASE!r})')}"


def encrypted_copy(plain: Path, work: Path) -> tuple[Path, dict[str, object]]:
    """A copy of the history at `plain` (its state folder, so its device id, included), encrypted once
    by the real `dtw encrypt`; and what was seen: the key record's n, how long encrypting took, and a
    problem if any entries file is not encrypted afterwards."""
    root = work / f"{plain.name}-encrypted"
    shutil.copytree(plain, root, ignore=shutil.ignore_patterns("journal.txt"))
    env = env_for(root, work / "home-encrypt")
    env["DTW_PASSPHRASE_COMMAND"] = f"{shlex.quote(sys.executable)} -c {shlex.quote(f'print({PASSPHRASE!r})')}"
    info: dict[str, object] = {"problem": None}
    start = time.perf_counter()
    proc = subprocess.run([*dtw_command(), "encrypt"], env=env, cwd=work, capture_output=True, check=False,
                          stdin=subprocess.DEVNULL, timeout=600)
    info["encrypt_seconds"] = round(time.perf_counter() - start, 2)
    if proc.returncode != 0:
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
        info["problem"] = f"dtw encrypt: exit {proc.returncode}: " + " | ".join(tail)
        return root, info
    keys = sorted((root / "data" / "keys").glob("*.json"))
    info["key_records"] = [str(k) for k in keys]
    try:
        info["scrypt_n"] = json.loads(keys[0].read_text(encoding="utf-8"))["kdf"]["n"]
    except (IndexError, OSError, ValueError, KeyError, TypeError):
        info["problem"] = "no readable key record in data/keys after `dtw encrypt`"
        return root, info
    files = [p for p in (root / "data" / "entries").rglob("*.jsonl") if p.is_file()]
    plain_left = [p.name for p in files if not p.read_bytes().startswith(b'{"dtw":"encrypted"')]
    info["entries_files"] = len(files)
    if not files:
        info["problem"] = "no entries files in the encrypted copy"
    elif plain_left:
        info["problem"] = (f"{len(plain_left)} of {len(files)} entries files not encrypted "
                           f"(e.g. {plain_left[0]}): not this device's?")
    return root, info


def imports_cryptography(argv: list[str], env: dict[str, str], cwd: Path) -> bool | None:
    """Does this dtw command import `cryptography` (run once with -X importtime)? None if it failed."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "doingthework", *argv], env=env, cwd=cwd,
                          capture_output=True, check=False, stdin=subprocess.DEVNULL, timeout=120)
    if proc.returncode != 0:
        return None
    return any(line.rsplit("|", 1)[-1].strip().split(".")[0] == "cryptography"
               for line in proc.stderr.decode(errors="replace").splitlines() if line.startswith("import time:"))


# ---- measuring -----------------------------------------------------------------------------------------
def measure(args: argparse.Namespace) -> tuple[list[Bench], list[Goal], dict[str, object]]:
    py = sys.executable
    runs, warmup = (SMOKE_RUNS, 0) if args.smoke else (args.runs, WARMUP_RUNS)
    big_years, small_years = (2, 1) if args.smoke else (args.years, 1)
    cache = None if (args.smoke or args.no_cache) else args.cache_dir
    end = date.today()
    meta: dict[str, object] = {
        "python": py, "python_version": platform.python_version(),
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}", "cpus": os.cpu_count(),
        "runs": runs, "warmup": warmup, "smoke": args.smoke, "years": big_years, "terminal": f"{TERMINAL[1]}x{TERMINAL[0]}",
        "date": end.isoformat(),
    }
    with tempfile.TemporaryDirectory(prefix="dtw-ten-years-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        big, big_count = history(cache, work, big_years, end)
        small, small_count = history(cache, work, small_years, end)
        meta.update(entries=big_count, entries_one_year=small_count,
                    history_seconds=round(time.perf_counter() - started, 2), cache=str(cache) if cache else None)
        env = env_for(big, work / "home")
        env_small = env_for(small, work / "home-small")
        env_empty = env_for(work / "empty", work / "home-empty")
        (work / "floor.py").write_text(FLOOR_APP, encoding="utf-8")
        (work / "floor_paint.py").write_text(FLOOR_PAINT_APP, encoding="utf-8")
        dtw = dtw_command()
        y = f"{big_years}y"
        benches = [
            Bench("floor", "floor --name x (one-command Typer app)", [py, str(work / "floor.py"), "--name", "x"], env),
            Bench("export", f"dtw export --since 14d --output -  [{y}]", [*dtw, "export", "--since", "14d", "--output", "-"], env),
            Bench("export_json", f"dtw export --since 14d --format json  [{y}]",
                  [*dtw, "export", "--since", "14d", "--format", "json", "--output", "-"], env),
            Bench("log", f"dtw log --since 7d  [{y}]", [*dtw, "log", "--since", "7d"], env),
            Bench("stats", f"dtw stats --since 30d  [{y}]", [*dtw, "stats", "--since", "30d"], env),
            Bench("export_1y", f"dtw export --since 14d --output -  [{small_years}y]",
                  [*dtw, "export", "--since", "14d", "--output", "-"], env_small),
        ]
        by_key = {b.key: b for b in benches}
        if not has_stats(py, env, work):
            by_key["stats"].unavailable = "not available (this dtw has no `stats` command)"
        if args.skip_paint:
            meta["paint"] = "skipped (--skip-paint)"
        else:
            benches += [
                Bench("paint_floor", "floor: bare Textual app to first paint", [py, str(work / "floor_paint.py")],
                      pty_env(env), pty_marker=b"hello"),
                Bench("paint", f"dtw (Home) to first paint  [{y}]", dtw, pty_env(env), pty_marker=b"Today",
                      then=re.compile(rb"checked in today|No check-in yet today")),
                Bench("paint_empty", "dtw (Home) to first paint  [no history]", dtw, pty_env(env_empty),
                      pty_marker=b"Today", then=re.compile(rb"checked in today|No check-in yet today")),
            ]
        window_start = (end - timedelta(days=13)).isoformat()  # --since 14d: today and the 13 days before
        if args.smoke or args.skip_jrnl:
            meta["jrnl"] = "skipped (" + ("--smoke" if args.smoke else "--skip-jrnl") + ")"
        else:
            exe, why = jrnl_executable(args.cache_dir, env)
            if exe is None:
                meta["jrnl"] = why
            else:
                meta["jrnl"] = jrnl_version(exe)
                config = work / "jrnl.yaml"
                config.write_text(JRNL_CONFIG.format(journal=big / "journal.txt"), encoding="utf-8")
                stock_journal(big / "journal.txt", work / "journal-stock.txt")
                stock_config = work / "jrnl-stock.yaml"
                stock_config.write_text(JRNL_STOCK_CONFIG.format(journal=work / "journal-stock.txt"), encoding="utf-8")
                jrnl_argv = [str(exe), "--config-file", str(config), "-from", window_start, "--format", "json"]
                stock_argv = [str(exe), "--config-file", str(stock_config), "-from", window_start, "--format", "json"]
                benches.append(Bench("jrnl_stock", f"jrnl -from {window_start} --format json  [{y}, stock]",
                                     stock_argv, env))
                benches.append(Bench("jrnl", f"jrnl -from {window_start} --format json  [{y}, strptime]",
                                     jrnl_argv, env))
                benches.append(Bench("jrnl_version", "jrnl --version (its start-up, no journal read)",
                                     [str(exe), "--version"], env))
                for argv in (stock_argv, jrnl_argv):  # settles its config
                    subprocess.run(argv, env=env, cwd=work, capture_output=True, check=False, stdin=subprocess.DEVNULL)
                meta["jrnl_entries_exported"] = count_exported(jrnl_argv, env, work, jrnl=True)
                meta["jrnl_stock_entries_exported"] = count_exported(stock_argv, env, work, jrnl=True)
        meta["dtw_entries_exported"] = count_exported(by_key["export_json"].argv, env, work, jrnl=False)
        if args.skip_encryption:
            meta["encryption"] = "skipped (--skip-encryption)"
        else:
            benches += encryption_benches(big, work, env, y, meta)

        for round_no in range(warmup + runs):
            for bench in benches:
                if bench.failure or bench.unavailable:
                    continue
                if bench.self_timed:
                    derive, imported = run_self_timed(bench, work)
                    if round_no >= warmup and derive is not None and imported is not None:
                        bench.samples.append(derive)
                        bench.later.append(imported)
                elif bench.pty_marker is not None:
                    first, later = run_to_paint(bench, work)
                    if round_no >= warmup and first is not None:
                        bench.samples.append(first)
                        if later is not None:
                            bench.later.append(later)
                else:
                    elapsed = run_to_exit(bench, work)
                    if round_no >= warmup and elapsed is not None:
                        bench.samples.append(elapsed)
        homes = ("home", "home-small", "home-empty", "home-encrypted", "home-encrypt")
        leaked = sorted(str(p.relative_to(work)) for h in homes if (work / h).exists() for p in (work / h).rglob("*")
                        if p.is_file() and ".config/jrnl" not in str(p) and ".local/share/jrnl" not in str(p)
                        and p.relative_to(work / h).parts[0] != "pycache")  # the benchmark's own bytecode cache
        meta["files_in_temp_home"] = leaked
    goals = [
        Goal(by_key["export"].label, "export", "floor", CMD_GOAL),
        Goal(by_key["export_json"].label, "export_json", "floor", CMD_GOAL),
        Goal(by_key["log"].label, "log", "floor", CMD_GOAL),
        Goal(by_key["stats"].label, "stats", "floor", CMD_GOAL),
        Goal(f"dtw (Home) to first paint  [{y}]", "paint", "paint_floor", PAINT_GOAL),
        Goal("export 14d: jrnl, stock config / dtw", "export", "jrnl_stock", JRNL_GOAL, kind="min", faster=True),
        Goal("export 14d: jrnl, strptime timeformat / dtw", "export", "jrnl", JRNL_GOAL, kind="min", faster=True),
        Goal("export 14d, JSON: jrnl, stock config / dtw", "export_json", "jrnl_stock", None, faster=True),
        Goal("export 14d, JSON: jrnl, strptime / dtw", "export_json", "jrnl", None, faster=True),
        Goal(f"export --since 14d: {y} / {small_years}y", "export", "export_1y", YEARS_GOAL),
        Goal(f"Home to first paint: {y} / no history", "paint", "paint_empty", None),
    ]
    if not args.skip_encryption:
        n = meta.get("scrypt_n")
        goals += [
            Goal(f"key derivation (scrypt n={n if n else '?'}, in-process)", "derive", None, None),
            Goal("import cryptography (in-process, once)", "derive", None, None, minus="derive_import"),
            Goal(f"export --since 14d: encrypted / plain  [{y}]", "export_enc", "export", None),
            Goal("  (encrypted - derivation) / plain", "export_enc", "export", ENCRYPTED_GOAL, minus="derive"),
        ]
        goals += [Goal(f"{by_key_label(benches, key)}: on / off (pays nothing)", f"{key}_enc", key, PAYS_NOTHING_GOAL)
                  for key, _ in NO_ENTRIES_COMMANDS]
    return benches, goals, meta


def by_key_label(benches: list[Bench], key: str) -> str:
    return next((b.label.split("  [")[0] for b in benches if b.key == key), key)


def encryption_benches(plain: Path, work: Path, env: dict[str, str], y: str, meta: dict[str, object]) -> list[Bench]:
    """The encrypted copy, made once, and the benches that time it (see the module's docstring)."""
    root, info = encrypted_copy(plain, work)
    meta.update(encryption_problem=info["problem"], encrypt_seconds=info.get("encrypt_seconds"),
                scrypt_n=info.get("scrypt_n"), encrypted_files=info.get("entries_files"))
    env_enc = env_for(root, work / "home-encrypted")  # no DTW_PASSPHRASE_COMMAND: a prompt would fail
    env_unlocked = {**env_enc, "DTW_PASSPHRASE_COMMAND": passphrase_command()}
    meta["passphrase_command"] = env_unlocked["DTW_PASSPHRASE_COMMAND"].replace(PASSPHRASE, "…").replace("'…'", "…")
    (work / "derive.py").write_text(DERIVE_SCRIPT, encoding="utf-8")
    dtw = dtw_command()
    benches = [
        Bench("derive", "key derivation: crypto.unlock in a fresh process",
              [sys.executable, str(work / "derive.py"), PASSPHRASE, *map(str, info.get("key_records", []))],
              env_unlocked, self_timed=True),
        Bench("export_enc", f"dtw export --since 14d --output -  [{y}, encrypted]",
              [*dtw, "export", "--since", "14d", "--output", "-"], env_unlocked),
    ]
    for key, argv in NO_ENTRIES_COMMANDS:
        label = "dtw " + " ".join(argv)
        benches += [Bench(key, f"{label}  [encryption off]", [*dtw, *argv], env),
                    Bench(f"{key}_enc", f"{label}  [encryption on]", [*dtw, *argv], env_enc)]
    if info["problem"]:
        for bench in benches:
            if bench.key.endswith("_enc") or bench.key == "derive":
                bench.failure = str(info["problem"])
    else:
        meta["cryptography_imported_by"] = [" ".join(argv) for key, argv in NO_ENTRIES_COMMANDS
                                            if imports_cryptography(argv, env_enc, work) is not False]
        meta["encrypted_entries_exported"] = count_exported(
            [*dtw, "export", "--since", "14d", "--format", "json", "--output", "-"], env_unlocked, work, jrnl=False)
    return benches


def evaluate(goal: Goal, by_key: dict[str, Bench]) -> dict[str, object]:
    row: dict[str, object] = {"what": goal.label, "numerator": goal.num, "denominator": goal.den,
                              "minus": goal.minus, "goal": goal.goal, "goal_kind": goal.kind, "median_ms": None,
                              "floor_ms": None, "ratio": None, "within_goal": None, "problem": None}
    if goal.minus == "derive_import":  # the import time the derivation bench records beside it
        bench = by_key.get(goal.num)
        row["median_ms"] = None if bench is None or bench.later_ms is None else round(bench.later_ms, 2)
        return row
    keys = [k for k in (goal.num, goal.den, goal.minus) if k is not None]
    if any(k not in by_key for k in keys):
        row["problem"] = "not measured"
        return row
    for b in (by_key[k] for k in keys):
        if b.unavailable or b.failure:
            row["problem"] = f"{b.label}: {b.unavailable or 'FAILED ' + str(b.failure)}"
    a = by_key[goal.num].median_ms
    if a is not None and goal.minus is not None:
        less = by_key[goal.minus].median_ms
        a = None if less is None else a - less
    b = None if goal.den is None else by_key[goal.den].median_ms
    row["median_ms"] = None if a is None else round(a, 2)
    row["floor_ms"] = None if b is None else round(b, 2)
    if a and b:
        ratio = b / a if goal.faster else a / b
        row["ratio"] = round(ratio, 3)
        if goal.goal is not None:
            row["within_goal"] = ratio <= goal.goal if goal.kind == "max" else ratio >= goal.goal
    return row


def as_json(benches: list[Bench], goals: list[Goal], meta: dict[str, object]) -> dict[str, object]:
    by_key = {b.key: b for b in benches}
    return {
        "meta": meta,
        "goals": [evaluate(g, by_key) for g in goals],
        "benches": [
            {"key": b.key, "command": b.label,
             "median_ms": None if b.median_ms is None else round(b.median_ms, 2),
             "min_ms": round(min(b.samples) * 1000, 2) if b.samples else None,
             "max_ms": round(max(b.samples) * 1000, 2) if b.samples else None,
             "later_median_ms": None if b.later_ms is None else round(b.later_ms, 2),
             "samples": len(b.samples), "failure": b.failure, "unavailable": b.unavailable}
            for b in benches
        ],
    }


def fmt(value: object, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def as_table(benches: list[Bench], goals: list[Goal], meta: dict[str, object]) -> str:
    by_key = {b.key: b for b in benches}
    lines = [
        (f"dtw on {meta['years']} years of history ({meta['entries']:,} entries; {meta['entries_one_year']:,} in one year), "
         f"Python {meta['python_version']} on {meta['machine']}, {meta['cpus']} CPUs"),
        f"median of {meta['runs']} runs after {meta['warmup']} warm-up round(s); the floor of each row measured in the same rounds",
        "",
        TABLE_HEADER,
        f"{'-' * 44} {'-' * 10} {'-' * 10} {'-' * 8}  {'-' * 12}",
    ]
    for goal in goals:
        row = evaluate(goal, by_key)
        if goal.den is None:
            mark = ""
        elif goal.goal is None:
            mark = "(no goal)"
        else:
            sign = "<=" if goal.kind == "max" else ">="
            verdict = "-" if row["within_goal"] is None else "ok" if row["within_goal"] else "OVER" if goal.kind == "max" else "SHORT"
            mark = f"{sign}{goal.goal:g}x {verdict}"
            if goal.goal == PAYS_NOTHING_GOAL and goal.num.endswith("_enc"):
                mark += " (pays nothing)" if row["within_goal"] else ""
        if row["problem"] and row["median_ms"] is None:
            lines.append(f"{goal.label:<44} {'':>10} {'':>10} {'':>8}  {row['problem']}")
            continue
        ratio = f"{fmt(row['ratio'], '7.2f')}x" if row["ratio"] is not None else f"{'':>8}"
        lines.append(f"{goal.label:<44} {fmt(row['median_ms'], '10.1f')} {fmt(row['floor_ms'], '10.1f') if goal.den else '':>10} "
                     f"{ratio}  {mark}".rstrip())
    lines += ["", "(for the jrnl rows, 'median ms' is dtw's and 'floor ms' is jrnl's; the ratio is how many times faster dtw is;",
              " 'stock config' is jrnl's first-run timeformat \"%F %r\", 'strptime' is \"%Y-%m-%d %H:%M\")"]
    lines += ["", "every command measured:"]
    for b in benches:
        extra = ""
        if b.later_ms is not None and b.self_timed:
            extra = f"   (timed inside it; its imports before that: {b.later_ms:.1f} ms)"
        elif b.later_ms is not None:
            extra = f"   (Home's today line filled in from the history: {b.later_ms:.1f} ms)"
        state = b.unavailable or (f"FAILED {b.failure}" if b.failure else "")
        lines.append(f"  {b.label:<52} {fmt(b.median_ms, '9.1f')} ms{extra}" + (f"  {state}" if state else ""))
    lines.append("")
    lines.append(f"entries in the 14-day export: dtw {fmt(meta.get('dtw_entries_exported'), 'd')}, "
                 f"jrnl {fmt(meta.get('jrnl_stock_entries_exported'), 'd')} (stock config), "
                 f"{fmt(meta.get('jrnl_entries_exported'), 'd')} (strptime timeformat); jrnl: {meta.get('jrnl')}")
    if meta.get("paint"):
        lines.append(f"first paint: {meta['paint']}")
    if meta.get("encryption"):
        lines.append(f"encryption: {meta['encryption']}")
    elif meta.get("encryption_problem"):
        lines.append(f"encryption: FAILED {meta['encryption_problem']}")
    else:
        crypto_by = meta.get("cryptography_imported_by")
        lines.append(f"encryption: the copy encrypted by `dtw encrypt` in {meta.get('encrypt_seconds')} s, "
                     f"{meta.get('encrypted_files')} entries files, all encrypted; scrypt n={meta.get('scrypt_n')}; "
                     f"{fmt(meta.get('encrypted_entries_exported'), 'd')} entries in its 14-day export; "
                     f"passphrase from `{meta.get('passphrase_command')}`")
        lines.append("  help-now, --help, practice list with encryption on: "
                     + (f"IMPORTED cryptography (or failed): {', '.join(crypto_by)}" if crypto_by  # type: ignore[arg-type]
                        else "never imported cryptography, never asked (stdin /dev/null, no passphrase command)"))
    lines.append(f"history: made or reused in {meta['history_seconds']} s (cache: {meta['cache'] or 'none'}); "
                 f"terminal {meta['terminal']}")
    if meta.get("files_in_temp_home"):
        lines.append("note: files appeared in the temporary HOME: " + ", ".join(meta["files_in_temp_home"]))  # type: ignore[arg-type]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="dtw on ten years of history, next to its floors and jrnl.")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, metavar="N", help=f"timed runs each (default {DEFAULT_RUNS})")
    parser.add_argument("--years", type=int, default=10, help="years of history (default 10)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--smoke", action="store_true",
                        help=f"one and two years of history, {SMOKE_RUNS} runs, no warm-up, no jrnl (for CI)")
    parser.add_argument("--skip-jrnl", action="store_true", help="don't install or time jrnl")
    parser.add_argument("--skip-paint", action="store_true", help="don't time the app's first paint")
    parser.add_argument("--skip-encryption", action="store_true", help="don't time the encrypted history")
    parser.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "dtw-bench-cache",
                        help="where the generated history and jrnl's venv are kept between runs (default: %(default)s)")
    parser.add_argument("--no-cache", action="store_true", help="generate the history afresh in the temporary folder")
    parser.add_argument("--save", type=Path, metavar="FILE", help="also write the results as JSON to FILE")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped: still remove the temporary folder
    if args.runs < 1 or args.years < 2:
        parser.error("--runs must be 1 or more and --years 2 or more")
    try:
        if not args.smoke:
            args.cache_dir.mkdir(parents=True, exist_ok=True)
        benches, goals, meta = measure(args)
    except Exception as exc:  # noqa: BLE001 — a measurement reports, it does not fail the build
        print(f"ten-year benchmark could not run: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 0
    if args.save:
        args.save.write_text(json.dumps(as_json(benches, goals, meta), indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(as_json(benches, goals, meta), indent=2))
    else:
        print(as_table(benches, goals, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
