"""Store safety: crash-safe writes (SIGKILL at many moments), one writer at a time,
readers that see the last complete store, a read-only mode that is read-only, and a
store that knows which sources it holds. Writers and readers here are real processes."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alliance_graph.errors import ReadOnlyError
from alliance_graph.ingest import SOURCES, loaded_sources
from alliance_graph.store.embedded import LadybugStore
from alliance_graph.store.readonly import check_read_only
from facts import ATOP_ROWS, ATOP_SPELLS

CLI = [sys.executable, "-m", "alliance_graph.cli"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ALLIANCES_"))}
    env.update(extra)
    return env


def alliances(db: Path, *args: str, wait: float = 10, **popen) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "--db", str(db), *args], capture_output=True, text=True,
                          env=_env(ALLIANCES_LOCK_WAIT=str(wait)), timeout=120, **popen)


def state(db: Path) -> tuple[dict[str, int], list[tuple]]:
    """What a store holds: counts per label/type and its load records (times left out)."""
    with LadybugStore(db, read_only=True) as store:
        loads = loaded_sources(store)
        records = sorted(loads[["source", "version", "rows_read", "nodes", "relationships"]]
                         .itertuples(index=False, name=None))
        return store.counts(), records


def files_beside(db: Path) -> set[str]:
    return {p.name for p in db.parent.iterdir()}


@pytest.fixture(scope="module")
def small_atop(tmp_path_factory) -> Path:
    """The first 40,000 ATOP dyad-years: a re-ingest that gives a different store."""
    path = tmp_path_factory.mktemp("atop") / "atop_small.csv.gz"
    with gzip.open(SOURCES["atop"].default_path, "rt") as src, gzip.open(path, "wt") as out:
        for i, line in enumerate(src):
            if i > 40_000:
                break
            out.write(line)
    return path


# -- crash safety -----------------------------------------------------------------------
#
# Kills are placed deterministically: strace stops the process on entering the n-th
# system call of a kind that names a given path and delivers SIGKILL there, so each kill
# lands on a known step (ladybug creating its log, renaming it into the checkpoint's
# frozen log, creating the shadow pages, removing each file, our rename), not at a time.

STRACE = shutil.which("strace")
needs_strace = pytest.mark.skipif(STRACE is None and not os.environ.get("CI"),
                                  reason="strace is not installed (.ci/run installs it)")
# the system calls that change what is on disk by name (data writes go through a
# descriptor to a file of the session, which is discarded whole)
MUTATING = ("mkdir", "openat", "rename", "unlink", "chmod", "rmdir")
_CALL = re.compile(r'^\d+ +(\w+)\((.*)\) += (-?\d+)')


def _killed_at(argv: list[str], call: str, path: Path, nth: int) -> int:
    """Run ARGV and SIGKILL it on entering its NTH CALL that names PATH; the exit code."""
    return subprocess.run(
        [STRACE, "-f", "-qq", "-o", "/dev/null", "-e", f"trace={call}", "-P", str(path),
         "-e", f"inject={call}:signal=KILL:when={nth}", *argv],
        env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
    ).returncode


def _windows(argv: list[str], folder: Path) -> list[tuple[str, Path, int]]:
    """Every step of a run of ARGV that changes a file in FOLDER by name, as (call, path,
    n): the n-th CALL naming that path. Taken from a traced run that is not killed."""
    log = folder.parent / "trace.txt"
    subprocess.run([STRACE, "-f", "-qq", "-o", str(log), "-e",
                    "trace=" + ",".join(MUTATING), *argv], env=_env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    seen: dict[tuple[str, str], int] = {}
    steps = []
    for line in log.read_text().splitlines():
        match = _CALL.match(line)
        if not match:
            continue
        call, args, result = match.groups()
        names = re.findall(r'"([^"]*)"', args)
        # strace's -P matches these calls by their first path (a rename by its source)
        if not names or not names[0].startswith(str(folder)):
            continue
        seen[call, names[0]] = n = seen.get((call, names[0]), 0) + 1
        if (call != "openat" or "O_CREAT" in args) and int(result) >= 0:
            steps.append((call, Path(names[0]), n))
    log.unlink()
    return steps


WRITE = """
import sys
from alliance_graph.store.embedded import LadybugStore
with LadybugStore(sys.argv[1]) as store:
    store.write(lambda tx: tx.execute("CREATE (:Status {id: 'new', name: 'new'})", {}))
