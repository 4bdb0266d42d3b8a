"""Signed networks: alignments as positive ties, rivalries (and optionally disputes) as
negative ties. Signed blocs, frustration, and structural balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from alliance_graph.errors import AllianceGraphError

from ._igraph import ig, la, optimise
from . import ties as _ties
from .blocs import Partition, _relabel
from .projection import Network, Projection


@dataclass
class SignedNetwork:
    """One year's positive (alignment) and negative (rivalry) ties on one vertex set."""

    year: int
    positive: Projection
    negative: Projection

    @cached_property
    def codes(self) -> np.ndarray:
        return np.union1d(self.positive.codes, self.negative.codes)

    @cached_property
    def nodes(self) -> pd.DataFrame:
        both = pd.concat([self.positive.nodes, self.negative.nodes])
        return both[~both.index.duplicated()].reindex(self.codes)

    def _pairs(self, p: Projection) -> tuple[np.ndarray, np.ndarray]:
        index = np.searchsorted(self.codes, p.codes)
        return index[p.a], index[p.b]

    @cached_property
    def pos(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        a, b = self._pairs(self.positive)
        return a, b, self.positive.weight.astype(float)

    @cached_property
    def neg(self) -> tuple[np.ndarray, np.ndarray]:
        return self._pairs(self.negative)

    def _on_union(self, p: Projection, pairs: tuple) -> Projection:
        a, b = pairs[:2]
        weight = pairs[2] if len(pairs) > 2 else np.ones(len(a))
        return Projection(self.year, p.network, None, np.arange(len(self.codes)), a, b, weight,
                          np.zeros(len(a), dtype=bool), self.nodes)

    @cached_property
    def positive_union(self) -> Projection:
        """The alignment ties on the union vertex set."""
        return self._on_union(self.positive, self.pos)

    @cached_property
    def negative_union(self) -> Projection:
        """The rivalry ties on the union vertex set."""
        return self._on_union(self.negative, self.neg)


def signed_blocs(s: SignedNetwork, resolution: float = 1.0, seed: int = 42) -> Partition:
    """Blocs that maximise signed modularity, Q = Q⁺ − Q⁻: many alignments and few
    rivalries inside blocs (Traag & Bruggeman 2009, "Community detection in networks with
    positive and negative links", Phys. Rev. E 80: 036115). Optimised with leidenalg's
    multiplex Leiden: an RBConfiguration partition per layer, the rivalry layer weighted −1.
    The modularity reported is Q⁺ − Q⁻ (each at resolution γ, weighted by its own edges).
    """
    g_pos, g_neg = s.positive_union.graph, s.negative_union.graph
    weights = "weight" if s.positive.network.weighted else None
    pos = la.RBConfigurationVertexPartition(g_pos, weights=weights, resolution_parameter=resolution)
    neg = la.RBConfigurationVertexPartition(g_neg, resolution_parameter=resolution)
    optimiser = la.Optimiser()
    optimiser.set_rng_seed(seed)
    optimise(optimiser, [pos, neg], layer_weights=[1, -1])
    raw = pos.membership
    q_pos = g_pos.modularity(raw, weights=weights, resolution=resolution) if g_pos.ecount() else 0.0
    q_neg = g_neg.modularity(raw, resolution=resolution) if g_neg.ecount() else 0.0
    degree = np.asarray(g_pos.degree()) + np.asarray(g_neg.degree())
    membership = _relabel(raw, degree)
    return Partition(s.positive_union, membership, float(q_pos - q_neg), "leiden-signed",
                     resolution)


def frustration(s: SignedNetwork, membership: np.ndarray) -> dict:
    """Frustration of a partition: negative ties inside blocs plus positive ties between
    blocs, and its share of all ties (Doreian & Mrvar 1996, "A partitioning approach to
    structural balance", Social Networks 18: 149-168). Unaligned actors count as blocs
    of one."""
    m = membership.copy()
    loners = np.flatnonzero(m < 0)
    m[loners] = m.max() + 1 + np.arange(len(loners))
    pa, pb, _ = s.pos
    na, nb = s.neg
    negative_inside = int((m[na] == m[nb]).sum())
    positive_between = int((m[pa] != m[pb]).sum())
    total = len(pa) + len(na)
    return {"negative_inside": negative_inside, "positive_between": positive_between,
            "frustration": negative_inside + positive_between, "ties": total,
            "share": (negative_inside + positive_between) / total if total else 0.0}


KINDS = {3: "+++", 1: "+ + −", -1: "+ − −", -3: "− − −"}


def balance(s: SignedNetwork, words: pd.DataFrame | None = None) -> tuple[dict, pd.DataFrame]:
    """Structural balance (Cartwright & Harary 1956, "Structural balance: a generalization
    of Heider's theory", Psychological Review 63: 277-293): a triangle is balanced when the
    product of its signs is positive (+++, +−−). Pairs that are both allied and rivals
    (e.g. Greece–Türkiye) have no single sign: triangles through them are counted apart.

    Returns a summary (triangles by kind, balanced share, ambivalent pairs) and the
    unbalanced triangles: ++− first, then −−−; within a kind, the most central (highest
    total degree of the three) first. With ``words`` (``analytics.ties.strongest``) each
    positive tie is described by its strongest obligation and treaty ("France has a
    consultation pact with Russia (ATOP 4170, 1992) and a defense pact with …").
    """
    sign: dict[tuple[int, int], int] = {}
    pa, pb, _ = s.pos
    na, nb = s.neg
    for a, b in zip(pa.tolist(), pb.tolist()):
        sign[(a, b)] = 1
    ambivalent = set()
    for a, b in zip(na.tolist(), nb.tolist()):
        if sign.get((a, b)) == 1:
            ambivalent.add((a, b))
        sign[(a, b)] = -1
    union = ig.Graph(n=len(s.codes), edges=list(sign))
    degree = np.asarray(union.degree())
    counts = {kind: 0 for kind in KINDS.values()}
    skipped = 0
    rows = []
    names = s.nodes["name"].to_numpy()
    for tri in union.list_triangles():
        x, y, z = sorted(tri)
        pairs = [(x, y), (x, z), (y, z)]
        if any(p in ambivalent for p in pairs):
            skipped += 1
            continue
        signs = [sign[p] for p in pairs]
        kind = KINDS[sum(signs)]
        counts[kind] += 1
        if sum(signs) in (1, -3):
            rows.append(_describe(s.codes, names, pairs, signs, degree, words))
    total = sum(counts.values())
    balanced = counts["+++"] + counts["+ − −"]
    summary = {"triangles": total, **counts, "balanced": balanced,
               "balanced_share": balanced / total if total else float("nan"),
               "ambivalent_pairs": len(ambivalent), "triangles_with_ambivalent_pairs": skipped}
    table = pd.DataFrame(rows, columns=["kind", "a", "b", "c", "description", "centrality"])
    table = table.sort_values(["kind", "centrality", "a", "b", "c"],  # "+ + −" < "− − −"
                              ascending=[True, False, True, True, True]).reset_index(drop=True)
    return summary, table


def _describe(codes, names, pairs, signs, degree, words=None) -> dict:
    nodes = sorted({v for p in pairs for v in p})
    centrality = int(degree[nodes].sum())
    if sum(signs) == 1:  # two alliances, one rivalry: the shared ally sits between rivals
        rival = pairs[signs.index(-1)]
        ally = next(v for v in nodes if v not in rival)
        if words is None:
            # an external edge list says only "positive" (alliance or peace treaty)
            text = (f"{names[ally]} allied with {names[rival[0]]} and {names[rival[1]]}, "
                    f"who are rivals")
        else:
            by_code = dict(zip(codes, names))
            first = _ties.phrase(words, codes[ally], codes[rival[0]], by_code)
            second = _ties.phrase(words, codes[ally], codes[rival[1]], by_code)
            second = second.split(" has ", 1)[1] if " has " in second else second
            text = (f"{first} and {second}; {names[rival[0]]} and {names[rival[1]]} "
                    f"are rivals")
        order = [ally, *rival]
        kind = "+ + −"
    else:
        text = f"{names[nodes[0]]}, {names[nodes[1]]} and {names[nodes[2]]} all rivals"
        order = nodes
        kind = "− − −"
    return {"kind": kind, "a": codes[order[0]], "b": codes[order[1]], "c": codes[order[2]],
            "description": text, "centrality": centrality}


# ---------------------------------------------------------------------------------------
# External signed networks (an edge list rather than the store), and the blockmodel
# criterion of Doreian & Mrvar.

def from_edges(edges: pd.DataFrame, nodes: pd.DataFrame | None = None,
               year: int = 0) -> SignedNetwork:
    """A signed network from an edge list with columns ``from``, ``to``, ``sign`` (+1/−1),
    e.g. Doreian & Mrvar's networks or a network built outside the store.

    ``nodes`` (optional) lists every actor, including isolates: index or column ``code``,
    optional ``name``, ``ccode``, ``region``; actors named only in ``edges`` are added.
    Undirected: a pair listed twice with the same sign is one tie; a pair with both signs
    is kept in both layers (ambivalent, like Greece–Türkiye in the store).
    """
    missing = [c for c in ("from", "to", "sign") if c not in edges.columns]
    if missing:
        raise AllianceGraphError(f"edge list lacks column '{missing[0]}'")
    a, b = edges["from"].astype(str).to_numpy(), edges["to"].astype(str).to_numpy()
    sign = pd.to_numeric(edges["sign"], errors="coerce").to_numpy()
    if not np.isin(sign, (1, -1)).all():
        raise AllianceGraphError("edge signs must be +1 or -1")
    if (a == b).any():
        raise AllianceGraphError(f"self-tie on '{a[a == b][0]}'")
    table = _node_table(nodes, np.union1d(a, b))
    pairs = pd.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b), "sign": sign})
    pairs = pairs.drop_duplicates().sort_values(["a", "b", "sign"], ignore_index=True)
    network = Network()  # the projection's bookkeeping only: the ties come from `edges`

    def layer(s: int) -> Projection:
        e = pairs[pairs["sign"] == s]
        frame = pd.DataFrame({"a": e["a"], "b": e["b"], "weight": 1, "carried": False})
        return Projection.from_frames(year, network, table, frame)

    return SignedNetwork(year, layer(1), layer(-1))


