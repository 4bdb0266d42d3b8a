"""Neo4j Browser assets: the query library in queries/browser/, the GraSS style and the
guide in browser/ (served to Browser by the compose service `browser-assets`).

Lint and execution of every browser query are covered by test_cypher_lint.py and
test_querylib.py; this file checks what those do not: the style parses the way Browser
parses it, the guide is well formed and carries every query with its `:param` lines,
headers declare exactly the parameters a body uses, and the queries answer correctly on
the bundled data.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from alliance_graph import querylib, schema
import browser_ui_support as browser_ui

REPO = Path(__file__).resolve().parent.parent
GRASS = REPO / "browser" / "alliances.grass"
GUIDE = REPO / "browser" / "guide.html"

# The questions the browser library must answer (issue: Browser query library).
REQUIRED = {
    "nato_members": "NATO members and accession years",
    "nato_size_by_year": "NATO membership count by year",
    "state_partners": "a state's partners in a year",
    "alignment_path": "shortest alignment path between two actors",
    "iran_axis": "Iran's axis in a year, non-state actors included",
    "cross_bloc_rivalries": "rivalries whose ends are in different blocs",
    "top_brokers": "top brokers written back by `alliances brokers --write`",
}
# Queries that cannot be written in Cypher the embedded store also runs.
NEO4J_ONLY = {"browser/alignment_path"}


def browser_queries() -> list[querylib.Query]:
    return [querylib.load(name) for name in querylib.names("browser")]


# --- GraSS ---------------------------------------------------------------------------


def parse_grass(text: str) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Neo4j Browser's own GraSS reader (grassUtils.ts, parseGrassCSS), in Python.

    Quotes are dropped, `{…}` inside a rule is kept as a caption binding, and a
    declaration that does not split into exactly `key: value` is silently ignored by
    Browser; those are returned as the second value so the test can refuse them."""
    inside_string = inside_props = inside_binding = False
    keyword = props = ""
    rules: dict[str, str] = {}
    for c in text:
        skip = True
        if c == "{":
            if inside_string:
                skip = False
            elif inside_props:
                inside_binding = True
            else:
                inside_props = True
        elif c == "}":
            if inside_string:
                skip = False
            elif inside_binding:
                inside_binding = False
            else:
                inside_props = False
                rules[keyword] = props
                keyword = props = ""
        elif c in "'\"":
            inside_string = not inside_string
        else:
            skip = False
        if skip:
            continue
        if inside_props:
            props += c
        elif not c.isspace():
            keyword += c
    parsed, ignored = {}, []
    for selector, body in rules.items():
        parsed[selector] = {}
        for declaration in body.split(";"):
            parts = declaration.split(":")
            if len(parts) == 2:
                parsed[selector][parts[0].strip()] = parts[1].strip()
            elif declaration.strip():
                ignored.append(f"{selector}: {declaration.strip()}")
    return parsed, ignored


@pytest.fixture(scope="module")
def grass() -> dict[str, dict[str, str]]:
    rules, ignored = parse_grass(GRASS.read_text(encoding="utf-8"))
    assert not ignored, f"Browser would ignore these declarations: {ignored}"
    return rules


def test_grass_parses_into_known_selectors(grass):
    known = {"node", "relationship"}
    known |= {f"node.{label}" for label in schema.labels()}
    known |= {f"relationship.{t}" for t in schema.relationship_types()}
    assert set(grass) <= known, f"unknown selectors: {sorted(set(grass) - known)}"


def test_grass_styles_every_label_with_name_caption_and_own_colour(grass):
    colours = {}
    for label in schema.labels():
        rule = grass.get(f"node.{label}")
        assert rule, f"no style for label {label}"
        assert rule.get("caption") == "{name}", f"{label} caption: {rule.get('caption')}"
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", rule.get("color", "")), f"{label} colour"
        assert re.fullmatch(r"\d+px", rule.get("diameter", "")), f"{label} diameter"
        colours[label] = rule["color"].upper()
    assert len(set(colours.values())) == len(colours), f"colours repeat: {colours}"
    assert grass["node"]["caption"] == "{name}"  # every node has a name