"""


def _assert_clean_after(db: Path) -> None:
    """The next session of either kind starts clean: a reader reads, and a writer removes
    what the dead one left and publishes."""
    with LadybugStore(db, read_only=True) as store:
        assert store.counts()["State"] == 218
    with LadybugStore(db):
        pass
    assert files_beside(db) == {"graph.lbug", "graph.lbug.lock"}


@needs_strace
def test_a_kill_at_every_step_leaves_the_old_store_or_the_new_one(db_path):
    """SIGKILL at each step of a write session that changes a file by name (the windows,
    listed below): the store is exactly the old one before the publishing rename, the new
    one after it, the next session starts clean, and nothing of the killed session is
    replayed into it."""
    argv = [sys.executable, "-c", WRITE, str(db_path)]
    reference = db_path.parent.parent / "reference.lbug"
    shutil.copy(db_path, reference)
    before = _statuses(db_path)
    windows = _windows(argv, db_path.parent)
    shutil.copy(reference, db_path)
    session = db_path.parent / "graph.lbug.session"
    names = {(call, path.name) for call, path, _ in windows}
    # the windows the issue found unguarded are among them
    assert {("mkdir", "graph.lbug.session"), ("openat", "graph.lbug.wal"),
            ("openat", "graph.lbug.checkpoint.intent.lock"),
            ("openat", "graph.lbug.checkpoint.apply.lock"),
            ("rename", "graph.lbug.wal"), ("openat", "graph.lbug.shadow"),
            ("unlink", "graph.lbug.wal.checkpoint"), ("unlink", "graph.lbug.shadow"),
            ("chmod", "graph.lbug"), ("rename", "graph.lbug"),
            ("rmdir", "graph.lbug.session")} <= names
    published = next(i for i, (call, path, _) in enumerate(windows)
                     if call == "rename" and path == session / "graph.lbug")
    outcomes = []
    for i, (call, path, nth) in enumerate(windows):
        assert _killed_at(argv, call, path, nth) == -signal.SIGKILL, (call, path, nth)
        now = _statuses(db_path)
        expected = before + 1 if i > published else before
        assert now == expected, f"killed at {call} {path.name} #{nth}: {now} statuses"
        assert files_beside(db_path) <= {"graph.lbug", "graph.lbug.lock", session.name}
        _assert_clean_after(db_path)
        assert _statuses(db_path) == expected  # the dead session was not replayed
        outcomes.append(f"{call} {path.relative_to(db_path.parent)} #{nth}: "
                        f"{'new' if i > published else 'old'}")
        shutil.copy(reference, db_path)
    print(f"{len(windows)} windows killed:\n  " + "\n  ".join(outcomes))


def _marked_nmc(folder: Path) -> Path:
    """cow-nmc with one marked value (USA's 1816 military spending)."""
    rows = SOURCES["cow-nmc"].default_path.read_text().splitlines()
    assert rows[1].startswith("2,1816,3823,")
    rows[1] = rows[1].replace("2,1816,3823,", "2,1816,777777,", 1)
    path = folder / "marked_nmc.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def _usa_1816_milex(db: Path) -> float:
    with LadybugStore(db, read_only=True) as store:
        return float(store.run_cypher(
            "MATCH (c:Capability {id: 'USA-1816'}) RETURN c.milex AS m", {}).m[0])


@needs_strace
def test_a_kill_inside_the_checkpoint_is_not_replayed_later(golden_db, tmp_path):
    """The issue's first reproduction: a re-ingest killed as ladybug freezes its log for
    the checkpoint (the log renamed to ``….wal.checkpoint``), then an unrelated write:
    the killed data does not come back, no checkpoint file is left, `ingest all` runs."""
    db = tmp_path / "store" / "graph.lbug"
    db.parent.mkdir()
    shutil.copy(golden_db, db)
    old = _usa_1816_milex(db)
    marked = _marked_nmc(tmp_path)
    log = db.with_name("graph.lbug.session") / "graph.lbug.wal"  # renamed to ….checkpoint
    argv = [*CLI, "--db", str(db), "ingest", "cow-nmc", "--file", str(marked)]
    assert _killed_at(argv, "rename", log, 1) == -signal.SIGKILL
    assert (db.parent / "graph.lbug.session").exists()  # the kill was inside the session
    unrelated = alliances(db, "query", "--write", "--cypher",
                          "CREATE (:Status {id: 'u', name: 'u'})")
    assert unrelated.returncode == 0, unrelated.stderr
    assert _usa_1816_milex(db) == old
    with LadybugStore(db, read_only=True) as store:
        loads = loaded_sources(store).set_index("source")
    assert str(marked) not in str(loads.loc["cow-nmc"].to_dict())
    assert files_beside(db) == {"graph.lbug", "graph.lbug.lock"}
    rebuilt = alliances(db, "ingest", "all")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert files_beside(db) == {"graph.lbug", "graph.lbug.lock"}


@needs_strace
def test_a_first_ingest_killed_inside_the_checkpoint_can_be_built_again(golden_db, tmp_path):
    """The issue's second reproduction: the first `ingest all` of a new store killed in
    ladybug's checkpoint leaves no store and nothing that stops the next `ingest all`."""
    db = tmp_path / "new" / "graph.lbug"
    log = db.with_name("graph.lbug.session") / "graph.lbug.wal"  # renamed to ….checkpoint
    argv = [*CLI, "--db", str(db), "ingest", "all"]
    assert _killed_at(argv, "rename", log, 1) == -signal.SIGKILL
    assert not db.exists()
    built = alliances(db, "ingest", "all")
    assert built.returncode == 0, built.stderr
    assert files_beside(db) == {"graph.lbug", "graph.lbug.lock"}
    assert state(db) == state(golden_db)


CRASH = """
import os, signal, sys
from alliance_graph.store import embedded

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

point = sys.argv[2]
if point == "checkpoint":  # SIGKILL as the session's CHECKPOINT starts
    run = embedded._execute
    embedded._execute = lambda c, t, p: die() if t == "CHECKPOINT" else run(c, t, p)
elif point == "fsync":  # closed and checkpointed, not yet synced
    embedded._fsync = die
elif point == "replace":  # synced, not yet renamed
    embedded.os.replace = die
elif point == "renamed":  # renamed, directory not yet synced
    sync = embedded._fsync
    embedded._fsync = lambda p: die() if p.is_dir() else sync(p)
store = embedded.LadybugStore(sys.argv[1])
store.write(lambda tx: tx.execute("CREATE (:Status {id: 'new', name: 'new'})", {}))
store.close()
"""


@pytest.mark.parametrize("point, expected", [
    ("checkpoint", "old"), ("fsync", "old"), ("replace", "old"), ("renamed", "new"),
])
def test_sigkill_inside_the_publish_step(db_path, point, expected):
    """SIGKILL at each step of publishing a write session, deterministically."""
    before = _statuses(db_path)
    done = subprocess.run([sys.executable, "-c", CRASH, str(db_path), point], env=_env(),
                          timeout=120)
    assert done.returncode == -signal.SIGKILL
    assert _statuses(db_path) == before + (expected == "new")
    leftovers = files_beside(db_path) - {"graph.lbug", "graph.lbug.lock"}
    assert leftovers <= {"graph.lbug.session"}
    assert alliances(db_path, "ingest", "cow-majors").returncode == 0  # cleans up
    assert files_beside(db_path) == {"graph.lbug", "graph.lbug.lock"}


def test_a_write_session_that_fails_changes_nothing(db_path, tmp_path_factory):
    before = state(db_path)
    bad = tmp_path_factory.mktemp("input") / "bad.csv"
    bad.write_text("ccode1,ccode2,year\n2,20,1950\n")
    done = alliances(db_path, "ingest", "atop", "--file", str(bad))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert state(db_path) == before
    assert files_beside(db_path) == {"graph.lbug", "graph.lbug.lock"}


@pytest.mark.slow
def test_unreadable_store_says_how_to_rebuild_it(db_path):
    (db_path.parent / "graph.lbug.wal").write_bytes(os.urandom(5000))  # a corrupt WAL
    for args in (["status"], ["report"], ["ingest", "cow-majors"]):
        done = alliances(db_path, *args)
        assert done.returncode == 1
        assert done.stderr.strip().splitlines() == [done.stderr.strip()]
        assert "cannot be read" in done.stderr and "`alliances ingest all`" in done.stderr
    rebuilt = alliances(db_path, "ingest", "all")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "rebuilding it from scratch" in rebuilt.stderr
    assert alliances(db_path, "status").returncode == 0
    assert "graph.lbug.wal" not in files_beside(db_path)


def test_garbage_file_is_reported_in_one_line(tmp_path):
    db = tmp_path / "graph.lbug"
    db.write_bytes(b"not a database" * 100)
    done = alliances(db, "status")
    assert done.returncode == 1
    assert done.stderr.startswith("Error: the store at") and done.stderr.count("\n") == 1


# -- concurrency ------------------------------------------------------------------------

HOLD = """
import sys
from alliance_graph.store.embedded import LadybugStore
store = LadybugStore(sys.argv[1])
store.write(lambda tx: tx.execute("CREATE (:Status {id: 'held', name: 'held'})", {}))
print("ready", flush=True)
sys.stdin.readline()
store.close()
print("published", flush=True)
"""


def _statuses(db: Path) -> int:
    with LadybugStore(db, read_only=True) as store:
        return int(store.run_cypher("MATCH (s:Status) RETURN count(s) AS n", {}).n[0])


def test_second_writer_waits_or_is_told_the_store_is_busy(db_path):
    before = _statuses(db_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], env=_env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        # a reader during the write reads the last complete store
        assert _statuses(db_path) == before
        reader = alliances(db_path, "query", "--cypher", "MATCH (s:Status) RETURN count(s) AS n",
                           "--format", "csv")
        assert reader.returncode == 0 and reader.stdout.split()[-1] == str(before)
        # a second writer that may not wait is told the store is busy, in one line
        busy = alliances(db_path, "ingest", "cow-majors", wait=0.5)
        assert busy.returncode == 1
        assert "is busy" in busy.stderr and f"pid {holder.pid}" in busy.stderr
        # one that may wait, waits (saying so) and runs once the first has finished
        waiting = subprocess.Popen([*CLI, "--db", str(db_path), "ingest", "cow-majors"],
                                   env=_env(ALLIANCES_LOCK_WAIT="60"), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(2.5)
        assert waiting.poll() is None
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "published"
        out, err = waiting.communicate(timeout=60)
        assert waiting.returncode == 0, err
        assert f"waiting for pid {holder.pid}" in err
    finally:
        holder.kill()
        holder.wait()
    assert _statuses(db_path) == before + 1  # both writers' work is there


def test_readers_during_an_ingest_see_old_or_new(golden_db, db_path, small_atop):
    old = state(golden_db)[0]
    writer = subprocess.Popen([*CLI, "--db", str(db_path), "ingest", "atop", "--file",
                               str(small_atop), "--allow-shrink"], env=_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    seen = []
    while writer.poll() is None:
        with LadybugStore(db_path, read_only=True) as store:
            seen.append(store.counts()["ALLIED_WITH"])
    assert writer.returncode == 0, writer.stderr.read()
    new = state(db_path)[0]["ALLIED_WITH"]
    assert new != old["ALLIED_WITH"]
    assert len(seen) >= 3 and set(seen) <= {old["ALLIED_WITH"], new}


# -- read-only means read-only ----------------------------------------------------------

REFUSED = {
    "CHECKPOINT": "CHECKPOINT",
    "COPY (RETURN 1) TO '/tmp/alliances-ro-test.csv'": "COPY",
    "COPY State FROM '/etc/hosts'": "COPY",
    "EXPORT DATABASE '/tmp/alliances-ro-export'": "EXPORT",
    "IMPORT DATABASE '/tmp/alliances-ro-export'": "IMPORT",
    "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)": "ATTACH",
    "DETACH other": "DETACH",
    "INSTALL json": "INSTALL",
    "LOAD EXTENSION json": "LOAD",
    "LOAD json": "LOAD",
    "LOAD FROM '/etc/hosts' RETURN *": "LOAD",
    "LOAD CSV FROM 'file:///etc/hosts' AS row RETURN row": "LOAD",
    "CREATE (:Status {id: 'x'})": "CREATE",
    "MATCH (s:State) MERGE (:Status {id: s.code})": "MERGE",
    "MATCH (s:State) SET s.name = 'x'": "SET",
    "MATCH (s:State) DELETE s": "DELETE",
    "MATCH (s:State) DETACH DELETE s": "DETACH",
    "MATCH (s:State) REMOVE s.name": "REMOVE",
    "DROP TABLE State": "DROP",
    "ALTER TABLE State ADD x INT64": "ALTER",
    "CREATE MACRO m(x) AS x": "CREATE",
    "BEGIN TRANSACTION": "BEGIN",
    "CALL threads = 1": "CALL threads",
    "CALL project_graph('g', ['State'], ['ALLIED_WITH'])": "CALL project_graph",
    "CALL read_csv('/etc/hosts') RETURN *": "CALL read_csv",
    "CALL apoc.export.csv.all('x.csv', {})": "CALL apoc.export.csv.all",
    "MATCH (s:State) RETURN s; CHECKPOINT": "CHECKPOINT",
    "RETURN 1; RETURN 2": "one statement at a time",
    "USE other MATCH (n) RETURN n": "USE",
    "match (s:State) foreach (x IN [1] | set s.name = 'x')": "FOREACH",
}


@pytest.mark.parametrize("text", list(REFUSED))
def test_read_only_refuses(text, run, db_path):
    before = files_beside(db_path)
    done = run("query", "--cypher", text)
    assert done.exit_code == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("Error: refused")
    assert REFUSED[text] in done.stderr
    with LadybugStore(db_path, read_only=True) as store:  # the API refuses it too
        with pytest.raises(ReadOnlyError, match="refused"):
            store.run_cypher(text, {})
        assert store.read("state_codes").shape[0] == 218  # still answers reads
    assert files_beside(db_path) == before
    assert not Path("/tmp/alliances-ro-test.csv").exists()


def test_read_only_store_answers_reads_after_refusals(db_path):
    """The issue's probe: CHECKPOINT, then a read, with no file left beside the store."""
    assert "refused" in alliances(db_path, "query", "--cypher", "CHECKPOINT").stderr
    before = files_beside(db_path)
    assert alliances(db_path, "status").returncode == 0
    assert alliances(db_path, "centrality", "--year", "2018").returncode == 0
    assert files_beside(db_path) == before


@pytest.mark.parametrize("text", [
    "MATCH (s:State) WHERE s.name = 'CREATE; COPY x TO y' RETURN count(*) AS n",
    "MATCH (s:State) RETURN count(*) AS n // then DELETE everything",
    "/* CHECKPOINT */ MATCH (s:State) RETURN count(*) AS n;",
    "MATCH (s:State) RETURN s.code AS set, s.`name` IS NULL AS load",
    "OPTIONAL MATCH (s:State {code: 'USA'}) WITH s UNWIND [1] AS x RETURN x AS n",
    "CALL show_tables() RETURN count(*) AS n",
    "CALL table_info('State') RETURN count(*) AS n",
])
def test_reading_statements_pass(text, store):
    check_read_only(text)
    assert len(store.run_cypher(text, {})) >= 1


def test_write_flag_still_writes(run, db_path):
    before = _statuses(db_path)
    assert run("query", "--write", "--cypher", "CREATE (:Status {id: 'w', name: 'w'})").exit_code == 0
    assert _statuses(db_path) == before + 1


# -- the store knows what it holds ------------------------------------------------------

def test_every_load_is_recorded_with_the_data(golden_db):
    with LadybugStore(golden_db, read_only=True) as store:
        loads = loaded_sources(store).set_index("source")
        assert set(loads.index) == set(SOURCES)
        atop = loads.loc["atop"]
        assert atop.version == SOURCES["atop"].version and atop.rows_read == ATOP_ROWS
        assert atop.relationships == ATOP_SPELLS and atop.loaded_at.endswith("+00:00")
        from alliance_graph.ingest import source_counts
        for name in SOURCES:  # the record says what the source's own data is
            assert source_counts(store, name) == {
                "nodes": loads.loc[name, "nodes"], "relationships": loads.loc[name, "relationships"]}


@pytest.mark.slow
def test_status_and_analytics_warn_about_missing_sources(tmp_path):
    db = tmp_path / "partial.lbug"
    assert alliances(db, "ingest", "cow-states", "atop").returncode == 0
    status = alliances(db, "status")
    assert status.returncode == 0 and "Sources loaded" in status.stdout
    assert "warning: source 'curated' is not loaded" in status.stderr
    assert "warning: source 'atop'" not in status.stderr
    report = alliances(db, "centrality", "--year", "2018", "--source", "all")
    assert "source 'curated' is not loaded: results leave it out" in report.stderr
    atop_only = alliances(db, "centrality", "--year", "2018", "--source", "atop")
    assert "not loaded" not in atop_only.stderr


@pytest.mark.slow
def test_report_titles_name_only_loaded_sources(db_path):
    from alliance_graph.api import report
    with LadybugStore(db_path) as store:
        store.write(lambda tx: tx.execute(
            "MATCH (l:SourceLoad {source: 'curated'}) DELETE l", {}))
    with LadybugStore(db_path, read_only=True) as store:
        titles = [title for title, _ in report(store, top=3)]
    # the recent tables fall back to ATOP alone and say so
    assert "network: ATOP ·" in titles[1] and "curated" not in " ".join(titles)


# -- a valid-looking file does not gut the graph ----------------------------------------

def test_a_file_that_would_gut_the_graph_is_refused(db_path, tmp_path):
    """The issue's probe: the first 10 states of cow_states.csv would cut the ties of
    every other state. Refused in one line naming what would go and the flag; with the
    flag it loads, and `status` shows the counts the store now holds for every source."""
    before = state(db_path)
    lines = SOURCES["cow-states"].default_path.read_text().splitlines()
    short = tmp_path / "s.csv"
    short.write_text("\n".join(lines[:11]) + "\n")
    done = alliances(db_path, "ingest", "cow-states", "--file", str(short))
    assert done.returncode == 2  # bad input, as a malformed file
    assert len(done.stderr.strip().splitlines()) == 1
    assert "ALLIED_WITH" in done.stderr and "--allow-shrink" in done.stderr
    assert state(db_path) == before
    allowed = alliances(db_path, "ingest", "cow-states", "--file", str(short),
                        "--allow-shrink")
    assert allowed.returncode == 0, allowed.stderr
    with LadybugStore(db_path, read_only=True) as store:
        loads = loaded_sources(store).set_index("source")
        from alliance_graph.ingest import source_counts
        for name in loads.index:
            assert source_counts(store, name) == {
                "nodes": loads.loc[name, "nodes"],
                "relationships": loads.loc[name, "relationships"]}, name
        kept = store.run_cypher("MATCH (s:State) WHERE s.source = 'cow-states' "
                                "RETURN count(s) AS n", {}).n[0]
        assert kept == len({line.split(",")[0] for line in lines[1:11]})
        assert loads.loc["atop", "relationships"] < before[0]["ALLIED_WITH"] / 10
    status = alliances(db_path, "status")
    assert status.returncode == 0
    atop_row = next(line for line in status.stdout.splitlines()
                    if line.strip("│┃ ").startswith("atop "))
    assert str(loads.loc["atop", "relationships"]) in atop_row.replace(",", "")


def test_an_empty_deployments_file_is_refused(db_path, tmp_path):
    from alliance_graph.ingest.curated import SOURCE as CURATED
    folder = tmp_path / "curated"
    shutil.copytree(CURATED.default_path, folder)
    (folder / "deployments.yaml").write_text("")
    before = state(db_path)
    done = alliances(db_path, "ingest", "curated", "--file", str(folder))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "--allow-shrink" in done.stderr
    assert state(db_path) == before


# -- a store that does not grow ---------------------------------------------------------

@pytest.mark.slow
def test_ten_re_ingests_leave_the_store_near_its_fresh_size(golden_db, tmp_path):
    """Issue 19: re-ingesting the same data grew the file (11.7 → 25.6 → 36.1 MB). The
    write session compacts: after ten re-ingests of the two largest sources the file is
    within 10 % of a fresh build and holds exactly what the fresh build holds."""
    db = tmp_path / "graph.lbug"
    shutil.copy(golden_db, db)
    fresh = db.stat().st_size
    sizes = []
    for _ in range(10):
        done = alliances(db, "ingest", "atop", "cow-nmc")
        assert done.returncode == 0, done.stderr
        sizes.append(db.stat().st_size)
    print(f"fresh {fresh:,} bytes; after each re-ingest: {', '.join(f'{s:,}' for s in sizes)}")
    assert max(sizes) <= 1.10 * fresh
    assert state(db) == state(golden_db)
    assert files_beside(db) == {"graph.lbug", "graph.lbug.lock"}