def _node_table(nodes: pd.DataFrame | None, named: np.ndarray) -> pd.DataFrame:
    if nodes is None:
        nodes = pd.DataFrame(index=pd.Index([], name="code"))
    elif "code" in nodes.columns:
        nodes = nodes.set_index("code")
    nodes = nodes.copy()
    nodes.index = nodes.index.astype(str).rename("code")
    codes = np.union1d(nodes.index.to_numpy(dtype=str), named)
    table = nodes[~nodes.index.duplicated()].reindex(codes)
    for column in ("name", "ccode", "kind", "region"):
        if column not in table:
            table[column] = None
    table["name"] = table["name"].where(table["name"].notna(), table.index.to_series())
    return table.astype({"name": str})


def signed_blocs_from_edges(edges: pd.DataFrame, nodes: pd.DataFrame | None = None,
                            resolution: float = 1.0, seed: int = 42
                            ) -> tuple[Partition, SignedNetwork]:
    """Signed-modularity blocs (see ``signed_blocs``) of an external edge list (see
    ``from_edges``): the partition and the signed network it partitions."""
    s = from_edges(edges, nodes)
    return signed_blocs(s, resolution, seed), s


def criterion(s: SignedNetwork, membership: np.ndarray, alpha: float = 0.5) -> float:
    """Doreian & Mrvar's blockmodel criterion P(C) = α·N + (1−α)·P, N the negative ties
    inside clusters and P the positive ties between clusters ("A partitioning approach to
    structural balance", Social Networks 18, 1996: 149–168). With α = 0.5 it is half the
    frustration of the partition (``frustration``), every actor counting as placed (actors
    with membership −1 form a cluster each)."""
    f = frustration(s, np.asarray(membership))
    return alpha * f["negative_inside"] + (1 - alpha) * f["positive_between"]


