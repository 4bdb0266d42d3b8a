"""Full ingest of the bundled data into a fresh embedded store, timed per source, with the
ATOP dyad-year → spell compression. Goal: under 10 s on a 2-core machine.

    python benchmarks/ingest.py
"""

from __future__ import annotations

import gzip
import tempfile
import time
from pathlib import Path

import pandas as pd

from alliance_graph.ingest import SOURCES, ingest
from alliance_graph.store.embedded import LadybugStore

GOAL_SECONDS = 10.0


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with LadybugStore(Path(tmp) / "graph.lbug") as store:
            summary = ingest(store, ["all"])
        total = time.perf_counter() - start
    print(summary[["source", "rows read", "nodes", "relationships", "spells", "seconds"]]
          .to_string(index=False))
    with gzip.open(SOURCES["atop"].default_path, "rt") as fh:
        atop = pd.read_csv(fh)
    undirected = atop[atop.ccode1 < atop.ccode2]
    spells = int(summary.set_index("source").loc["atop", "spells"])
    print(f"\nATOP: {len(atop):,} directed dyad-years = {len(undirected):,} undirected "
          f"→ {spells:,} ALLIED_WITH spells ({len(undirected) / spells:.1f}:1 compression)")
    print(f"full ingest (store creation included): {total:.1f} s "
          f"(goal < {GOAL_SECONDS:.0f} s: {'met' if total < GOAL_SECONDS else 'missed'})")


if __name__ == "__main__":
    main()
