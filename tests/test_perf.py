"""Start-up layering and the embedded store's batch typing (issue 19)."""

from __future__ import annotations

import subprocess
import sys

from alliance_graph.analytics import centrality
from alliance_graph.analytics.network import CENTRALITY_METRICS


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_analytics_imports_no_store_ingest_or_api_module():
    loaded = _modules_after("import alliance_graph.analytics.centrality")
    layers = ("alliance_graph.store", "alliance_graph.ingest", "alliance_graph.api",
              "alliance_graph.cli", "ladybug")
    assert not [m for m in loaded if m.startswith(layers)]


def test_importtime_of_analytics_lists_no_store_or_ingest_module():
    """The issue's check: ``python -X importtime`` names every module executed."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c",
                          "import alliance_graph.analytics.centrality"],
                         capture_output=True, text=True, check=True).stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in err.splitlines()
                if line.startswith("import time:")}
    assert "alliance_graph.analytics.centrality" in imported  # the parse saw the import
    layers = ("alliance_graph.store", "alliance_graph.ingest", "alliance_graph.querylib",
              "ladybug", "neo4j")
    assert not sorted(m for m in imported if m.startswith(layers))


def test_the_cli_help_loads_no_pandas_igraph_or_store():
    # alliance_graph.api and .ingest are in sys.modules as lazy stubs: loading either
    # would bring pandas
    loaded = _modules_after("from alliance_graph.cli import cli")
    heavy = ("pandas", "igraph", "matplotlib", "ladybug", "networkx", "rich")
    assert not [m for m in loaded if m.split(".")[0] in heavy]


def test_status_imports_no_source_reader_igraph_or_yaml(tmp_path):
    """``alliances status`` needs the source names and the load records, not the readers
    (curated brings YAML) nor the analytics (igraph, networkx): 0.6 s -> 0.5 s wall."""
    from alliance_graph.store.embedded import LadybugStore

    db = tmp_path / "graph.lbug"
    with LadybugStore(db) as store:
        store.ensure_schema()
    code = ("import sys; from alliance_graph.cli import main; sys.argv = ['alliances', "
            f"'--db', {str(db)!r}, 'status']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('MODULES', ' '.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    loaded = set(out.split("MODULES", 1)[1].split())
    assert "alliance_graph.ingest" in loaded and "alliance_graph.store.embedded" in loaded
    readers = {f"alliance_graph.ingest.{m}" for m in ("atop", "curated", "cow_nmc")}
    heavy = ("igraph", "networkx", "yaml", "matplotlib", "leidenalg")
    assert not (loaded & readers) and not [m for m in loaded if m.split(".")[0] in heavy]


def test_the_source_names_are_the_readers_names_in_order():
    from alliance_graph import ingest

    assert tuple(ingest.SOURCES) == ingest.SOURCE_NAMES
    assert ingest.atop.SOURCE is ingest.SOURCES["atop"]


def test_the_lazy_package_root_gives_the_api_functions():
    import alliance_graph
    from alliance_graph import api

    assert alliance_graph.centrality is api.centrality
    assert alliance_graph.open_store.__module__ == "alliance_graph.store"


def test_the_cli_metric_names_are_the_centrality_functions():
    assert tuple(centrality.METRICS) == CENTRALITY_METRICS
