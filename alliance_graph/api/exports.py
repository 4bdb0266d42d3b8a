"""The network of a year as an attributed graph or a file."""

from __future__ import annotations

from ..analytics.projection import Network
from ..store import Store
from .core import spells


def graph(store: Store, year: int, net: Network | None = None, *, metrics: bool = True,
          blocs: bool = True, seed: int = 42):
    """The network of ``year`` as a networkx Graph with attributes (see ``exports``)."""
    from ..exports import attributed_graph
    from .treaties import bloc_groups

    treaties = bloc_groups(store, year) if blocs else None
    return attributed_graph(spells(store, year, year, net), year, metrics=metrics,
                            blocs=blocs, seed=seed, treaties=treaties)


def export(store: Store, year: int, path, fmt: str = "graphml", net: Network | None = None,
           **options) -> list:
    """Write the network of ``year`` as GraphML, GEXF, CSV (a folder) or node-link JSON."""
    from ..exports import write

    return write(graph(store, year, net, **options), path, fmt)
