"""alliance-graph: military alliances as a graph, in Neo4j or an embedded store."""

from .config import Settings
from .store import open_store

__all__ = ["Settings", "open_store"]
