"""Every Neo4j-dialect query is checked by Neo4j's own Cypher front-end
(npm @neo4j-cypher/language-support, lintCypherQuery) against a dbSchema built from
alliance_graph.schema: labels, relationship types, property keys, the parameters each
query declares and the procedures the project may call."""

from __future__ import annotations

import re

import pytest

from alliance_graph import querylib, schema
from lint_support import LINT_SUMMARY, failures, lint, setup_problem
from support import require

pytestmark = pytest.mark.node


@pytest.fixture(scope="module", autouse=True)
def _node_ready():
    problem = setup_problem()
    require(problem and f"the Cypher lint needs node and its npm package: {problem}")


def as_lint_input(name: str, text: str, params: dict) -> dict:
    keys = sorted(set(re.findall(r"[{,]\s*(\w+)\s*:", " ".join(params.values()))))
    return {"name": name, "text": text, "params": params, "mapKeys": keys}


def project_queries() -> list[dict]:
    out = []
    for path in querylib.all_neo4j_files():
        rel = path.relative_to(querylib.root())
        q = querylib.parse(str(rel.with_suffix("")), querylib.NEO4J, path)
        out.append(as_lint_input(f"queries/{rel}", q.text, q.params))
    # Cypher built outside queries/: the schema module's generated Neo4j DDL
    for i, statement in enumerate(schema.neo4j_ddl()):
        out.append(as_lint_input(f"schema.neo4j_ddl()[{i}]", statement, {}))
    return out


def test_every_query_passes_neo4j_front_end(request):
    queries = project_queries()
    results = lint(queries)
    files = sum(1 for q in queries if q["name"].startswith("queries/"))
    request.config.stash[LINT_SUMMARY] = (
        f"Cypher lint: {files} query files and {len(queries) - files} DDL statements checked "
        "by Neo4j's front-end")
    problems = failures(results)
    assert not problems, "\n".join(problems)
    assert files >= 30


GOOD = ("MATCH (a:State)-[r:ALLIED_WITH]->(b:State) WHERE r.start <= $year "
        "RETURN a.code AS a, b.code AS b")


BROKEN = [
    (GOOD.replace("MATCH", "MATC"), "Invalid input 'MATC'"),
    (GOOD.replace("b.code AS b", "c.code AS b"), "Variable `c` not defined"),
    ("MATCH (s:State) WHERE exists(s.iso3) RETURN s.code", "no longer supported"),
    (GOOD.replace(":State)-", ":Stat)-"), "Label Stat is not present"),
    (GOOD.replace("ALLIED_WITH", "ALLIED_TO"), "ALLIED_TO is not present"),
    (GOOD.replace("r.start", "r.begin"), "begin is not present"),
    (GOOD.replace("$year", "$yaer"), "Parameter $yaer is not defined"),
    ("CALL gds.pagerank.stream('g') YIELD nodeId RETURN nodeId",
     "gds.pagerank.stream is not present"),
    ("CALL db.labels() YIELD label RETURN label", "db.labels is not present"),
    ("RETURN gds.util.asNod(1) AS n", "Function gds.util.asNod is not present"),
]


@pytest.fixture(scope="module")
def linted() -> dict[str, list[str]]:
    """One node run for all the hand-made cases (starting node costs seconds)."""
    cases = [as_lint_input(f"case{i}", text, {"year": "2018"}) for i, (text, _) in enumerate(BROKEN)]
    cases.append(as_lint_input("good", GOOD, {"year": "2018"}))
    results = lint(cases)
    return {r["name"]: failures([r]) for r in results}


@pytest.mark.parametrize("case", range(len(BROKEN)), ids=[e for _, e in BROKEN])
def test_linter_rejects_broken_queries(linted, case):
    expected = BROKEN[case][1]
    problems = linted[f"case{case}"]
    assert any(expected in p for p in problems), problems


def test_linter_accepts_the_good_query(linted):
    assert linted["good"] == []


def test_breaking_a_real_query_file_fails_with_file_and_line():
    path = querylib.root() / "alliance_spells.cypher"
    q = querylib.parse("alliance_spells", querylib.NEO4J, path)
    broken = q.text.replace("RETURN a.code", "RETURN a.code,, ")
    problems = failures(lint([as_lint_input("queries/alliance_spells.cypher", broken, q.params)]))
    assert problems and problems[0].startswith("queries/alliance_spells.cypher:")
    line = int(problems[0].split(":")[1])
    assert "RETURN a.code" in broken.splitlines()[line - 1]


def test_the_linter_runs_on_a_node_it_supports():
    """The linter's package asks for node >= 24.11.1 (npm warns EBADENGINE on node 20)."""
    import json

    from lint_support import LINT_DIR, MIN_NODE, node_executable, node_version

    engines = json.loads((LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"
                          / "package.json").read_text())["engines"]["node"]
    assert engines == ">=" + ".".join(map(str, MIN_NODE))
    assert node_version(node_executable()) >= MIN_NODE
