"""Centrality: equal to networkx on real projections, textbook values on small graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliance_graph import api
from alliance_graph.analytics import centrality as c
from alliance_graph.analytics.projection import Network, Projection
from facts import ATOP_DEFENSE_TIES_2018, STATES_2018

TOL = 1e-6


def reference(p: Projection, metric: str) -> pd.Series:
    """The metric computed by networkx on the same projection (independent code)."""
    g = p.to_networkx()
    n = g.number_of_nodes()
    weighted = p.network.weighted
    for _, _, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    dist = "distance" if weighted else None
    weight = "weight" if weighted else None
    if metric == "degree":
        values = dict(g.degree())
    elif metric == "strength":
        values = dict(g.degree(weight=weight))
    elif metric == "betweenness":
        # equal path lengths must compare equal: networkx compares float sums exactly
        # (1/3 + 2 ≠ 2 + 1/3 in the last bit), igraph within a tolerance. Every tie
        # strength divides 12, so 12/weight is an integer distance with the same shortest
        # paths and exact sums (betweenness does not change when distances are scaled).
        for _, _, d in g.edges(data=True):
            d["steps"] = round(12 / d["weight"])
            assert d["steps"] == pytest.approx(12 / d["weight"], abs=1e-12)
        values = nx.betweenness_centrality(g, normalized=True,
                                           weight="steps" if weighted else None)
    elif metric == "closeness":
        values = {k: v / (n - 1) for k, v in nx.harmonic_centrality(g, distance=dist).items()}
    elif metric == "eigenvector":
        # networkx refuses disconnected graphs (AmbiguousSolution); numpy's symmetric
        # eigensolver on the same adjacency matrix is the independent reference
        a = nx.to_numpy_array(g, nodelist=list(p.nodes.index), weight=weight or None)
        eigenvalues, vectors = np.linalg.eigh(a)
        assert eigenvalues[-1] - eigenvalues[-2] > 1e-6, "leading eigenvalue not simple"
        x = np.abs(vectors[:, -1])
        values = dict(zip(p.nodes.index, x / np.linalg.norm(x)))
    elif metric == "pagerank":
        values = nx.pagerank(g, alpha=0.85, weight=weight, tol=1e-13, max_iter=100_000)
    return pd.Series(values, dtype=float).reindex(p.nodes.index)


@pytest.fixture(scope="module")
def projections(golden_db):
    from alliance_graph.store.embedded import LadybugStore

    with LadybugStore(golden_db, read_only=True) as store:
        out = {}
        for year in (1914, 1980, 2018):
            out[("atop", year)] = api.projection(store, year, DEFENSE_ATOP)
        out[("all", 2024)] = api.projection(
            store, 2024, Network("all", ("defense", "consultation", "alignment", "organization"),
                                 weighted=False))
        out[("weighted", 1980)] = api.projection(
            store, 1980, Network("atop", ("defense", "neutrality", "consultation"), weighted=True))
        out[("default", 2024)] = api.projection(store, 2024, Network())
        return out


# ATOP defense pacts, unweighted: the network the numbers below were checked on
DEFENSE_ATOP = Network("atop", ("defense",), weighted=False)
CASES = [("atop", 1914), ("atop", 1980), ("atop", 2018), ("all", 2024), ("weighted", 1980),
         ("default", 2024)]


@pytest.mark.parametrize("metric", list(c.METRICS))
@pytest.mark.parametrize("case", CASES, ids=[f"{a}-{y}" for a, y in CASES])
def test_metric_equals_networkx_on_real_projection(projections, case, metric):
    p = projections[case]
    assert len(p.edges) >= 15
    ours = c.METRICS[metric](p)[metric]
    theirs = reference(p, metric)
    np.testing.assert_allclose(ours.to_numpy(), theirs.to_numpy(), atol=TOL, rtol=0)


@pytest.mark.parametrize("case", [("weighted", 1980), ("default", 2024)],
                         ids=["weighted-1980", "default-2024"])
def test_eigenvector_is_bit_identical_whatever_the_random_state(projections, case):
    """igraph draws ARPACK's start vector from Python's `random`: unseeded, the scores'
    last digits changed between identical runs. They must not, and the caller's random
    stream must be left where it was."""
    import random

    p = projections[case]
    runs = []
    for seed in (1, 2, 3):
        random.seed(seed)
        expected = random.Random(seed).random()
        runs.append(c.eigenvector(p)["eigenvector"].to_numpy())
        assert random.random() == expected  # the caller's stream is untouched
    assert runs[0].tobytes() == runs[1].tobytes() == runs[2].tobytes()


def small(edges: list[tuple[str, str]], isolates: tuple[str, ...] = (), weights=None) -> Projection:
    codes = sorted({x for e in edges for x in e} | set(isolates))
    nodes = pd.DataFrame({"name": codes, "ccode": range(len(codes)), "kind": "State",
                          "region": None}, index=pd.Index(codes, name="code"))
    frame = pd.DataFrame(edges, columns=["a", "b"])
    frame["weight"] = weights or 1
    frame["carried"] = False
    return Projection.from_frames(2000, Network(weighted=weights is not None), nodes, frame)


def v(metric: str, p: Projection) -> pd.Series:
    return c.METRICS[metric](p)[metric]


def test_star():
    p = small([("H", x) for x in "ABCD"])
    assert v("degree", p)["H"] == 4 and v("degree", p)["A"] == 1
    assert v("betweenness", p)["H"] == pytest.approx(1.0)
    assert v("betweenness", p)["A"] == 0
    # leaf: 1 to the hub, 1/2 to three leaves, over n-1 = 4
    assert v("closeness", p)["A"] == pytest.approx((1 + 3 / 2) / 4)
    assert v("closeness", p)["H"] == pytest.approx(1.0)
    # star K1,4: eigenvector hub = 1/sqrt(2), leaves = 1/(2*sqrt(2)) (λ = 2)
    assert v("eigenvector", p)["H"] == pytest.approx(1 / np.sqrt(2))
    assert v("eigenvector", p)["A"] == pytest.approx(1 / (2 * np.sqrt(2)))
    assert v("pagerank", p).sum() == pytest.approx(1.0)


def test_path():
    p = small([("A", "B"), ("B", "C"), ("C", "D")])
    # B lies on A-C and A-D: 2 of the 3 pairs not including B
    assert v("betweenness", p)["B"] == pytest.approx(2 / 3)
    assert v("closeness", p)["A"] == pytest.approx((1 + 1 / 2 + 1 / 3) / 3)


def test_two_cliques_joined_by_a_bridge():
    left = [(a, b) for i, a in enumerate("ABCD") for b in "ABCD"[i + 1:]]
    right = [(a, b) for i, a in enumerate("EFGH") for b in "EFGH"[i + 1:]]
    p = small(left + right + [("D", "E")])
    b = v("betweenness", p)
    # D is on every shortest path from A,B,C to E..H (3 × 4 = 12 pairs) and from A,B,C
    # to E itself is counted there too; of C(7,2) = 21 pairs not including D.
    assert b["D"] == pytest.approx(12 / 21) and b["E"] == pytest.approx(12 / 21)
    assert b["A"] == 0
    assert v("degree", p)["D"] == 4


def test_isolates_and_empty_graph():
    p = small([("A", "B")], isolates=("Z",))
    assert v("closeness", p)["Z"] == 0 and v("betweenness", p)["Z"] == 0
    assert v("pagerank", p).sum() == pytest.approx(1.0)
    empty = small([], isolates=("X", "Y"))
    assert (v("eigenvector", empty) == 0).all() and (v("degree", empty) == 0).all()


def test_weighted_strength_and_paths():
    p = small([("A", "B"), ("B", "C"), ("A", "C")], weights=[3, 3, 1])
    assert v("strength", p)["B"] == 6 and v("degree", p)["B"] == 2
    # A-C directly costs 1/1; via B costs 1/3 + 1/3: the path through B is shorter
    assert v("betweenness", p)["B"] == pytest.approx(1.0)


def test_ranks_share_ties():
    p = small([("H", x) for x in "ABC"])
    frame = c.scores(p, ["degree"]).set_index("code")
    assert frame.loc["H", "rank"] == 1 and set(frame.loc[["A", "B", "C"], "rank"]) == {2}


def test_timeline_fetches_once_and_matches_single_years(store, monkeypatch):
    calls = []
    real = type(store).read

    def counting(self, name, /, **params):
        calls.append(name)
        return real(self, name, **params)

    monkeypatch.setattr(type(store), "read", counting)
    net = Network("all")
    long = api.timeline(store, 1816, 2025, net, metrics=["degree", "betweenness"])
    # state, actor, alliance and membership spells, treaty reviews: not per year
    assert len(calls) <= 5
    assert long["year"].nunique() == 210
    single = api.centrality(store, 1962, net, metrics=["degree", "betweenness"])
    got = long[long.year == 1962].pivot(index="code", columns="metric", values="value")
    want = single.set_index("code")[["betweenness", "degree"]]
    pd.testing.assert_frame_equal(got.sort_index(), want.sort_index(), check_names=False)


def test_write_stores_scores_readable_by_cypher(store):
    api.centrality(store, 2018, DEFENSE_ATOP, metrics=["degree"], write=True)
    api.centrality(store, 2018, DEFENSE_ATOP, metrics=["degree"], write=True)  # replaces
    frame = store.run_cypher(
        "MATCH (a:State)-[s:SCORED {year: 2018, network: 'atop:defense'}]->(m:Metric {id: 'degree'}) "
        "RETURN a.code AS code, s.value AS value, s.rank AS rank ORDER BY rank, code", {})
    assert len(frame) == STATES_2018 and frame.code[0] == "USA" and frame.value[0] == 66
    definition = store.run_cypher("MATCH (m:Metric {id: 'degree'}) RETURN m.definition AS d", {})
    assert definition.d[0].startswith("Degree: the number of allies")


def test_censoring_rule_changes_later_years_only(store):
    carry = api.projection(store, 2024, DEFENSE_ATOP)
    drop = api.projection(store, 2024, Network("atop", ("defense",), weighted=False,
                                               censored="drop"))
    assert carry.carried == len(carry.edges) > 1000 and len(drop.edges) == 0
    same = api.projection(store, 2018, Network("atop", ("defense",), weighted=False,
                                               censored="drop"))
    assert len(same.edges) == ATOP_DEFENSE_TIES_2018 and same.carried == 0
