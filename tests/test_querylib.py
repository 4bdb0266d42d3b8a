"""Queries are loaded by name; every one has a form the embedded store runs."""

from __future__ import annotations

import pytest

from alliance_graph import querylib
from alliance_graph.errors import QueryError


class _Rollback(Exception):
    """Raised inside a write transaction to undo it."""


def run_and_roll_back(store, name: str) -> None:
    query = querylib.load(name, store.dialect)

    def attempt(tx):
        tx.run(name, **query.examples())
        raise _Rollback

    with pytest.raises(_Rollback):
        store.write(attempt)


def embedded_names() -> list[str]:
    names = querylib.names() + querylib.names("browser")
    return [n for n in names if not querylib.load(n).neo4j_only]


@pytest.mark.parametrize("name", embedded_names())
def test_every_query_runs_on_the_embedded_store(store, name):
    """Executes the query (its header's example parameters) on a loaded ladybug graph,
    inside a transaction that is rolled back."""
    run_and_roll_back(store, name)


def test_only_neo4j_specific_queries_are_exempt():
    exempt = [n for n in querylib.names("browser") if querylib.load(n).neo4j_only]
    for name in exempt:  # each says why
        assert len(querylib.load(name).neo4j_only) > 10
    assert all(not querylib.load(n).neo4j_only for n in querylib.names())


def test_every_override_has_a_neo4j_twin_with_the_same_parameters():
    overrides = querylib.overrides(querylib.LADYBUG)
    assert overrides, "expected some ladybug overrides"
    for name in overrides:
        assert name in querylib.names(), f"queries/ladybug/{name}.cypher has no Neo4j twin"
        assert querylib.load(name, querylib.LADYBUG).params == querylib.load(name).params


def test_override_replaces_text_only_for_its_dialect():
    neo4j = querylib.load("graph_counts", querylib.NEO4J)
    ladybug = querylib.load("graph_counts", querylib.LADYBUG)
    assert "labels(n)" in neo4j.body and "label(n)" in ladybug.body
    assert ladybug.path.parent.name == "ladybug"


def test_parameters_are_checked_against_the_header():
    q = querylib.load("alliance_spells")
    assert set(q.params) == {"first", "last", "sources", "ties"}
    with pytest.raises(QueryError, match=r"missing \$sources, \$ties"):
        q.check_params({"first": 1, "last": 2})
    with pytest.raises(QueryError, match=r"undeclared \$yaer"):
        q.check_params({"first": 1, "last": 2, "sources": [], "ties": [], "yaer": 3})


def test_unknown_or_malformed_names_are_refused():
    with pytest.raises(QueryError, match="no query named"):
        querylib.load("no_such_query")
    with pytest.raises(QueryError, match="no query named"):
        querylib.load("../pyproject")


def test_gds_queries_need_neo4j():
    with pytest.raises(QueryError, match="needs Neo4j"):
        querylib.load("gds/pagerank", querylib.LADYBUG)


def test_header_examples_are_read_as_python_values():
    assert querylib.literal("[{code: 'USA', end: null, ok: true, x: 1.5E-3}]") == [
        {"code": "USA", "end": None, "ok": True, "x": 0.0015}]
    with pytest.raises(QueryError):
        querylib.literal("{code: }")
