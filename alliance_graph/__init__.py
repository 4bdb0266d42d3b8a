"""alliance-graph: military alliances as a graph, in Neo4j or an embedded store.

For notebooks, the functions of ``alliance_graph.api`` are available here; each takes an
open store and returns a DataFrame (``projection`` returns the year's network)::

    from alliance_graph import open_store, network, centrality
    with open_store(read_only=True) as store:
        centrality(store, 2018, network("atop"), top=10)
"""

from .api import (
    balance,
    bloc_dynamics,
    blocs,
    brokers,
    brokers_series,
    centrality,
    export,
    graph,
    network,
    powers,
    projection,
    timeline,
)
from .config import Settings
from .store import open_store

__all__ = [
    "Settings", "balance", "bloc_dynamics", "blocs", "brokers", "brokers_series",
    "centrality", "export", "graph", "network", "open_store", "powers", "projection",
    "timeline",
]
