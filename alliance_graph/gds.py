"""The Graph Data Science engine: the same metrics, computed inside Neo4j.

The year's network is the Python projection itself (edges passed as a parameter to a
Cypher-aggregation projection), so the two engines differ only in the algorithms. GDS
returns some scores on other scales; they are brought to the Python definitions here:
betweenness × 2/((n−1)(n−2)) (GDS already halves undirected scores), PageRank divided by
its sum (GDS neither normalises nor redistributes dangling mass — on an undirected graph
the result is a constant multiple of networkx's), eigenvector already has unit L2 norm.
GDS eigenvector and harmonic closeness treat weights differently, so this engine takes
unweighted networks only for centrality. Communities (Leiden, Louvain) come back as a
membership per actor, scored by the Python modularity (``analytics.blocs.from_membership``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd

from .analytics.centrality import ranked
from .analytics.projection import Projection
from .errors import AllianceGraphError
from .store import Store


def _check(store: Store) -> None:
    if store.dialect != "neo4j":
        raise AllianceGraphError("`engine=gds` needs Neo4j (`neo4j_uri`); the embedded "
                                 "store runs `engine=python`")
    if not store.has_gds():  # type: ignore[attr-defined]  # a Neo4jStore: checked above
        raise AllianceGraphError("Graph Data Science is not available on this Neo4j "
                                 "(RETURN gds.version() failed: check NEO4J_PLUGINS)")


@contextmanager
def _projected(store: Store, p: Projection) -> Iterator[str]:
    """The year's network (edges, weights and isolates of ``p``) in the GDS catalog, under
    a fresh name; dropped on exit."""
    graph = f"alliances-{p.year}-{uuid.uuid4().hex[:8]}"
    linked = set(p.edges["a"]) | set(p.edges["b"])
    edges = [{"a": e.a, "b": e.b, "weight": float(e.weight)} for e in p.edges.itertuples()]
    isolates = [c for c in p.nodes.index if c not in linked]
    store.read("gds/project", graph=graph, edges=edges, isolates=isolates)
    try:
        yield graph
    finally:
        store.read("gds/drop", graph=graph)


def gds_scores(store: Store, p: Projection, metrics: list[str]) -> pd.DataFrame:
    """Long table (code, metric, value, rank) like ``analytics.centrality.scores``."""
    _check(store)
    if p.network.weighted:
        raise AllianceGraphError("`engine=gds` takes unweighted networks only; use "
                                 "`engine=python` for weighted ones")
    with _projected(store, p) as graph:
        parts = []
        n = len(p.nodes)
        for name in metrics:
            frame = store.read(f"gds/{name}", graph=graph).set_index("code")["score"]
            values = frame.reindex(p.nodes.index).astype(float)
            if name == "betweenness":
                values *= 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
            elif name == "pagerank":
                values /= values.sum()
            elif name == "eigenvector" and not len(p.edges):
                values[:] = 0.0
            elif name == "eigenvector" and not values.abs().max() > 0:
                # GDS 2.13's power iteration collapses to all zeros on some graphs (2018's
                # all:defense after ~104 iterations, measured): never return that as scores
                raise AllianceGraphError(
                    f"GDS eigenvector centrality collapsed to zero for {p.year}; "
                    "use --engine python for eigenvector")
            parts.append(ranked(name, values))
    return pd.concat(parts, ignore_index=True)


def gds_communities(store: Store, p: Projection, method: str = "leiden",
                    resolution: float = 1.0, seed: int = 42) -> pd.Series:
    """Community id per actor code of ``p`` by GDS Leiden (γ = ``resolution``, seeded) or
    Louvain (γ = 1 only), on the weights of ``p`` (1 per tie when unweighted)."""
    _check(store)
    if method == "leiden":
        params = {"gamma": float(resolution), "seed": int(seed)}
    elif method == "louvain":
        if resolution != 1.0:
            raise AllianceGraphError("GDS Louvain has no resolution parameter: use "
                                     "method leiden, or engine python, for γ ≠ 1")
        params = {}
    else:
        raise AllianceGraphError(f"unknown method '{method}' (choose leiden, louvain)")
    if not len(p.edges):
        return pd.Series(range(len(p.nodes)), index=p.nodes.index, name="community")
    with _projected(store, p) as graph:
        frame = store.read(f"gds/{method}", graph=graph, **params)
    return frame.set_index("code")["community"].astype(int)


__all__ = ["gds_communities", "gds_scores"]
