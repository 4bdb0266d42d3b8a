"""All six centrality metrics for every year 1816–2025, timed three ways in one run.

- ours:  ``api.timeline`` — one fetch for the whole range, each year's graph built once and
         shared by the metrics, results as one long DataFrame;
- naive: a per-year loop that asks the store for that year's projection and runs the six
         networkx metrics on it (what one writes first);
- floor: the pure igraph compute of the six metrics on prebuilt graphs (nothing else).

ours and floor run ``--repeat`` times, interleaved; times shown are the best runs, and
ours/floor is the median ratio of each run of ours to the floor run that follows it.
naive runs once (it takes a while).

Goals: ours ≥ 10× faster than naive, and ≤ 2× the floor.

    python benchmarks/timeline.py [--db PATH] [--first 1816] [--last 2025]

Without ``--db`` it loads the bundled data into a temporary embedded store first.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import warnings
from pathlib import Path

import networkx as nx

from alliance_graph import api
from alliance_graph.analytics import centrality as c
from alliance_graph.analytics.projection import Network
from alliance_graph.ingest import bundled_database
from alliance_graph.store.embedded import LadybugStore

METRICS = list(c.METRICS)


def naive_networkx(store, first: int, last: int, net: Network) -> int:
    rows = 0
    for year in range(first, last + 1):
        g = api.projection(store, year, net).to_networkx()
        n = g.number_of_nodes()
        results = [
            dict(g.degree()),
            dict(g.degree(weight="weight")),
            nx.betweenness_centrality(g, normalized=True),
            {k: v / (n - 1) for k, v in nx.harmonic_centrality(g).items()},
            nx.eigenvector_centrality(g, max_iter=10_000, tol=1e-8) if g.number_of_edges() else {},
            nx.pagerank(g, alpha=0.85),
        ]
        rows += sum(len(r) for r in results)
    return rows


def floor_igraph(graphs) -> None:
    warnings.simplefilter("ignore", RuntimeWarning)  # igraph: eigenvector on disconnected graphs
    for g in graphs:
        g.degree()
        g.strength()
        g.betweenness(directed=False)
        g.harmonic_centrality(normalized=True)
        if g.ecount():
            g.eigenvector_centrality()
        g.pagerank(damping=0.85, directed=False)


def timed(fn, *args):
    """Wall time of one call, with the garbage collector paused (as timeit does)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = fn(*args)
        return time.perf_counter() - start, result
    finally:
        gc.enable()


def main() -> None:
    try:
        import scipy  # noqa: F401  (networkx's PageRank in the naive loop)
    except ImportError:
        raise SystemExit("benchmarks/timeline.py needs scipy for networkx's PageRank: "
                         "pip install -e '.[test]'") from None
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--first", type=int, default=1816)
    parser.add_argument("--last", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=7, help="runs of ours and of floor")
    args = parser.parse_args()
    with bundled_database(args.db) as db:
        net = Network("all")
        with LadybugStore(db, read_only=True) as store:
            graphs = [p.graph for p in api.spells(store, args.first, args.last, net)]
            ours_runs, floor_runs = [], []
            for _ in range(args.repeat):  # interleaved, so both see the same machine
                t, long = timed(lambda: api.timeline(store, args.first, args.last, net,
                                                     metrics=METRICS))
                ours_runs.append(t)
                floor_runs.append(timed(floor_igraph, graphs)[0])
            naive, rows = timed(naive_networkx, store, args.first, args.last, net)
    years = args.last - args.first + 1
    print(f"{years} years × {len(METRICS)} metrics, network {net.id}, {len(long):,} scores")
    ours, floor = min(ours_runs), min(floor_runs)
    # each run of ours is compared with the floor run right after it: machine noise
    # (frequency, other load) then cancels out; the median of those ratios is reported
    ratio = statistics.median(o / f for o, f in zip(ours_runs, floor_runs))
    print(f"  ours  (api.timeline)          {ours:8.2f} s   (best of {args.repeat})")
    print(f"  naive (networkx, per year)    {naive:8.2f} s   ({rows:,} scores)")
    print(f"  floor (igraph compute only)   {floor:8.2f} s   (best of {args.repeat})")
    print(f"  naive / ours = {naive / ours:6.1f}×   (goal ≥ 10)")
    print(f"  ours / floor = {ratio:6.2f}×   (median of paired runs; goal ≤ 2)")

if __name__ == "__main__":
    main()
