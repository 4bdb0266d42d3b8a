"""Strategic rivalries → ``RIVAL_OF`` spells: Thompson & Dreyer (2012) and its update by
Thompson, Sakuwa & Suhas.

One relationship per rivalry spell, from the lower to the higher COW code, with ``kind``
the list of rivalry types (spatial, positional, ideological, interventionary). Rivalries
that ended before 1816 — before the COW state system — are outside the graph and are
counted as skipped (Venice's, for instance). A rivalry still running in the file's last
year (TD 2010, TSS 2020) has ``end`` null and ``observed_until`` that year.

References: Thompson & Dreyer (2012), *Handbook of International Rivalries, 1494-2010*,
CQ Press; Thompson, Sakuwa & Suhas, strategic rivalries update to 2020, via peacesciencer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from alliance_graph.schema import RIVALRY_KINDS

from .base import PEACESCIENCER, Context, Plan, Source, Step, observed_end, rows
from .table import Table

FIRST_SYSTEM_YEAR = 1816


def _spells(table: Table, context: Context, *, ident: str, name: str, c1: str, c2: str,
            start: str, end: str, kinds: pd.Series, principal: pd.Series, prefix: str) -> Plan:
    ids = table.strings(ident)
    names = table.strings(name)
    a = table.ints(c1, what="COW code")
    b = table.ints(c2, what="COW code")
    begin = table.years(start)
    finish = table.years(end)
    table.check_order(begin, finish, end)
    table.check_unique(pd.DataFrame({"id": ids}), ident, "rivalry id")
    in_scope = finish >= FIRST_SYSTEM_YEAR
    scoped = lambda s: s.where(in_scope)  # noqa: E731  (out-of-scope rows are not checked)
    table.check_known(scoped(a), context.ccodes, c1)
    table.check_known(scoped(b), context.ccodes, c2)
    last_year = int(finish.max())
    code = dict(zip(context.states["ccode"].astype(int), context.states["code"]))
    low, high = a.where(a < b, b), b.where(a < b, a)
    frame = pd.DataFrame({
        "a": low.map(lambda c: code.get(int(c))), "b": high.map(lambda c: code.get(int(c))),
        "start": begin, "end": observed_end(finish, last_year), "observed_until": last_year,
        "kind": kinds, "name": names, "rivalry_id": prefix + ids, "principal": principal,
        "source_ref": None, "url": None, "note": None,  # curated rows carry citations
    })[in_scope.to_numpy()]
    skipped = int((~in_scope).sum())
    return Plan(
        steps=[Step("add_rivalry_spells", rows(frame))],
        rows_read=len(table),
        spells=len(frame),
        notes=[f"{skipped} rivalries ended before {FIRST_SYSTEM_YEAR} (outside the state system)"]
        if skipped else [],
    )


def _kind_lists(table: Table, columns: list[str]) -> pd.Series:
    """TD's type1..type3 columns → one list per row, each a known rivalry type."""
    values = {c: table.strings(c, nullable=True) for c in columns}
    for c, col in values.items():
        bad = col.notna() & ~col.isin(RIVALRY_KINDS)
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise table.fail(row, c, f"unknown rivalry type '{col.iloc[row]}' "
                                     f"(expected one of {', '.join(RIVALRY_KINDS)})")
    frame = pd.DataFrame(values)
    kinds = frame.apply(lambda r: [v for v in r if isinstance(v, str)], axis=1)
    empty = kinds.map(len) == 0
    if empty.any():
        raise table.fail(int(empty.to_numpy().nonzero()[0][0]), columns[0], "no rivalry type given")
    return kinds


def prepare_td(path: Path, context: Context) -> Plan:
    cols = ["rivalryno", "rivalryname", "ccode1", "ccode2", "styear", "endyear",
            "type1", "type2", "type3"]
    table = Table.read_csv(path, cols)
    kinds = _kind_lists(table, ["type1", "type2", "type3"])
    return _spells(table, context, ident="rivalryno", name="rivalryname", c1="ccode1",
                   c2="ccode2", start="styear", end="endyear", kinds=kinds,
                   principal=pd.Series(None, index=table.frame.index, dtype=object),
                   prefix="td-")


def prepare_tss(path: Path, context: Context) -> Plan:
    cols = ["tssr_id", "rivalry", "ccode1", "ccode2", "start", "end", *RIVALRY_KINDS,
            "principal"]
    table = Table.read_csv(path, cols)
    flags = pd.DataFrame({k: table.flags(k) for k in RIVALRY_KINDS})
    # one published rivalry (France-Netherlands 1668-1713) has no type flagged: kept, kind []
    kinds = flags.apply(lambda r: [k for k in RIVALRY_KINDS if r[k]], axis=1)
    return _spells(table, context, ident="tssr_id", name="rivalry", c1="ccode1", c2="ccode2",
                   start="start", end="end", kinds=kinds, principal=table.flags("principal"),
                   prefix="tss-")


TD = Source(
    name="td-rivalries",
    title="Thompson & Dreyer strategic rivalries",
    version="2012",
    coverage="1494–2010",
    citation="Thompson, William R., and David R. Dreyer. 2012. Handbook of International "
    "Rivalries, 1494-2010. Washington, DC: CQ Press. Via peacesciencer (Miller 2022).",
    default_path=PEACESCIENCER / "td_rivalries.csv",
    prepare=prepare_td,
    writes="(:State)-[:RIVAL_OF {kind, name}]->(:State)",
)
TSS = Source(
    name="tss-rivalries",
    title="Thompson, Sakuwa & Suhas strategic rivalries",
    version="2021 update",
    coverage="1494–2020",
    citation="Thompson, William R., Kentaro Sakuwa, and Prashant Hosur Suhas. 2022. "
    "Analyzing Strategic Rivalries in World Politics: Types of Rivalry, Regional Variation, "
    "and Escalation/De-escalation. Springer. Via peacesciencer (Miller 2022).",
    default_path=PEACESCIENCER / "tss_rivalries.csv",
    prepare=prepare_tss,
    writes="(:State)-[:RIVAL_OF {kind, name, principal}]->(:State)",
)
