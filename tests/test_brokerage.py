"""Brokerage, structural holes and power classes."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliance_graph import api
from alliance_graph.analytics import brokerage as br
from alliance_graph.analytics import holes
from alliance_graph.analytics.projection import Network
from alliance_graph.errors import AllianceGraphError

# A hand-built network of three groups (X, Y, Z); counts below are worked out by hand.
GROUPS = {"A": "X", "B": "X", "C": "Y", "D": "Y", "F": "Y", "H": "Y", "E": "Z"}
EDGES = [("B", "A"), ("B", "C"), ("B", "D"), ("B", "E"), ("A", "C"), ("C", "D"),
         ("E", "D"), ("E", "F"), ("C", "H")]
#         coordinator itinerant representative gatekeeper liaison total
BY_HAND = {
    "B": (0, 0, 2, 2, 2, 6),  # open pairs A-D, A-E (X to Y/Z) and C-E (Y to Z), both ways
    "C": (2, 0, 3, 3, 0, 8),  # D-H inside Y; B-H, A-D, A-H between X and Y
    "D": (0, 0, 1, 1, 0, 2),  # C-E
    "E": (0, 2, 0, 0, 2, 4),  # D-F (both Y, E is Z): itinerant; B-F: liaison
    "A": (0,) * 6, "F": (0,) * 6, "H": (0,) * 6,
}


def hand_built():
    codes = sorted(GROUPS)
    index = {c: i for i, c in enumerate(codes)}
    adjacency = np.zeros((len(codes), len(codes)), dtype=bool)
    for a, b in EDGES:
        adjacency[index[a], index[b]] = adjacency[index[b], index[a]] = True
    return codes, adjacency, np.array([GROUPS[c] for c in codes])


def test_role_counts_by_hand():
    codes, adjacency, groups = hand_built()
    table = br.brokerage(adjacency, groups, codes)
    for code, expected in BY_HAND.items():
        got = tuple(int(table.loc[code, role]) for role in (*br.ROLES, "total"))
        assert got == expected, code


def test_undirected_ties_count_both_ways():
    codes, adjacency, groups = hand_built()
    table = br.brokerage(adjacency, groups, codes)
    assert (table["representative"] == table["gatekeeper"]).all()
    assert (table["total"] % 2 == 0).all()


def reference_moments(n_total: int, arcs: int, sizes: dict, own: str):
    """The null-model moments written out from the reference table
    (shared/reference/brokerage.md), independently of the package's code."""
    d = arcs / (n_total * (n_total - 1))
    p, q = d ** 2 * (1 - d), d ** 3 * (1 - d) ** 3
    ni = sizes[own]
    others = [s for g, s in sizes.items() if g != own]
    comb = lambda x: x * (x - 1) / 2  # noqa: E731
    e_wi = p * (ni - 1) * (ni - 2)
    e_wo = p * sum(nj * (nj - 1) for nj in others)
    e_b = p * (n_total - ni) * (ni - 1)
    e_bo = p * (sum(others) ** 2 - sum(nj ** 2 for nj in others))
    e_t = p * (n_total - 1) * (n_total - 2)
    return {
        "coordinator": (e_wi, e_wi * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q),
        "itinerant": (e_wo, e_wo * (1 - p) + 2 * sum(nj * (nj - 1) * (nj - 2) for nj in others) * q),
        "representative": (e_b, e_b * (1 - p) + 2 * ((ni - 1) * comb(n_total - ni)
                                                    + (n_total - ni) * comb(ni - 1)) * q),
        "gatekeeper": (e_b, e_b * (1 - p) + 2 * ((ni - 1) * comb(n_total - ni)
                                                + (n_total - ni) * comb(ni - 1)) * q),
        "liaison": (e_bo, e_bo * (1 - p) + 4 * sum(nj * comb(n_total - nj - ni) for nj in others) * q),
        "total": (e_t, e_t * (1 - p) + 2 * (n_total - 1) * (n_total - 2) * (n_total - 3) * q),
    }


