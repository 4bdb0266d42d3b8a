"""The Python API: what the CLI does, as functions returning DataFrames (for notebooks).

    from alliance_graph import api, open_store
    with open_store() as store:
        api.centrality(store, 2018).head()
"""

from ..analytics.projection import Network
from .blocs import (
           balance,
           bloc_dynamics,
           bloc_network_id,
           blocs,
           partition,
           signed_network,
)
from .brokers import BROKER_METRICS, brokers, brokers_series, powers
from .centrality import centrality, timeline
from .core import coverage, network, notes, projection, spells
from .exports import export, graph
from .report import report

__all__ = ["BROKER_METRICS", "Network", "balance", "bloc_dynamics", "bloc_network_id",
           "blocs", "brokers", "brokers_series", "centrality", "coverage", "export", "graph", "network",
           "notes", "partition", "powers", "projection", "report", "signed_network",
           "spells", "timeline"]
