"""The command line, driven through Click's runner on a real embedded database."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from alliance_graph.cli import cli as alliances
from facts import ATOP_DEFENSE_TIES_2018, ATOP_SPELLS
from support import DATA

COMMANDS = ("init", "ingest", "sources", "status", "query", "centrality", "timeline", "blocs",
            "powers", "brokers", "export", "report")


def test_help_lists_every_command_with_one_line_help():
    result = CliRunner().invoke(alliances, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        line = next(x for x in result.output.splitlines() if x.strip().startswith(name + " "))
        assert len(line.split(None, 1)[1]) > 10


def test_centrality_2018_top_row_is_the_united_states_from_the_data(run):
    result = run("centrality", "--year", "2018", "--source", "atop", "--ties", "defense",
                 "--metrics", "degree", "--top", "5", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # independent computation straight from the dyad-year file
    raw = pd.read_csv(DATA / "atop_alliance.csv.gz")
    y = raw[(raw.year == 2018) & (raw.atop_defense == 1)]
    pairs = set(zip(np.minimum(y.ccode1, y.ccode2), np.maximum(y.ccode1, y.ccode2)))
    degree = pd.Series([c for p in pairs for c in p]).value_counts()
    assert rows[0]["code"] == "USA" and rows[0]["ccode"] == degree.index[0] == 2
    assert [r["degree"] for r in rows] == degree.head(5).tolist()


def test_centrality_table_names_states_codes_and_ranks(run):
    result = run("centrality", "--year", "2018", "--top", "3")
    assert result.exit_code == 0
    assert "United States" in result.output and "(#1)" in result.output


def test_adhoc_write_is_refused_without_write_and_nothing_is_written(run):
    result = run("query", "--cypher", "CREATE (:State {code: 'XXX', name: 'Nowhere'})")
    assert result.exit_code == 1
    assert "refused" in result.output and "--write" in result.output
    assert len(result.output.strip().splitlines()) == 1
    count = run("query", "--cypher", "MATCH (s:State {code: 'XXX'}) RETURN count(s) AS n",
                "--format", "json")
    assert json.loads(count.stdout) == [{"n": 0}]


def test_adhoc_write_with_write_flag(run):
    assert run("query", "--write", "--cypher", "CREATE (:State {code: 'XXX'})").exit_code == 0
    count = run("query", "--cypher", "MATCH (s:State {code: 'XXX'}) RETURN count(s) AS n",
                "--format", "csv")
    assert count.stdout.splitlines() == ["n", "1"]


def test_named_query_with_parameters(run):
    result = run("query", "alliance_spells", "-p", "first=2018", "-p", "last=2018",
                 "-p", 'sources=["atop"]', "-p", 'ties=["defense"]', "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len([r for r in rows if r["defense"]]) == ATOP_DEFENSE_TIES_2018


def test_named_query_missing_parameter_is_one_line(run):
    result = run("query", "alliance_spells", "-p", "first=2018")
    assert result.exit_code == 1
    assert "missing $last, $sources, $ties" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_query_list(run):
    result = run("query", "--list", "--format", "json")
    names = {r["name"] for r in json.loads(result.stdout)}
    assert {"alliance_spells", "state_spells"} <= names


def test_init_and_ingest_into_a_new_database(tmp_path, run):
    db = tmp_path / "new.lbug"
    assert run("init", db=db).exit_code == 0
    result = run("ingest", "cow-states", "atop", "--format", "json", db=db)
    summary = json.loads(result.stdout)
    assert [s["source"] for s in summary] == ["cow-states", "atop"]
    assert summary[1]["relationships"] == summary[1]["spells"] == ATOP_SPELLS
    assert f"{ATOP_SPELLS:,} spells" in summary[1]["notes"]


def test_unknown_source_is_one_line(run):
    result = run("ingest", "cow-alliances")
    assert result.exit_code == 1
    assert "unknown source 'cow-alliances'" in result.output


def test_reading_before_anything_is_loaded(tmp_path):
    result = CliRunner().invoke(alliances, ["--db", str(tmp_path / "none.lbug"),
                                            "centrality", "--year", "2018"])
    assert result.exit_code == 1
    assert "run `alliances ingest all`" in result.output


@pytest.mark.parametrize("password", ["s3cret-password", None])
def test_unreachable_neo4j_is_one_clear_line_without_traceback(monkeypatch, password):
    if password:
        monkeypatch.setenv("NEO4J_PASSWORD", password)
    done = subprocess.run(
        [sys.executable, "-m", "alliance_graph.cli", "--neo4j-uri", "bolt://127.0.0.1:1",
         "centrality", "--year", "2018"],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach Neo4j at bolt://127.0.0.1:1" in lines[0]
    assert "Traceback" not in done.stderr and "s3cret" not in done.stderr + done.stdout


def test_timeline_writes_csv_and_png(run, tmp_path):
    csv, png = tmp_path / "t.csv", tmp_path / "t.png"
    result = run("timeline", "--from", "1946", "--to", "1960", "--states", "USA,RUS,TUR",
                 "--csv", str(csv), "--plot", str(png))
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(csv)
    assert set(frame.code) == {"USA", "RUS", "TUR"} and frame.year.nunique() == 15
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_report_starts_with_the_2018_atop_strength_table(run):
    result = run("report")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    title = " ".join(line.strip() for line in lines[:2])  # a narrow table wraps its title
    assert title.startswith("Alliance strength 2018 (summed tie weights) — network: ATOP · "
                            "alliances except nonaggression")
    # independent computation straight from the dyad-year file: a pair weighs its strongest
    # obligation (defense/offense 3, neutrality 2, consultation 1; nonaggression left out)
    raw = pd.read_csv(DATA / "atop_alliance.csv.gz")
    y = raw[raw.year == 2018].assign(a=lambda d: np.minimum(d.ccode1, d.ccode2),
                                     b=lambda d: np.maximum(d.ccode1, d.ccode2))
    y = y.assign(w=np.select([(y.atop_defense == 1) | (y.atop_offense == 1),
                              y.atop_neutral == 1, y.atop_consul == 1], [3, 2, 1], 0))
    pairs = y.groupby(["a", "b"]).w.max()
    pairs = pairs[pairs > 0]
    strength = pd.concat([pairs.groupby(level="a").sum(), pairs.groupby(level="b").sum()])
    strength = strength.groupby(level=0).sum().sort_values(ascending=False)
    first_row = next(line for line in lines if line.startswith("│"))
    assert strength.index[0] == 2 and strength.iloc[0] > strength.iloc[1]
    assert "USA" in first_row and f"│ {strength.iloc[0]:8.0f} │" in first_row
    titles = ("Most central 2025: betweenness — network: ATOP + curated · alliances except "
              "nonaggression", "Blocs 2025 (Leiden) — network: ATOP + curated",
              "Middle powers as brokers 2025")
    for title in titles:
        assert any(line.startswith(title) for line in lines), title
    # the layers the default leaves out are never named
    assert "organisation" not in result.stdout and "partnership" not in result.stdout


@pytest.mark.slow
def test_blocs_powers_brokers_and_export_commands(run, tmp_path):
    blocs = run("blocs", "--year", "2018", "--source", "atop", "--format", "json")
    assert json.loads(blocs.stdout)[0]["size"] > 20
    powers = run("powers", "--year", "2024", "--format", "json")
    classes = {r["code"]: r["class"] for r in json.loads(powers.stdout)}
    assert classes["USA"] == "major" and classes["TUR"] == "middle"
    brokers = run("brokers", "--year", "2018", "--source", "atop", "--middle-powers",
                  "--format", "csv", "--top", "all")
    assert "TUR" in brokers.stdout
    png = tmp_path / "b.png"
    assert run("blocs", "--year", "2018", "--plot", str(png)).exit_code == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    bad = run("blocs", "--year", "2018", "--conflict", "mid")
    assert bad.exit_code == 1 and "--conflict needs --signed" in bad.output


def test_library_terms_are_worded_as_the_commands_flags(store):
    from alliance_graph import api
    from alliance_graph.cli.flags import as_flags
    from alliance_graph.errors import AllianceGraphError

    with pytest.raises(AllianceGraphError, match=r"^`conflict` needs `signed=True`$"):
        api.blocs(store, 2018, conflict="mid")  # the library names its parameters
    text = ("`first=2020` is after `last=2018`; `conflict` needs `signed=True`; "
            "`isolates=include`; `neo4j_uri`; `read_only=False`; `unknown=1`")
    assert as_flags(text, [alliances, alliances.commands["blocs"]]) == (
        "--from 2020 is after --to 2018; --conflict needs --signed; `isolates=include`; "
        "--neo4j-uri; --write; `unknown=1`")
    assert as_flags("`isolates=include`", [alliances.commands["brokers"]]) == "--isolates include"