def _signed_adjacency(s: SignedNetwork) -> tuple[np.ndarray, np.ndarray]:
    n = len(s.codes)
    plus, minus = np.zeros((n, n)), np.zeros((n, n))
    for matrix, (a, b) in ((plus, s.pos[:2]), (minus, s.neg)):
        np.add.at(matrix, (a, b), 1)
        np.add.at(matrix, (b, a), 1)
    return plus, minus


def _relocate(plus: np.ndarray, minus: np.ndarray, m: np.ndarray, k: int, alpha: float,
              rng: np.random.Generator) -> np.ndarray:
    """Move single actors to the cluster (of ``k``) that lowers P(C) most, until none does.
    Moving v from c to d changes P(C) by cost(v, d) − cost(v, c), where cost(v, c) counts
    v's negative ties into c (α) and its positive ties out of c (1 − α)."""
    m = m.copy()
    degree = plus.sum(axis=1)
    onehot = np.eye(k)[m]
    p_in, n_in = plus @ onehot, minus @ onehot  # ties of each actor into each cluster
    improved = True
    while improved:
        improved = False
        for v in rng.permutation(len(m)):
            cost = alpha * n_in[v] + (1 - alpha) * (degree[v] - p_in[v])
            d, c = int(np.argmin(cost)), m[v]
            if cost[d] < cost[c] - 1e-12:
                p_in[:, c] -= plus[:, v]
                p_in[:, d] += plus[:, v]
                n_in[:, c] -= minus[:, v]
                n_in[:, d] += minus[:, v]
                m[v] = d
                improved = True
    return m


