"""Fixtures: a real embedded database per test, copied from one built per session from
the bundled data (building it takes seconds; copying a 10 MB file, milliseconds)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from alliance_graph.cli import cli as alliances
from alliance_graph.config import Settings
from alliance_graph.ingest import ingest
from alliance_graph.store.embedded import LadybugStore
from browser_ui_support import BROWSER_UI
from lint_support import LINT_SUMMARY
from neo4j_support import NEO4J_RUN, targets
from neo4j_support import summary as neo4j_summary
from r_support import R_COMPARISONS, summary
from support import FUZZ_STATS, in_ci


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
    """A write session on the test's copy; ended without publishing (nothing reads the
    file afterwards, and skipping the checkpoint keeps the suite fast)."""
    s = LadybugStore(db_path)
    yield s
    s.abort()


@pytest.fixture
def empty_store(tmp_path):
    s = LadybugStore(tmp_path / "empty.lbug")
    yield s
    s.abort()


@pytest.fixture
def states_store(tmp_path):
    """Only the COW state list loaded: what every other source builds on."""
    s = LadybugStore(tmp_path / "states.lbug")
    ingest(s, ["cow-states"])
    yield s
    s.abort()


@pytest.fixture
def run(db_path):
    """Invoke the CLI on this test's database copy: run("centrality", "--year", "2018")."""
    runner = CliRunner()

    def invoke(*args: str, db: Path | None = None):
        return runner.invoke(alliances, ["--db", str(db or db_path), *args],
                             catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def neo4j_target(request, tmp_path_factory):
    """The Neo4j the tests share (neo4j_support.targets: a URI, the Maven-built server, or
    testcontainers), started once per test session and stopped at its end."""
    run = request.config.stash.setdefault(NEO4J_RUN, {})
    for target in targets(tmp_path_factory.mktemp("neo4j-home")):
        run["target"] = target
        yield target


@pytest.fixture(scope="session")
def neo4j(neo4j_target) -> Settings:
    """Settings (URI, user, password) for the shared Neo4j server."""
    return neo4j_target.settings


@pytest.fixture(scope="session")
def neo4j_store(neo4j):
    """The shared server with every bundled source ingested (`ingest all`), once per test
    session; tests that write into it write the same into their embedded twin."""
    from alliance_graph.store.neo4j import Neo4jStore

    with Neo4jStore(neo4j) as server:
        ingest(server, ["all"])
        yield server


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Counts the tests marked neo4j for the summary line; one that fails after the server
    died says so, with the log's tail."""
    outcome = yield
    report = outcome.get_result()
    if item.get_closest_marker("neo4j") is None:
        return
    counts = _NEO4J_COUNTS
    if report.skipped and report.when in ("setup", "call"):
        counts["skipped"] = counts.get("skipped", 0) + 1
    elif report.when == "call" or (report.when == "setup" and report.failed):
        counts["ran"] = counts.get("ran", 0) + 1
        counts["failed"] = counts.get("failed", 0) + report.failed
    if report.failed:
        target = item.config.stash.get(NEO4J_RUN, {}).get("target")
        died = target.died() if target else None
        if died:
            report.sections.append(("Neo4j server", died))


_NEO4J_COUNTS: dict[str, int] = {}  # outcome -> count of tests marked neo4j, this run


def pytest_collection_modifyitems(config, items):
    """Slow tests run under CI and when chosen (``-m slow``); locally they skip, so the
    default run stays short."""
    if in_ci() or "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: runs under CI (CI=1) or with -m slow")
    slow = [item for item in items if item.get_closest_marker("slow")]
    for item in slow:
        item.add_marker(skip)
    config.stash[_SLOW_SKIPPED] = len(slow)


_STARTED = pytest.StashKey[float]()
_SLOW_SKIPPED = pytest.StashKey[int]()


def pytest_sessionstart(session):
    session.config.stash[_STARTED] = time.monotonic()


def pytest_terminal_summary(terminalreporter, config):
    started = config.stash.get(_STARTED, None)
    if started is not None:
        skipped = config.stash.get(_SLOW_SKIPPED, 0)
        terminalreporter.write_line(
            f"Suite: {time.monotonic() - started:.0f} s on {os.cpu_count()} cores"
            + (f"; {skipped} slow tests skipped (CI runs them, as -m slow does)"
               if skipped else ""))
    line = config.stash.get(LINT_SUMMARY, None)
    if line:
        terminalreporter.write_line(line)
    compared = config.stash.get(R_COMPARISONS, None)
    if compared:
        terminalreporter.write_line(summary(compared))
    if _NEO4J_COUNTS or NEO4J_RUN in config.stash:
        run = config.stash.get(NEO4J_RUN, {})
        terminalreporter.write_line(neo4j_summary({**run, "counts": _NEO4J_COUNTS}))
    browser = config.stash.get(BROWSER_UI, None)
    if browser:
        terminalreporter.write_line(browser)
    stats = config.stash.get(FUZZ_STATS, None)
    if stats:
        outcomes = {k: v for k, v in stats.items() if not isinstance(k, tuple)}
        terminalreporter.write_line(
            f"Fuzz: {sum(outcomes.values()):,} inputs — "
            + ", ".join(f"{k} {v:,}" for k, v in sorted(outcomes.items())))
        for kind in sorted({k[0] for k in stats if isinstance(k, tuple)}):
            tried = {k[1]: v for k, v in stats.items() if isinstance(k, tuple) and k[0] == kind}
            terminalreporter.write_line(
                f"Fuzz inputs per {kind}: "
                + ", ".join(f"{k} {v:,}" for k, v in sorted(tried.items())))
