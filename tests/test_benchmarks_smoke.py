"""The benchmarks still run: a small history, a couple of runs each. No timing is asserted here;
the figures belong in docs/performance.md, measured with `python benchmarks/ten_years.py`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def run(args: list[str], tmp_path: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DTW_")}
    env["HOME"] = str(tmp_path / "home")  # the scripts make their own temporary folders; this is belt and braces
    env["TMPDIR"] = str(tmp_path)
    (tmp_path / "home").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_generate_writes_a_year_through_the_store_and_a_jrnl_journal(tmp_path):
    result = run(
        [
            str(BENCHMARKS / "generate.py"),
            "--root",
            str(tmp_path / "h"),
            "--years",
            "1",
            "--jrnl",
            str(tmp_path / "journal.txt"),
        ],
        tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout
    assert list((tmp_path / "h" / "data" / "entries").glob("*.jsonl"))
    assert (tmp_path / "journal.txt").read_text(encoding="utf-8").startswith("[")


def test_generate_refuses_without_a_folder(tmp_path):
    result = run([str(BENCHMARKS / "generate.py"), "--years", "1"], tmp_path, timeout=60)
    assert result.returncode != 0
    assert not (tmp_path / "home").joinpath(".local").exists()


def test_ten_years_smoke_runs_and_prints_its_table(tmp_path):
    result = run([str(BENCHMARKS / "ten_years.py"), "--smoke"], tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "median ms" in result.stdout and "floor ms" in result.stdout, result.stdout + result.stderr
