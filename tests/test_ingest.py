"""Ingest: real data in, idempotent, atomic per source, bad input named precisely."""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from alliance_graph import api
from alliance_graph.errors import IngestError, QueryError
from alliance_graph.ingest import SOURCES, ingest, sources_table
from alliance_graph.ingest import atop as atop_module
from alliance_graph.ingest.base import Step
from facts import ATOP_DEFENSE_STATES_2018, ATOP_DEFENSE_TIES_2018, ATOP_SPELLS, STATE_NODES
from support import CURATED, DATA


@pytest.mark.slow
def test_every_source_loads_and_reloading_changes_nothing(store):
    before = store.counts()
    summary = ingest(store, ["all"])
    assert list(summary["source"]) == list(SOURCES)
    assert store.counts() == before
    assert before["State"] == STATE_NODES and before["ALLIED_WITH"] == ATOP_SPELLS


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SOURCES))
def test_each_source_is_idempotent(store, name):
    before = store.counts()
    ingest(store, [name])
    ingest(store, [name])
    assert store.counts() == before


def test_atop_2018_defense_network_matches_the_dyad_year_file(store):
    raw = pd.read_csv(DATA / "atop_alliance.csv.gz")
    rows = raw[(raw.year == 2018) & (raw.atop_defense == 1)]
    pairs = set(zip(np.minimum(rows.ccode1, rows.ccode2), np.maximum(rows.ccode1, rows.ccode2)))
    states = {c for p in pairs for c in p}
    frame = store.run_cypher(
        "MATCH (a:State)-[r:ALLIED_WITH]->(b:State) "
        "WHERE r.source = 'atop' AND r.defense AND r.start <= 2018 "
        "AND coalesce(r.`end`, 2018) >= 2018 RETURN a.ccode AS a, b.ccode AS b", {})
    got = set(zip(frame.a, frame.b))
    assert len(pairs) == ATOP_DEFENSE_TIES_2018 and len(states) == ATOP_DEFENSE_STATES_2018
    assert got == pairs


def test_atop_spells_collapse_consecutive_years_of_one_profile():
    years = pd.DataFrame({
        "a": [2, 2, 2, 2, 2, 20], "b": [20, 20, 20, 20, 20, 40],
        "year": [1940, 1941, 1942, 1945, 1946, 1950],
        "defense": [True, True, False, False, False, True],
        "offense": False, "neutrality": False, "nonaggression": False, "consultation": True,
    })
    spells = atop_module.spells(years)
    assert spells[["a", "b", "start", "end", "defense"]].values.tolist() == [
        [2, 20, 1940, 1941, True],   # profile changes in 1942
        [2, 20, 1942, 1942, False],  # gap 1943-44
        [2, 20, 1945, 1946, False],
        [20, 40, 1950, 1950, True],
    ]


def test_right_censoring_marks_open_spells(store):
    frame = store.run_cypher(
        "MATCH (:State {code: 'USA'})-[r:ALLIED_WITH]-(:State {code: 'CAN'}) "
        "RETURN r.start AS start, r.`end` AS stop, r.observed_until AS observed "
        "ORDER BY start", {})
    last = frame.iloc[-1]
    assert pd.isna(last["stop"]) and last["observed"] == 2018
    states = store.run_cypher(
        "MATCH (s:State {code: 'USA'})-[h:HAS_STATUS]->(:Status {id: 'cow-system-member'}) "
        "RETURN h.`end` AS stop, h.observed_until AS observed", {})
    assert pd.isna(states.stop[0]) and states.observed[0] == 2016
    ended = store.run_cypher(
        "MATCH (s:State {code: 'GDR'})-[h:HAS_STATUS]->(:Status) RETURN h.`end` AS stop", {})
    assert ended.stop[0] == 1990


def test_iso_codes_from_country_converter(store):
    frame = store.run_cypher("MATCH (s:State) RETURN s.code AS code, s.iso3 AS iso3", {})
    iso = dict(zip(frame.code, frame.iso3))
    assert iso["USA"] == "USA" and iso["GMY"] == "DEU" and iso["UKG"] == "GBR"
    assert iso["TUR"] == "TUR" and iso["ROK"] == "KOR" and iso["YUG"] == "SRB"
    assert pd.isna(iso["BAV"])  # Bavaria: gone long before ISO 3166