def test_grass_groups_and_states_are_drawn_larger_than_records(grass):
    size = {label: int(grass[f"node.{label}"]["diameter"][:-2]) for label in schema.labels()}
    for big in ("State", "Treaty", "Partnership", "Bloc"):
        for small in ("Capability", "Status", "Metric"):
            assert size[big] > size[small], (big, small)


def test_grass_relationship_captions_name_real_properties(grass):
    for rel in schema.RELS:
        rule = grass.get(f"relationship.{rel.type}")
        assert rule and rule.get("caption"), f"no caption for {rel.type}"
        bindings = re.findall(r"\{([^{}]*)\}", rule["caption"])
        assert bindings, f"{rel.type} caption shows no property: {rule['caption']}"
        names = {p.name for p in rel.props}
        assert set(bindings) <= names, f"{rel.type} caption uses {bindings}"
    assert "{start}" in grass["relationship.ALLIED_WITH"]["caption"]
    assert "{role}" in grass["relationship.MEMBER_OF"]["caption"]


def test_parse_grass_matches_browser_behaviour():
    rules, ignored = parse_grass(
        'node {caption: "<id>"; stroke: #ffffff;} relationship {caption: "{name}";} '
        'node.Person {caption: "{city} {zip}"; url: "http://x";}')
    assert rules["node"] == {"caption": "<id>", "stroke": "#ffffff"}
    assert rules["relationship"]["caption"] == "{name}"
    assert rules["node.Person"] == {"caption": "{city} {zip}"}
    assert ignored == ["node.Person: url: http://x"]


# --- guide ---------------------------------------------------------------------------


class _TagBalance(HTMLParser):
    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"line {self.getpos()[0]}: </{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


@pytest.fixture(scope="module")
def guide() -> ET.Element:
    text = GUIDE.read_text(encoding="utf-8")
    balance = _TagBalance()
    balance.feed(text)
    balance.close()
    assert not balance.errors and not balance.stack, (balance.errors, balance.stack)
    return ET.fromstring(text)  # well-formed: every tag closed, every & < > escaped


def runnable_blocks(root: ET.Element) -> list[str]:
    return ["".join(pre.itertext()).strip() for pre in root.iter("pre")
            if "runnable" in pre.get("class", "").split()]


def test_guide_is_a_browser_guide_with_slides(guide):
    assert guide.tag == "article" and "guide" in guide.get("class", "").split()
    slides = list(guide.iter("slide"))
    assert len(slides) >= 5
    for slide in slides:
        assert slide.find(".//h3") is not None, "every slide has a title"
    assert all("code" in pre.get("class", "").split() for pre in guide.iter("pre"))


def test_guide_carries_every_browser_query_and_its_param_lines(guide):
    blocks = runnable_blocks(guide)
    for query in browser_queries():
        assert query.body in blocks, f"guide lacks the body of {query.name}"
        for name, example in query.params.items():
            line = f":param {name} => {example}"
            assert line in blocks, f"guide lacks `{line}` for {query.name}"


def test_guide_only_runs_queries_from_the_library(guide):
    """Every Cypher block in the guide is a query file's body, so lint and the embedded
    store test what users run."""
    bodies = {q.body for q in browser_queries()}
    for block in runnable_blocks(guide):
        if not block.startswith(":"):
            assert block in bodies, f"guide block is not a library query:\n{block}"


# --- query headers -------------------------------------------------------------------


def used_parameters(body: str) -> set[str]:
    without_strings = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", body)
    without_comments = re.sub(r"//[^\n]*", "", without_strings)
    return set(re.findall(r"\$(\w+)", without_comments))


def test_required_queries_exist():
    names = set(querylib.names("browser"))
    missing = sorted(f"browser/{n}" for n in REQUIRED if f"browser/{n}" not in names)
    assert not missing, f"missing browser queries: {missing}"


def test_browser_queries_declare_exactly_the_parameters_they_use():
    for query in browser_queries():
        assert used_parameters(query.body) == set(query.params), query.name
        for example in query.params.values():
            querylib.literal(example)  # each example is a Cypher literal


