"""alliance-graph: military alliances as a graph, in Neo4j or an embedded store.

For notebooks, the functions of ``alliance_graph.api`` are available here; each takes an
open store and returns a DataFrame (``projection`` returns the year's network)::

    from alliance_graph import open_store, network, centrality
    with open_store(read_only=True) as store:
        centrality(store, 2018, network("atop"), top=10)

The names are resolved on first use (PEP 562), so importing a submodule — the CLI, or
``alliance_graph.analytics.centrality`` — does not load the API, the stores and every
ingest source first.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOME = {"Settings": ".config", "open_store": ".store"}
_API = ("balance", "bloc_dynamics", "blocs", "brokers", "brokers_series", "camps",
        "centrality", "export", "graph", "network", "powers", "projection", "timeline")

__all__ = sorted([*_HOME, *_API])

if TYPE_CHECKING:  # for type checkers and IDEs: the same names, eagerly
    from .api import (  # type: ignore[no-redef]  # noqa: F401
        balance, bloc_dynamics, blocs, brokers, brokers_series, camps, centrality, export,
        graph, network, powers, projection, timeline,
    )
    from .config import Settings  # noqa: F401
    from .store import open_store  # noqa: F401


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME.get(name, ".api"), __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
