"""Run Neo4j's Cypher front-end (node, tests/cypher_lint) over query texts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from alliance_graph import schema

import pytest

LINT_DIR = Path(__file__).parent / "cypher_lint"
LINT_SUMMARY = pytest.StashKey[str]()  # printed at the end of the run by conftest
# the linter's package.json asks for node >= 24.11.1; tests/cypher_lint/node pins that
# release from the npm registry (the `node` package), so Debian's node 20 is not used
PINNED_NODE = LINT_DIR / "node" / "node_modules" / ".bin" / "node"
MIN_NODE = (24, 11, 1)


def node_executable() -> str | None:
    """The pinned node when installed, else the one on PATH."""
    return str(PINNED_NODE) if PINNED_NODE.exists() else shutil.which("node")


def node_version(node: str) -> tuple[int, ...]:
    done = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=60)
    return tuple(int(x) for x in done.stdout.strip().lstrip("v").split("."))


def setup_problem() -> str | None:
    node = node_executable()
    if node is None:
        return "node is not installed (the README's test command installs it)"
    version = node_version(node)
    if version < MIN_NODE:
        return (f"{node} is v{'.'.join(map(str, version))}, the linter needs "
                f">= {'.'.join(map(str, MIN_NODE))}: run `npm ci --prefix {LINT_DIR / 'node'}`")
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        return f"run `npm ci --prefix {LINT_DIR}` first"
    return None


def db_schema() -> dict:
    return {
        "labels": schema.labels(),
        "relationshipTypes": schema.relationship_types(),
        "propertyKeys": schema.property_keys(),
        "procedures": list(schema.PROCEDURES),
        "functions": list(schema.PLUGIN_FUNCTIONS),
    }


def lint(queries: list[dict]) -> list[dict]:
    """queries: [{"name", "text", "params"}] → [{"name", "diagnostics": [...]}]."""
    problem = setup_problem()
    if problem:
        raise RuntimeError(problem)
    payload = json.dumps({"schema": db_schema(), "queries": queries})
    done = subprocess.run(
        [node_executable(), str(LINT_DIR / "lint.mjs")], input=payload, capture_output=True,
        text=True, timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(f"lint.mjs failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def failures(results: list[dict]) -> list[str]:
    """Every error or warning as 'name:line:column: message' (warnings name unknown
    labels, relationship types and properties, so they fail too)."""
    return [
        f"{r['name']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}"
        for r in results for d in r["diagnostics"] if d["severity"] in ("error", "warning")
    ]