def test_browser_query_headers_describe_then_declare():
    for query in browser_queries():
        assert re.fullmatch(r"browser/[a-z][a-z0-9_]*", query.name)
        header = []
        for line in query.text.splitlines():
            if not line.startswith("//"):
                break
            header.append(line)
        kinds = ["param" if re.match(r"//\s*:param\b", line) else "text" for line in header]
        assert kinds and kinds[0] == "text", f"{query.name} starts with a description"
        first_param = kinds.index("param") if "param" in kinds else len(kinds)
        assert "text" not in kinds[first_param:], f"{query.name}: params come last"
        assert len(query.description) > 60, f"{query.name} explains how to read it"


def test_only_the_path_query_is_neo4j_only():
    assert {q.name for q in browser_queries() if q.neo4j_only} == NEO4J_ONLY


def test_end_is_always_backquoted():
    for query in browser_queries():
        assert not re.search(r"\.end\b", query.body), f"{query.name}: write .`end`"


# --- answers on the bundled data -----------------------------------------------------


def rows(store, name: str, **params) -> list[dict]:
    return store.read(f"browser/{name}", **params).to_dict("records")


def test_nato_has_32_members_in_2024_and_12_founders(store):
    by_year = {r["year"]: r for r in rows(store, "nato_size_by_year", first=1949, last=2024)}
    assert by_year[1949]["members"] == 12 and by_year[2024]["members"] == 32
    # dated by the signature of the accession protocols, as ATOP dates Poland's (1997)
    assert list(by_year[2019]["joined"]) == ["North Macedonia"]
    assert sorted(by_year[2022]["joined"]) == ["Finland", "Sweden"]
    assert by_year[2021]["members"] == 30 and by_year[2022]["members"] == 32
    members = rows(store, "nato_members")
    assert len(members) == 33  # 32 today plus West Germany (1954-1990)
    assert [m["joined"] for m in members] == sorted(m["joined"] for m in members)
    dates = {m["code"]: (m["joined"], m["signed_date"], m["in_force_date"]) for m in members}
    assert dates["POL"] == (1997, "1997-12-16", "1999-03-12")
    assert dates["MNG"] == (2016, "2016-05-19", "2017-06-05")
    assert dates["FIN"] == (2022, "2022-07-05", "2023-04-04")
    assert dates["SWD"] == (2022, "2022-07-05", "2024-03-07")


def test_state_partners_counts_only_member_ties_in_force(store):
    partners = rows(store, "state_partners", code="IRN", year=2024)
    via = {(r["partner"], r["via"]) for r in partners}
    assert ("HEZBOLLAH", "AXIS") in via and ("RUS", "SCO") in via
    assert ("SYR", "IRN-SYR-2006") in via
    assert all(r["partner"] != "IRN" for r in partners)
    for r in partners:  # no observer spell (Iran in the SCO until 2022) leaks in
        assert r["since"] <= 2024 and (pd.isna(r["until"]) or r["until"] >= 2024), r
    sco = [r for r in partners if r["via"] == "SCO"]
    assert len(sco) == len({r["partner"] for r in sco})
    assert {"BLR", "CHN", "IND"} <= {r["partner"] for r in sco}
    assert not any(r["partner"] == "PMF" for r in partners)  # PMF is only a 'partner'


def test_state_partners_ties_hub_groups_only_to_the_hub(store):
    pakistan = rows(store, "state_partners", code="PAK", year=2024)
    assert {r["partner"] for r in pakistan if r["via"] == "MNNA"} == {"USA"}


def test_iran_axis_includes_non_state_actors_and_follows_syria_out(store):
    axis = {r["code"]: r for r in rows(store, "iran_axis", year=2024)}
    assert axis["IRN"]["role"] == "hub" and axis["IRN"]["kind"] == "state"
    assert {"HEZBOLLAH", "HOUTHIS", "HAMAS", "SYR"} <= set(axis)
    assert axis["HEZBOLLAH"]["kind"] != "state"
    assert not axis["PMF"]["tie"] and axis["HOUTHIS"]["tie"]
    assert "SYR" not in {r["code"] for r in rows(store, "iran_axis", year=2025)}


