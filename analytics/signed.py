"""Signed networks: alignments as positive ties, rivalries (and optionally disputes) as
negative ties. Signed blocs, frustration, and structural balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import igraph as ig
import leidenalg as la
import numpy as np
import pandas as pd

from .blocs import Partition, _relabel
from .projection import Projection


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
    optimiser.optimise_partition_multiplex([pos, neg], layer_weights=[1, -1], n_iterations=-1)
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


def balance(s: SignedNetwork) -> tuple[dict, pd.DataFrame]:
    """Structural balance (Cartwright & Harary 1956, "Structural balance: a generalization
    of Heider's theory", Psychological Review 63: 277-293): a triangle is balanced when the
    product of its signs is positive (+++, +−−). Pairs that are both allied and rivals
    (e.g. Greece–Türkiye) have no single sign: triangles through them are counted apart.

    Returns a summary (triangles by kind, balanced share, ambivalent pairs) and the
    unbalanced triangles: ++− first ("A allied with B and C, B and C rivals"), then −−−;
    within a kind, the most central (highest total degree of the three) first.
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
            rows.append(_describe(s.codes, names, pairs, signs, degree))
    total = sum(counts.values())
    balanced = counts["+++"] + counts["+ − −"]
    summary = {"triangles": total, **counts, "balanced": balanced,
               "balanced_share": balanced / total if total else float("nan"),
               "ambivalent_pairs": len(ambivalent), "triangles_with_ambivalent_pairs": skipped}
    table = pd.DataFrame(rows, columns=["kind", "a", "b", "c", "description", "centrality"])
    table = table.sort_values(["kind", "centrality", "a", "b", "c"],  # "+ + −" < "− − −"
                              ascending=[True, False, True, True, True]).reset_index(drop=True)
    return summary, table


def _describe(codes, names, pairs, signs, degree) -> dict:
    nodes = sorted({v for p in pairs for v in p})
    centrality = int(degree[nodes].sum())
    if sum(signs) == 1:  # two alliances, one rivalry: the shared ally sits between rivals
        rival = pairs[signs.index(-1)]
        ally = next(v for v in nodes if v not in rival)
        text = (f"{names[ally]} allied with {names[rival[0]]} and {names[rival[1]]}, "
                f"who are rivals")
        order = [ally, *rival]
        kind = "+ + −"
    else:
        text = f"{names[nodes[0]]}, {names[nodes[1]]} and {names[nodes[2]]} all rivals"
        order = nodes
        kind = "− − −"
    return {"kind": kind, "a": codes[order[0]], "b": codes[order[1]], "c": codes[order[2]],
            "description": text, "centrality": centrality}
