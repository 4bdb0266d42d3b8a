"""The Graph Data Science engine: the same metrics, computed inside Neo4j.

The year's network is the Python projection itself (edges passed as a parameter to a
Cypher-aggregation projection), so the two engines differ only in the algorithms. GDS
returns some scores on other scales; they are brought to the Python definitions here:
betweenness × 2/((n−1)(n−2)) (GDS already halves undirected scores), PageRank divided by
its sum (GDS neither normalises nor redistributes dangling mass — on an undirected graph
the result is a constant multiple of networkx's), eigenvector already has unit L2 norm.
GDS eigenvector and harmonic closeness treat weights differently, so this engine takes
unweighted networks only.
"""

from __future__ import annotations

import uuid

import pandas as pd

from .analytics.centrality import ranked
from .analytics.projection import Projection
from .errors import AllianceGraphError
from .store import Store


def gds_scores(store: Store, p: Projection, metrics: list[str]) -> pd.DataFrame:
    """Long table (code, metric, value, rank) like ``analytics.centrality.scores``."""
    if store.dialect != "neo4j":
        raise AllianceGraphError("`engine=gds` needs Neo4j (`neo4j_uri`); the embedded "
                                 "store runs `engine=python`")
    if not store.has_gds():  # type: ignore[attr-defined]  # a Neo4jStore: checked above
        raise AllianceGraphError("Graph Data Science is not available on this Neo4j "
                                 "(RETURN gds.version() failed: check NEO4J_PLUGINS)")
    if p.network.weighted:
        raise AllianceGraphError("`engine=gds` takes unweighted networks only; use "
                                 "`engine=python` for weighted ones")
    graph = f"alliances-{p.year}-{uuid.uuid4().hex[:8]}"
    linked = set(p.edges["a"]) | set(p.edges["b"])
    edges = [{"a": e.a, "b": e.b, "weight": float(e.weight)} for e in p.edges.itertuples()]
    isolates = [c for c in p.nodes.index if c not in linked]
    store.read("gds/project", graph=graph, edges=edges, isolates=isolates)
    try:
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
    finally:
        store.read("gds/drop", graph=graph)
    return pd.concat(parts, ignore_index=True)


__all__ = ["gds_scores"]
