"""The README and docs/ tell the truth: set-up commands, CI, the model table, links."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from alliance_graph import schema
from facts import ATOP_DEFENSE_TIES_2018, STATES_2018
from support import REPO

README = (REPO / "README.md").read_text()
DOCS = REPO / "docs"
# the Markdown a reader follows from the README: the README and every page in docs/
PAGES = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]


def doc(name: str) -> str:
    return (DOCS / name).read_text()


def _setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_model_table_is_generated_from_the_schema():
    table = doc("model.md").split("<!-- model:start -->\n", 1)[1].split("\n<!-- model:end -->", 1)[0]
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

    data = doc("data.md")
    for name in SOURCES:
        assert f"`{name}`" in data
    neo4j = doc("neo4j.md")
    assert "py2neo" in neo4j and "end-of-life" in neo4j


@pytest.mark.slow
def test_python_api_snippet_runs(db_path, monkeypatch, capsys):
    """The notebook example of docs/api.md, executed against a real embedded database."""
    section = doc("api.md").split("# Python API", 1)[1]
    code = re.search(r"```python\n(.+?)\n```", section, re.S).group(1)
    monkeypatch.setenv("ALLIANCES_DB", str(db_path))
    exec(compile(code, "docs/api.md", "exec"), {})
    out = capsys.readouterr().out
    assert f"{STATES_2018} states, {ATOP_DEFENSE_TIES_2018} defense ties in 2018" in out and "Türkiye" in out


def test_figures_exist_and_come_from_the_script():
    """Plots come from docs/figures.py; the Neo4j Browser screenshot from the test that
    drives Browser (tests/test_browser.py)."""
    makers = (REPO / "docs" / "figures.py").read_text()
    makers += (REPO / "tests" / "test_browser.py").read_text()
    pictures = []
    for page in PAGES:
        for name in re.findall(r"\]\(([\w./-]+\.png)\)", page.read_text()):
            picture = (page.parent / name).resolve()
            assert picture.is_file(), f"{page.name}: {name}"
            assert picture.parent == DOCS.resolve() and picture.name in makers
            pictures.append(picture.name)
    assert {"blocs-2024.png", "betweenness-1946-2025.png", "neo4j-browser.png"} <= set(pictures)


def test_every_browser_query_is_named():
    from alliance_graph import querylib

    neo4j = doc("neo4j.md")
    for name in querylib.names("browser"):
        assert f"`{name.split('/')[1]}`" in neo4j


def _anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
            for h in re.findall(r"^#+ (.+)$", text, re.M)}


def test_relative_links_resolve():
    """Every relative link of the README and docs/ names a file that exists, and a
    #section of it that exists (the sections moved from the README keep working)."""
    for page in PAGES:
        text = page.read_text()
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.exists(), f"{page.name}: {target}"
            if anchor:
                assert anchor in _anchors(linked.read_text()), f"{page.name}: {target}"


def test_readme_is_one_screen_and_links_every_page():
    """The README starts with the user: about one screen, and every page in docs/ one
    link away."""
    assert len(README.encode()) < 8_000
    for page in sorted(DOCS.glob("*.md")):
        assert f"](docs/{page.name})" in README, page.name


def _questions() -> list[list[str]]:
    section = README.split("## What you can ask", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.+?)\n```", section, re.S).group(1)
    return [shlex.split(line.split("  #", 1)[0]) for line in block.splitlines()]


def test_readme_asks_five_questions_of_the_cli():
    commands = _questions()
    assert len(commands) == 5
    assert all(c[0] == "alliances" for c in commands)


@pytest.mark.slow
def test_readme_questions_run_on_the_embedded_store(run):
    """Each command under "What you can ask" runs on the bundled data and answers."""
    for command in _questions():
        result = run(*command[1:])
        assert result.exit_code == 0, (command, result.output)
        assert "Error" not in result.output, (command, result.output)
        written = re.findall(r"[\w.-]+\.(?:csv|png)", result.output)  # timeline writes files
        if written:
            assert all(Path(name).stat().st_size > 0 for name in written), command
        else:
            assert len(result.output.splitlines()) > 5, (command, result.output)
