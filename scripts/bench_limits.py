"""Hostile inputs against the per-file budget: time and peak memory of each, one row per case.

Every module ``scripts/limits/*.py`` defines ``CASES: list[tuple[str, Builder]]``: a label and
a builder that writes its hostile input into the temporary directory it is given and returns
the argv of a child process to run on it, e.g.
``[sys.executable, "-m", "gongkai", "parse", str(path)]``. The runner runs each child in its
own session, measures its wall time and peak RSS (``os.wait4``), kills it at the hard timeout,
and prints its exit status and whether it stayed within the budget (10 s, 1 GB by default).
A case within budget either succeeded or was refused (exit 2) in time.

Usage: python scripts/bench_limits.py [--runs N] [--only SUBSTRING] [--timeout S]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

Builder = Callable[[Path], list[str]]

LIMITS_DIR = Path(__file__).resolve().parent / "limits"
# The cases build their inputs with the regression tests' builders (``tests.parse.hostile``,
# ``tests.ledger.hostile_xlsx``): one writer of each hostile file for tests and benchmark.
sys.path.insert(0, str(LIMITS_DIR.parents[1]))
BUDGET_SECONDS = 10.0
BUDGET_MB = 1024.0


@dataclass(frozen=True, slots=True)
class Run:
    """One run of a case's child process."""

    status: str  # the exit code, "killed (timeout)" or "signal N"
    seconds: float
    peak_mb: float
    last_error_line: str
    traceback: bool  # the child printed a Python traceback (an unhandled error)


def load_cases(directory: Path = LIMITS_DIR) -> list[tuple[str, str, Builder]]:
    """(module name, label, builder) of every case in ``directory``/*.py, modules sorted."""
    cases: list[tuple[str, str, Builder]] = []
    for path in sorted(directory.glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = _load(path)
        for label, builder in getattr(module, "CASES", []):
            cases.append((path.stem, label, builder))
    return cases


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"limits_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_child(argv: list[str], *, timeout: float, memory_cap_mb: float, cwd: Path) -> Run:
    """Run ``argv``; wall time, peak RSS and status, killed at ``timeout`` seconds."""

    def cap_memory() -> None:
        # A safety net so that a runaway case cannot take the machine down; far above budget.
        cap = int(memory_cap_mb * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    stderr_path = cwd / "stderr.txt"
    with open(stderr_path, "wb") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=cap_memory if memory_cap_mb > 0 else None,
        )
        killed = False
        while True:
            pid, wait_status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout and not killed:
                os.killpg(child.pid, signal.SIGKILL)
                killed = True
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        child.returncode = 0  # reaped by wait4; keep Popen from waiting again
    if killed:
        status = "killed (timeout)"
    elif os.WIFSIGNALED(wait_status):
        status = f"signal {os.WTERMSIG(wait_status)}"
    else:
        status = str(os.WEXITSTATUS(wait_status))
    stderr_text = stderr_path.read_text("utf-8", "replace")
    lines = stderr_text.strip().splitlines()
    last = lines[-1] if lines else ""
    traceback = "Traceback (most recent call last)" in stderr_text
    return Run(status, seconds, usage.ru_maxrss / 1024, last, traceback)


def within_budget(run: Run, seconds: float, megabytes: float) -> bool:
    """In time, in memory, and ended by itself with a result (0, 1) or a refusal (2), not
    with a traceback."""
    return (
        run.status in ("0", "1", "2")
        and not run.traceback
        and run.seconds <= seconds
        and run.peak_mb <= megabytes
    )


def main() -> int:
    """Build and run every case; one row per case; exit 1 if any case is over budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument(
        "--only", default="", help="run the cases whose 'module: label' contains this"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="hard timeout per run, s")
    parser.add_argument("--memory-cap", type=float, default=4096.0, help="RLIMIT_AS, MB (0: none)")
    parser.add_argument("--budget-seconds", type=float, default=BUDGET_SECONDS)
    parser.add_argument("--budget-mb", type=float, default=BUDGET_MB)
    parser.add_argument("--verbose", action="store_true", help="print each case's last stderr line")
    args = parser.parse_args()

    cases = [c for c in load_cases() if args.only in f"{c[0]}: {c[1]}"]
    print(f"budget per input: {args.budget_seconds:g} s, {args.budget_mb:g} MB peak RSS")
    width = max((len(f"{module}: {label}") for module, label, _ in cases), default=10) + 2
    print(f"{'case':<{width}} {'exit':>16} {'time s':>8} {'peak MB':>8}  within budget")
    over = 0
    for module, label, builder in cases:
        runs: list[Run] = []
        with tempfile.TemporaryDirectory(prefix="gongkai-limits-") as tmp:
            argv = builder(Path(tmp))
            for _ in range(args.runs):
                runs.append(
                    run_child(
                        argv, timeout=args.timeout, memory_cap_mb=args.memory_cap, cwd=Path(tmp)
                    )
                )
        seconds = statistics.median(r.seconds for r in runs)
        peak = statistics.median(r.peak_mb for r in runs)
        statuses = sorted({r.status for r in runs})
        ok = all(within_budget(r, args.budget_seconds, args.budget_mb) for r in runs)
        over += not ok
        name = f"{module}: {label}"
        print(
            f"{name:<{width}} {'/'.join(statuses):>16} {seconds:>8.2f} {peak:>8.0f}  {'yes' if ok else 'NO'}"
        )
        if args.verbose and runs[-1].last_error_line:
            print(f"    {runs[-1].last_error_line}")
    print(f"{len(cases) - over} of {len(cases)} cases within budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
