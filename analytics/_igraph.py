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

# Leiden runs until an iteration moves no vertex, but at most this many iterations: on
# alliance networks it settles in a handful, while a large sparse one can keep shuffling
# vertices of equal quality for dozens of iterations that each cost as much as the first
# (issue 19: 41 iterations, 15.4 s at 10,000 actors, against 1.2 s for two).
MAX_ITERATIONS = 10


def optimise(optimiser: la.Optimiser, partitions: list, layer_weights: list[float] | None = None
             ) -> None:
    """Leiden on ``partitions`` (one, or the layers of a multiplex) until no vertex moves or
    ``MAX_ITERATIONS``; identical to leidenalg's ``n_iterations=-1`` whenever that stops
    earlier (the same iterations from the same random state)."""
    for _ in range(MAX_ITERATIONS):
        if layer_weights is None:
            moved = optimiser.optimise_partition(partitions[0], n_iterations=1)
        else:
            moved = optimiser.optimise_partition_multiplex(partitions, layer_weights=layer_weights,
                                                           n_iterations=1)
        if moved <= 0:
            return


__all__ = ["MAX_ITERATIONS", "ig", "la", "optimise"]
