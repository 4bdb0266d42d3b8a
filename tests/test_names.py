"""Names of today and codes users know (issue 20, item 5): display names from
country_converter's short names, COW's kept as cow_name, one resolver for every state
option (COW abbreviation, COW number, ISO alpha-3, name), ccode and iso3 in every
state-year output."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import country_converter
import pandas as pd
import pytest

from alliance_graph import api
from alliance_graph.errors import AllianceGraphError, UnknownCodeError
from alliance_graph.names import CodeCollisionWarning, Resolver, collisions

REPO = Path(__file__).resolve().parent.parent
COW = REPO / "ingest" / "data" / "peacesciencer" / "cow_states.csv"


def _states(store) -> pd.DataFrame:
    return store.run_cypher("MATCH (s:State) RETURN s.code AS code, s.ccode AS ccode, "
                            "s.iso3 AS iso3, s.name AS name, s.cow_name AS cow_name",
                            {}).set_index("code")


def test_names_of_today_and_cow_names_kept(store):
    s = _states(store)
    today = {"TUR": "Türkiye", "SWA": "Eswatini", "MAC": "North Macedonia", "YUG": "Serbia",
             "CDI": "Côte d'Ivoire", "CAP": "Cabo Verde", "ETM": "Timor-Leste",
             "CZR": "Czechia", "USA": "United States"}
    assert s.loc[list(today), "name"].to_dict() == today
    assert s.loc["TUR", "cow_name"] == "Turkey" and s.loc["YUG", "cow_name"] == "Yugoslavia"
    assert s.loc["SWA", "cow_name"] == "Swaziland"
    # historical states keep their names, spelt right, and have no current ISO code
    assert s.loc["WRT", "name"] == "Württemberg" and s.loc["WRT", "cow_name"] == "Wuerttemburg"
    assert s.loc["GDR", "name"] == "German Democratic Republic"
    assert s.loc[["WRT", "GDR", "CZE", "YAR", "YPR"], "iso3"].isna().all()


def test_every_current_name_is_the_converters_short_name(store):
    """Reference read straight from country_converter's own table, not through the code."""
    table = Path(country_converter.__file__).with_name("country_data.tsv")
    with table.open(encoding="utf-8") as handle:
        short = {r["ISO3"]: r["name_short"] for r in csv.DictReader(handle, delimiter="\t")}
    s = _states(store).dropna(subset=["iso3"])
    assert len(s) > 190
    assert all(name == short[iso] for iso, name in zip(s["iso3"], s["name"]))
    assert s["iso3"].is_unique  # so an ISO code names one state


def test_serbia_is_named_by_year(store):
    net = api.network("atop", "alliances")
    name = lambda year: api.projection(store, year, net).nodes.loc["YUG", "name"]  # noqa: E731
    assert (name(1914), name(1990), name(2004), name(2006)) == (
        "Serbia", "Yugoslavia", "Serbia and Montenegro", "Serbia")


@pytest.mark.parametrize("code, year, expected", [
    ("RUS", 1914, "Russia"), ("RUS", 1962, "Soviet Union"), ("RUS", 1990, "Soviet Union"),
    ("RUS", 1992, "Russia"),        # the USSR ended on 26 Dec 1991
    ("TUR", 1914, "Ottoman Empire"), ("TUR", 1923, "Türkiye"),
    ("GMY", 1850, "Prussia"), ("GMY", 1871, "Germany"),
    ("AUH", 1850, "Austrian Empire"), ("AUH", 1867, "Austria-Hungary"),
    ("ITA", 1850, "Sardinia"), ("ITA", 1861, "Italy"),
    ("DRV", 1965, "North Vietnam"), ("DRV", 1976, "Vietnam")])
def test_a_state_is_named_as_it_was_that_year(store, code, year, expected):
    """COW keeps one code and today's name across a change of regime; a reader of 1962
    expects the Soviet Union (dates in names.NAME_CHANGES)."""
    nodes = api.projection(store, year, api.network("atop", "alliances")).nodes
    assert nodes.loc[code, "name"] == expected


@pytest.mark.parametrize("typed, code", [
    ("Soviet Union", "RUS"), ("USSR", "RUS"), ("soviet union", "RUS"), ("365", "RUS"),
    ("Ottoman Empire", "TUR"), ("Prussia", "GMY"), ("West Germany", "GFR"),
    ("North Vietnam", "DRV")])
def test_a_former_name_names_the_state(store, typed, code):
    assert api.actor(store, typed)[0] == code


def test_a_treaty_is_named_as_users_call_it_and_its_members_as_they_were(store):
    """`alliances treaty "Warsaw Pact"` finds ATOP-3285, members named as in that year."""
    members = api.treaty_members(store, "warsaw pact", 1960)
    assert set(members["group_id"]) == {"ATOP-3285"}
    assert "Soviet Union" in set(members["member"]) and len(members) == 8
    with pytest.raises(AllianceGraphError, match="did you mean Warsaw Pact"):
        api.treaty_members(store, "Warsw Pact")


