"""Which Neo4j the tests run against, shared by conftest's `neo4j` fixture and its summary
line. In order: a server named by ALLIANCES_TEST_NEO4J_URI; the server Maven resolves from
tests/neo4j_server/pom.xml (where java and mvn exist); a testcontainers container (where
a Docker engine answers). Else the tests skip with the reason — and fail under CI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from alliance_graph.config import Settings
from neo4j_server import launch

# what the terminal summary reports: the target (once started) and the Neo4j tests' outcomes
NEO4J_RUN = pytest.StashKey[dict]()
# the Docker fallback runs the image docker-compose.yml runs (tests/test_neo4j_server.py)
NEO4J_IMAGE = f"neo4j:{launch.versions()['neo4j']}-community"


@dataclass
class Target:
    settings: Settings
    source: str  # where it came from, for the summary line
    http_url: str | None = None  # Neo4j Browser is at http_url + "/browser/"
    started_in: float | None = None
    versions: dict = field(default_factory=dict)  # as the server reports them
    server: launch.Server | None = None

    def died(self) -> str | None:
        """Why the tests cannot go on, with the log's tail, when our server has exited."""
        if self.server is None or self.server.alive():
            return None
        return (f"the Neo4j server died (exit code {self.server.process.returncode}); "
                f"log tail ({self.server.log}):\n{self.server.log_tail()}")


def server_versions(settings: Settings) -> dict:
    """Neo4j, APOC and GDS versions as the server itself reports them (None: not loaded)."""
    import neo4j

    found = {}
    with neo4j.GraphDatabase.driver(settings.neo4j_uri,
                                    auth=(settings.neo4j_user, settings.neo4j_password)) as d:
        found["neo4j"] = d.execute_query(
            "CALL dbms.components() YIELD versions RETURN versions[0] AS v").records[0]["v"]
        for name in ("apoc", "gds"):
            try:
                found[name] = d.execute_query(f"RETURN {name}.version() AS v").records[0]["v"]
            except neo4j.exceptions.ClientError:  # unknown function: the plugin is absent
                found[name] = None
    return found


def _docker_problem() -> str | None:
    try:
        import docker

        docker.from_env(timeout=5).ping()
    except Exception as error:  # any failure means: no engine here
        return f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
    return None


def _unavailable(reason: str):
    if os.environ.get("CI"):  # CI installs Java and Maven (.ci/run): there Neo4j must run
        pytest.fail(f"CI is set but no Neo4j can be started: {reason}", pytrace=False)
    pytest.skip(f"Neo4j tests skipped: {reason}")


def targets(home: Path):
    """Yield the one Target the tests use; stops what it started afterwards."""
    uri = os.environ.get("ALLIANCES_TEST_NEO4J_URI")
    if uri:
        settings = Settings(neo4j_uri=uri, neo4j_user=os.environ.get(
            "ALLIANCES_TEST_NEO4J_USER", "neo4j"),
            neo4j_password=os.environ.get("ALLIANCES_TEST_NEO4J_PASSWORD"))
        yield Target(settings, "ALLIANCES_TEST_NEO4J_URI",
                     http_url=os.environ.get("ALLIANCES_TEST_NEO4J_HTTP"),
                     versions=server_versions(settings))
        return
    missing = launch.missing_tools()
    if missing is None:
        try:
            server = launch.start(home)
        except launch.Unavailable as error:  # Maven could not resolve: say so, as for Java
            _unavailable(str(error))
        except launch.StartFailed as error:  # launched and failed: that is a failure
            pytest.fail(str(error), pytrace=False)
        try:
            settings = Settings(neo4j_uri=server.uri, neo4j_user=server.user,
                                neo4j_password=server.password)
            yield Target(settings, "Maven Central", http_url=server.http_url,
                         started_in=server.started_in, versions=server_versions(settings),
                         server=server)
        finally:
            server.stop()
        return
    problem = _docker_problem()
    if problem:
        _unavailable(f"{missing}; no Docker engine for testcontainers either ({problem})")
    from testcontainers.community.neo4j import Neo4jContainer

    password = "integration-pw"
    container = (Neo4jContainer(NEO4J_IMAGE, password=password)
                 .with_env("NEO4J_PLUGINS", '["apoc", "graph-data-science"]')
                 .with_env("NEO4J_dbms_security_procedures_unrestricted", "apoc.*,gds.*"))
    with container:
        settings = Settings(neo4j_uri=container.get_connection_url(), neo4j_user="neo4j",
                            neo4j_password=password)
        yield Target(settings, f"testcontainers ({NEO4J_IMAGE})",
                     versions=server_versions(settings))


def summary(run: dict) -> str:
    """One line: which Neo4j, how fast it started, how many Neo4j tests ran and skipped."""
    target: Target | None = run.get("target")
    counts = run.get("counts", {})
    tests = (f"{counts.get('ran', 0)} Neo4j tests ran, {counts.get('skipped', 0)} skipped"
             + (f", {counts['failed']} failed" if counts.get("failed") else ""))
    if target is None:
        return f"Neo4j: none started; {tests}"
    v = target.versions
    where = (f"started in {target.started_in:.0f} s from {target.source}"
             if target.started_in is not None else f"from {target.source}")
    return (f"Neo4j {v.get('neo4j')} (APOC {v.get('apoc') or 'absent'}, "
            f"GDS {v.get('gds') or 'absent'}) {where}; {tests}")
