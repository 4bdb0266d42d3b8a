"""Where the graph lives: an embedded ladybug database (default) or a Neo4j server.

Precedence: command-line option, then environment variable, then a ``.env`` file in the
working directory, then the default. ``NEO4J_USER``/``NEO4J_PASSWORD`` may also come from
``NEO4J_AUTH`` (``user/password``, the Neo4j image's variable). The password is kept out
of ``repr`` and logs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

DB_ENV = "ALLIANCES_DB"


def default_db_path() -> Path:
    """``$ALLIANCES_DB``, else ``$XDG_DATA_HOME/alliance-graph/graph.lbug``
    (``~/.local/share/alliance-graph/graph.lbug``)."""
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "alliance-graph" / "graph.lbug"


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)
    auth_problem: str | None = None  # what is wrong with NEO4J_AUTH, said without its value
    neo4j_database: str | None = None
    db_path: Path = field(default_factory=default_db_path)

    @property
    def backend(self) -> str:
        return "neo4j" if self.neo4j_uri else "ladybug"

    @classmethod
    def resolve(
        cls,
        neo4j_uri: str | None = None,
        db: str | os.PathLike | None = None,
        env_file: str | os.PathLike = ".env",
    ) -> "Settings":
        dotenv = {k: v for k, v in dotenv_values(env_file).items() if v is not None}

        def get(name: str) -> str | None:
            return os.environ.get(name) or dotenv.get(name)

        path = db or get(DB_ENV)
        # NEO4J_AUTH ("user/password", as the Neo4j image takes it) fills in what is unset
        auth = get("NEO4J_AUTH") or ""
        auth_user, slash, auth_password = auth.partition("/")
        problem = None
        if auth and not slash and auth.lower() != "none":
            # not user/password: which part is the password is unknown, so none is used
            # (or shown)
            auth_user = auth_password = ""
            problem = "NEO4J_AUTH is not of the form user/password (its value is not shown)"
        return cls(
            neo4j_uri=neo4j_uri or get("NEO4J_URI"),
            neo4j_user=get("NEO4J_USER") or auth_user or "neo4j",
            neo4j_password=get("NEO4J_PASSWORD") or auth_password or None,
            neo4j_database=get("NEO4J_DATABASE"),
            auth_problem=problem,
            db_path=Path(path).expanduser() if path else default_db_path(),
        )
