"""The Neo4j server of tests/neo4j_server: versions pinned once and agreed with by
docker-compose.yml, the launcher's fault handling, and what the running server carries."""

from __future__ import annotations

import socket
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import yaml

from support import REPO
from neo4j_server import launch

POM = REPO / "tests" / "neo4j_server" / "pom.xml"
NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def _dependencies() -> dict[str, str]:
    """groupId:artifactId -> version as written (a ${property})."""
    root = ET.parse(POM).getroot()
    return {f"{d.findtext('m:groupId', namespaces=NS)}:{d.findtext('m:artifactId', namespaces=NS)}":
            d.findtext("m:version", namespaces=NS)
            for d in root.iterfind("m:dependencies/m:dependency", NS)}


def test_every_version_is_pinned_once_as_a_property():
    deps = _dependencies()
    assert all(v.startswith("${") for v in deps.values()), deps
    v = launch.versions()
    assert v["neo4j"].startswith("5.26.") and v["apoc"].startswith("5.26.")
    assert v["gds"].startswith("2.13.")  # the GDS line for Neo4j 5.26
    assert int(v["dependency-plugin"].split(".")[0]) >= 3  # Maven 3.8.7 defaults to 2.8
    text = POM.read_text()
    for version in v.values():  # written once: in its property
        assert text.count(f">{version}<") == 1, version


def test_docker_compose_runs_the_same_neo4j_and_plugins():
    neo4j = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]["neo4j"]
    image = f"neo4j:{launch.versions()['neo4j']}-community"
    assert neo4j["image"] == image
    hosted = yaml.safe_load((REPO / ".github/workflows/integration.yml").read_text())
    assert hosted["jobs"]["suite"]["services"]["neo4j"]["image"] == image
    deps = _dependencies()
    plugins = yaml.safe_load(neo4j["environment"]["NEO4J_PLUGINS"])
    # the image's plugin names for what the pom resolves: APOC core and GDS
    assert plugins == ["apoc", "graph-data-science"]
    assert {"org.neo4j.procedure:apoc-core", "org.neo4j.gds:proc"} <= set(deps)
    assert "org.neo4j:neo4j" in deps and "org.neo4j:neo4j-enterprise" not in deps


def test_missing_java_or_maven_is_one_line_naming_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither java nor mvn here
    problem = launch.missing_tools()
    assert problem.startswith("java and mvn not found") and "\n" not in problem
    assert "openjdk-17-jre-headless" in problem and "maven" in problem
    with pytest.raises(launch.Unavailable, match="not found on PATH"):
        launch.start(tmp_path / "home")


def test_a_taken_port_is_replaced_by_a_free_one():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        other = launch.free_port(port)
        assert other != port
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", other))  # and that one is free
    assert launch.free_port(port) == port  # released: the port asked for is used


def test_the_cli_refuses_without_a_home():
    done = subprocess.run([sys.executable, str(REPO / "tests/neo4j_server/launch.py")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "--home" in done.stderr


@pytest.mark.neo4j
def test_the_server_carries_apoc_gds_and_browser(neo4j_target):
    """What the Maven-built server must have: the pinned versions, APOC's and GDS's
    procedures registered, Browser served; its credentials kept out of its files' view."""
    import urllib.request

    import neo4j as driver

    if neo4j_target.server is not None:  # the Maven-built server: exactly the pinned versions
        pinned = launch.versions()
        assert {k: neo4j_target.versions[k] for k in ("neo4j", "apoc", "gds")} == {
            k: pinned[k] for k in ("neo4j", "apoc", "gds")}
        env = neo4j_target.server.home / "neo4j.env"
        assert env.stat().st_mode & 0o077 == 0  # the password file is the owner's only
    s = neo4j_target.settings
    with driver.GraphDatabase.driver(s.neo4j_uri, auth=(s.neo4j_user, s.neo4j_password)) as d:
        count = d.execute_query(
            "SHOW PROCEDURES YIELD name RETURN sum(CASE WHEN name STARTS WITH 'gds.' THEN 1 "
            "ELSE 0 END) AS gds, sum(CASE WHEN name STARTS WITH 'apoc.' THEN 1 ELSE 0 END) "
            "AS apoc").records[0]
        assert count["gds"] > 300 and count["apoc"] > 100, dict(count)
    if neo4j_target.http_url:
        with urllib.request.urlopen(neo4j_target.http_url + "/browser/", timeout=30) as page:
            assert page.status == 200 and b"Neo4j Browser" in page.read()
