"""All six centrality metrics for every year 1816–2025, three ways, checked to agree first.

- ours:  ``api.timeline`` — one fetch for the whole range, each year's graph built once and
         shared by the metrics (an unchanged year reuses the year before), one long table;
- naive: a per-year loop that asks the store for that year's projection and runs the six
         networkx metrics on it (what one writes first);
- floor: hand-written igraph calls for the same six metrics on graphs built beforehand
         (pure compute, nothing else).

All three compute the same thing: the default *weighted* network (tie weight = strength,
path metrics on distance = 1/weight), betweenness normalised by (n−1)(n−2)/2, harmonic
closeness by n−1, eigenvector to unit length, PageRank α = 0.85, isolates included
(scored 0, or (1−α)/n… for PageRank). Before any time is printed every score of the
three is compared: they must agree to 1e-9, else the script stops without a ratio.

ours and floor run ``--repeat`` times, interleaved; ours/floor is the median ratio of each
run of ours to the floor run that follows it. naive runs once (it takes a while).

Goals (issue 19): ours ≤ 1.3× the floor; ≥ 20× faster than naive networkx.

    python benchmarks/timeline.py [--db PATH] [--first 1816] [--last 2025]

Without ``--db`` it loads the bundled data into a temporary embedded store first.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import warnings
from fractions import Fraction
from pathlib import Path

import networkx as nx
import numpy as np

from alliance_graph import api
from alliance_graph.analytics.network import CENTRALITY_METRICS as METRICS
from alliance_graph.analytics.projection import Network
from alliance_graph.ingest import bundled_database
from alliance_graph.store.embedded import LadybugStore

TOLERANCE = 1e-9
ALPHA = 0.85


def naive_networkx(store, first: int, last: int, net: Network) -> dict:
    """{(year, code, metric): score}, one projection query and six networkx calls a year."""
    out = {}
    for year in range(first, last + 1):
        g = api.projection(store, year, net).to_networkx()
        n = g.number_of_nodes()
        for _, _, data in g.edges(data=True):
            # exact rationals: paths of equal length (1/3 + 1/3 + 1/3 and 1/1) then tie
            # exactly, as igraph's tolerant comparison finds them; with floats networkx
            # counts only one of them as shortest and betweenness differs by up to 1e-3
            data["distance"] = 1 / Fraction(data["weight"])
        if g.number_of_edges():
            # networkx refuses disconnected graphs (eigenvector_centrality_numpy) or stops
            # at 1e-6 (eigenvector_centrality): the leading eigenvector of the weighted
            # adjacency matrix from numpy, as igraph computes it
            nodes = list(g)
            _, vectors = np.linalg.eigh(nx.to_numpy_array(g, nodelist=nodes, weight="weight"))
            x = np.abs(vectors[:, -1])
            eigen = dict(zip(nodes, x / np.linalg.norm(x)))
        else:
            eigen = dict.fromkeys(g, 0.0)
        scores = {
            "degree": dict(g.degree()),
            "strength": dict(g.degree(weight="weight")),
            "betweenness": nx.betweenness_centrality(g, normalized=True, weight="distance"),
            "closeness": {k: v / (n - 1) if n > 1 else 0.0 for k, v in
                          nx.harmonic_centrality(g, distance="distance").items()},
            "eigenvector": eigen,
            "pagerank": nx.pagerank(g, alpha=ALPHA, weight="weight", tol=1e-15,
                                    max_iter=100_000),
        }
        for metric, values in scores.items():
            for code, value in values.items():
                out[year, code, metric] = float(value)
    return out


def floor_igraph(graphs) -> list[np.ndarray]:
    """Per year, the six metrics as one (n × 6) array: igraph only."""
    warnings.simplefilter("ignore", RuntimeWarning)  # igraph: eigenvector on disconnected graphs
    out = []
    for g in graphs:
        n = g.vcount()
        w = g.es["weight"] if g.ecount() else None
        d = [1.0 / x for x in w] if w else None
        between = np.asarray(g.betweenness(directed=False, weights=d))
        if g.ecount():
            eigen = np.abs(np.asarray(g.eigenvector_centrality(weights=w)))
            eigen /= np.linalg.norm(eigen)
        else:
            eigen = np.zeros(n)
        out.append(np.column_stack([
            g.degree(),
            g.strength(weights=w),
            between * (2.0 / ((n - 1) * (n - 2))) if n > 2 else np.zeros(n),
            g.harmonic_centrality(weights=d, normalized=True) if n > 1 else np.zeros(n),
            eigen,
            g.pagerank(damping=ALPHA, weights=w, directed=False),
        ]))
    return out


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


def disagreement(long, floor, graphs, naive) -> tuple[float, float]:
    """Largest |ours − floor| and |ours − naive| over every (year, actor, metric)."""
    ours = {(y, c, m): v for y, c, m, v in
            long[["year", "code", "metric", "value"]].itertuples(index=False)}
    floor_scores = {}
    for g, matrix in zip(graphs, floor):
        for j, metric in enumerate(METRICS):
            for code, value in zip(g.vs["name"], matrix[:, j]):
                floor_scores[g["year"], code, metric] = float(value)
    for name, other in (("floor", floor_scores), ("naive", naive)):
        if other.keys() != ours.keys():
            missing = len(ours.keys() - other.keys()) + len(other.keys() - ours.keys())
            sys.exit(f"{name} and ours score different (year, actor, metric) sets "
                     f"({missing} differ): no ratio printed")
    return (max(abs(v - floor_scores[k]) for k, v in ours.items()),
            max(abs(v - naive[k]) for k, v in ours.items()))


def main() -> None:
    try:
        import scipy  # noqa: F401  (networkx's PageRank and eigensolver in the naive loop)
    except ImportError:
        raise SystemExit("benchmarks/timeline.py needs scipy for networkx's PageRank: "
                         "pip install -e '.[test]'") from None
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--first", type=int, default=1816)
    parser.add_argument("--last", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=7, help="runs of ours and of floor")
    args = parser.parse_args()
    metrics = list(METRICS)
    with bundled_database(args.db) as db:
        net = Network()  # what `alliances timeline` measures by default: weighted
        with LadybugStore(db, read_only=True) as store:
            graphs = []
            for p in api.spells(store, args.first, args.last, net):
                g = p.graph.copy()
                g["year"] = p.year
                graphs.append(g)
            ours_runs, floor_runs = [], []
            for _ in range(args.repeat):  # interleaved, so both see the same machine
                t, long = timed(lambda: api.timeline(store, args.first, args.last, net,
                                                     metrics=metrics))
                ours_runs.append(t)
                t, floor = timed(floor_igraph, graphs)
                floor_runs.append(t)
            naive_time, naive = timed(naive_networkx, store, args.first, args.last, net)
    to_floor, to_naive = disagreement(long, floor, graphs, naive)
    years = args.last - args.first + 1
    print(f"{years} years × {len(metrics)} metrics, network {net.id}, {len(long):,} scores")
    print(f"  largest difference: ours–floor {to_floor:.1e}, ours–naive {to_naive:.1e}")
    if max(to_floor, to_naive) > TOLERANCE:
        sys.exit(f"the three do not agree to {TOLERANCE:g}: no ratio printed")
    print(f"  all three agree to {TOLERANCE:g} on every score")
    ours, floor_time = min(ours_runs), min(floor_runs)
    # each run of ours is compared with the floor run right after it: machine noise
    # (frequency, other load) then cancels out; the median of those ratios is reported
    ratio = statistics.median(o / f for o, f in zip(ours_runs, floor_runs))
    print(f"  ours  (api.timeline)          {ours:8.2f} s   (best of {args.repeat})")
    print(f"  naive (networkx, per year)    {naive_time:8.2f} s   (one run)")
    print(f"  floor (igraph compute only)   {floor_time:8.2f} s   (best of {args.repeat})")
    print(f"  naive / ours = {naive_time / ours:6.1f}×   (goal ≥ 20)")
    print(f"  ours / floor = {ratio:6.2f}×   (median of paired runs; goal ≤ 1.3)")


if __name__ == "__main__":
    main()
