"""Settings: options, environment and .env; the password never shows."""

from __future__ import annotations

from alliance_graph.config import Settings, default_db_path


def test_embedded_is_the_default(tmp_path):
    s = Settings.resolve()
    assert s.backend == "ladybug"
    assert s.db_path == default_db_path() == tmp_path / "xdg" / "alliance-graph" / "graph.lbug"


def test_option_beats_environment_beats_dotenv(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("NEO4J_URI=bolt://from-dotenv:7687\nNEO4J_PASSWORD=pw-dotenv\n")
    assert Settings.resolve().neo4j_uri == "bolt://from-dotenv:7687"
    monkeypatch.setenv("NEO4J_URI", "bolt://from-env:7687")
    assert Settings.resolve().neo4j_uri == "bolt://from-env:7687"
    assert Settings.resolve(neo4j_uri="bolt://option:7687").neo4j_uri == "bolt://option:7687"
    assert Settings.resolve().neo4j_password == "pw-dotenv"


def test_neo4j_auth_fills_user_and_password(monkeypatch):
    monkeypatch.setenv("NEO4J_AUTH", "admin/a-long-password")
    s = Settings.resolve(neo4j_uri="bolt://x:7687")
    assert (s.neo4j_user, s.neo4j_password) == ("admin", "a-long-password")


def test_password_is_not_in_repr():
    s = Settings(neo4j_uri="bolt://x:7687", neo4j_password="hunter2-secret")
    assert "hunter2-secret" not in repr(s)


def test_db_option_and_env(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCES_DB", str(tmp_path / "env.lbug"))
    assert Settings.resolve().db_path == tmp_path / "env.lbug"
    assert Settings.resolve(db=tmp_path / "opt.lbug").db_path == tmp_path / "opt.lbug"
