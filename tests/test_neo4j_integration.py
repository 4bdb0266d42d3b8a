"""The same code on a real Neo4j 5.26 (with APOC and GDS) and on the embedded store, both
after `ingest all` (conftest: `neo4j_store`, the server, and `golden_db`, the embedded
store). Never a mock: where no Neo4j can be had these skip with the reason (fail in CI)."""

from __future__ import annotations

import math
import shutil
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from alliance_graph import api, querylib
from alliance_graph.config import Settings
from alliance_graph.errors import ReadOnlyError, StoreError
from alliance_graph.ingest import ingest
from alliance_graph.store.embedded import LadybugStore
from alliance_graph.store.readonly import check_read_only
from test_store_safety import REFUSED

pytestmark = pytest.mark.neo4j

YEARS = [1914, 1962, 2018, 2025]
TOLERANCE = 1e-9  # absolute, on every number compared
# what a load measured (its clock time and duration) differs between two loads by nature
MEASURED = {"source_loads": {"loaded_at", "seconds"}}


@pytest.fixture(scope="module")
def twin(golden_db, tmp_path_factory):
    """The embedded store after the same `ingest all`; a copy, as tests write to it."""
    path = tmp_path_factory.mktemp("twin") / "graph.lbug"
    shutil.copy(golden_db, path)
    store = LadybugStore(path)
    yield store
    store.abort()


@pytest.fixture(scope="module")
def both(neo4j_store, twin):
    return neo4j_store, twin


# --- the graph -------------------------------------------------------------------------


def test_schema_constraints_exist(neo4j_store):
    names = set(neo4j_store.run_cypher("SHOW CONSTRAINTS YIELD name RETURN name", {})["name"])
    assert {"state_code", "treaty_id", "partnership_id", "capability_id"} <= names


def test_same_counts_after_the_same_ingest_and_a_second_ingest_changes_nothing(both):
    server, embedded = both
    counts = server.counts()
    assert counts == embedded.counts()
    assert counts["State"] == 218 and counts["ALLIED_WITH"] > 9000
    sources = {s: server.read("source_counts", source=s).to_dict("records")
               for s in ("atop", "cow-nmc", "curated")}
    ingest(server, ["atop", "cow-nmc", "curated"])  # MERGE and prune paths, again
    assert server.counts() == counts
    assert sources == {s: server.read("source_counts", source=s).to_dict("records")
                       for s in sources}


# --- every named query: the same rows on both stores -----------------------------------