def best_partition(s: SignedNetwork, k: int | None = None, alpha: float = 0.5,
                   starts: int = 30, seed: int = 42) -> tuple[np.ndarray, float]:
    """The partition with the smallest P(C) (``criterion``) found, into at most ``k``
    clusters (``None``: any number).

    Doreian & Mrvar's relocation heuristic (Social Networks 18, 1996): from ``starts``
    random partitions into k clusters, move single actors to the cluster that lowers P(C)
    most until no move helps; keep the best. Without ``k`` the starts are instead Leiden
    optimisations (leidenalg CPM at resolution 0 on weights 1 − α for positive and −α for
    negative ties, whose quality is exactly −P(C) up to a constant; Traag, Waltman & van
    Eck 2019), each then relocated. A local search: the value is an upper bound on the
    optimum (``frustration_index`` gives the exact optimum for k = 2).
    Deterministic for a given ``seed``."""
    n = len(s.codes)
    plus, minus = _signed_adjacency(s)
    rng = np.random.default_rng(seed)
    if k is None:
        pa, pb, _ = s.pos
        na, nb = s.neg
        graph = ig.Graph(n=n, edges=list(zip(pa.tolist(), pb.tolist()))
                         + list(zip(na.tolist(), nb.tolist())))
        weights = [1 - alpha] * len(pa) + [-alpha] * len(na)
    best, best_value = np.zeros(n, dtype=int), np.inf
    for _ in range(starts):
        if k is None:
            part = la.CPMVertexPartition(graph, weights=weights, resolution_parameter=0)
            optimiser = la.Optimiser()
            optimiser.set_rng_seed(int(rng.integers(2**31 - 1)))
            optimise(optimiser, [part])
            m = np.asarray(part.membership)
            m = _relocate(plus, minus, m, int(m.max()) + 2, alpha, rng)  # + an empty cluster
        else:
            m = _relocate(plus, minus, rng.integers(k, size=n), k, alpha, rng)
        value = criterion(s, m, alpha)
        if value < best_value - 1e-12:
            best, best_value = m.copy(), value
    _, best = np.unique(best, return_inverse=True)  # clusters 0…k'−1, none empty
    return best, float(best_value)


def frustration_index(s: SignedNetwork, time_limit: float = 120.0) -> tuple[int, np.ndarray]:
    """The frustration index (Harary's line index of balance): the fewest ties whose
    removal leaves the network balanced, i.e. the smallest number of negative ties inside
    plus positive ties between two camps, and a two-camp split that attains it.

    Solved exactly as an integer program (Aref, Mason & Wilson 2018, "Computing the line
    index of balance using integer programming optimisation", in Goldengorin (ed.),
    *Optimization Problems in Graph Theory*, Springer): camp x_v ∈ {0, 1}; a frustrated-tie
    indicator f_e ≥ |x_u − x_v| for a positive and ≥ |x_u + x_v − 1| for a negative tie;
    minimise Σ f_e. Valid cuts: every unbalanced triangle (and every pair with both signs)
    holds a frustrated tie. Actors with one tie are peeled off first (they never need to
    frustrate it) and each connected component is solved apart, one actor's camp fixed;
    scipy's HiGHS MILP solver. Raises if scipy is missing or optimality is not proven
    within ``time_limit`` seconds per component."""
    try:
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import coo_matrix
    except ImportError:
        raise AllianceGraphError("the exact frustration index needs scipy "
                                 "(pip install scipy)") from None
    n = len(s.codes)
    pa, pb, _ = s.pos
    na, nb = s.neg
    u, v = np.r_[pa, na].astype(int), np.r_[pb, nb].astype(int)
    sign = np.r_[np.ones(len(pa), dtype=int), -np.ones(len(na), dtype=int)]
    # peel actors with a single tie (repeatedly): each can join the camp its tie asks for
    # a pair with both signs counts twice, so its actors are never peeled: one tie of it
    # is always frustrated
    core = ig.Graph(n=n, edges=list(zip(u.tolist(), v.tolist())))
    peeled = _peel_order(core)  # exactly the actors outside the 2-core
    keep = np.ones(n, dtype=bool)
    keep[peeled] = False
    inside = keep[u] & keep[v]
    total, camps = 0, np.zeros(n, dtype=int)
    components = ig.Graph(n=n, edges=list(zip(u[inside].tolist(), v[inside].tolist())))
    for component in components.connected_components():
        if len(component) < 2:
            continue
        nodes = np.asarray(component)
        local = np.full(n, -1)
        local[nodes] = np.arange(len(nodes))
        mask = inside & (local[u] >= 0)
        value, x = _frustration_milp(local[u[mask]], local[v[mask]], sign[mask], len(nodes),
                                     milp, LinearConstraint, Bounds, coo_matrix, time_limit)
        total += value
        camps[nodes] = x
    # put each peeled actor in the camp its tie asks for, innermost first
    for w in peeled:
        for e in np.flatnonzero((u == w) | (v == w)):
            other = v[e] if u[e] == w else u[e]
            if keep[other]:
                camps[w] = camps[other] if sign[e] > 0 else 1 - camps[other]
                break
        keep[w] = True
    return int(total), camps


