"""Exports: every format reads back with the projection's nodes and ties."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest

from alliance_graph import api
from alliance_graph.analytics.projection import Network

YEAR = 2024
NET = Network("all", ("defense", "alignment", "organization"))


@pytest.fixture(scope="module")
def expected(golden_db):
    from alliance_graph.store.embedded import LadybugStore

    with LadybugStore(golden_db, read_only=True) as store:
        p = api.projection(store, YEAR, NET)
        return len(p.nodes), len(p.edges)


def read_back(path, fmt):
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "json":
        return nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    nodes = pd.read_csv(path / "nodes.csv")
    edges = pd.read_csv(path / "edges.csv")
    g = nx.Graph()
    g.add_nodes_from(nodes["id"])
    g.add_edges_from(zip(edges["source"], edges["target"]))
    return g


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_export_round_trip(run, tmp_path, expected, fmt):
    out = tmp_path / f"net.{fmt}"
    result = run("export", "--year", str(YEAR), "--ties", "defense,alignment,organization",
                 "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    g = read_back(out, fmt)
    assert (g.number_of_nodes(), g.number_of_edges()) == expected


@pytest.mark.slow
def test_attributes_travel(store, tmp_path):
    path = api.export(store, YEAR, tmp_path / "net.graphml", "graphml", NET)[0]
    g = nx.read_graphml(path)
    usa = g.nodes["USA"]
    assert usa["name"] == "United States" and usa["ccode"] == 2 and usa["iso3"] == "USA"
    assert usa["degree_rank"] == 1 and "bloc_label" in usa and usa["bloc"] >= 0
    assert "ccode" not in g.nodes["HEZBOLLAH"]  # non-state actors have no COW code
    tie = g.edges["FIN", "USA"]
    assert tie["defense"] is True and "NATO" in tie["via"]
    axis = g.edges["HEZBOLLAH", "IRN"]  # Iran's axis: alignment, not an organisation
    assert axis["alignment"] is True and axis["organization"] is False
    eu = g.edges["FRN", "GMY"]  # NATO and the EU: an alliance and an organisation
    assert eu["defense"] is True and eu["organization"] is True and eu["weight"] == 3
    assert g.graph["network_label"] == NET.label


@pytest.mark.slow
def test_gexf_is_valid_xml_with_declared_attributes(store, tmp_path):
    path = api.export(store, YEAR, tmp_path / "net.gexf", "gexf", NET)[0]
    root = ET.parse(path).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    declared = {}
    for block in root.iter("{http://www.gexf.net/1.2draft}attributes"):
        for a in block.findall("g:attribute", ns):
            declared[(block.get("class"), a.get("id"))] = a.get("title")
    titles = set(declared.values())
    assert {"name", "code", "bloc_label", "betweenness", "defense", "via"} <= titles
    for kind in ("node", "edge"):
        for element in root.iter(f"{{http://www.gexf.net/1.2draft}}{kind}"):
            for value in element.iter("{http://www.gexf.net/1.2draft}attvalue"):
                assert (kind, value.get("for")) in declared
