"""Whole-process wall time of the commands people type, beside an empty Python as the floor.

Each command runs ``--runs`` times (default 7) as a fresh process, interleaved with the
others so that every one sees the same machine; the median is printed with its ratio to
``python -c pass`` (the interpreter's own start-up, which no command can beat).

Goals (issue 19, two cores): ``--help`` ≤ 0.3 s, ``status`` ≤ 0.6 s, an analytics call
(centrality, blocs, report) ≤ 1.0 s.

    python benchmarks/cli.py [--db PATH] [--runs 7]

Without ``--db`` it loads the bundled data into a temporary embedded store first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from alliance_graph.ingest import bundled_database

COMMANDS = {  # name: (arguments after `alliances --db DB`, goal in seconds)
    "--help": (["--help"], 0.3),
    "status": (["status"], 0.6),
    "centrality --year 2018": (["centrality", "--year", "2018"], 1.0),
    "blocs --year 2025": (["blocs", "--year", "2025"], 1.0),
    "report": (["report"], 1.0),
}


def wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): "
                 f"{done.stderr.decode(errors='replace').strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5 (a median of fewer says little)")
    exe = shutil.which("alliances") or sys.exit("the `alliances` command is not installed")
    with bundled_database(args.db) as db:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        env["ALLIANCES_DB"] = str(db)
        runs: dict[str, list[float]] = {"python -c pass": []} | {name: [] for name in COMMANDS}
        for _ in range(args.runs):
            runs["python -c pass"].append(wall([sys.executable, "-c", "pass"], env))
            for name, (argv, _goal) in COMMANDS.items():
                runs[name].append(wall([exe, "--db", str(db), *argv], env))
    floor = statistics.median(runs["python -c pass"])
    print(f"whole-process wall time, median of {args.runs} (floor: python -c pass)")
    print(f"  {'python -c pass':<26}{floor:7.2f} s")
    for name, (_argv, goal) in COMMANDS.items():
        median = statistics.median(runs[name])
        verdict = "met" if median <= goal else "missed"
        print(f"  alliances {name:<16}{median:7.2f} s  {median / floor:5.1f}× floor   "
              f"goal ≤ {goal:.1f} s: {verdict}")


if __name__ == "__main__":
    main()
