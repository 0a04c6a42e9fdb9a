"""How long `dtw` takes to start, next to the cheapest possible Typer app on the same machine.

Every command runs as a fresh process: the installed `dtw` script beside ``sys.executable`` (what a
person runs; ``python -m doingthework`` when it isn't installed as a script), and the "floor" (a
one-command Typer app written to a temporary file) as ``[sys.executable, floor.py, ...]``, so both
pay the same interpreter start. Each figure is the median wall time over N runs, taken
after 3 warm-up runs; commands are run in interleaved rounds so drift on the machine hits them all alike.

dtw only ever sees a temporary data, config and state folder (and a temporary HOME and XDG_*),
never the real ones.

    python benchmarks/startup.py              # 20 runs each, a table
    python benchmarks/startup.py --runs 50    # more runs
    python benchmarks/startup.py --json       # the same, as JSON
    python benchmarks/startup.py --smoke      # each command twice, for CI

This is a measurement, not a test: it always exits 0. A command that fails is marked in the output.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

WARMUP_RUNS = 3
DEFAULT_RUNS = 20
SMOKE_RUNS = 2
GOAL_RATIO = 1.3  # from the issue: `dtw --help` and `dtw note` within 1.3x of the floor

FLOOR_APP = '''\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "x") -> None:
    print(name)


app()
'''


@dataclass
class Bench:
    key: str
    label: str
    argv: list[str]
    floor: str | None = None  # key of the floor bench it is compared with
    goal: bool = False  # is it one of the commands the 1.3x goal is about
    samples: list[float] = field(default_factory=list)
    failure: str | None = None

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.samples) * 1000 if self.samples else None


def dtw_command() -> list[str]:
    """How a person starts dtw: the console script pip installed beside this Python, if there is one."""
    script = Path(sys.executable).with_name("dtw")
    return [str(script)] if script.exists() else [sys.executable, "-m", "doingthework"]


def clean_env(root: Path) -> dict[str, str]:
    """The parent's environment, with every place dtw could read or write pointed inside `root`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DTW_")}
    for var in ("PYTHONPROFILEIMPORTTIME", "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONBREAKPOINT",
                "PYTHONDONTWRITEBYTECODE"):
        env.pop(var, None)
    # Bytecode is cached, as for any installed program (pip compiles it at install time), but
    # in `root`, never beside the sources: the warm-up runs write it, the timed runs read it.
    # Without this, a shell with PYTHONDONTWRITEBYTECODE set recompiles dtw's modules on every
    # run (about 30 ms) while the floor's libraries come with their bytecode.
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    dirs = {
        "DTW_DATA_DIR": root / "data",
        "DTW_CONFIG_DIR": root / "config",
        "DTW_STATE_DIR": root / "state",
        "HOME": root / "home",
        "XDG_DATA_HOME": root / "home" / ".local" / "share",
        "XDG_CONFIG_HOME": root / "home" / ".config",
        "XDG_STATE_HOME": root / "home" / ".local" / "state",
        "XDG_CACHE_HOME": root / "home" / ".cache",
    }
    for var, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    env["COLUMNS"] = "80"  # the same help layout whatever terminal runs this
    return env


