"""What test modules share besides fixtures: paths, stash keys and the rule for tests
whose needs (node, R, a Neo4j server, Docker Compose) may be missing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "ingest" / "data" / "peacesciencer"  # peacesciencer's tables, bundled
CURATED = REPO / "ingest" / "curated"

# outcome -> count, and ("source" | "option", name) -> inputs tried; filled by test_fuzz.py
FUZZ_STATS = pytest.StashKey[dict]()


def in_ci() -> bool:
    """CI sets ``CI`` (.ci/run does too): there every marked test must run."""
    return bool(os.environ.get("CI"))


def missing(problem: str) -> NoReturn:
    """A test's need is missing (``problem`` says which): skip with that reason locally,
    fail under CI, where .ci/run installs every need."""
    if in_ci():
        pytest.fail(f"CI is set but {problem}", pytrace=False)
    pytest.skip(problem)


def require(problem: str | None) -> None:
    """``missing(problem)`` unless ``problem`` is None."""
    if problem is not None:
        missing(problem)
