"""Neo4j beside the embedded store, in one run (issue 21): ``ingest all`` into each, a
210-year centrality timeline through each, and GDS beside the Python path on Neo4j.

The server is the tests' own (``tests/neo4j_server``: Neo4j 5.26 Community, APOC, GDS,
jars from Maven Central through ``mvn``), started on free loopback ports under a
temporary home and stopped at the end; it needs Java 17 and Maven. Each side does the
same work and the outputs are compared before any ratio is printed: the graph counts
after the ingest, every timeline score to 1e-9, the GDS scores to the tolerances of
``tests/test_neo4j_integration.py``. Ingest is timed cold (the server's first, while it
compiles its queries), fresh (a new store; the emptied database) and as a re-ingest (the
same data again: MERGE and prune, nothing changes), medians of ``--runs``; every timed
pair alternates between the two sides so both see the same machine. Goal: a fresh ingest
into Neo4j within 3× the embedded store's.

    python benchmarks/neo4j.py [--runs 3] [--first 1816] [--last 2025]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

# this file's folder leaves the path (its name would shadow the `neo4j` driver); the tests'
# folder joins it for their server launcher
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent / "tests"))

from neo4j_server import launch  # noqa: E402  (the tests' server, not a copy of it)

from alliance_graph import api  # noqa: E402
from alliance_graph.config import Settings  # noqa: E402
from alliance_graph.ingest import ingest  # noqa: E402
from alliance_graph.store.embedded import LadybugStore  # noqa: E402
from alliance_graph.store.neo4j import Neo4jStore  # noqa: E402

GOAL_INGEST_RATIO = 3.0
TOLERANCE = 1e-9
METRICS = ("degree", "strength", "betweenness", "closeness", "eigenvector", "pagerank")
# GDS beside Python on the unweighted defense network (GDS runs unweighted graphs only);
# 2018's GDS eigenvector collapses to zero and is refused (tests/test_neo4j_integration.py)
GDS_YEARS = {1962: list(METRICS), 2018: [m for m in METRICS if m != "eigenvector"]}
GDS_TOLERANCE = {"pagerank": 1e-6, "eigenvector": 1e-5}  # iterated by both; the rest exact


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def fresh_embedded(folder: Path) -> float:
    """``ingest all`` into a new embedded store, publishing included."""
    start = time.perf_counter()
    with LadybugStore(folder / f"fresh-{time.monotonic_ns()}.lbug") as store:
        ingest(store, ["all"])
    return time.perf_counter() - start


def fresh_neo4j(store) -> float:
    """``ingest all`` into the emptied database (schema kept: it is created once)."""
    store.run_cypher("MATCH (n) DETACH DELETE n", {}, write=True)
    return timed(ingest, store, ["all"])[0]


def same_scores(a, b) -> float:
    """Largest absolute difference between two long score tables (same rows required)."""
    key = ["year", "code", "metric"]
    x = a.set_index(key)["value"].sort_index()
    y = b.set_index(key)["value"].sort_index()
    if not x.index.equals(y.index):
        sys.exit("the two stores' timelines have different rows: no ratio printed")
    return float(np.nanmax(np.abs(x.to_numpy(float) - y.to_numpy(float))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="re-ingests and timeline runs")
    parser.add_argument("--first", type=int, default=1816)
    parser.add_argument("--last", type=int, default=2025)
    args = parser.parse_args()
    missing = launch.missing_tools()
    if missing:
        sys.exit(missing)
    with tempfile.TemporaryDirectory() as tmp:
        started, server = timed(launch.start, Path(tmp) / "neo4j")
        try:
            settings = Settings(neo4j_uri=server.uri, neo4j_user=server.user,
                                neo4j_password=server.password)
            print(f"Neo4j started in {started:.0f} s ({server.uri})")
            with LadybugStore(Path(tmp) / "graph.lbug") as embedded, \
                    Neo4jStore(settings) as neo4j:
                report(embedded, neo4j, args)
        finally:
            server.stop()


def report(embedded, neo4j, args) -> None:
    folder = Path(embedded.path).parent
    # cold: the first ingest after the server started (its queries not yet compiled)
    e_cold, n_cold = fresh_embedded(folder), timed(ingest, neo4j, ["all"])[0]
    ingest(embedded, ["all"])  # the store the re-ingests and the timeline use
    e_fresh, n_fresh, e_again, n_again = [], [], [], []
    for _ in range(args.runs):  # alternated, so both see the same machine
        e_fresh.append(fresh_embedded(folder))
        n_fresh.append(fresh_neo4j(neo4j))
        e_again.append(timed(ingest, embedded, ["all"])[0])
        n_again.append(timed(ingest, neo4j, ["all"])[0])
    if embedded.counts() != neo4j.counts():
        sys.exit("the two stores hold different graphs after the same ingest: no ratio")
    med = statistics.median
    print(f"ingest all (every bundled source; counts equal on both stores; medians of "
          f"{args.runs})")
    print(f"  {'':10}{'cold':>8}{'fresh':>9}{'re-ingest':>11}")
    print(f"  {'embedded':10}{e_cold:7.2f}s{med(e_fresh):8.2f}s{med(e_again):10.2f}s")
    print(f"  {'Neo4j':10}{n_cold:7.2f}s{med(n_fresh):8.2f}s{med(n_again):10.2f}s")
    print(f"  Neo4j / embedded: cold {n_cold / e_cold:.2f}×, fresh "
          f"{med(n / e for n, e in zip(n_fresh, e_fresh)):.2f}× (goal ≤ "
          f"{GOAL_INGEST_RATIO:g}×), re-ingest {med(n / e for n, e in zip(n_again, e_again)):.2f}×")

    net = api.Network()  # what `alliances timeline` computes by default: weighted
    years = args.last - args.first + 1
    e_runs, n_runs, tables = [], [], {}
    for _ in range(args.runs):  # alternated, so both see the same machine
        t, tables["embedded"] = timed(api.timeline, embedded, args.first, args.last, net,
                                      metrics=METRICS)
        e_runs.append(t)
        t, tables["neo4j"] = timed(api.timeline, neo4j, args.first, args.last, net,
                                   metrics=METRICS)
        n_runs.append(t)
    gap = same_scores(tables["embedded"], tables["neo4j"])
    if gap > TOLERANCE:
        sys.exit(f"the timelines differ by {gap:.1e} (> {TOLERANCE:g}): no ratio printed")
    e_best, n_best = min(e_runs), min(n_runs)
    print(f"timeline {args.first}–{args.last} ({years} years × {len(METRICS)} metrics, "
          f"{len(tables['neo4j']):,} scores; equal to {gap:.1e})")
    print(f"  embedded {e_best:6.2f} s   Neo4j {n_best:6.2f} s   (best of {args.runs}); "
          f"Neo4j / embedded {statistics.median(n / e for n, e in zip(n_runs, e_runs)):.2f}×")

    if not neo4j.has_gds():
        print("GDS: not registered on the server; skipped")
        return
    unweighted = api.network("all", "defense", weighted=False)
    print("GDS beside the Python path on Neo4j (unweighted defense network)")
    for year, metrics in GDS_YEARS.items():
        py_runs, gds_runs = [], []
        for _ in range(args.runs):
            t, python = timed(api.centrality, neo4j, year, unweighted, metrics=metrics)
            py_runs.append(t)
            t, gds = timed(api.centrality, neo4j, year, unweighted, metrics=metrics,
                           engine="gds")
            gds_runs.append(t)
        python = python.set_index("code")
        gds = gds.set_index("code").loc[python.index]
        for m in metrics:
            gap = float(np.max(np.abs(gds[m].to_numpy(float) - python[m].to_numpy(float))))
            if gap > GDS_TOLERANCE.get(m, TOLERANCE):
                sys.exit(f"GDS and Python differ on {m} {year} by {gap:.1e}: no ratio")
        print(f"  {year} ({len(metrics)} metrics, agree): Python {min(py_runs):5.2f} s, "
              f"GDS {min(gds_runs):5.2f} s; GDS / Python "
              f"{statistics.median(g / p for g, p in zip(gds_runs, py_runs)):.2f}×")


if __name__ == "__main__":
    main()