def _peel_order(graph: ig.Graph) -> list[int]:
    """Actors outside the 2-core in the reverse of the order they are peeled, so each
    one's remaining tie leads to an actor already placed."""
    degree = np.asarray(graph.degree())
    removed = np.zeros(graph.vcount(), dtype=bool)
    order = []
    queue = [i for i in range(graph.vcount()) if degree[i] <= 1]
    while queue:
        w = queue.pop()
        if removed[w]:
            continue
        removed[w] = True
        order.append(w)
        for x in graph.neighbors(w):
            if not removed[x]:
                degree[x] -= 1
                if degree[x] <= 1:
                    queue.append(x)
    return order[::-1]


def _frustration_milp(u, v, sign, n, milp, LinearConstraint, Bounds, coo_matrix,
                      time_limit) -> tuple[int, np.ndarray]:
    ties = len(u)
    f = n + np.arange(ties)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[int] = []
    lower: list[int] = []

    def add(columns, coefficients, bound):
        rows.extend([len(lower)] * len(columns))
        cols.extend(columns)
        vals.extend(coefficients)
        lower.append(bound)

    for e in range(ties):
        if sign[e] > 0:  # f ≥ x_u − x_v and f ≥ x_v − x_u
            add([f[e], u[e], v[e]], [1, -1, 1], 0)
            add([f[e], u[e], v[e]], [1, 1, -1], 0)
        else:  # f ≥ x_u + x_v − 1 and f ≥ 1 − x_u − x_v
            add([f[e], u[e], v[e]], [1, -1, -1], -1)
            add([f[e], u[e], v[e]], [1, 1, 1], 1)
    index: dict[tuple[int, int], list[int]] = {}
    for e in range(ties):
        index.setdefault((min(u[e], v[e]), max(u[e], v[e])), []).append(e)
    for edges in index.values():
        if len(edges) > 1:  # a pair with both signs: one of its ties is frustrated
            add([f[e] for e in edges], [1] * len(edges), 1)
    union = ig.Graph(n=n, edges=list(index))
    for tri in union.list_triangles():
        x, y, z = sorted(tri)
        sides = [index[p] for p in ((x, y), (x, z), (y, z))]
        if all(len(e) == 1 for e in sides) and np.prod([sign[e[0]] for e in sides]) < 0:
            add([f[e[0]] for e in sides], [1, 1, 1], 1)
    matrix = coo_matrix((vals, (rows, cols)), shape=(len(lower), n + ties)).tocsr()
    upper = np.ones(n + ties)
    upper[0] = 0  # the camps can be swapped: fix one actor's
    result = milp(np.r_[np.zeros(n), np.ones(ties)],
                  constraints=LinearConstraint(matrix, lower, np.inf),
                  integrality=np.ones(n + ties), bounds=Bounds(0, upper),
                  options={"time_limit": time_limit})
    if result.status != 0:
        raise AllianceGraphError(f"frustration index: the solver stopped without proving "
                                 f"optimality ({result.message})")
    return int(round(result.fun)), np.round(result.x[:n]).astype(int)
