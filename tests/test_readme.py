"""The README tells the truth: model table, set-up commands, CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alliance_graph import schema
from facts import ATOP_DEFENSE_TIES_2018, STATES_2018
from support import REPO

README = (REPO / "README.md").read_text()


def _setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_model_table_is_generated_from_the_schema():
    table = README.split("<!-- model:start -->\n", 1)[1].split("\n<!-- model:end -->", 1)[0]
    assert table == schema.markdown_table()


def test_exactly_two_setup_commands_and_ci_runs_the_test_one():
    commands = _setup_commands()
    assert len(commands) == 2
    run, test = commands
    assert "pip install ." in run and "alliances ingest all" in run
    assert "pytest" in test
    ci = (REPO / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1] == test


def test_every_source_and_query_folder_is_documented():
    from alliance_graph.ingest import SOURCES

    for name in SOURCES:
        assert f"`{name}`" in README
    assert "py2neo" in README and "end-of-life" in README


@pytest.mark.slow
def test_python_api_snippet_runs(db_path, monkeypatch, capsys):
    """The README's notebook example, executed against a real embedded database."""
    section = README.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.+?)\n```", section, re.S).group(1)
    monkeypatch.setenv("ALLIANCES_DB", str(db_path))
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert f"{STATES_2018} states, {ATOP_DEFENSE_TIES_2018} defense ties in 2018" in out and "Türkiye" in out


def test_figures_exist_and_come_from_the_script():
    """Plots come from docs/figures.py; the Neo4j Browser screenshot from the test that
    drives Browser (tests/test_browser.py)."""
    makers = (REPO / "docs" / "figures.py").read_text()
    makers += (REPO / "tests" / "test_browser.py").read_text()
    for name in re.findall(r"\]\((docs/[\w.-]+\.png)\)", README):
        assert (REPO / name).is_file()
        assert Path(name).name in makers


def test_every_browser_query_is_named():
    from alliance_graph import querylib

    for name in querylib.names("browser"):
        assert f"`{name.split('/')[1]}`" in README
