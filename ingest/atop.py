"""ATOP v5.1 alliance dyad-years → ``ALLIED_WITH`` spells.

The file has one row per directed dyad-year (A→B and B→A) with five 0/1 obligation
flags. A pair is one undirected tie: the two directions are combined with OR (1,300
directed rows are asymmetric — e.g. one-sided guarantees — and the tie exists if either
side is obliged). Consecutive years of a pair with the same obligation profile and the
same set of alliances behind it become one spell ``start``–``end``, stored once, from the
lower to the higher COW code, with ``atopids``: the ATOP alliances of which both states
are members in those years (from the treaty-level member file; the dyad-year file stays
the authority for whether the tie exists). A spell
still running in the file's last year gets ``end`` null and ``observed_until`` that year.

Reference: Leeds, Ritter, Mitchell & Long (2002), "Alliance Treaty Obligations and
Provisions, 1815-1944", International Interactions 28: 237-260; ATOP v5.1 (2020), as
summarised to dyad-years by the R package peacesciencer (Miller 2022).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from alliance_graph.schema import OBLIGATION_NOUNS, OBLIGATIONS

from .atop_treaties import ATOP_DIR, member_spells, read_members
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
    """Collapse undirected dyad-years (a < b, year, flags[, treaties]) into spells of
    constant profile; ``treaties`` (a key of the set of alliances behind the dyad-year),
    when present, is part of the profile."""
    profile = [*OBLIGATIONS, *(["treaties"] if "treaties" in dyad_years else [])]
    d = dyad_years.sort_values(["a", "b", "year"], kind="stable").reset_index(drop=True)
    a, b, year = (d[c].to_numpy() for c in ("a", "b", "year"))
    values = d[profile].to_numpy()
    same = np.zeros(len(d), dtype=bool)
    same[1:] = ((a[1:] == a[:-1]) & (b[1:] == b[:-1]) & (year[1:] == year[:-1] + 1)
                & (values[1:] == values[:-1]).all(axis=1))
    starts = np.flatnonzero(~same)
    last = np.r_[starts[1:] - 1, len(d) - 1].astype(int)
    out = d.iloc[starts].reset_index(drop=True).rename(columns={"year": "start"})
    out["end"] = year[last]
    return out[["a", "b", "start", "end", *profile]]


def strongest_noun(spells: pd.DataFrame) -> np.ndarray:
    """Per spell, the noun of its strongest obligation (``OBLIGATIONS`` runs from the
    strongest down), e.g. "consultation pact"."""
    word = np.full(len(spells), "", dtype=object)
    for o in reversed(OBLIGATIONS):
        word = np.where(spells[o].to_numpy(dtype=bool), OBLIGATION_NOUNS[o], word)
    return word


def implied_dyad_years(members: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """Undirected dyad-years implied by the member file: two members of the same alliance
    whose [entry, exit] years both cover the year (exit null = ``last_year``). One row per
    (a, b, year, atopid), a < b."""
    m = members.loc[members["start"] <= last_year, ["atopid", "member", "start", "end"]]
    start = m["start"].to_numpy(dtype=np.int64)
    stop = np.minimum(m["end"].fillna(last_year).to_numpy(dtype=np.int64), last_year)
    length = stop - start + 1
    rows = np.repeat(np.arange(len(m)), length)
    offsets = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    years = pd.DataFrame({"atopid": m["atopid"].to_numpy(dtype=np.int64)[rows],
                          "member": m["member"].to_numpy(dtype=np.int64)[rows],
                          "year": start[rows] + offsets}).drop_duplicates()
    pairs = years.merge(years, on=["atopid", "year"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["member_a"] < pairs["member_b"]]
    return pd.DataFrame({"a": pairs["member_a"].to_numpy(), "b": pairs["member_b"].to_numpy(),
                         "year": pairs["year"].to_numpy(), "atopid": pairs["atopid"].to_numpy()})


def _key(a, b, year) -> np.ndarray:
    return (np.asarray(a, dtype=np.int64) * 10_000 + np.asarray(b, dtype=np.int64)) * 10_000 \
        + np.asarray(year, dtype=np.int64)


def treaty_sets(implied: pd.DataFrame):
    """Per implied dyad-year: its key (sorted), a hash of its set of alliances (for
    splitting spells) and the bounds of its alliances in the sorted ``atopid`` array."""
    order = np.lexsort((implied["atopid"].to_numpy(), _key(implied["a"], implied["b"],
                                                           implied["year"])))
    key = _key(implied["a"], implied["b"], implied["year"])[order]
    atopid = implied["atopid"].to_numpy(dtype=np.int64)[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else key
    # a random 64-bit tag per alliance, summed: equal sets, equal sums (collisions ~2^-64)
    tags = np.random.default_rng(0).integers(1, 2**62, size=10_000, dtype=np.int64)
    sums = np.add.reduceat(tags[atopid], starts) if len(key) else atopid
    bounds = np.r_[starts, len(key)]
    return key[starts], sums, bounds, atopid


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
        raise table.fail(int(self_tie[0]), "ccode2",
                         f"a state allied with itself ({c1.iloc[self_tie[0]]})")
    a = np.minimum(c1.to_numpy(dtype=np.int64), c2.to_numpy(dtype=np.int64))
    b = np.maximum(c1.to_numpy(dtype=np.int64), c2.to_numpy(dtype=np.int64))
    y = year.to_numpy(dtype=np.int64)
    directed = _key(a, b, y) * 2 + (c1.to_numpy(dtype=np.int64) > c2.to_numpy(dtype=np.int64))
    table.check_unique(pd.DataFrame({"k": directed}), "year", "directed dyad-year")

    # both directions of a pair combined with OR, without a pandas groupby (speed)
    key = _key(a, b, y)
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    values = flags.to_numpy(dtype=bool)[order]
    dyad_years = pd.DataFrame({"a": a[order][starts], "b": b[order][starts],
                               "year": y[order][starts]})
    merged = np.logical_or.reduceat(values, starts, axis=0)
    for i, o in enumerate(OBLIGATIONS):
        dyad_years[o] = merged[:, i]
    last_year = int(year.max())

    # the alliances behind each dyad-year, from the ATOP member file
    members = member_spells(read_members(ATOP_DIR))
    keys, sums, bounds, atopids = treaty_sets(implied_dyad_years(members, last_year))
    at = np.searchsorted(keys, key[starts])
    found = (at < len(keys)) & (keys[np.minimum(at, len(keys) - 1)] == key[starts])
    dyad_years["treaties"] = np.where(found, sums[np.minimum(at, len(keys) - 1)], 0)
    result = spells(dyad_years)

    first = _key(result["a"], result["b"], result["start"])
    at = np.searchsorted(keys, first)
    hit = (at < len(keys)) & (keys[np.minimum(at, len(keys) - 1)] == first)
    result["atopids"] = [atopids[bounds[i]:bounds[i + 1]].tolist() if ok else []
                         for i, ok in zip(at.tolist(), hit.tolist())]
    result = result.drop(columns="treaties")
    result["tie"] = strongest_noun(result)
    result["end"] = observed_end(result["end"], last_year)
    result["observed_until"] = last_year
    code = dict(zip(context.states["ccode"].astype(int), context.states["code"]))
    result["a"] = result["a"].astype(int).map(code)
    result["b"] = result["b"].astype(int).map(code)
    unexplained = int((~found).sum())
    return Plan(
        steps=[Step("add_alliance_spells", rows(result))],
        rows_read=len(table),
        spells=len(result),
        notes=[
            f"{len(dyad_years):,} undirected dyad-years → {len(result):,} spells "
            f"({len(dyad_years) / max(len(result), 1):.1f}:1)"
            + (f"; {unexplained} dyad-years without an alliance in the member file"
               if unexplained else "")
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
    writes="(:State)-[:ALLIED_WITH {defense, offense, neutrality, nonaggression, "
           "consultation}]->(:State)",
)