def test_expected_counts_and_z_scores_follow_the_formulas():
    codes, adjacency, groups = hand_built()
    table = br.brokerage(adjacency, groups, codes)
    sizes = pd.Series(groups).value_counts().to_dict()
    for code in codes:
        moments = reference_moments(len(codes), int(adjacency.sum()), sizes, GROUPS[code])
        for role, (e, v) in moments.items():
            assert table.loc[code, f"{role}_expected"] == pytest.approx(e)
            z = table.loc[code, f"{role}_z"]
            if v > 0:
                assert z == pytest.approx((table.loc[code, role] - e) / math.sqrt(v))
            else:
                assert math.isnan(z)
    # group Z has one member: coordination is impossible there (V = 0, z undefined)
    assert math.isnan(table.loc["E", "coordinator_z"])


# ATOP defense pacts, unweighted: the network the counts below were checked on
DEFENSE_ATOP = Network("atop", ("defense",), weighted=False)


@pytest.mark.parametrize("year, net", [
    (2018, DEFENSE_ATOP),
    (2024, Network("all", ("defense", "alignment", "organization"), weighted=False))])
def test_structural_holes_equal_networkx(store, year, net):
    p = api.projection(store, year, net)
    g = p.to_networkx()
    # networkx is slow on the dense blocs: compare on every fourth actor with ties
    connected = [c for c in p.codes if g.degree(c) > 0][::4]
    ours_c = holes.constraint(p)["constraint"][connected]
    ours_e = holes.effective_size(p)["effective_size"][connected]
    ref_c = pd.Series(nx.constraint(g, nodes=connected))[connected]
    ref_e = pd.Series(nx.effective_size(g, nodes=connected))[connected]
    np.testing.assert_allclose(ours_c, ref_c, atol=1e-9)
    np.testing.assert_allclose(ours_e, ref_e, atol=1e-9)
    isolates = [c for c in p.codes if g.degree(c) == 0]
    assert holes.constraint(p)["constraint"][isolates].isna().all()


@pytest.mark.parametrize("year, net", [
    (1980, Network("atop", ("defense", "neutrality", "consultation"))),
    (2024, Network())])  # the default: weighted by obligation, alignment ×0.5
def test_weighted_structural_holes_equal_networkx(store, year, net):
    p = api.projection(store, year, net)
    assert p.network.weighted
    g = p.to_networkx()
    connected = [c for c in p.codes if g.degree(c) > 0][::4]
    np.testing.assert_allclose(
        holes.effective_size(p)["effective_size"][connected],
        pd.Series(nx.effective_size(g, nodes=connected, weight="weight"))[connected], atol=1e-9)
    np.testing.assert_allclose(
        holes.constraint(p)["constraint"][connected],
        pd.Series(nx.constraint(g, nodes=connected, weight="weight"))[connected], atol=1e-9)


def test_cypher_pattern_counts_equal_python(store):
    net = DEFENSE_ATOP  # the pattern query counts defense ties
    api.blocs(store, 2018, net, write=True)
    cypher = store.read("brokerage_two_paths", year=2018, sources=["atop"],
                        network="atop:defense:leiden").set_index("code")
    python = api.brokers(store, 2018, net).set_index("code")
    python = python[python["total"] > 0]
    assert len(cypher) == len(python) > 50
    for role in br.ROLES:
        assert cypher[role].astype(int).to_dict() == python[role].astype(int).to_dict(), role


def test_report_2018_lists_turkiye_with_the_blocs_it_bridges(store):
    table = api.brokers(store, 2018, Network("atop"), middle_powers=True)
    expected = {"rank", "code", "name", "class", "cinc_rank", "group", "brokerage",
                "liaison", "liaison_z", "gatekeeper", "gatekeeper_z", "betweenness",
                "constraint", "effective_size", "bridges", "group_id"}
    assert expected <= set(table.columns)
    assert set(table["class"]) == {"middle"}
    turkey = table.set_index("code").loc["TUR"]
    assert turkey["bridges"] and "bloc" in turkey["bridges"]
    assert turkey["brokerage"] == (turkey["liaison"] + turkey["gatekeeper"]
                                   + turkey["representative"] + turkey["itinerant"]) > 0


