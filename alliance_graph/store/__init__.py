"""Graph stores: ``open_store`` picks Neo4j when a URI is configured, else ladybug."""

from __future__ import annotations

from ..config import Settings
from .base import Store, Transaction

__all__ = ["Store", "Transaction", "open_store"]


def open_store(settings: Settings | None = None, *, read_only: bool = False,
               rebuild: bool = False) -> Store:
    """Open the configured store (see ``Settings.resolve``).

    ``read_only`` opens the embedded database read-only; on Neo4j every read already runs
    in a READ transaction. A writable embedded store is a write session, published
    atomically when closed (see ``LadybugStore``); ``rebuild`` lets it start from an
    empty database when the current one cannot be read (``ingest all``).
    """
    settings = settings or Settings.resolve()
    if settings.backend == "neo4j":
        from .neo4j import Neo4jStore

        return Neo4jStore(settings)
    from .embedded import LadybugStore

    return LadybugStore(settings.db_path, read_only=read_only, rebuild=rebuild)
