"""Words for a tie: its strongest obligation and the treaty that carries it, so no
sentence says "allied with" for a consultation clause ("France has a consultation pact
with Russia (ATOP 4170, 1992)").

The strongest obligation is the network's strongest tie type present on the pair in the
year (``projection.STRENGTH``: defense/offense > neutrality/nonaggression > consultation >
alignment > organisation — Singer & Small 1966; Leeds et al. 2002). The treaty is the ATOP
alliance that carries that type (its obligations from the treaty node) with the year it
was signed, or the curated treaty or partnership with the year the pair's spell began.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alliance_graph.schema import OBLIGATION_NOUNS, OBLIGATIONS

from .projection import STRENGTH, Spells

NOUNS = {**OBLIGATION_NOUNS,
         "alignment": "security alignment", "organization": "shared organisation"}


def _treaty(row, carrying: dict | None = None) -> str:
    """"ATOP 4170": the spell's ATOP alliances that carry its type (``carrying``: atopid →
    its obligations; all of them when unknown), or the curated treaty's or group's id."""
    ids = row.get("atopids")
    if isinstance(ids, (list, tuple, np.ndarray)) and len(ids):
        chosen = [i for i in ids if carrying and row["type"] in carrying.get(int(i), ())]
        return "ATOP " + ", ".join(str(int(i)) for i in sorted(chosen or ids))
    return str(row.get("via", ""))


def strongest(spells: Spells, year: int) -> pd.DataFrame:
    """Per pair tied in ``year`` (a < b): ``type`` (strongest obligation), ``treaty`` and
    ``since``, from the pair's earliest spell carrying that type (a treaty ATOP observed
    to 2018 and a curated review continues is named by its ATOP id and first year), and
    ``noun`` ("consultation pact")."""
    every = spells.ties
    t = every[(every["start"] <= year) & (every["stop"] >= year)]
    columns = ["a", "b", "type", "treaty", "since", "noun"]
    if t.empty:
        return _indexed(pd.DataFrame(columns=columns))
    ties = [x for x in spells.network.ties if x in t]
    level = np.zeros(len(t))
    kind = np.full(len(t), "", dtype=object)
    for x in sorted(ties, key=lambda x: STRENGTH[x]):
        better = t[x].to_numpy(dtype=bool) & (STRENGTH[x] > level)
        level, kind = np.where(better, STRENGTH[x], level), np.where(better, x, kind)
    t = t.assign(level=level, type=kind)
    best = (t[t["level"] > 0].sort_values(["a", "b", "level"], ascending=[True, True, False])
            .drop_duplicates(["a", "b"])[["a", "b", "type"]])
    # the treaty: the ATOP ids (or curated group) of the latest spell carrying the type;
    # since: the first year of the unbroken run of spells that name it
    earlier = every[every["start"] <= year].merge(best, on=["a", "b"])
    carries = np.zeros(len(earlier), dtype=bool)
    for x in set(best["type"]):
        carries |= (earlier["type"] == x).to_numpy() & earlier[x].to_numpy(dtype=bool)
    earlier = earlier[carries].sort_values(["a", "b", "start"], ascending=[True, True, False])
    carrying: dict = {}
    signed: dict = {}
    treaties = getattr(spells, "treaties", None)
    if treaties is not None and "signed" in treaties:
        signed = {int(i): int(y) for i, y in zip(treaties["atopid"], treaties["signed"])
                  if pd.notna(y)}
    if treaties is not None and len(treaties):
        for o in (x for x in OBLIGATIONS if x in treaties):
            for i in treaties.loc[treaties[o].fillna(False).astype(bool), "atopid"]:
                carrying.setdefault(int(i), set()).add(o)
    rows = []
    # plain records, grouped in order (iterrows builds a Series per row: 12,000 in 2025)
    records = earlier.to_dict("records")
    by_pair: dict = {}
    for r in records:
        by_pair.setdefault((r["a"], r["b"]), []).append(r)
    for (a, b), spells_ in by_pair.items():
        named = [_treaty(r, carrying) for r in spells_]
        treaty = next((n for n in named if n.startswith("ATOP ")), named[0])
        since, low = None, None
        for n, r in zip(named, spells_):
            if low is not None and r["stop"] < low - 1:
                break  # a gap: an earlier alliance, not this one
            low = r["start"] if low is None else min(low, r["start"])
            if n == treaty or n == named[0]:
                since = int(r["start"])
        years = [signed[int(i)] for i in treaty[5:].split(", ")
                 if treaty.startswith("ATOP ") and int(i) in signed]
        rows.append((a, b, treaty, min(years) if years else since))
    out = best.merge(pd.DataFrame(rows, columns=["a", "b", "treaty", "since"]),
                     on=["a", "b"], how="left")
    out["noun"] = out["type"].map(NOUNS)
    return _indexed(out[columns].reset_index(drop=True))


class _Pairs(dict):
    """Pair → its row as a dict, kept in the table's ``attrs``: shared, not deep-copied,
    when pandas carries ``attrs`` to every column or row taken from the table (a copy of
    thousands of pairs on each access made a year's blocs 1 s slower)."""

    def __deepcopy__(self, memo):
        return self


def _indexed(words: pd.DataFrame) -> pd.DataFrame:
    pairs = _Pairs()
    for row in words.to_dict("records"):
        pairs[(row["a"], row["b"])] = row
    words.attrs["pairs"] = pairs
    return words


def phrase(words: pd.DataFrame, a: str, b: str, names: dict) -> str:
    """"France has a consultation pact with Russia (ATOP 4170, 1992)" for the pair a–b
    (``words`` from ``strongest``); "France is tied to Russia" when the pair is unknown."""
    row = lookup(words, a, b)
    if row is None:
        return f"{names.get(a, a)} is tied to {names.get(b, b)}"
    article = "an" if row["noun"][0] in "aeio" else "a"
    return (f"{names.get(a, a)} has {article} {row['noun']} with {names.get(b, b)} "
            f"({row['treaty']}, {row['since']})")


def lookup(words: pd.DataFrame, a: str, b: str):
    """The ``strongest`` row of the pair a–b (either order) as a dict, or None."""
    return words.attrs["pairs"].get((min(a, b), max(a, b)))
