"""The Python API: what the CLI does, as functions returning DataFrames (for notebooks).

    from alliance_graph import api, open_store
    with open_store(read_only=True) as store:
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
from .similarity import similarity, similarity_network, similarity_series
from .report import report
from .signed import doreian_mrvar, period_signed_edges, read_signed_edges, signed_blocs_file

__all__ = ["BROKER_METRICS", "Network", "balance", "bloc_dynamics", "bloc_network_id",
           "blocs", "brokers", "brokers_series", "centrality", "coverage", "doreian_mrvar", "export",
           "graph", "network", "notes", "partition", "period_signed_edges", "powers",
           "projection", "read_signed_edges", "report", "signed_blocs_file",
           "signed_network", "similarity", "similarity_network", "similarity_series",
           "spells", "timeline"]