@pytest.mark.parametrize("typed", ["TUR", "tur", "640", "Türkiye", "turkiye", "Turkey",
                                   "Republic of Türkiye"])
def test_one_resolver_reads_every_kind_of_code(store, typed):
    assert api.actor(store, typed)[0] == "TUR"


@pytest.mark.parametrize("typed, code", [
    ("SRB", "YUG"), ("Serbia", "YUG"), ("Yugoslavia", "YUG"), ("MKD", "MAC"),
    ("North Macedonia", "MAC"), ("Macedonia", "MAC"), ("SWZ", "SWZ"), ("Eswatini", "SWA"),
    ("Switzerland", "SWZ"), ("SVK", "SLO"), ("SLO", "SLO"), ("SVN", "SLV"),
    ("El Salvador", "SAL"), ("92", "SAL"), ("Ivory Coast", "CDI"), ("HEZBOLLAH", "HEZBOLLAH"),
])
def test_cow_codes_win_over_iso_codes(store, typed, code):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CodeCollisionWarning)
        assert api.actor(store, typed)[0] == code


def test_collisions_are_listed_and_said(store):
    table = api.actor_table(store)
    clash = collisions(table).set_index("code")
    # a COW abbreviation that is another state's ISO code: both meanings named
    assert clash.loc["SLV"].tolist() == ["Slovenia", "El Salvador"]
    assert clash.loc["SWZ"].tolist() == ["Switzerland", "Eswatini"]
    assert "SLO" not in clash.index  # Slovakia's COW code is no ISO code
    for code in clash.index:
        assert table.loc[code, "iso3"] != code
    with pytest.warns(CodeCollisionWarning, match="SLV is COW's Slovenia.*SAL 92 "
                                                  r"\(El Salvador"):
        Resolver(table).resolve("SLV")


def test_ambiguous_and_unknown_names_list_near_matches(store):
    table = api.actor_table(store)
    with pytest.raises(UnknownCodeError, match="unknown state Turky .*did you mean .*"
                                               r"TUR 640 \(Türkiye, ISO TUR\)"):
        Resolver(table).resolve("Turky", "state")
    two = table.loc[["PRK", "ROK"]].assign(cow_name="Korea")  # one name for two states
    with pytest.raises(UnknownCodeError, match="ambiguous state Korea: it names PRK 731"):
        Resolver(two).resolve("Korea", "state")


def test_cli_state_options_take_iso_codes_and_names(run):
    srb = run("treaties", "--state", "SRB", "--year", "2025")
    assert srb.exit_code == 0 and "Alliances of Serbia (YUG) in 2025" in srb.output
    tur = run("treaties", "--state", "Türkiye", "--with", "AZE", "--year", "2025",
              "--format", "csv")
    assert tur.exit_code == 0 and "ATOP-6035" in tur.output
    bad = run("treaties", "--state", "Turky", "--year", "2025")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1
    assert "did you mean" in bad.stderr and "TUR 640" in bad.stderr
    slv = run("treaties", "--state", "SLV", "--year", "2025")
    assert slv.exit_code == 0 and "warning: SLV is COW's Slovenia" in slv.stderr


def test_state_year_outputs_carry_ccode_and_iso3(store, run, tmp_path):
    timeline = api.timeline(store, 2004, 2006, api.network("atop"), states=["SRB", "640"])
    assert timeline.columns[:5].tolist() == ["year", "code", "ccode", "iso3", "name"]
    serbia = timeline[timeline["code"] == "YUG"].set_index("year")
    assert serbia["ccode"].unique().tolist() == [345] and set(serbia["iso3"]) == {"SRB"}
    assert serbia.loc[2004, "name"] == "Serbia and Montenegro"
    assert serbia.loc[2006, "name"] == "Serbia"
    table = api.centrality(store, 2018, api.network("atop"), metrics=["degree"])
    assert {"ccode", "iso3"} <= set(table.columns)
    assert table.set_index("code").loc["TUR", ["ccode", "iso3"]].tolist() == [640, "TUR"]
    pair = api.similarity(store, 2018, state="Türkiye", other="USA", source="atop")
    assert pair.loc[0, ["a", "a_ccode", "a_iso3", "b", "b_ccode", "b_iso3"]].tolist() == [
        "TUR", 640, "TUR", "USA", 2, "USA"]
    out = tmp_path / "net"
    result = run("export", "--year", "2018", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    nodes = pd.read_csv(out / "nodes.csv").set_index("id")
    assert nodes.loc["TUR", ["ccode", "iso3", "name"]].tolist() == [640, "TUR", "Türkiye"]
