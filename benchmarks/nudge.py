"""How long `dtw nudge` takes, the line a shell prints before every prompt, next to `python -c pass`.

Goals (issue 19, item 2): with ten years of history, `dtw nudge` takes at most 2x `python -c
pass` on the same machine in the same run, and at most 1.2x `dtw nudge` on an empty history.

Each run is a fresh process: the installed `dtw` script (as a prompt runs it) and the floor
`python -c pass` on the same interpreter, in interleaved rounds after warm-up rounds, with
bytecode cached in the run's own folder (the same environment as benchmarks/startup.py). The
plan switches the PHQ-9 on with `every_days = 366` and the nudge on all day, so that a day
with its check-in done takes the nudge's longest way: the check-in, tomorrow's session, then
a year of month files for the measure. The history gets one check-in for today.

    python benchmarks/nudge.py                # 30 runs each, a table
    python benchmarks/nudge.py --runs 60      # more runs
    python benchmarks/nudge.py --smoke        # one year, 2 runs, no warm-up (CI)

A measurement, not a test: it always exits 0 and marks a run that failed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import generate  # benchmarks/generate.py  # noqa: E402
from startup import clean_env, dtw_command, timed_run  # noqa: E402

PLAN = """\
[nudge]
from = "00:00"
until = "00:00"

[[measures]]
id = "phq9"
every_days = 366
"""


def make_root(root: Path, years: int) -> int:
    (root / "config").mkdir(parents=True)
    (root / "config" / "plan.toml").write_text(PLAN)
    count = generate.write_store(root, years, date.today()) if years else 0
    env = {"DTW_DATA_DIR": str(root / "data"), "DTW_CONFIG_DIR": str(root / "config"),
           "DTW_STATE_DIR": str(root / "state")}
    if years:  # today's check-in done: the nudge goes on to the session and the measure
        subprocess.run([*dtw_command(), "checkin", "--mood", "6"], env={**clean_env(root / "h"), **env},
                       check=True, capture_output=True)
    (root / "data").mkdir(exist_ok=True)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--smoke", action="store_true", help="one year, 2 runs, no warm-up")
    args = parser.parse_args()
    runs, warmup, years = (2, 0, 1) if args.smoke else (args.runs, 3, 10)
    with tempfile.TemporaryDirectory(prefix="dtw-bench-nudge-") as tmp:
        work = Path(tmp)
        roots = {"empty": work / "empty", "history": work / "history"}
        counts = {"empty": make_root(roots["empty"], 0), "history": make_root(roots["history"], years)}
        plain = work / "plain"  # the same history, a plan that switches no measure on (most plans)
        (plain / "config").mkdir(parents=True)
        (plain / "config" / "plan.toml").write_text(PLAN.partition("[[measures]]")[0])
        envs = {}
        for name, root, config in (*((n, r, r) for n, r in roots.items()), ("plain", roots["history"], plain)):
            env = clean_env(work / "home")
            env.update(DTW_DATA_DIR=str(root / "data"), DTW_CONFIG_DIR=str(config / "config"),
                       DTW_STATE_DIR=str(config / "state"))
            envs[name] = env
        benches = {
            "python -c pass": ([sys.executable, "-c", "pass"], envs["empty"]),
            "dtw nudge, empty history": ([*dtw_command(), "nudge"], envs["empty"]),
            f"dtw nudge, {years} years": ([*dtw_command(), "nudge"], envs["history"]),
            f"dtw nudge, {years} years, no measure on": ([*dtw_command(), "nudge"], envs["plain"]),
        }
        said = {}
        for name, (argv, env) in benches.items():  # the first run keeps the plan's facts (once a change)
            said[name] = subprocess.run(argv, env=env, capture_output=True, text=True, check=False).stdout.strip()
        samples: dict[str, list[float]] = {name: [] for name in benches}
        failures: dict[str, str] = {}
        for round_ in range(warmup + runs):
            for name, (argv, env) in benches.items():
                elapsed, failure = timed_run(argv, env, work)
                if failure:
                    failures[name] = failure
                elif round_ >= warmup:
                    samples[name].append(elapsed)
    medians = {name: statistics.median(s) * 1000 if s else None for name, s in samples.items()}
    floor, empty = medians["python -c pass"], medians["dtw nudge, empty history"]
    history = medians[f"dtw nudge, {years} years"]
    print(f"dtw nudge: median of {runs} runs after {warmup} warm-up rounds; {counts['history']} entries "
          f"over {years} years; Python {sys.version.split()[0]}")
    print("| what | median | said |\n| --- | ---: | --- |")
    for name in benches:
        value = f"{medians[name]:.1f} ms" if medians[name] is not None else f"failed: {failures.get(name)}"
        print(f"| {name} | {value} | {said[name] or '(nothing)'} |")
    if floor and empty and history:
        print(f"\n{years} years / python -c pass: {history / floor:.2f}x (goal <= 2x)")
        print(f"{years} years / empty history: {history / empty:.2f}x (goal <= 1.2x)")
        print(f"empty history / python -c pass: {empty / floor:.2f}x")
        no_measure = medians[f"dtw nudge, {years} years, no measure on"]
        if no_measure:
            print(f"{years} years, no measure on / empty history: {no_measure / empty:.2f}x")


if __name__ == "__main__":
    main()