def test_group_graph_returns_the_group_and_its_members(store):
    frame = store.read("browser/group_graph", group_id="NATO", year=2024)
    assert len(frame) == 32 and list(frame.columns) == ["g", "m", "a"]


def _write(store, text: str, **params) -> None:
    store.write(lambda tx: tx.execute(text, params))


def test_results_written_back_are_read_by_year_and_network(store):
    """Blocs and broker scores as `alliances blocs/brokers --write` store them."""
    for bloc, codes in {"b0": ["USA", "JPN", "IND", "PAK"], "b1": ["CHN", "RUS", "PRK"]}.items():
        _write(store, "CREATE (:Bloc {id: $id, name: $id, year: 2024, network: 'all:defense', "
                      "label: $id, size: $size})", id=bloc, size=len(codes))
        for code in codes:
            _write(store, "MATCH (a:State {code: $code}) MATCH (b:Bloc {id: $id}) "
                          "CREATE (a)-[:IN_BLOC {year: 2024, network: 'all:defense', "
                          "start: 2024, `end`: 2024, source: 'test'}]->(b)", code=code, id=bloc)
    metrics = {"brokerage": [("TUR", 12), ("USA", 8)], "liaison_z": [("USA", 2.5)],
               "constraint": [("TUR", 0.1), ("USA", 0.2)]}
    for metric, scores in metrics.items():
        _write(store, "CREATE (:Metric {id: $m, name: $m})", m=metric)
        for rank, (code, value) in enumerate(scores, 1):
            for network in ("all:defense", "all:partnership"):
                _write(store, "MATCH (a:State {code: $code}) MATCH (m:Metric {id: $m}) "
                              "CREATE (a)-[:SCORED {year: 2024, network: $network, value: $v, "
                              "rank: $r, start: 2024, `end`: 2024}]->(m)",
                       code=code, m=metric, network=network, v=value, r=rank)

    written = {(r["written"], r["network"]): r for r in rows(store, "written_results")}
    assert written[("blocs", "all:defense")]["first_year"] == 2024
    assert written[("brokerage", "all:partnership")]["years"] == 1

    crossing = rows(store, "cross_bloc_rivalries", year=2024, network="all:defense")
    pairs = {(r["a"], r["b"]) for r in crossing}
    assert ("CHN", "USA") in pairs and ("PRK", "USA") in pairs and ("CHN", "IND") in pairs
    assert ("IND", "PAK") not in pairs  # rivals inside one bloc
    assert all(r["a_bloc"] != r["b_bloc"] for r in crossing)
    assert rows(store, "cross_bloc_rivalries", year=2024, network="atop:defense") == []

    blocs = rows(store, "bloc_members", year=2024, network="all:defense")
    assert [(b["bloc"], len(b["members"])) for b in blocs] == [("b0", 4), ("b1", 3)]

    brokers = rows(store, "top_brokers", year=2024, network="all:defense", top=5)
    assert [b["code"] for b in brokers] == ["TUR", "USA"]
    assert brokers[1]["liaison_z"] == 2.5 and brokers[0]["constraint"] == 0.1
    assert pd.isna(brokers[0]["liaison_z"])  # a score that was not written: null
    top = rows(store, "top_scores", metric="brokerage", year=2024, network="all:defense", top=1)
    assert [t["code"] for t in top] == ["TUR"]


# --- on a real Neo4j (conftest: the Maven-built server, fully ingested) ----------------


@pytest.mark.neo4j
@pytest.mark.parametrize("name", querylib.names("browser"))
def test_every_browser_query_runs_on_neo4j(neo4j_store, name):
    """What Browser users run, with the header's examples, in a read transaction; the
    only place the Neo4j-only path query is executed."""
    query = querylib.load(name)
    frame = neo4j_store.read(name, **query.examples())
    if name == "browser/alignment_path":
        routes = [list(route) for route in frame["route"]]
        assert routes and all(r[0] == "Australia" and r[-1] == "Azerbaijan" for r in routes)
        assert len({len(r) for r in routes}) == 1  # all of the same, shortest, length
    if name == "browser/state_partners":
        assert set(frame.columns) >= {"partner", "via", "since", "until", "carried"}
        assert "TUR" not in set(frame["partner"])