def timed_run(argv: list[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> tuple[float | None, str | None]:
    """Seconds one run took to exit, or None and why it failed (the last lines of its stderr)."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False, stdin=subprocess.DEVNULL,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:.0f} s"
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
        return None, f"exit {proc.returncode}: " + " | ".join(tail)
    return elapsed, None


def run_once(bench: Bench, env: dict[str, str], cwd: Path) -> float | None:
    elapsed, bench.failure = timed_run(bench.argv, env, cwd)
    return elapsed


def measure(runs: int, warmup: int) -> tuple[list[Bench], dict[str, object]]:
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="dtw-bench-") as tmp:
        root = Path(tmp)
        env = clean_env(root)
        floor = root / "floor.py"
        floor.write_text(FLOOR_APP, encoding="utf-8")
        dtw = dtw_command()
        benches = [
            Bench("python", "python -c pass", [py, "-c", "pass"]),
            Bench("floor_help", "floor --help", [py, str(floor), "--help"]),
            Bench("floor_run", "floor --name x", [py, str(floor), "--name", "x"]),
            Bench("help", "dtw --help", [*dtw, "--help"], floor="floor_help", goal=True),
            # note before log, so that log has the notes written so far to read
            Bench("note", 'dtw note "benchmark note"', [*dtw, "note", "benchmark note"], floor="floor_run", goal=True),
            Bench("log", "dtw log --since 7d", [*dtw, "log", "--since", "7d"], floor="floor_run"),
        ]
        # Interleaved rounds: every command once per round, so slow moments of the machine are shared.
        for round_no in range(warmup + runs):
            for bench in benches:
                if bench.failure:
                    continue
                elapsed = run_once(bench, env, root)
                if elapsed is not None and round_no >= warmup:
                    bench.samples.append(elapsed)
        notes_written = sum(
            line.count('"kind": "note"') + line.count('"kind":"note"')
            for f in (root / "data").rglob("*.jsonl")
            for line in f.read_text(encoding="utf-8").splitlines()
        )
        leaked = sorted(str(p.relative_to(root)) for p in (root / "home").rglob("*") if p.is_file())
    meta = {
        "python": sys.executable,
        "python_version": platform.python_version(),
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}",
        "runs": runs,
        "warmup": warmup,
        "notes_written": notes_written,
        "files_in_temp_home": leaked,  # dtw should write nothing outside its DTW_* folders
    }
    return benches, meta


def ratio(bench: Bench, by_key: dict[str, Bench]) -> float | None:
    if not bench.floor:
        return None
    base = by_key[bench.floor].median_ms
    mine = bench.median_ms
    if base is None or mine is None or base == 0:
        return None
    return mine / base


def as_json(benches: list[Bench], meta: dict[str, object]) -> dict[str, object]:
    by_key = {b.key: b for b in benches}
    rows = []
    for b in benches:
        r = ratio(b, by_key)
        rows.append(
            {
                "key": b.key,
                "command": b.label,
                "median_ms": None if b.median_ms is None else round(b.median_ms, 2),
                "min_ms": round(min(b.samples) * 1000, 2) if b.samples else None,
                "max_ms": round(max(b.samples) * 1000, 2) if b.samples else None,
                "floor": b.floor,
                "floor_median_ms": None if not b.floor or by_key[b.floor].median_ms is None else round(by_key[b.floor].median_ms, 2),
                "ratio": None if r is None else round(r, 3),
                "goal_ratio": GOAL_RATIO if b.goal else None,
                "within_goal": None if (r is None or not b.goal) else r <= GOAL_RATIO,
                "samples": len(b.samples),
                "failure": b.failure,
            }
        )
    return {"meta": meta, "results": rows}


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def as_table(benches: list[Bench], meta: dict[str, object]) -> str:
    by_key = {b.key: b for b in benches}
    lines = [
        f"dtw startup, {meta['python_version']} on {meta['machine']}: "
        f"median of {meta['runs']} runs after {meta['warmup']} warm-up(s)",
        "",
        f"{'command':<28} {'median ms':>10} {'floor ms':>10} {'ratio':>8}",
        f"{'-' * 28} {'-' * 10} {'-' * 10} {'-' * 8}",
    ]
    for b in benches:
        if b.floor is None:
            continue
        r = ratio(b, by_key)
        mark = ""
        if b.failure:
            mark = "  FAILED"
        elif b.goal and r is not None:
            mark = "  ok" if r <= GOAL_RATIO else f"  over {GOAL_RATIO}x"
        lines.append(
            f"{b.label:<28} {fmt(b.median_ms, '10.1f')} {fmt(by_key[b.floor].median_ms, '10.1f')} {fmt(r, '7.3f')}x{mark}"
        )
    lines.append("")
    lines.append("floors (same interpreter, same environment):")
    for key in ("python", "floor_help", "floor_run"):
        b = by_key[key]
        lines.append(f"  {b.label:<26} {fmt(b.median_ms, '10.1f')}" + ("  FAILED" if b.failure else ""))
    failures = [b for b in benches if b.failure]
    if failures:
        lines.append("")
        for b in failures:
            lines.append(f"FAILED {b.label}: {b.failure}")
    if meta["files_in_temp_home"]:
        lines.append("")
        lines.append("note: files appeared in the temporary HOME: " + ", ".join(meta["files_in_temp_home"]))  # type: ignore[arg-type]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Median startup time of dtw next to a minimal Typer app.")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, metavar="N", help=f"timed runs per command (default {DEFAULT_RUNS})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--smoke", action="store_true", help=f"run each command {SMOKE_RUNS} times, no warm-up (for CI)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    runs, warmup = (SMOKE_RUNS, 0) if args.smoke else (args.runs, WARMUP_RUNS)
    try:
        benches, meta = measure(runs, warmup)
    except Exception as exc:  # noqa: BLE001 — a measurement reports, it does not fail the build
        print(f"startup benchmark could not run: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 0
    meta["smoke"] = args.smoke
    if args.json:
        print(json.dumps(as_json(benches, meta), indent=2))
    else:
        print(as_table(benches, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
