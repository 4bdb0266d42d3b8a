"""Modules loaded on first use, so that a command imports only what it runs."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """``name`` as a module that is executed on its first attribute access (the standard
    library's ``importlib.util.LazyLoader``): ``alliances --help`` then never loads pandas,
    igraph or the stores that the commands' bodies use."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:  # what the import statement would do: the parent package names it
        setattr(sys.modules[parent], child, module)
    return module