def test_curated_facts_from_the_seed_articles(store):
    curated = api.network("curated", "defense")
    nato = lambda y: set(api.projection(store, y, curated).to_networkx().neighbors("USA"))  # noqa: E731
    # dated by the signature of the accession protocols, 5 Jul 2022 (ATOP's rule)
    assert "FIN" in nato(2022) and "FIN" not in nato(2021)
    assert "SWD" in nato(2022) and "SWD" not in nato(2021)
    axis = api.network("curated", "defense,alignment")  # Iran's axis is an alignment
    g2024 = api.projection(store, 2024, axis).to_networkx()
    g2025 = api.projection(store, 2025, axis).to_networkx()
    assert g2024.has_edge("HEZBOLLAH", "IRN") and g2024.has_edge("SYR", "IRN")
    assert not g2025.has_edge("SYR", "IRN")
    rivals = store.run_cypher(
        "MATCH (a:State {code: 'ARM'})-[r:RIVAL_OF]-(b:State {code: 'AZE'}) "
        "RETURN r.source AS source", {})
    assert set(rivals.source) == {"td-rivalries", "tss-rivalries", "curated"}


def test_nato_has_32_members_in_2025(store):
    frame = store.run_cypher(
        "MATCH (s:State)-[m:MEMBER_OF {source: 'curated'}]->(:Treaty {alias: 'NATO'}) "
        "WHERE m.role = 'member' AND m.start <= 2025 AND m.`end` IS NULL "
        "RETURN count(DISTINCT s) AS n", {})
    assert frame.n[0] == 32


def test_us_troops_are_queryable(store):
    frame = store.run_cypher(
        "MATCH (:State {code: 'USA'})-[d:DEPLOYS_TROOPS]->(h:State) "
        "WHERE h.code IN ['JPN', 'ROK'] RETURN h.code AS host, d.troops AS troops", {})
    assert dict(zip(frame.host, frame.troops)) == {"JPN": 50000, "ROK": 28500}


def test_every_curated_record_has_a_citation():
    for path in sorted(CURATED.glob("*.yaml")):
        for record in yaml.safe_load(path.read_text()):
            assert str(record.get("source", "")).strip(), f"{path.name}: {record}"


def test_seed_entities_exist(store):
    states = set(store.run_cypher("MATCH (s:State) RETURN s.code AS c", {}).c)
    actors = set(store.run_cypher("MATCH (n:NonStateActor) RETURN n.code AS c", {}).c)
    groups = set(store.run_cypher("MATCH (g:Treaty) RETURN coalesce(g.alias, g.id) AS c UNION "
                                  "MATCH (g:Partnership) RETURN g.id AS c", {}).c)
    assert {"USA", "JPN", "ROK", "PHI", "AUL", "NEW", "TAW", "EGY", "JOR", "IND", "CAN",
            "GMY", "POL", "ITA", "LIT", "CHN", "RUS", "UKR", "FIN", "SWD", "UKG", "ISR",
            "SAU", "UAE", "BAH", "IRN", "SYR", "TUR", "AZE", "PAK", "QAT", "KZK", "UZB",
            "NOR", "PRK", "ARM"} <= states
    assert {"HEZBOLLAH", "HOUTHIS", "HAMAS"} <= actors
    assert {"NATO", "OAS", "NORAD", "MNNA", "AUKUS", "CSTO", "SCO", "ASEAN"} <= groups


def test_sources_table_lists_counts_and_citations(store):
    table = sources_table(store).set_index("source")
    assert table.loc["atop", "relationships"] == ATOP_SPELLS
    assert table.loc["cow-states", "nodes"] == STATE_NODES
    assert table["citation"].str.len().min() > 40


# ---------------------------------------------------------------------------------
# Bad input: one error naming file, line and field; nothing half-written.