def _norm(value):
    """A value comparable across the drivers: numpy scalars to Python, NaN to None, dates
    to ISO text, lists sorted (collect() order is unspecified), maps by key."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "element_id"):  # a Neo4j node or relationship: label/type, properties
        kind = getattr(value, "type", None) or min(value.labels)
        return (kind, tuple(sorted((k, _norm(v)) for k, v in value.items() if v is not None)))
    if isinstance(value, dict) and "_LABEL" in value:  # ladybug's node or relationship
        return (value["_LABEL"], tuple(sorted((k, _norm(v)) for k, v in value.items()
                                              if v is not None and not k.startswith("_"))))
    if hasattr(value, "iso_format"):  # neo4j.time.Date / DateTime
        return value.iso_format()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        return tuple(sorted((k, _norm(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(sorted((_norm(v) for v in value), key=repr))
    return value


def _key(row: tuple) -> str:  # sort key: numbers rounded so 1e-12 noise keeps the order
    return repr(tuple(round(v, 6) if isinstance(v, float) else v for v in row))


def _rows(frame: pd.DataFrame) -> list[tuple]:
    rows = [tuple(_norm(v) for v in row) for row in frame.itertuples(index=False)]
    return sorted(rows, key=_key)


def _close(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= TOLERANCE
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    return a == b


def _cases():
    """(query, label, parameters): the header's examples, and for a query of a year (or
    of a first–last span) each of YEARS."""
    for name in querylib.names() + querylib.names("browser"):
        query = querylib.load(name)
        if query.neo4j_only:
            continue
        examples = query.examples()
        yield pytest.param(name, examples, id=f"{name}-examples")
        for year in YEARS:
            if "year" in examples:
                yield pytest.param(name, {**examples, "year": year}, id=f"{name}-{year}")
            elif {"first", "last"} <= set(examples):
                yield pytest.param(name, {**examples, "first": year, "last": year},
                                   id=f"{name}-{year}")


class _Rollback(Exception):
    pass


def _run(store, name: str, params: dict) -> pd.DataFrame:
    """A read query in a read transaction; a write query in a transaction rolled back."""
    try:
        check_read_only(querylib.load(name).body)
    except ReadOnlyError:
        got = {}

        def attempt(tx):
            got["frame"] = tx.run(name, **params)
            raise _Rollback

        with pytest.raises(_Rollback):
            store.write(attempt)
        return got["frame"]
    return store.read(name, **params)


@pytest.mark.parametrize(("name", "params"), list(_cases()))
def test_every_named_query_returns_the_same_rows_on_both_stores(both, name, params):
    """One test over all of queries/: a ladybug override that drifts from its Neo4j query
    (a column dropped, a filter changed) fails here."""
    server, embedded = both
    a, b = _run(server, name, params), _run(embedded, name, params)
    a, b = (f.drop(columns=list(MEASURED.get(name, ()))) for f in (a, b))
    assert list(a.columns) == list(b.columns)
    rows_a, rows_b = _rows(a), _rows(b)
    assert len(rows_a) == len(rows_b), (len(rows_a), len(rows_b))
    bad = [(x, y) for x, y in zip(rows_a, rows_b) if not _close(x, y)]
    assert not bad, f"{len(bad)} of {len(rows_a)} rows differ, first: {bad[0]}"


def test_write_queries_left_nothing_behind(both):
    server, embedded = both
    assert server.counts() == embedded.counts()


# --- the analyses: identical on both stores ---------------------------------------------


def _same(a: pd.DataFrame, b: pd.DataFrame, what: str) -> None:
    assert list(a.columns) == list(b.columns), what
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                  check_exact=False, rtol=0, atol=TOLERANCE, obj=what)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), key=lambda c: c.astype(str))


@pytest.mark.parametrize("year", YEARS)
def test_the_analyses_are_the_same_on_both_stores(both, year):
    server, embedded = both
    for what, fn in [
        ("centrality", lambda s: api.centrality(s, year).sort_values("code")),
        ("blocs", lambda s: api.blocs(s, year)),
        ("brokers", lambda s: api.brokers(s, year)),
        ("similarity", lambda s: api.similarity(s, year, state="USA")),
        ("treaties", lambda s: _sorted(api.memberships(s, year))),
    ]:
        _same(fn(server), fn(embedded), f"{what} {year}")


def test_the_report_is_the_same_on_both_stores(both):
    server, embedded = both
    a, b = api.report(server), api.report(embedded)
    assert [t for t, _ in a] == [t for t, _ in b]
    for (title, x), (_, y) in zip(a, b):
        _same(x, y, title)


# --- Graph Data Science ----------------------------------------------------------------


@pytest.mark.parametrize(("year", "metrics"), [
    (1914, ["degree", "strength", "betweenness", "closeness", "pagerank", "eigenvector"]),
    (1962, ["degree", "strength", "betweenness", "closeness", "pagerank", "eigenvector"]),
    (2018, ["degree", "strength", "betweenness", "closeness", "pagerank"]),
])
def test_gds_engine_agrees_with_python(neo4j_store, year, metrics):
    assert neo4j_store.has_gds(), "GDS did not register on the server"
    net = api.network("all", "defense", weighted=False)  # the GDS engine is unweighted
    python = api.centrality(neo4j_store, year, net, metrics=metrics).set_index("code")
    gds = api.centrality(neo4j_store, year, net, metrics=metrics,
                         engine="gds").set_index("code").loc[python.index]
    # PageRank and eigenvector are iterated to a tolerance by both; the rest are exact
    tolerances = {"degree": 1e-9, "strength": 1e-9, "betweenness": 1e-9, "closeness": 1e-9,
                  "pagerank": 1e-6, "eigenvector": 1e-5}
    for metric in metrics:
        tol = tolerances[metric]
        np.testing.assert_allclose(gds[metric], python[metric], atol=tol, err_msg=metric)


def test_a_collapsed_gds_eigenvector_is_refused_not_returned(neo4j_store):
    """GDS 2.13's eigenvector goes to all zeros on 2018's network: an error, not scores."""
    from alliance_graph.errors import AllianceGraphError

    net = api.network("all", "defense", weighted=False)
    with pytest.raises(AllianceGraphError, match="collapsed to zero for 2018"):
        api.centrality(neo4j_store, 2018, net, metrics="eigenvector", engine="gds")


def test_gds_refuses_a_weighted_network_in_one_line(neo4j_store):
    from alliance_graph.errors import AllianceGraphError

    with pytest.raises(AllianceGraphError, match="unweighted networks only"):
        api.centrality(neo4j_store, 2018, engine="gds")


MODULARITY_TOL = 0.03  # absolute, on Q (see the test's docstring)
MIN_NMI = 0.8


def _singletons_apart(membership: np.ndarray) -> list[int]:
    """UNALIGNED (-1) actors each in a community of their own, for comparing partitions."""
    m = membership.copy()
    lone = np.flatnonzero(m < 0)
    m[lone] = m.max() + 1 + np.arange(len(lone))
    return m.tolist()


@pytest.mark.parametrize("method", ["leiden", "louvain"])
@pytest.mark.parametrize("year", [1962, 2018, 2025])
def test_gds_blocs_agree_with_python(neo4j_store, year, method):
    """GDS Leiden (Louvain) on the same (default, weighted) network as the Python blocs. Both are
    seeded heuristics with different implementations (leidenalg vs GDS 2.13: move order,
    refinement, random streams), so the partitions need not be equal: the GDS partition's
    modularity, scored by the same Python function, is within MODULARITY_TOL of the Python
    partition's, and the two agree to NMI >= MIN_NMI. Measured on `ingest all` (Python vs
    GDS modularity, NMI, adjusted Rand): Leiden 1962 0.6578 vs 0.6438, 0.905, 0.746; 2018
    0.6625 both, 1.000, 1.000; 2025 0.6642 both, 1.000, 1.000. Louvain 1962 0.6578 vs
    0.6552, 0.952, 0.872; 2018 0.6625 both, 1.000, 1.000; 2025 0.6588 vs 0.6642, 0.942,
    0.827. The tolerances leave about twice the largest gap seen (Leiden 1962: 0.014 in Q,
    0.095 below a perfect NMI) for version drift,
    and still fail a partition that merges or scatters a bloc."""
    import igraph as ig

    python = api.blocs(neo4j_store, year, method=method).attrs["partition"]
    gds = api.blocs(neo4j_store, year, method=method, engine="gds").attrs["partition"]
    assert list(gds.projection.codes) == list(python.projection.codes)
    a, b = _singletons_apart(python.membership), _singletons_apart(gds.membership)
    nmi = ig.compare_communities(a, b, "nmi")
    ari = ig.compare_communities(a, b, "adjusted_rand")
    print(f"\nblocs {method} {year}: modularity python {python.modularity:.4f}, gds "
          f"{gds.modularity:.4f}; NMI {nmi:.3f}, adjusted Rand {ari:.3f}")
    assert gds.method == f"gds-{method}"
    assert abs(gds.modularity - python.modularity) <= MODULARITY_TOL, (year, gds.modularity,
                                                                       python.modularity)
    assert nmi >= MIN_NMI, (year, nmi)


def test_gds_blocs_refuse_what_gds_cannot_do_in_one_line(neo4j_store):
    from alliance_graph.errors import AllianceGraphError

    with pytest.raises(AllianceGraphError, match="unsigned blocs only"):
        api.blocs(neo4j_store, 2018, signed=True, engine="gds")
    with pytest.raises(AllianceGraphError, match="no resolution parameter"):
        api.blocs(neo4j_store, 2018, method="louvain", resolution=1.5, engine="gds")


# --- results written back, read by the Browser queries ---------------------------------


def test_written_results_land_in_neo4j_and_browser_queries_read_them(both):
    server, embedded = both
    net = api.network("all", "defense")
    for store in both:  # the same writes into both, so the stores stay equal
        api.centrality(store, 2018, net, write=True)
        api.blocs(store, 2018, net, write=True)
    from alliance_graph.api.blocs import bloc_network_id

    for name, params in [
        ("browser/top_scores", {"metric": "degree", "year": 2018, "network": net.id}),
        ("browser/bloc_members", {"year": 2018,
                                  "network": bloc_network_id(net, "leiden", False, None)}),
    ]:
        params = {**querylib.load(name).examples(), **params}
        a = server.read(name, **params)
        assert len(a), name  # what was written is read back
        assert _rows(a) == _rows(embedded.read(name, **params)), name
    assert server.counts() == embedded.counts()


# --- read-only ------------------------------------------------------------------------

NEO4J_REFUSED = {
    "LOAD CSV FROM 'file:///etc/hosts' AS row RETURN row": "LOAD",
    "LOAD CSV WITH HEADERS FROM 'https://example.org/x.csv' AS row RETURN row": "LOAD",
    "CALL apoc.load.json('file:///etc/hosts') YIELD value RETURN value": "apoc.load.json",
    "CALL apoc.load.csv('x.csv') YIELD map RETURN map": "apoc.load.csv",
    "CALL apoc.export.csv.all('x.csv', {})": "apoc.export.csv.all",
    "CALL apoc.export.json.query('MATCH (n) RETURN n', 'x.json', {})": "apoc.export",
    "CALL apoc.cypher.run('CREATE (:State {code: \"XXX\"})', {}) YIELD value RETURN value":
        "apoc.cypher.run",
    "CALL apoc.cypher.runWrite('CREATE (:State {code: \"XXX\"})', {})": "apoc.cypher.run",
    "CALL apoc.cypher.runMany('CREATE (:State {code: \"XXX\"});', {})": "apoc.cypher.run",
    "MATCH (s:State) CALL { WITH s SET s.name = 'x' } IN TRANSACTIONS": "SET",
    "UNWIND [1] AS i CALL { CREATE (:State {code: 'XXX'}) } IN TRANSACTIONS OF 1 ROW":
        "CREATE",
}


@pytest.mark.parametrize("text", list(REFUSED) + list(NEO4J_REFUSED))
def test_read_only_refuses_on_neo4j(neo4j_store, text):
    """The embedded store's refusals, and Neo4j's own ways to write or touch files."""
    expected = REFUSED.get(text) or NEO4J_REFUSED[text]
    with pytest.raises(ReadOnlyError, match="refused") as caught:
        neo4j_store.run_cypher(text, {})
    assert expected in str(caught.value) and "\n" not in str(caught.value)
    left = neo4j_store.run_cypher(
        "MATCH (s:State) WHERE s.code = 'XXX' OR s.name = 'x' RETURN count(s) AS n", {})
    assert left["n"][0] == 0


def test_the_server_refuses_a_write_the_tokeniser_missed(neo4j_store):
    """Reads run in READ access mode: past the text check, Neo4j itself refuses."""
    with pytest.raises(ReadOnlyError, match="READ transaction"):
        neo4j_store.execute_read("CREATE (:State {code: 'XXX'})", {})
    with pytest.raises(ReadOnlyError, match="READ transaction"):
        neo4j_store.execute_read(
            "CALL apoc.create.node(['State'], {code: 'XXX'}) YIELD node RETURN node", {})
    assert neo4j_store.run_cypher(
        "MATCH (s:State {code: 'XXX'}) RETURN count(s) AS n", {})["n"][0] == 0


def test_adhoc_writes_need_write(neo4j_store):
    with pytest.raises(ReadOnlyError, match="`write=True`"):
        neo4j_store.run_cypher("CREATE (:State {code: 'XXX'})", {})


def test_wrong_password_is_one_line_without_the_password(neo4j):
    from alliance_graph.store.neo4j import Neo4jStore

    wrong = Settings(neo4j_uri=neo4j.neo4j_uri, neo4j_user="neo4j",
                     neo4j_password="not-the-password-123")
    with pytest.raises(StoreError) as caught:
        Neo4jStore(wrong)
    message = str(caught.value)
    assert "authentication failed" in message and "\n" not in message
    assert "not-the-password-123" not in message and neo4j.neo4j_password not in message


def test_an_unreachable_uri_is_one_line(neo4j):
    from alliance_graph.store.neo4j import Neo4jStore
    from neo4j_server.launch import free_port

    gone = Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_user="neo4j",
                    neo4j_password=neo4j.neo4j_password)
    with pytest.raises(StoreError, match="cannot reach") as caught:
        Neo4jStore(gone)
    assert "\n" not in str(caught.value) and neo4j.neo4j_password not in str(caught.value)
