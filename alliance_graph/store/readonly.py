"""What ad-hoc Cypher may do without ``--write``: read the graph, nothing else.

The database's own read-only mode is not enough (measured on ladybug 0.22: a read-only
database still runs ``CHECKPOINT``, leaving ``.wal``/``.shadow`` files after which it
cannot be opened read-only; ``COPY … TO`` and ``EXPORT DATABASE`` write files; Neo4j's
READ access mode stops graph writes but not ``LOAD CSV``). So the text is checked first,
on tokens (keywords inside string literals, comments and back-quoted names do not
count): one statement, starting with a reading clause, with no clause that writes the
graph or touches files, and ``CALL`` only of procedures known to read. Everything else is
refused with one line before anything runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ReadOnlyError

READ_STARTS = {"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "SHOW",
               "EXPLAIN", "PROFILE"}
# clauses that change the graph, the database or its files, or read files from disk
REFUSED = {
    "CREATE": "changes the graph", "MERGE": "changes the graph", "SET": "changes the graph",
    "DELETE": "changes the graph", "DETACH": "changes the graph or the attached databases",
    "REMOVE": "changes the graph", "FOREACH": "changes the graph",
    "DROP": "changes the schema", "ALTER": "changes the schema",
    "TRUNCATE": "changes the graph", "CHECKPOINT": "writes the database files",
    "COPY": "reads or writes files", "LOAD": "reads files or extensions",
    "EXPORT": "writes files", "IMPORT": "reads files into the database",
    "ATTACH": "opens other databases", "USE": "switches database",
    "INSTALL": "installs extensions", "UNINSTALL": "removes extensions",
    "BEGIN": "controls transactions", "COMMIT": "controls transactions",
    "ROLLBACK": "controls transactions", "PERIODIC": "changes the graph",
    "GRANT": "changes privileges", "REVOKE": "changes privileges", "DENY": "changes privileges",
}
# procedures that only read (ladybug's catalogue functions; Neo4j's db.* listings;
# GDS algorithms in stream/stats mode)
READ_PROCEDURES = {
    "show_tables", "table_info", "show_connection", "db_version", "show_functions",
    "show_indexes", "show_warnings", "current_setting", "show_sequences", "show_macros",
    "show_loaded_extensions", "show_official_extensions", "show_attached_databases",
    "show_projected_graphs", "show_graphs", "catalog_version", "storage_version",
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
    "gds.version", "gds.graph.list",
}
GDS_READ = re.compile(r"gds(\.\w+)+\.(stream|stats)")
_PARAM = re.compile(r"\$(\w+|`[^`]*`)?")  # $name, $`name` or a lone $
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Token:
    kind: str  # word, punct, param
    text: str
    start: int = 0  # where the token is in the text: text[start:end] (the dialect
    end: int = 0    # layer, store/dialect.py, rewrites the text at these spans)


def tokens(text: str) -> list[Token]:
    """Cypher words, parameters (``$name``) and punctuation; strings and comments are
    dropped (a string becomes the punct ``''``) and a back-quoted name becomes the word
    ``_``."""
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise ReadOnlyError("refused: unterminated /* comment")
            i = j + 2
        elif c in "'\"":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise ReadOnlyError("refused: unterminated string literal")
            out.append(Token("punct", "''", i, j + 1))
            i = j + 1
        elif c == "`":
            j = i + 1
            while True:
                j = text.find("`", j)
                if j < 0:
                    raise ReadOnlyError("refused: unterminated `name`")
                if text.startswith("``", j):
                    j += 2
                    continue
                break
            out.append(Token("word", "_", i, j + 1))
            i = j + 1
        elif c == "$":
            m = _PARAM.match(text, i)
            out.append(Token("param", m.group(), i, m.end()))
            i = m.end()
        elif c.isalpha() or c == "_":
            m = _WORD.match(text, i)
            out.append(Token("word", m.group(), i, m.end()))
            i = m.end()
        else:
            out.append(Token("punct", c, i, i + 1))
            i += 1
    return out


def check_read_only(text: str) -> None:
    """Raise ``ReadOnlyError`` (one line) unless ``text`` is a single reading statement."""
    toks = tokens(text)
    while toks and toks[-1].text == ";":
        toks.pop()
    for k, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        before = toks[k - 1].text if k else ""
        after = toks[k + 1].text if k + 1 < len(toks) else ""
        if before in (".", ":") or after == ":" or before.upper() == "AS":
            continue  # a property, label, map key or alias, not a clause
        word = tok.text.upper()
        if word in REFUSED:
            raise ReadOnlyError(f"refused without `write=True`: {word} {REFUSED[word]}")
        if word == "CALL":
            _check_call(toks[k + 1:])
    if any(t.text == ";" for t in toks):
        raise ReadOnlyError("refused: one statement at a time (a ';' separates several)")
    words = [t for t in toks if t.kind == "word"]
    if words and words[0].text.upper() not in READ_STARTS:
        raise ReadOnlyError(f"refused without `write=True`: {words[0].text} is not a reading "
                            f"statement (read-only queries start with MATCH, OPTIONAL MATCH, "
                            f"WITH, UNWIND, RETURN or CALL of a reading procedure)")


def _check_call(rest: list[Token]) -> None:
    if rest and rest[0].text == "{":
        return  # a subquery: its clauses are checked like the rest of the text
    name = []
    for tok in rest:
        if tok.kind == "word" or tok.text == ".":
            name.append(tok.text)
        else:
            break
    proc = "".join(name)
    if proc.lower() in READ_PROCEDURES or GDS_READ.fullmatch(proc):
        return
    raise ReadOnlyError(f"refused without `write=True`: CALL {proc or '?'} is not a procedure "
                        f"known to only read")
