"""Writing analytics results back into the graph (``--write``), so Browser users see them.

Scores become ``(actor)-[:SCORED {year, network, value, rank}]->(:Metric)``; blocs become
``(actor)-[:IN_BLOC {year, network}]->(:Bloc)``. Writing the same year and network again
replaces the values (MERGE on year + network).
"""

from __future__ import annotations

import pandas as pd

from .store import Store

SOURCE = "alliance-graph"


def _definition(fn) -> str:
    doc = (fn.__doc__ or "").strip()
    return " ".join(doc.split("\n\n")[0].split())


def write_scores(store: Store, scores: pd.DataFrame, network_id: str,
                 definitions: dict[str, str] | None = None) -> int:
    """Store a long score table (year, code, metric, value, rank); returns rows written."""
    definitions = definitions or {}
    total = 0
    for year, frame in scores.groupby("year"):
        rows = [
            {"code": r.code, "metric": r.metric, "definition": definitions.get(r.metric, ""),
             "value": float(r.value), "rank": int(r.rank)}
            for r in frame.itertuples(index=False)
        ]
        store.write(lambda tx, rows=rows, year=int(year): tx.run_rows(  # type: ignore[misc]
            "write_scores", rows, year=year, network=network_id, source=SOURCE))
        total += len(rows)
    return total


def write_blocs(store: Store, table: pd.DataFrame, membership: pd.Series, year: int,
                network_id: str, modularity: float) -> int:
    """Store one year's blocs (replacing those of the same year and network); returns the
    number of actors linked."""
    ids = {b: f"{year}|{network_id}|{b}" for b in table["bloc"]}
    blocs = [{"id": ids[r.bloc], "name": r.label, "size": int(r.size),
              "density": float(r.density) if pd.notna(r.density) else 0.0,
              "modularity": float(modularity)} for r in table.itertuples()]
    members = [{"code": code, "bloc": ids[b]} for code, b in membership.items() if b in ids]
    params = {"year": year, "network": network_id}

    def write(tx):
        tx.run("delete_blocs", **params)
        tx.run_rows("write_blocs", blocs, source=SOURCE, **params)
        tx.run_rows("write_bloc_members", members, source=SOURCE, **params)

    store.write(write)
    return len(members)