def test_groups_by_region(store):
    table = api.brokers(store, 2018, Network("atop"), groups="region")
    assert set(table["group"]) <= {"Americas", "Europe", "Africa", "Middle East",
                                   "Asia and Oceania"}


def test_write_broker_scores(store):
    api.brokers(store, 2018, DEFENSE_ATOP, write=True)
    frame = store.run_cypher(
        "MATCH (a:State)-[s:SCORED]->(m:Metric {id: 'brokerage'}) "
        "WHERE s.year = 2018 AND s.network = 'atop:defense:blocs' "
        "RETURN a.code AS code, s.rank AS rank, s.value AS value ORDER BY rank", {})
    table = api.brokers(store, 2018, DEFENSE_ATOP).set_index("code")
    # written with the count ranking (count, then betweenness) and the raw count
    assert frame.set_index("code")["rank"].to_dict() == table["brokerage_rank"].to_dict()
    assert frame.set_index("code")["value"].to_dict() == table["brokerage"].astype(float).to_dict()


def test_power_classes(store):
    table = api.powers(store, 2024).set_index("code")
    assert table.loc["USA", "class"] == "major" and table.loc["CHN", "class"] == "major"
    assert table.loc["IND", "class"] == "middle" and table.loc["TUR", "class"] == "middle"
    assert table.loc["AZE", "class"] == "other"
    assert set(table["data_year"]) == {2022}
    assert "latest available" in table.attrs["notes"][0]
    listed = api.powers(store, 2024, include="seeds").set_index("code")
    assert listed.loc["AZE", "class"] == "middle" and listed.loc["JPN", "class"] == "middle"
    narrow = api.powers(store, 2010, ranks=(1, 10)).set_index("code")
    assert (narrow.loc[narrow["class"] == "middle", "cinc_rank"] <= 10).all()
    assert set(narrow["data_year"]) == {2010}


@pytest.mark.slow
def test_brokers_series(store):
    long = api.brokers_series(store, 2016, 2018, Network("atop"), states=["TUR", "AZE"])
    assert set(long["code"]) == {"TUR", "AZE"} and set(long["year"]) == {2016, 2017, 2018}


def test_a_series_without_cinc_says_the_source_is_missing(store):
    """Only a year too small is skipped: missing COW NMC data is an error that says so
    (it used to read 'no year … has enough ties')."""
    store.run_cypher("MATCH (c:Capability) DETACH DELETE c", {}, write=True)
    with pytest.raises(AllianceGraphError, match="no CINC data for 2016 .*cow-nmc"):
        api.brokers_series(store, 2016, 2017, Network("atop"))


def test_ranking_is_lexicographic_count_then_betweenness():
    table = pd.DataFrame({
        "itinerant": [0, 0, 2, 0, 0], "representative": [1, 0, 0, 0, 0],
        "gatekeeper": [1, 0, 0, 0, 0], "liaison": [0, 0, 0, 2, 0],
        "betweenness": [0.01, 0.3, 0.02, 0.02, 0.0],
    }, index=["A", "B", "C", "D", "E"])
    ranked = br.ranking(table)
    # C and D: 2 between-group paths and equal betweenness share rank 1; A has 2 with less
    # betweenness; B brokers nothing between groups (its betweenness is within its group)
    assert ranked["rank"].to_dict() == {"C": 1, "D": 1, "A": 3, "B": 4, "E": 5}
    assert ranked["brokerage"].to_dict() == {"C": 2, "D": 2, "A": 2, "B": 0, "E": 0}


