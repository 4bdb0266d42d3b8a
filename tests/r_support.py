"""Shared between tests/test_r_reference.py and conftest: the summary line of the R run."""

from __future__ import annotations

import pytest

TOLERANCE = 1e-9  # absolute, on every value compared
# network label → (values compared, of which undefined (NaN) on both sides, max abs
# difference); printed at the end of the run
R_COMPARISONS = pytest.StashKey[dict]()


def summary(results: dict) -> str:
    count = sum(n for n, _, _ in results.values())
    undefined = sum(u for _, u, _ in results.values())
    worst = max(d for _, _, d in results.values())
    return (f"R reference: {count} values compared ({undefined} undefined on both sides) "
            f"across {len(results)} networks "
            f"({', '.join(results)}), max abs diff {worst:.1e}, tolerance {TOLERANCE:g}")
