"""Signed networks from a file: blocs, frustration and balance of an external edge list
(Doreian & Mrvar's networks, or any network built outside the store)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..analytics import blocs as _blocs
from ..analytics import signed as _signed
from ..analytics.projection import Network
from ..errors import IngestError
from ..ingest.table import Table
from ..store import Store
from .core import spells
from .fetch import fetch_negative


def read_signed_edges(path: str | Path, period: str | None = None,
                      nodes: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """(edges, nodes) read and checked from CSV files.

    ``path``: columns ``from``, ``to``, ``sign`` (+1 or −1; ``+``/``-`` accepted) and
    optionally ``period``, which must then be chosen with ``period`` when the file holds
    more than one. ``nodes`` (optional): column ``name`` (or ``code``), optionally
    ``period``, listing every actor including isolates. Bad input raises ``IngestError``
    naming file, line and field."""
    table = Table.read_csv(Path(path), ["from", "to", "sign"])
    keep = _period_rows(table, period)
    a, b = table.strings("from"), table.strings("to")
    raw = table.strings("sign").replace({"+": "1", "-": "-1", "+1": "1"})
    sign = pd.to_numeric(raw, errors="coerce")
    row = table.first_bad(~sign.isin([1, -1]))
    if row is not None:
        raise table.fail(row, "sign", f"sign '{table.frame['sign'].iloc[row]}' is not +1 or -1")
    row = table.first_bad(a == b)
    if row is not None:
        raise table.fail(row, "to", f"a tie from '{a.iloc[row]}' to itself")
    edges = pd.DataFrame({"from": a, "to": b, "sign": sign.astype(int)})[keep]
    node_table = None
    if nodes is not None:
        listed = Table.read_csv(Path(nodes), [])
        column = next((c for c in ("code", "name") if c in listed.frame.columns), None)
        if column is None:
            raise IngestError(listed.name, 1, "name", "missing column (or 'code')")
        chosen = _period_rows(listed, period if "period" in listed.frame.columns else None)
        node_table = pd.DataFrame({"code": listed.strings(column)})[chosen]
    return edges.reset_index(drop=True), node_table


def _period_rows(table: Table, period: str | None) -> pd.Series:
    """Rows of the chosen period (all rows when the file has no period column)."""
    if "period" not in table.frame.columns:
        if period is not None:
            raise IngestError(table.name, 1, "period",
                              f"no period column, so `period={period}` cannot be chosen")
        return pd.Series(True, index=table.frame.index)
    periods = table.strings("period")
    found = list(dict.fromkeys(periods))
    if period is None:
        if len(found) > 1:
            raise IngestError(table.name, None, "period",
                              f"{len(found)} periods ({found[0]} … {found[-1]}): choose one "
                              "with `period`")
        return pd.Series(True, index=table.frame.index)
    if period not in found:
        raise IngestError(table.name, None, "period",
                          f"no rows for period '{period}' (periods: {found[0]} … {found[-1]})")
    return periods == period


def signed_blocs_file(path: str | Path, period: str | None = None,
                      nodes: str | Path | None = None, *, resolution: float = 1.0,
                      seed: int = 42, exact: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Signed blocs of an external edge list and its balance: (blocs table, one-row
    summary). The summary gives actors and ties, the blocs' frustration (negative ties
    inside + positive ties between, Doreian & Mrvar 1996), the share of balanced
    triangles (Cartwright & Harary 1956) and, with ``exact``, the frustration index (the
    line index of balance for two camps; needs scipy)."""
    edges, node_table = read_signed_edges(path, period, nodes)
    part, s = _signed.signed_blocs_from_edges(edges, node_table, resolution, seed)
    table = _blocs.blocs_table(part)
    f = _signed.frustration(s, part.membership)
    balance, _ = _signed.balance(s)
    summary = {"actors": len(s.codes), "positive": len(s.pos[0]), "negative": len(s.neg[0]),
               "blocs": len(table), "unaligned": int(np.sum(part.membership < 0)),
               "modularity": part.modularity, "frustration": f["frustration"],
               "frustration_share": f["share"], "triangles": balance["triangles"],
               "balanced_share": balance["balanced_share"]}
    if exact:
        summary["frustration_index"] = _signed.frustration_index(s)[0]
    where = f"{Path(path).name}" + (f", period {period}" if period else "")
    table.attrs["notes"] = [
        f"{where}: {summary['actors']} actors, {summary['positive']} positive and "
        f"{summary['negative']} negative ties; signed modularity {part.modularity:.3f} "
        f"(γ = {resolution}, seed {seed})",
        f"frustration {f['frustration']} of {f['ties']} ties ({f['share']:.1%}); "
        f"{balance['balanced_share']:.1%} of {balance['triangles']} triangles balanced",
    ]
    return table, pd.DataFrame([summary])


def period_signed_edges(store: Store, first: int, last: int, net: Network | None = None, *,
                        disputes: bool = True, rivalries: bool = False
                        ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The signed network of a period aggregated from the store, as (edges, nodes) for the
    functions that take an external edge list: a pair is positive if a tie of ``net``
    joined it in any year ``first``–``last``, negative if the two were on opposite sides
    of a militarized dispute (``disputes``, COW MID) or rivals (``rivalries``, the
    network's source family) in any of those years. A pair with both signs is kept in
    both layers. Nodes: every actor with a tie in the period (code, name, ccode, region)."""
    net = net or Network()
    positive = spells(store, first, last, net)
    negative = fetch_negative(store, positive, "mid" if disputes else None,
                              rivalries=rivalries)
    parts = [pd.concat([spells_of.projection(y).edges[["a", "b"]] for y in positive.years()])
             .assign(sign=sign) for spells_of, sign in ((positive, 1), (negative, -1))]
    edges = pd.concat(parts, ignore_index=True)
    a, b = edges["a"].astype(str), edges["b"].astype(str)
    edges = pd.DataFrame({"from": np.where(a < b, a, b), "to": np.where(a < b, b, a),
                          "sign": edges["sign"].to_numpy()})
    edges = edges.drop_duplicates().sort_values(["from", "to", "sign"], ignore_index=True)
    codes = np.union1d(edges["from"], edges["to"])
    nodes = positive.info.reindex(codes).rename_axis("code").reset_index()
    return edges, nodes[["code", "name", "ccode", "region"]]


def doreian_mrvar() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Doreian & Mrvar's 51 signed networks 1946–1999 as shipped with the package
    (``ingest/data/doreian_mrvar/``): (edges: period, from, to, sign; nodes: period, name;
    labels: the Pajek label → COW code table, with a note where they differ)."""
    base = _bundled_dir()
    return (pd.read_csv(base / "cow_signed_edges.csv", dtype={"period": str}),
            pd.read_csv(base / "cow_signed_nodes.csv", dtype={"period": str}),
            pd.read_csv(base / "labels.csv", keep_default_na=False))


def _bundled_dir() -> Path:
    from .. import ingest

    return Path(ingest.__file__).resolve().parent / "data" / "doreian_mrvar"