def _csv_slice(tmp_path: Path, name: str, *, rows: int = 40, gz: bool = False,
               edit=None) -> Path:
    """The first ``rows`` data rows of a bundled file, optionally edited."""
    frame = pd.read_csv(DATA / name, dtype=str, keep_default_na=False, nrows=rows)
    if edit:
        edit(frame)
    out = tmp_path / (name if not gz else name)
    if gz:
        with gzip.open(out, "wt") as fh:
            frame.to_csv(fh, index=False)
    else:
        frame.to_csv(out, index=False)
    return out


def _set(row: int, column: str, value: str):
    def edit(frame):
        frame.loc[row, column] = value
    return edit


def _curated_copy(tmp_path: Path, file: str, transform) -> Path:
    folder = tmp_path / "curated"
    folder.mkdir()
    for path in CURATED.glob("*.yaml"):
        text = path.read_text()
        (folder / path.name).write_text(transform(text) if path.stem == file else text)
    return folder


BAD_CSV = [
    # (source, file, edit, line, field, message)
    ("atop", "atop_alliance.csv.gz", _set(4, "year", "19x8"), 6, "year", "'19x8' is not a whole number"),
    ("atop", "atop_alliance.csv.gz", _set(9, "year", "3018"), 11, "year", "year 3018 is after"),
    ("atop", "atop_alliance.csv.gz", _set(2, "ccode2", "999"), 4, "ccode2", "unknown state code 999"),
    ("atop", "atop_alliance.csv.gz", lambda f: f.drop(columns="atop_defense", inplace=True), 1, "atop_defense", "missing column"),
    ("atop", "atop_alliance.csv.gz", _set(7, "atop_offense", "2"), 9, "atop_offense", "flag 2 is after 1"),
    ("atop", "atop_alliance.csv.gz", lambda f: f.loc.__setitem__((5, ["ccode1", "ccode2", "year"]), f.loc[3, ["ccode1", "ccode2", "year"]].values), 7, "year", "duplicate directed dyad-year (first seen on line 5)"),
    ("td-rivalries", "td_rivalries.csv", _set(20, "endyear", "1700"), 22, "endyear", "end 1700 is before start"),
    ("td-rivalries", "td_rivalries.csv", _set(21, "type1", "economic"), 23, "type1", "unknown rivalry type 'economic'"),
    ("tss-rivalries", "tss_rivalries.csv", _set(25, "tssr_id", "3"), 27, "tssr_id", "duplicate rivalry id"),
    ("cow-states", "cow_states.csv", _set(3, "ccode", ""), 5, "ccode", "COW code is missing"),
    ("cow-nmc", "cow_nmc.csv", _set(12, "cinc", "-0.5"), 14, "cinc", "not a non-negative number"),
]


@pytest.mark.parametrize("source, file, edit, line, field, message", BAD_CSV,
                         ids=[f"{b[0]}:{b[4]}:{b[5][:20]}" for b in BAD_CSV])
def test_bad_csv_is_refused_with_file_line_field_and_nothing_changes(
        store, tmp_path, source, file, edit, line, field, message):
    bad = _csv_slice(tmp_path, file, edit=edit, gz=file.endswith(".gz"))
    before = store.counts()
    with pytest.raises(IngestError) as caught:
        ingest(store, [source], path=bad)
    error = caught.value
    assert (Path(error.file).name, error.line, error.field) == (bad.name, line, field)
    assert message in error.message
    assert str(error).count("\n") == 0 and f"{bad.name}:{line}: field '{field}'" in str(error)
    assert store.counts() == before


