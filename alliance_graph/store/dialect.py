"""Neo4j Cypher in the embedded store's dialect: the one place text is lowered.

Queries are written once, for Neo4j. Everything the embedded store (ladybug) runs passes
through ``lower`` — named queries without an override and ad-hoc ``--cypher`` text — and
batches of rows through ``rows_as_columns``. Both work on the tokens of
``readonly.tokens``, so strings, comments and back-quoted names are never touched:

- a word ladybug reserves (``RESERVED``) used as a name — a property (``m.end``), a map
  key (``{end: 1}``) or an alias (``AS end``) — is back-quoted (``m.`end```), as Neo4j
  allows either way;
- ``UNWIND $rows AS row`` opening a statement becomes a scan of a table
  (``LOAD FROM $__rows``, ``row.x`` read as the column ``__row_x``): ladybug binds a
  list of dicts far more slowly than it scans a DataFrame (``embedded.as_table``).

What lowering cannot express is written out in ``queries/ladybug/`` (overrides, e.g. a
relationship to a node of either of two labels), and the Neo4j functions ladybug lacks
(``toInteger``, ``toBoolean``) are functions the store registers (``embedded.POLYFILLS``).
``status`` says which of these applies to a named query (``alliances query --list``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from .. import querylib
from ..errors import QueryError
from .readonly import Token, tokens

# Words ladybug 0.22 refuses unquoted as a property, map key and alias (measured: each
# fails "WITH {a: 1} AS m RETURN m.<word>", "RETURN {<word>: 1}" and "RETURN 1 AS <word>"
# with a parser exception; tests/test_store.py checks the list against ladybug).
RESERVED = frozenset("""
    ALL AND ANY ASC ASCENDING CASE CAST COLUMN CREATE DBTYPE DEFAULT DESC DESCENDING
    DISTINCT ELSE END ENDS EXISTS FALSE FOR GLOB GROUP HEADERS HINT IN INSTALL JOIN MACRO
    NONE NOT NULL ON ONLY OPTIONAL OR ORDER PRIMARY PROFILE SHORTEST SINGLE STARTS TABLE
    THEN TRAIL TRUE UNION UNWIND WHEN WHERE WITH XOR
""".split())
ROWS_PREFIX = "__row_"  # a row field's column in the scanned table

_tokens = lru_cache(maxsize=4096)(tokens)  # the same texts run batch after batch


# a string literal, a quoted name or a comment (where a ";" ends nothing), or a ";" that
# ends its line: the statement separator
_SEPARATOR = re.compile(r"""'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?|`[^`]*`?|//[^\n]*"""
                        r"""|/\*.*?(?:\*/|\Z)|(;[ \t]*(?:\n|\Z))""", re.S)


def statements(text: str) -> list[str]:
    """Split on ``;`` at line ends, outside string literals, quoted names and comments: a
    ladybug override may need several statements where Neo4j needs one (e.g. a
    relationship to a node of either of two labels)."""
    out, start = [], 0
    for match in _SEPARATOR.finditer(text):
        if match.group(1) is not None:
            out.append(text[start:match.start()])
            start = match.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) span replaced, edits in order and not overlapping."""
    out, at = [], 0
    for start, end, new in edits:
        out += [text[at:start], new]
        at = end
    return "".join(out) + text[at:]


def _is_name(toks: list[Token], k: int) -> bool:
    """Is the word at ``k`` used as a property, a map key or an alias?"""
    before = toks[k - 1] if k else None
    after = toks[k + 1] if k + 1 < len(toks) else None
    if before is None:
        return False
    if before.text == "." or (before.kind == "word" and before.text.upper() == "AS"):
        return True
    return before.text in ("{", ",") and after is not None and after.text == ":"


@lru_cache(maxsize=1024)
def lower(text: str) -> str:
    """Neo4j Cypher as ladybug reads it: reserved words used as names back-quoted."""
    toks = _tokens(text)
    edits = [(t.start, t.end, f"`{t.text}`") for k, t in enumerate(toks)
             if t.kind == "word" and t.text.upper() in RESERVED and _is_name(toks, k)]
    return _apply(text, edits) if edits else text


def _name(text: str, tok: Token) -> str:
    """A word's name, unquoted (a back-quoted name is the word ``_`` among the tokens)."""
    raw = text[tok.start:tok.end]
    return raw[1:-1].replace("``", "`") if raw.startswith("`") else raw


def rows_as_columns(statement: str, keys: Collection[str] | None = None) -> str | None:
    """A statement opening with ``UNWIND $rows AS row`` as a scan of the rows' table
    (``LOAD FROM $__rows``; ``row.x`` → ``__row_x``), or None when it does not open so.
    ``keys``: the fields the rows have (an unknown one is an error), None for any."""
    toks = _tokens(statement)
    head = [t.text.upper() if t.kind == "word" else t.text for t in toks[:4]]
    if head != ["UNWIND", "$rows", "AS", "ROW"] or toks[3].text != "row":
        return None
    edits = [(toks[0].start, toks[3].end, "LOAD FROM $__rows")]
    for k in range(4, len(toks) - 2):
        tok, dot, field = toks[k], toks[k + 1], toks[k + 2]
        if (tok.kind == "word" and tok.text == "row" and toks[k - 1].text != "."
                and dot.text == "." and field.kind == "word"):
            key = _name(statement, field)
            if keys is not None and key not in keys:
                raise QueryError(f"embedded store rejected the query: the rows have no "
                                 f"field '{key}'")
            edits.append((tok.start, field.end, ROWS_PREFIX + key))
    return _apply(statement, edits)


def parameters(statement: str) -> set[str]:
    """The ``$names`` a statement uses (ladybug refuses parameters it does not use)."""
    return {t.text[1:].strip("`") for t in _tokens(statement) if t.kind == "param"}


def status(name: str) -> str:
    """How the embedded store runs the named query: ``overridden`` (its own text in
    queries/ladybug/), ``lowered`` (the Neo4j text rewritten here), ``as is`` or
    ``Neo4j only``."""
    if name.split("/")[0] in querylib.NEO4J_ONLY_DIRS:
        return "Neo4j only"
    if name in querylib.overrides(querylib.LADYBUG):
        return "overridden"
    body = querylib.load(name).body
    rows = any(rows_as_columns(s) is not None for s in statements(body))
    return "lowered" if rows or lower(body) != body else "as is"
