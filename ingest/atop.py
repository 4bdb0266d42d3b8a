"""ATOP v5.1 alliance dyad-years → ``ALLIED_WITH`` spells.

The file has one row per directed dyad-year (A→B and B→A) with five 0/1 obligation
flags. A pair is one undirected tie: the two directions are combined with OR (1,300
directed rows are asymmetric — e.g. one-sided guarantees — and the tie exists if either
side is obliged). Consecutive years of a pair with the same obligation profile become one
spell ``start``–``end``, stored once, from the lower to the higher COW code. A spell
still running in the file's last year gets ``end`` null and ``observed_until`` that year.

Reference: Leeds, Ritter, Mitchell & Long (2002), "Alliance Treaty Obligations and
Provisions, 1815-1944", International Interactions 28: 237-260; ATOP v5.1 (2020), as
summarised to dyad-years by the R package peacesciencer (Miller 2022).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from alliance_graph.schema import OBLIGATIONS

from .base import PEACESCIENCER, Context, Plan, Source, Step, observed_end, rows
from .table import Table

# file column → relationship property
FLAGS = {
    "atop_defense": "defense",
    "atop_offense": "offense",
    "atop_neutral": "neutrality",
    "atop_nonagg": "nonaggression",
    "atop_consul": "consultation",
}
assert tuple(FLAGS.values()) == OBLIGATIONS


def spells(dyad_years: pd.DataFrame) -> pd.DataFrame:
    """Collapse undirected dyad-years (a < b, year, flags) into spells of constant profile."""
    flags = list(OBLIGATIONS)
    d = dyad_years.sort_values(["a", "b", "year"]).reset_index(drop=True)
    same_pair = d["a"].eq(d["a"].shift()) & d["b"].eq(d["b"].shift())
    consecutive = d["year"].eq(d["year"].shift() + 1)
    same_profile = d[flags].eq(d[flags].shift()).all(axis=1)
    d["spell"] = (~(same_pair & consecutive & same_profile)).cumsum()
    return d.groupby("spell", sort=False).agg(
        a=("a", "first"), b=("b", "first"), start=("year", "min"), end=("year", "max"),
        **{f: (f, "first") for f in flags},
    ).reset_index(drop=True)


def prepare(path: Path, context: Context) -> Plan:
    table = Table.read_csv(path, ["ccode1", "ccode2", "year", *FLAGS])
    c1 = table.ints("ccode1", what="COW code")
    c2 = table.ints("ccode2", what="COW code")
    year = table.years("year")
    flags = pd.DataFrame({prop: table.flags(col) for col, prop in FLAGS.items()})
    table.check_known(c1, context.ccodes, "ccode1")
    table.check_known(c2, context.ccodes, "ccode2")
    self_tie = (c1 == c2).to_numpy().nonzero()[0]
    if len(self_tie):
        raise table.fail(int(self_tie[0]), "ccode2", f"a state allied with itself ({c1.iloc[self_tie[0]]})")
    table.check_unique(pd.DataFrame({"c1": c1, "c2": c2, "year": year}), "year", "directed dyad-year")

    undirected = pd.DataFrame(
        {"a": c1.where(c1 < c2, c2), "b": c2.where(c1 < c2, c1), "year": year}
    ).join(flags)
    dyad_years = undirected.groupby(["a", "b", "year"], as_index=False)[list(OBLIGATIONS)].max()
    result = spells(dyad_years)
    last_year = int(year.max())
    result["end"] = observed_end(result["end"], last_year)
    result["observed_until"] = last_year
    code = dict(zip(context.states["ccode"].astype(int), context.states["code"]))
    result["a"] = result["a"].astype(int).map(code)
    result["b"] = result["b"].astype(int).map(code)
    return Plan(
        steps=[Step("add_alliance_spells", rows(result))],
        rows_read=len(table),
        spells=len(result),
        notes=[
            f"{len(dyad_years):,} undirected dyad-years → {len(result):,} spells "
            f"({len(dyad_years) / max(len(result), 1):.1f}:1)"
        ],
    )


SOURCE = Source(
    name="atop",
    title="Alliance Treaty Obligations and Provisions (dyad-years)",
    version="v5.1",
    coverage="1815–2018",
    citation="Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew "
    "G. Long. 2002. Alliance Treaty Obligations and Provisions, 1815-1944. International "
    "Interactions 28: 237-260. ATOP v5.1 via peacesciencer (Miller 2022).",
    default_path=PEACESCIENCER / "atop_alliance.csv.gz",
    prepare=prepare,
    writes="(:State)-[:ALLIED_WITH {defense, offense, neutrality, nonaggression, consultation}]->(:State)",
)