BAD_CURATED = [
    ("memberships", lambda t: t.replace("{actor: FIN, group: NATO, role: member,",
                                        "{actor: FIN, group: NATO, role: member, colour: blue,", 1),
     "colour", "unknown key"),
    ("memberships", lambda t: t.replace("{actor: SWD, group: NATO,", "{actor: SWE, group: NATO,", 1),
     "actor", "unknown state or actor code SWE (data files take COW abbreviations: SWE is "
              "SWD 380 (Sweden, ISO SWE))"),
    # one dating rule: an entry is dated by signature, so it cannot take effect before it
    ("memberships", lambda t: t.replace("start_date: 2022-07-05, in_force_date: 2023-04-04",
                                        "start_date: 2022-07-05, in_force_date: 2022-04-04", 1),
     "in_force_date", "2022-04-04 is before the signature (2022-07-05)"),
    # a name in a data file: which state it would be, or which states it could be
    ("memberships", lambda t: t.replace("{actor: SWD, group: NATO,", "{actor: Türkiye, group: NATO,", 1),
     "actor", "data files take COW abbreviations: Türkiye is TUR 640"),
    ("memberships", lambda t: t.replace("{actor: SWD, group: NATO,", "{actor: Swedn, group: NATO,", 1),
     "actor", "unknown state or actor code Swedn (did you mean SWD 380 (Sweden, ISO SWE)"),
    ("rivalries", lambda t: t.replace("{a: RUS, b: UKR, name: Russia-Ukraine rivalry, start: 2014",
                                      "{a: RUS, b: UKR, name: Russia-Ukraine rivalry, start: 1700", 1),
     "start", "greater than or equal to 1816"),
    ("groups", lambda t: t.replace("- id: NORAD\n", "- id: NATO\n", 1), "id", "duplicate group id NATO"),
    # a kind the typology (schema.GROUP_KINDS) does not map, or of the other type's layers
    ("groups", lambda t: t.replace("kind: security_grouping", "kind: trade_bloc", 1), "kind",
     "'trade_bloc' is not a partnership kind"),
    ("groups", lambda t: t.replace("kind: collective_defense", "kind: regional_organization", 1),
     "kind", "'regional_organization' is not a treaty kind"),
    ("memberships", lambda t: t.replace("{actor: GFR, group: NATO, role: member, start: 1954, end: 1990,",
                                        "{actor: GFR, group: NATO, role: member, start: 1954, end: 1950,", 1),
     "end", "end 1950 is before start 1954"),
    # an obligation outside ATOP's five, for a member and for a treaty
    ("memberships", lambda t: t.replace("{actor: FIN, group: NATO, role: member,",
                                        "{actor: FIN, group: NATO, role: member, "
                                        "obligations: [defense, friendship],", 1),
     "obligations", "Input should be 'defense'"),
    ("treaties_since_2019", lambda t: t.replace("  obligations: [defense]\n",
                                                "  obligations: [defense, alliance]\n", 1),
     "obligations", "Input should be 'defense'"),
    # the post-2018 files get the same checks, naming their own file and line
    ("memberships_since_2019", lambda t: t.replace("{actor: FRN, group: FRN-GMY-2019,",
                                                   "{actor: FRA, group: FRN-GMY-2019,", 1),
     "actor", "unknown state or actor code FRA"),
    ("treaties_since_2019", lambda t: t.replace("- id: GRC-UAE-2020\n", "- id: FRN-GMY-2019\n", 1),
     "id", "duplicate group id FRN-GMY-2019"),
    # treaty records linked to ATOP: one node per treaty, an id ATOP has, ATOP's codes
    ("groups", lambda t: t.replace("  atopid: 3375\n", "  atopid: 3180\n", 1),
     "atopid", "ATOP 3180 is already linked to NATO"),
    ("groups", lambda t: t.replace("  atopid: 3260\n", "  atopid: 9990\n", 1),
     "atopid", "ATOP alliance 9990 is not in the store"),
    # post-2018 status reviews (issue 20): a status needs its source, an end its date, a
    # successor an existing id, a date inside the treaty's life, an unverified its search
    ("treaties_since_2019", lambda t: t.replace(
        'status: "in_force", status_source: "Supreme State Council of the Union State, Minsk, '
        '6 Dec 2024 (Kremlin)", ', 'status: "in_force", ', 1),
     "status_source", "status 'in_force' needs its source"),
    ("treaties_since_2019", lambda t: t.replace('status: "ended", status_date: 2019-04-01, ',
                                                'status: "ended", ', 1),
     "status_date", "status 'ended' needs its date"),
    ("treaties_since_2019", lambda t: t.replace('status: "superseded", status_date: 2010-09-27, ',
                                                'status: "superseded", status_date: 2010-09-27, '
                                                'successor: "FRN-COM-2010", ', 1),
     "successor", "unknown successor id FRN-COM-2010"),
    ("treaties_since_2019", lambda t: t.replace('status: "superseded", status_date: 2010-09-27, ',
                                                'status: "superseded", status_date: 1975-09-27, ', 1),
     "status_date", "1975-09-27 lies outside ATOP 3830's life"),
    # a status that the members' own records contradict
    ("treaties_since_2019", lambda t: re.sub(
        r'(id: "UKR-BLR-1995", atopid: \d+, type: "treaty", )status: "ended", '
        r'status_date: 2022-02-24, status_source: "[^"]*", ',
        r'\1status: "in_force", status_source: "a 2023 statement", ', t),
     "status", "every member's participation in UKR-BLR-1995 ends"),
    ("treaties_since_2019", lambda t: re.sub(r'(atopid: 1467, type: "treaty", )status: '
                                             r'"unverified", searched: "[^"]*", ', r"\1", t),
     "status", "the review of ATOP 1467 needs a status"),
    ("groups", lambda t: t.replace("- id: SAU-PAK-SMDA\n  type: treaty\n",
                                   "- id: SAU-PAK-SMDA\n  type: treaty\n  design: {bases: -1}\n", 1),
     "design", "greater than or equal to 0"),
]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("file, transform, field, message", BAD_CURATED,
                         ids=[f"{b[0]}:{b[2]}" for b in BAD_CURATED])
