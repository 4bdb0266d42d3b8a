"""Named Cypher queries, loaded from ``queries/*.cypher``.

A query file starts with ``//`` comment lines: a description, then one
``// :param name => example`` line per parameter (the same syntax Neo4j Browser uses, so
a header can be pasted into Browser as is). The body is Neo4j-dialect Cypher. Where the
embedded store (ladybug) needs other text, ``queries/ladybug/<name>.cypher`` overrides it
with the same header. Every other query reaches ladybug through one lowering step
(``store/dialect.py``: reserved words as names quoted, ``UNWIND $rows`` as a table scan);
``alliances query --list`` says which queries are overridden and which lowered.

Sub-folders hold queries with a narrower home: ``gds/`` (Neo4j Graph Data Science only)
and ``browser/`` (examples for Neo4j Browser users).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from .errors import QueryError

NEO4J = "neo4j"
LADYBUG = "ladybug"
DIALECT_DIRS = (LADYBUG,)
NEO4J_ONLY_DIRS = ("gds",)

_PARAM = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*;?\s*$")


@dataclass(frozen=True)
class Query:
    name: str
    dialect: str
    path: Path
    text: str
    description: str
    params: dict[str, str]  # name -> example literal from the header

    @property
    def body(self) -> str:
        """The text without its header comments (what is sent to the database)."""
        lines = self.text.splitlines()
        while lines and (lines[0].startswith("//") or not lines[0].strip()):
            lines.pop(0)
        return "\n".join(lines).strip()

    def examples(self) -> dict[str, object]:
        """The header's example values as Python objects (used by tests and docs)."""
        return {name: literal(text) for name, text in self.params.items()}

    @property
    def neo4j_only(self) -> str | None:
        """Reason given by a ``// neo4j-only: …`` header line, if any."""
        m = re.search(r"^//\s*neo4j-only:\s*(.+)$", self.text, re.MULTILINE)
        return m.group(1).strip() if m else None

    def check_params(self, given: dict) -> None:
        missing = sorted(set(self.params) - set(given))
        extra = sorted(set(given) - set(self.params))
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(f"${m}" for m in missing))
            if extra:
                parts.append("undeclared " + ", ".join(f"${e}" for e in extra))
            raise QueryError(f"query '{self.name}': {'; '.join(parts)}")


def literal(text: str) -> object:
    """A Cypher literal of the simple kind headers use (numbers, 'strings', lists, maps,
    true/false/null) as a Python value."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "'":  # copy a quoted string untouched
            j = text.index("'", i + 1)
            out.append(text[i : j + 1])
            i = j + 1
            continue
        word = re.match(r"[A-Za-z_]\w*", text[i:])
        if word:
            token = word.group(0)
            follows_key = re.match(r"\s*:", text[i + len(token):])
            if follows_key:
                out.append(repr(token))
            else:
                out.append({"true": "True", "false": "False", "null": "None"}.get(token, token))
            i += len(token)
            continue
        out.append(ch)
        i += 1
    try:
        return ast.literal_eval("".join(out))
    except (ValueError, SyntaxError) as error:
        raise QueryError(f"cannot read example value {text!r}: {error}") from None


def root() -> Path:
    return Path(str(files("alliance_graph.queries")))


def parse(name: str, dialect: str, path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    description, params = [], {}
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        m = _PARAM.match(line)
        if m:
            params[m.group(1)] = m.group(2)
        else:
            description.append(line[2:].strip())
    return Query(name, dialect, path, text, " ".join(d for d in description if d), params)


def _path(name: str, dialect: str) -> Path | None:
    base = root()
    if dialect != NEO4J:
        override = base / dialect / f"{name}.cypher"
        if override.is_file():
            return override
    path = base / f"{name}.cypher"
    return path if path.is_file() else None


@cache
def load(name: str, dialect: str = NEO4J) -> Query:
    """The query called ``name`` in ``dialect`` (the Neo4j text unless overridden)."""
    if not re.fullmatch(r"[a-z0-9_]+(/[a-z0-9_]+)?", name):
        raise QueryError(f"no query named '{name}'")
    if dialect != NEO4J and name.split("/")[0] in NEO4J_ONLY_DIRS:
        raise QueryError(f"query '{name}' needs Neo4j (it calls Graph Data Science)")
    path = _path(name, dialect)
    if path is None:
        raise QueryError(f"no query named '{name}' (see `alliances query --list`)")
    return parse(name, dialect, path)


def names(folder: str | None = None) -> list[str]:
    """Names of the Neo4j-dialect queries at top level, or in ``folder``."""
    base = root() / folder if folder else root()
    prefix = f"{folder}/" if folder else ""
    return sorted(prefix + p.stem for p in base.glob("*.cypher"))


def overrides(dialect: str) -> list[str]:
    return sorted(p.stem for p in (root() / dialect).glob("*.cypher"))


def all_neo4j_files() -> list[Path]:
    """Every Neo4j-dialect query file: the ones the linter checks."""
    base = root()
    return sorted(p for p in base.rglob("*.cypher") if p.parent.name not in DIALECT_DIRS)
