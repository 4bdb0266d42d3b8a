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
           camps,
           camps_series,
           partition,
           signed_network,
)
from .brokers import BROKER_METRICS, brokers, brokers_series, powers
from .centrality import centrality, timeline
from .core import actor, actor_table, coverage, network, notes, projection, spells
from .exports import export, graph
from .similarity import similarity, similarity_network, similarity_series
from .report import report
from .signed import doreian_mrvar, period_signed_edges, read_signed_edges, signed_blocs_file
from .treaties import (
           bloc_groups,
           design,
           memberships,
           portfolio,
           portfolio_over_time,
           review_line,
           shared_treaties,
           treaty_members,
           treaty_review,
)

__all__ = ["BROKER_METRICS", "Network", "actor", "actor_table", "balance", "bloc_dynamics",
           "bloc_groups", "bloc_network_id", "blocs", "brokers", "camps", "camps_series",
           "brokers_series", "centrality",
           "coverage", "design", "doreian_mrvar", "export", "graph", "memberships",
           "network", "notes", "partition", "period_signed_edges", "portfolio",
           "portfolio_over_time", "powers", "projection", "read_signed_edges", "report",
           "shared_treaties", "signed_blocs_file", "signed_network", "similarity",
           "similarity_network", "similarity_series", "spells", "timeline",
           "review_line", "treaty_members", "treaty_review"]
