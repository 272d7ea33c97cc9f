"""Benchmark of the report parser over the seed corpus (issue 2's performance figures).

Prints:
- reports parsed per second on one core (tables, prose, validation included);
- the ratio of parse time to a baseline that only reads and decodes the same files and runs
  one regex over them;
- peak memory (max RSS of a fresh process) for a batch of 1,000 reports parsed with
  ``gongkai parse --json``.

Usage: python scripts/bench_parse.py [--seeds DIR] [--rounds N] [--batch N]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gongkai.parse import parse_bytes

REPO = Path(__file__).resolve().parents[1]
_NUMBER = re.compile(r"\d+")


def _find_seeds() -> Path:
    for parent in (REPO, *REPO.parents):
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared" / "seeds"
    raise SystemExit("shared/seeds not found")


def _baseline(files: list[Path]) -> int:
    found = 0
    for path in files:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        found += len(_NUMBER.findall(text))
    return found


def _parse_all(files: list[Path]) -> int:
    return sum(len(parse_bytes(path.read_bytes(), path.name)) for path in files)


def _time(fn: object, files: list[Path], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn(files)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def _peak_memory_mb(seeds: list[Path], batch: int) -> tuple[int, float]:
    """Max RSS of one `gongkai parse --json` process over a batch of about `batch` reports."""
    per_round = sum(len(parse_bytes(p.read_bytes(), p.name)) for p in seeds)
    copies = -(-batch // per_round)
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    try:
        paths = []
        for i in range(copies):
            for p in seeds:
                target = tmp / f"{i:04d}-{p.name}"
                shutil.copyfile(p, target)
                paths.append(str(target))
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        subprocess.run(
            [sys.executable, "-m", "gongkai", "parse", "--json", *paths],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return copies * per_round, max(before, after) / 1024
    finally:
        shutil.rmtree(tmp)


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    seeds_dir = args.seeds or _find_seeds()
    seeds = sorted(seeds_dir.glob("*.txt"))
    files = seeds

    reports = _parse_all(files)  # warm-up: imports, converters, compiled patterns
    parse_times = _time(_parse_all, files, args.rounds)
    base_times = _time(_baseline, files, args.rounds)
    parse_s = statistics.median(parse_times)
    base_s = statistics.median(base_times)
    size_kb = sum(p.stat().st_size for p in files) / 1024
    print(f"corpus: {len(files)} files, {size_kb:.0f} KiB, {reports} reports")
    print(f"parse: {parse_s * 1000:.1f} ms per corpus (median of {args.rounds})")
    print(f"reports per second (one core): {reports / parse_s:.0f}")
    print(f"baseline (read+decode+one regex): {base_s * 1000:.2f} ms per corpus")
    print(f"parse / baseline: {parse_s / base_s:.1f}x")
    pdf = seeds_dir.parent / "fixtures" / "hongze-2024.pdf"
    if pdf.is_file():
        pdf_times = _time(_parse_all, [pdf], 3)
        print(f"PDF fixture (5 pages, pdfplumber): {statistics.median(pdf_times) * 1000:.0f} ms")
    batch_reports, peak_mb = _peak_memory_mb(seeds, args.batch)
    print(f"peak memory, {batch_reports}-report batch (gongkai parse --json): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