def test_bad_curated_record_is_refused_and_nothing_changes(store, tmp_path, file, transform,
                                                           field, message):
    folder = _curated_copy(tmp_path, file, transform)
    before = store.counts()
    with pytest.raises(IngestError) as caught:
        ingest(store, ["curated"], path=folder)
    error = caught.value
    assert Path(error.file).name == f"{file}.yaml" and error.field == field
    assert message in error.message
    original, changed = (CURATED / f"{file}.yaml").read_text(), (folder / f"{file}.yaml").read_text()
    diff_line = next(i for i, (a, b) in enumerate(
        zip(original.splitlines(), changed.splitlines()), 1) if a != b)
    assert error.line == diff_line
    assert store.counts() == before


def test_curated_record_without_citation_is_refused(store, tmp_path):
    folder = _curated_copy(tmp_path, "rivalries", lambda t: t.replace(
        'source: "Russian annexation of Crimea', 'source: "', 1).replace(
        "(Mar 2014) and war in Donbas; full-scale invasion 24 Feb 2022 (UN General Assembly "
        "resolution ES-11/1, 2 Mar 2022)\"", '"', 1))
    text = (folder / "rivalries.yaml").read_text()
    with pytest.raises(IngestError) as caught:
        ingest(store, ["curated"], path=folder)
    assert caught.value.field == "source"
    assert caught.value.line == _line_of(text, "{a: RUS, b: UKR")


def test_failed_source_leaves_an_empty_store_empty(states_store, tmp_path):
    bad = _csv_slice(tmp_path, "atop_alliance.csv.gz", gz=True, edit=_set(30, "ccode1", "7"))
    with pytest.raises(IngestError, match=r":32: field 'ccode1': unknown state code 7"):
        ingest(states_store, ["atop"], path=bad)
    assert "ALLIED_WITH" not in states_store.counts()


def test_a_failure_while_writing_rolls_the_whole_source_back(store, monkeypatch):
    """Validation passed, then the database refuses a later step: the source's earlier
    steps in the same transaction are undone and its previous version is intact."""
    before = store.counts()
    real = atop_module.prepare

    def prepare_then_break(path, context):
        plan = real(path, context)
        plan.steps.append(Step("add_alliance_spells", [{"a": "USA"}]))  # missing keys
        return plan

    monkeypatch.setitem(SOURCES, "atop", replace(SOURCES["atop"], prepare=prepare_then_break))
    with pytest.raises(QueryError, match="embedded store rejected"):
        ingest(store, ["atop"])
    assert store.counts() == before


def test_unreadable_and_missing_files(store, tmp_path):
    junk = tmp_path / "junk.csv.gz"
    junk.write_bytes(b"not gzip at all")
    with pytest.raises(IngestError, match="junk.csv.gz: not a readable CSV"):
        ingest(store, ["atop"], path=junk)
    with pytest.raises(IngestError, match="file not found"):
        ingest(store, ["cow-states"], path=tmp_path / "absent.csv")
