"""Fixtures: a real embedded database per test, copied from one built per session from
the bundled data (building it takes seconds; copying a 10 MB file, milliseconds)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from alliance_graph.cli import cli as alliances
from alliance_graph.config import Settings
from alliance_graph.ingest import ingest
from alliance_graph.store.embedded import LadybugStore
from lint_support import LINT_SUMMARY
from r_support import R_COMPARISONS, summary

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "ingest" / "data" / "peacesciencer"
CURATED = REPO / "ingest" / "curated"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test sees the developer's Neo4j settings, .env file or default database."""
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "ALLIANCES_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def golden_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("golden") / "graph.lbug"
    with LadybugStore(path) as store:
        ingest(store, ["all"])
    return path


@pytest.fixture
def db_path(golden_db, tmp_path) -> Path:
    path = tmp_path / "graph.lbug"
    shutil.copy(golden_db, path)
    return path


@pytest.fixture
def store(db_path):
    with LadybugStore(db_path) as s:
        yield s


@pytest.fixture
def empty_store(tmp_path):
    with LadybugStore(tmp_path / "empty.lbug") as s:
        yield s


@pytest.fixture
def states_store(tmp_path):
    """Only the COW state list loaded: what every other source builds on."""
    with LadybugStore(tmp_path / "states.lbug") as s:
        ingest(s, ["cow-states"])
        yield s


@pytest.fixture
def run(db_path):
    """Invoke the CLI on this test's database copy: run("centrality", "--year", "2018")."""
    runner = CliRunner()

    def invoke(*args: str, db: Path | None = None):
        return runner.invoke(alliances, ["--db", str(db or db_path), *args],
                             catch_exceptions=False)

    return invoke


NEO4J_IMAGE = "neo4j:5.26-community"


def _docker_problem() -> str | None:
    try:
        import docker

        docker.from_env(timeout=5).ping()
    except Exception as error:  # any failure means: no engine here
        return f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
    return None


@pytest.fixture(scope="session")
def neo4j():
    """Settings for a Neo4j 5.26 container with GDS (testcontainers), or a skip.
    ``ALLIANCES_TEST_NEO4J_URI`` (and ``_PASSWORD``) name a running server instead: the
    hosted CI's Neo4j service (.github/workflows/integration.yml)."""
    uri = os.environ.get("ALLIANCES_TEST_NEO4J_URI")
    if uri:
        yield Settings(neo4j_uri=uri, neo4j_user="neo4j",
                       neo4j_password=os.environ.get("ALLIANCES_TEST_NEO4J_PASSWORD"))
        return
    problem = _docker_problem()
    if problem:
        pytest.skip(f"no Docker engine reachable, Neo4j integration tests skipped ({problem})")
    from testcontainers.community.neo4j import Neo4jContainer

    container = (Neo4jContainer(NEO4J_IMAGE, password="integration-pw")
                 .with_env("NEO4J_PLUGINS", '["graph-data-science"]')
                 .with_env("NEO4J_dbms_security_procedures_unrestricted", "gds.*"))
    with container:
        yield Settings(neo4j_uri=container.get_connection_url(), neo4j_user="neo4j",
                       neo4j_password="integration-pw")


FUZZ_STATS = pytest.StashKey[dict]()  # outcome -> count, filled by tests/test_fuzz.py


def pytest_terminal_summary(terminalreporter, config):
    line = config.stash.get(LINT_SUMMARY, None)
    if line:
        terminalreporter.write_line(line)
    compared = config.stash.get(R_COMPARISONS, None)
    if compared:
        terminalreporter.write_line(summary(compared))
    stats = config.stash.get(FUZZ_STATS, None)
    if stats:
        terminalreporter.write_line(
            f"Fuzz: {sum(stats.values()):,} inputs — "
            + ", ".join(f"{k} {v:,}" for k, v in sorted(stats.items())))