@pytest.mark.parametrize("year, net", [(2018, Network("atop")), (1962, Network("atop")),
                                       (2024, Network("all", ("defense",)))])
@pytest.mark.parametrize("isolates", ["exclude", "include"])
def test_no_broker_outranks_one_with_brokerage(store, year, net, isolates):
    """On real data: an actor with no between-group brokerage and zero betweenness never
    ranks above one with some; z-scores of zero counts play no part."""
    table = api.brokers(store, year, net, isolates=isolates)
    assert table["rank"].is_monotonic_increasing
    # the count ranking (brokerage_rank, shown beside the participation ranking)
    counts = table.sort_values("brokerage_rank", kind="stable")
    nothing = (counts["brokerage"] == 0) & (counts["betweenness"] == 0)
    some = counts["brokerage"] > 0
    assert nothing.any() and some.any()
    assert counts.loc[nothing, "brokerage_rank"].min() > counts.loc[some, "brokerage_rank"].max()
    # it follows the counts even where the z-scores disagree
    assert (counts.loc[some, "brokerage"].diff().dropna() <= 0).all()
    # the participation ranking: a state with no strength outside one camp or bloc and
    # no betweenness never ranks above one that spreads its ties over camps
    none = ((table["participation_camps"] == 0) & (table["participation_blocs"] == 0)
            & (table["betweenness"] == 0))
    spread = table["participation_camps"] > 0
    assert table.loc[none, "rank"].min() > table.loc[spread, "rank"].max()


def test_turkiye_with_liaison_paths_outranks_states_without(store):
    # the measurement: 2 liaison paths in the 2018 ATOP defense-pact network
    table = api.brokers(store, 2018, DEFENSE_ATOP).set_index("code")
    assert table.loc["TUR", "liaison"] == 2
    without = table[(table["brokerage"] == 0)]
    assert len(without) > 50 and (without["rank"] > table.loc["TUR", "rank"]).all()


def test_isolates_change_z_scores_not_counts(store):
    out = api.brokers(store, 2018, Network("atop")).set_index("code")
    inc = api.brokers(store, 2018, Network("atop"), isolates="include").set_index("code")
    p = api.projection(store, 2018, Network("atop"))
    assert len(inc) == len(p.nodes) > len(out)
    shared = out.index
    for role in br.ROLES:
        assert (inc.loc[shared, role] == out[role]).all()
    assert not np.allclose(inc.loc[shared, "liaison_z"], out["liaison_z"])
    assert "isolates excluded" in " ".join(out.attrs["notes"])
    assert "`isolates=include`" in " ".join(inc.attrs["notes"])  # the CLI says --isolates
    with pytest.raises(AllianceGraphError, match="isolates"):
        api.brokers(store, 2018, Network("atop"), isolates="some")


def test_single_tie_is_computed_for_the_rows_shown_and_camps_are_reused(store):
    """Only the asked work (issue 19): the leave-one-out single tie is filled for the
    ranks ``explain`` asks (one betweenness per tie of each actor), and brokers given
    the year's camps (as ``report`` does) give the table brokers computes itself."""
    net = Network("atop")
    full = api.brokers(store, 2018, net)
    few = api.brokers(store, 2018, net, explain=3)
    assert (few.loc[few["rank"] > 3, "single_tie"] == "").all()
    shown = few["rank"] <= 3
    assert few.loc[shown, "single_tie"].tolist() == full.loc[shown, "single_tie"].tolist()
    assert full.drop(columns="single_tie").equals(few.drop(columns="single_tie"))
    middle = api.brokers(store, 2018, net, middle_powers=True, explain=2)
    assert (middle["single_tie"].iloc[2:] == "").all()
    result = api.camps(store, 2018, net)
    reused = api.brokers(store, 2018, net, middle_powers=True, explain=2, camps=result)
    pd.testing.assert_frame_equal(reused, middle)
    with pytest.raises(AllianceGraphError, match="same year and network"):
        api.brokers(store, 2017, net, camps=result)
