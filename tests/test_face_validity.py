"""Face validity of the default network on the real data, every year 2015–2025.

A bloc result that contradicts an in-force defense treaty is a defect, not an
interpretation (issue 12 item 0): with the default network and the default bloc method,
- Japan, South Korea, Australia and the Philippines never share a bloc with China or
  Russia while their defense treaty with the United States is in force;
- NATO's European members of the year share one bloc.
The assertion messages print the evidence: the bloc of each checked state in each year.
"""

from __future__ import annotations

import pytest

from alliance_graph import api
from alliance_graph.analytics.projection import Network
from alliance_graph.schema import TIE_ROLES

YEARS = range(2015, 2026)
US_ALLIES = ("JPN", "ROK", "AUL", "PHI")
RIVALS = ("CHN", "RUS")
NATO = ("NATO", "ATOP-3180")  # the curated id, or the ATOP node it aliases


def _where(table) -> dict[str, str]:
    """Actor code → 'bloc id: label' for one year's bloc table."""
    return {code: f"{row.bloc}: {row.label}" for row in table.itertuples()
            for code in row.codes.split(", ")}


def _us_defense_partners(store, year: int) -> dict[str, str]:
    """Which of US_ALLIES have a defense tie with the USA in ``year`` in the default
    network, and through what (the treaty ids or the dataset)."""
    details = api.spells(store, year, year, Network()).tie_details(year)
    us = details[(details["a"] == "USA") | (details["b"] == "USA")]
    out = {}
    for row in us[us["defense"]].itertuples():
        other = row.b if row.a == "USA" else row.a
        if other in US_ALLIES:
            out[other] = row.via
    return out


def _nato_european_members(store, year: int, regions) -> list[str]:
    """NATO members in ``year`` whose COW region is Europe."""
    pairs = store.read("membership_tie_spells", sources=["curated", "atop-treaties"],
                       roles=list(TIE_ROLES), ties=["defense"], kinds=[], first=year,
                       last=year)
    pairs = pairs[pairs["group_id"].isin(NATO)]
    members = set()
    for side in ("a", "b"):
        start, end = pairs[f"start_{side}"], pairs[f"end_{side}"]
        covering = (start <= year) & (end.isna() | (end >= year))
        members |= set(pairs.loc[covering, side])
    return sorted(m for m in members if regions.get(m) == "Europe")


@pytest.fixture(scope="module")
def evidence(golden_db):
    """Per year: the default blocs, the U.S. defense partners among US_ALLIES and NATO's
    European members (one store, read once for every test here)."""
    from alliance_graph.store.embedded import LadybugStore

    out = {}
    with LadybugStore(golden_db, read_only=True) as store:
        for year in YEARS:
            table = api.blocs(store, year)  # default network, default method
            regions = table.attrs["partition"].projection.nodes["region"].to_dict()
            out[year] = {"where": _where(table),
                         "treaties": _us_defense_partners(store, year),
                         "nato": _nato_european_members(store, year, regions)}
    return out


@pytest.mark.slow
def test_the_checks_have_something_to_check(evidence):
    """The U.S. treaties are in force and NATO has European members in every year, so
    the tests below cannot pass for want of data."""
    for year, e in evidence.items():
        assert set(e["treaties"]) == set(US_ALLIES), (year, e["treaties"])
        assert len(e["nato"]) >= 20, (year, e["nato"])


def test_us_treaty_allies_never_share_a_bloc_with_china_or_russia(evidence):
    table = "\n".join(
        f"{year}: " + "; ".join(f"{c} {e['where'].get(c, 'unaligned')}"
                                for c in (*US_ALLIES, *RIVALS, "USA"))
        for year, e in evidence.items())
    for year, e in evidence.items():
        where = e["where"]
        for ally, via in e["treaties"].items():
            for rival in RIVALS:
                assert ally not in where or where.get(ally) != where.get(rival), (
                    f"{year}: {ally} (defense treaty with the USA via {via}) shares bloc "
                    f"{where[ally]} with {rival}\nbloc of each checked state:\n{table}")


def test_nato_european_members_share_one_bloc(evidence):
    for year, e in evidence.items():
        blocs = {}
        for code in e["nato"]:
            blocs.setdefault(e["where"].get(code, "unaligned"), []).append(code)
        assert len(blocs) == 1, (
            f"{year}: NATO's {len(e['nato'])} European members fall in {len(blocs)} blocs: "
            + "; ".join(f"{b} ← {', '.join(m)}" for b, m in blocs.items()))


def test_a_bloc_series_keeps_them_apart_too(store):
    """``blocs --from 2015 --to 2025`` (each year seeded from the year before) once moved
    Japan, Australia and New Zealand to China's bloc in 2017; it must not."""
    lineages, _ = api.bloc_dynamics(store, 2015, 2025)
    for year, group in lineages.groupby("year"):
        where = {c: f"{row.lineage}: {row.label}" for row in group.itertuples()
                 for c in row.codes.split(", ")}
        for ally in US_ALLIES:
            for rival in RIVALS:
                assert where.get(ally) != where.get(rival), (
                    f"{year}: {ally} in '{where.get(ally)}' with {rival}; "
                    + "; ".join(f"{c}: {where.get(c)}" for c in (*US_ALLIES, *RIVALS)))