# --- in a real browser: Neo4j Browser (the server's /browser/) in Debian's chromium ------

# run in this order: the last stays on screen for the README's screenshot
UI_QUERIES = ["browser/treaty_web", "browser/group_graph"]
ARTEFACTS = REPO / "tmp" / "artefacts" / "browser-ui"
SCREENSHOT = REPO / "docs" / "neo4j-browser.png"  # guide-and-graph.png of a passing run


def guide_slide(name: str) -> int:
    """The guide slide (1-based, as Browser's carousel counts) that runs ``name``."""
    body = querylib.load(name).body
    root = ET.fromstring(GUIDE.read_text(encoding="utf-8"))
    for number, slide in enumerate(root.iter("slide"), 1):
        if body in runnable_blocks(slide):
            return number
    raise AssertionError(f"the guide does not run {name}")


def styled(grass: dict, labels, props: dict, kind: str) -> tuple:
    """What the GraSS makes Browser draw for an element: (fill, radius) for a node, the
    caption for a relationship (a missing property shows as nothing)."""
    rule = next((grass[f"{kind}.{label}"] for label in sorted(labels)
                 if f"{kind}.{label}" in grass), grass[kind])
    if kind == "node":
        return rule["color"], int(rule["diameter"][:-2]) / 2
    caption = rule["caption"].replace("<type>", labels[0])
    return re.sub(r"\{(\w+)\}", lambda m: "" if props.get(m[1]) is None else str(props[m[1]]),
                  caption)


def server_graph(settings, name: str):
    """The query's graph as the server returns it to the driver: the reference for what
    Browser draws."""
    import neo4j as driver

    query = querylib.load(name)
    with driver.GraphDatabase.driver(settings.neo4j_uri, auth=(
            settings.neo4j_user, settings.neo4j_password)) as d:
        return d.execute_query(query.body, query.examples(), routing_=driver.RoutingControl.READ,
                               result_transformer_=driver.Result.graph)


def test_caption_matching_follows_browsers_typesetting():
    """Browser's own cuts, seen in chromium: the circle's character budget, and the last
    word replaced by the next one shortened (here "Hungary –" gave way to "Tu…")."""
    hungary = "Consultation pact: Hungary – Turkey (1994, ATOP 4625)"
    assert browser_ui.caption_shows(["Consultation", "pact:", "Tu…"], hungary)
    assert browser_ui.caption_shows(["United", "States of", "Am"], "United States of America")
    assert browser_ui.caption_shows(["Turkey"], "Turkey")
    assert not browser_ui.caption_shows(["Turkey"], "Turkmenistan")
    assert not browser_ui.caption_shows(["Consultation", "pact:", "Tu…"], "Defense pact: Tu")
    assert not browser_ui.caption_shows(["pact:", "Hungary"], hungary)  # from the start
    assert not browser_ui.caption_shows([], hungary)
    assert browser_ui.match(["a…", "ab…"], ["ab", "ac"], lambda d, w: w.startswith(
        d.removesuffix("…"))) == {0: 1, 1: 0}  # first come, first served strands "ab…"


