"""igraph and leidenalg, imported with matplotlib hidden.

``import igraph`` imports ``matplotlib.pyplot`` for its drawing module — about 0.8 s of
every command's start-up (python-igraph issue #762, open; its maintainers suggest hiding
it). Analytics never draws with igraph (figures use matplotlib directly, in
``alliance_graph.plots``), so only igraph's own plotting is lost. leidenalg imports igraph
too, so it is imported here, after it. When matplotlib is already loaded nothing is hidden.
"""

import sys

if "igraph" not in sys.modules and "matplotlib" not in sys.modules:
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # its import → ImportError
    try:
        import igraph as ig
    finally:
        del sys.modules["matplotlib"]
else:
    import igraph as ig

import leidenalg as la

__all__ = ["ig", "la"]
