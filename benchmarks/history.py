"""Does reading a period cost the period, not the years? Times `dtw log --since 14d --json`
on one year and on ten years of generated history (about 1,500 entries a year).

The history is written straight into the documented file format (docs/data-format.md)
rather than through the store, so that generating ten years takes seconds, not an fsync
per entry. Run: python benchmarks/history.py [--runs N] [--smoke]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

DEVICE = "bench0001"


def generate(data_dir: Path, years: int, seed: int = 7) -> int:
    """Two check-ins a day, a few triggers and boundaries a week, a note now and then."""
    rng = random.Random(seed)
    entries = data_dir / "entries"
    entries.mkdir(parents=True, mode=0o700)
    now = datetime.now().astimezone()
    files: dict[str, list[str]] = {}
    count = 0
    for day in range(years * 365, -1, -1):
        base = (now - timedelta(days=day)).replace(hour=8, minute=0, second=0, microsecond=0)
        moments = [("checkin", base), ("checkin", base + timedelta(hours=13))]
        if rng.random() < 0.5:
            moments.append(("trigger", base + timedelta(hours=rng.randint(2, 12))))
        if rng.random() < 0.3:
            moments.append(("boundary", base + timedelta(hours=rng.randint(2, 12))))
        for kind, at in moments:
            if at > now:
                continue
            record = {"v": 1, "id": f"{count:016x}", "kind": kind, "at": at.isoformat(), "private": False}
            if kind == "checkin":
                record.update(mood=rng.randint(2, 9), energy=rng.randint(2, 9), sleep_hours=7.0, feelings=["calm"],
                              body=None, intention="a short walk", note=None, scales={})
            elif kind == "trigger":
                record.update(what="a hard email", intensity=rng.randint(3, 9), tags=["work"], body=None, thought=None,
                              feelings=["anxious"], urge=None, response=None, skills=[], after=rng.randint(1, 5))
            else:
                record.update(boundary="no calls after 9", outcome=rng.choice(["held", "bent"]), feelings=[], note=None)
                record["with"] = "work"
            record.update(saved_at=at.astimezone(timezone.utc).isoformat(timespec="microseconds"), device=DEVICE)
            files.setdefault(at.strftime("%Y-%m"), []).append(json.dumps(record))
            count += 1
    for month, lines in files.items():
        path = entries / f"{month}.{DEVICE}.jsonl"
        path.write_text("\n".join(lines) + "\n")
        path.chmod(0o600)
    return count


def median_ms(argv: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--smoke", action="store_true", help="two runs, two years: for CI")
    args = parser.parse_args()
    runs = 2 if args.smoke else args.runs
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for years in (1, 2) if args.smoke else (1, 10):
            root = Path(tmp) / f"y{years}"
            count = generate(root / "data", years)
            env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
                   "HOME": str(root), "DTW_DATA_DIR": str(root / "data"),
                   "DTW_CONFIG_DIR": str(root / "config"), "DTW_STATE_DIR": str(root / "state"),
                   "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}  # bytecode cached, as when installed
            argv = [sys.executable, "-m", "doingthework", "log", "--since", "14d", "--json"]
            median_ms(argv, env, 2)  # warm the disk cache
            results[years] = (count, median_ms(argv, env, runs))
    print(f"dtw log --since 14d --json, median of {runs} runs")
    for years, (count, ms) in results.items():
        print(f"  {years:>2} year(s) of history ({count:>6} entries): {ms:7.1f} ms")
    (small, (_, a)), (large, (_, b)) = results.items()
    print(f"  ratio {large} years / {small} year(s): {b / a:.3f}x")


if __name__ == "__main__":
    main()