@pytest.mark.neo4j
def test_neo4j_browser_draws_the_guides_queries_with_the_style(
        neo4j_store, neo4j_target, grass, request):
    """Neo4j Browser as users meet it, in headless chromium: connect over Bolt, `:style`
    and `:play` the shipped style and guide (served over HTTP with CORS, as compose does),
    then click two guide queries' `:param` lines and body and run them. Every node Browser
    draws must have its label's colour and diameter from the style and show the node's
    name as caption (as Browser typesets it into the circle, cut where it does not fit);
    every relationship the style's caption (`member 1952–`, not the default type); the
    counts those of the server's own answer to the driver. Screenshots (each query's
    frame, and the guide with the last graph): tmp/artefacts/browser-ui/."""
    problem = browser_ui.setup_problem()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but Neo4j Browser cannot be driven: {problem}")
        pytest.skip(f"Neo4j Browser UI test skipped: {problem}")
    if not neo4j_target.http_url:
        pytest.skip(f"{neo4j_target.source} gives no HTTP address for /browser/")
    settings = neo4j_target.settings
    with browser_ui.serve(REPO / "browser") as assets:
        plan = {
            "browser": f"{neo4j_target.http_url}/browser/",
            "bolt": settings.neo4j_uri.split("://", 1)[1],
            "user": settings.neo4j_user,
            "style": f"{assets}/alliances.grass",
            "guide": f"{assets}/guide.html",
            "queries": [{"name": name.split("/")[1], "slide": guide_slide(name),
                         "blocks": [f":param {k} => {v}" for k, v in
                                    querylib.load(name).params.items()]
                         + [querylib.load(name).body]} for name in UI_QUERIES],
        }
        report = browser_ui.drive(plan, settings.neo4j_password, ARTEFACTS)
    assert not report.get("error"), f"{report['error']}\n(screenshots in {ARTEFACTS})"
    assert "node.State" in report["style"] and grass["node.State"]["color"] in report["style"]
    assert "Alliances as a graph" in report["guide"]  # the first slide's title

    drawn_total = {"nodes": 0, "relationships": 0}
    for name, drawn in zip(UI_QUERIES, report["queries"]):
        graph = server_graph(settings, name)
        nodes = list(graph.nodes)
        want = [styled(grass, n.labels, dict(n), "node") for n in nodes]
        got = [(n["fill"], n["r"]) for n in drawn["nodes"]]
        assert sorted(got) == sorted(want), f"{name}: colours and sizes are not the style's"
        for look in set(want):  # captions within each style: State names, Treaty names…
            names = [n["name"] for n, w in zip(nodes, want) if w == look]
            lines = [n["caption"] for n in drawn["nodes"] if (n["fill"], n["r"]) == look]
            paired = browser_ui.match(lines, names, browser_ui.caption_shows)
            unpaired = [" / ".join(c) for i, c in enumerate(lines) if i not in paired]
            assert not unpaired, f"{name}: captions that name no node {look}: {unpaired}"
        captions = [styled(grass, [r.type], dict(r), "relationship")
                    for r in graph.relationships]
        texts = drawn["relationships"]
        assert len(texts) == len(captions), name
        paired = browser_ui.match(texts, captions, lambda t, c: c.startswith(
            t.removesuffix(browser_ui.ELLIPSIS)))
        assert len(paired) == len(texts), (
            f"{name}: relationship captions not the style's: "
            f"{sorted(set(texts) - {texts[i] for i in paired})[:5]}")
        assert any(t in captions for t in texts), f"{name}: every caption cut"
        drawn_total["nodes"] += len(nodes)
        drawn_total["relationships"] += len(captions)

    shown = {name: {(n["fill"], " ".join(n["caption"])) for n in drawn["nodes"]}
             for name, drawn in zip(UI_QUERIES, report["queries"])}
    state, treaty = grass["node.State"]["color"], grass["node.Treaty"]["color"]
    assert len(report["queries"][1]["nodes"]) == 33  # NATO in 2024: 32 members and the treaty
    assert (treaty, "North Atlantic Treaty") in shown["browser/group_graph"]
    assert (state, "Türkiye") in shown["browser/treaty_web"]  # the state the walk starts from
    assert (treaty, "North Atlantic Treaty") in shown["browser/treaty_web"]
    request.config.stash[browser_ui.BROWSER_UI] = (
        f"Neo4j Browser: {len(UI_QUERIES)} guide queries drawn in chromium "
        f"{report['chromium']} with the style ({drawn_total['nodes']} nodes, "
        f"{drawn_total['relationships']} relationships checked); screenshots in {ARTEFACTS}")
    browser_ui.copy_if_asked(ARTEFACTS / "guide-and-graph.png", SCREENSHOT)
