"""A year's network as a file for Gephi, Cytoscape, R or a spreadsheet (networkx writers).

Nodes carry name, COW code, kind, region, bloc (id and label; -1 = unaligned) and the
six centralities; ties carry their weight, the obligation types that hold, what they come
through (``via``: the dataset or the treaty/partnership ids) and whether they are only
carried past the end of their data.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd

from .analytics import blocs as _blocs
from .analytics import centrality as _centrality
from .analytics import ties as _ties
from .analytics.projection import TIE_TYPES, Projection, Spells
from .errors import AllianceGraphError
from .output import staged

FORMATS = ("graphml", "gexf", "csv", "json")


def _clean(values: dict) -> dict:
    """Drop missing values and turn numpy scalars into Python ones (writers need both)."""
    out = {}
    for key, value in values.items():
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
            continue
        out[key] = value.item() if hasattr(value, "item") else value
    return out


def attributed_graph(spells: Spells, year: int, *, metrics: bool = True,
                     blocs: bool = True, seed: int = 42,
                     treaties: pd.DataFrame | None = None) -> nx.Graph:
    """The network of ``year`` as a networkx Graph with node and edge attributes; bloc
    labels name the ``treaties`` that best match the blocs (``blocs_table``)."""
    p: Projection = spells.projection(year)
    nodes = p.nodes.copy()
    nodes["ccode"] = nodes["ccode"].astype("Int64")  # non-state actors have none
    if metrics:
        nodes = nodes.join(_centrality.centrality(p).set_index("code")
                           .drop(columns=["name", "ccode", "iso3"]))
    if blocs:
        part = _blocs.detect(p, seed=seed)
        table = _blocs.blocs_table(part, treaties)
        labels = dict(zip(table["bloc"], table["label"]))
        nodes["bloc"] = part.membership
        nodes["bloc_label"] = [labels.get(b, "unaligned") for b in part.membership]
    details = spells.tie_details(year).set_index(["a", "b"])
    words = _ties.strongest(spells, year)  # strongest obligation and its treaty, per pair
    names = p.nodes["name"].to_dict()
    g = nx.Graph(year=year, network=p.network.id, network_label=p.network.label)
    for code, row in nodes.iterrows():
        g.add_node(code, **_clean({"code": code, **row.to_dict()}))
    for e in p.edges.itertuples(index=False):
        extra = details.loc[(e.a, e.b)].to_dict() if (e.a, e.b) in details.index else {}
        g.add_edge(e.a, e.b, **_clean({"weight": float(e.weight), "carried": bool(e.carried),
                                       **{t: bool(extra.get(t, False)) for t in TIE_TYPES},
                                       "via": extra.get("via"),
                                       "tie": _ties.phrase(words, e.a, e.b, names)}))
    return g


def write(g: nx.Graph, path: str | Path, fmt: str) -> list[Path]:
    """Write ``g``; csv writes ``<path>/nodes.csv`` and ``<path>/edges.csv``. Files are
    written beside their targets and renamed into place, so a failure leaves no partial
    file."""
    path = Path(path)
    if fmt not in FORMATS:
        raise AllianceGraphError(f"unknown format '{fmt}' (choose {', '.join(FORMATS)})")
    if fmt != "csv":
        with staged(path) as (tmp,):
            if fmt == "graphml":
                nx.write_graphml(g, tmp)
            elif fmt == "gexf":
                nx.write_gexf(g, tmp)
            else:
                data = nx.node_link_data(g, edges="edges")
                tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        return [path]
    created = not path.exists()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AllianceGraphError(f"cannot write {path}: {error.strerror or error}") from None
    targets = [path / "nodes.csv", path / "edges.csv"]
    try:
        with staged(*targets) as (nodes, edges):
            pd.DataFrame([{"id": n, **d} for n, d in g.nodes(data=True)]).to_csv(
                nodes, index=False)
            pd.DataFrame([{"source": a, "target": b, **d} for a, b, d in g.edges(data=True)]
                         ).to_csv(edges, index=False)
    except BaseException:
        if created:
            path.rmdir()  # the folder this call made, left empty by staged()
        raise
    return targets
