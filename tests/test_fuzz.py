"""Fuzzing (hypothesis): random bytes, random truncations and random corruptions of real
rows fed to every ingest source, and random values given to CLI options. Whatever comes
in, the answer is a result or one line and exit code 1 or 2 — never a traceback — and a
refused ingest leaves the store exactly as it was (identical counts).

Bounded so the suite stays fast: a fixed number of examples per test, no deadline (the
machine may be busy), no example database. The inputs that broke issue 18 run first, as
fixed seeds (``SOURCE_SEEDS``, ``FOLDER_SEEDS``, ``OPTION_SEEDS``). The run's totals are
printed at the end ("Fuzz: N inputs — …", then the inputs tried per source and per
option); ``ALLIANCES_FUZZ_SCALE=10 pytest tests/test_fuzz.py`` tries ten times as many."""

from __future__ import annotations

import gzip
import os
import shutil
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from alliance_graph.analytics.projection import TIE_TYPES
from alliance_graph.cli import cli as alliances
from alliance_graph.errors import AllianceGraphError
from alliance_graph.ingest import SOURCES, ingest
from alliance_graph.store.embedded import LadybugStore
from support import FUZZ_STATS

@pytest.fixture(autouse=True)
def outcomes(pytestconfig):
    """Counts what happened to the inputs; conftest prints the totals after the run."""
    stats = pytestconfig.stash.setdefault(FUZZ_STATS, {})
    global _STATS
    _STATS = stats
    yield stats


_STATS: dict = {}


def note(outcome: str) -> None:
    try:
        event(outcome)
    except InvalidArgument:  # a fixed case (a seed of the fuzz), outside hypothesis
        pass
    _STATS[outcome] = _STATS.get(outcome, 0) + 1


def tried(kind: str, name: str) -> None:
    """One input given to a source or an option (printed per source and option)."""
    _STATS[(kind, name)] = _STATS.get((kind, name), 0) + 1


SCALE = int(os.environ.get("ALLIANCES_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples * SCALE, deadline=None, database=None, print_blob=True,
                    suppress_health_check=list(HealthCheck))
SLICE_ROWS = 40  # real rows per source file: enough for every kind of row, fast to load


@pytest.fixture(scope="module")
def seeded(golden_db, tmp_path_factory):
    """One real embedded store with every source, opened once for the module."""
    path = tmp_path_factory.mktemp("fuzz") / "graph.lbug"
    shutil.copy(golden_db, path)
    with LadybugStore(path) as store:
        yield store


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-files")


def _text(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def real_slice(source) -> bytes:
    """The header and the first rows of the source's bundled file."""
    lines = _text(source.default_path).split(b"\n")
    return b"\n".join(lines[: SLICE_ROWS + 1]) + b"\n"


def corruptions(real: bytes):
    """Random bytes; the real rows cut at a random point; random bytes spliced into them;
    one real row with a field dropped or doubled."""
    cut = st.integers(0, len(real)).map(lambda i: real[:i])
    splice = st.tuples(st.integers(0, len(real)), st.integers(0, 12), st.binary(max_size=12)) \
        .map(lambda t: real[: t[0]] + t[2] + real[t[0] + t[1]:])
    rows = real.split(b"\n")

    def reshape(args):
        i, field, double = args
        row = rows[1 + i % max(len(rows) - 2, 1)].split(b",")
        k = field % len(row)
        row = row[: k + 1] + row[k:] if double else row[:k] + row[k + 1:]
        return b"\n".join(rows[: 1 + i % max(len(rows) - 2, 1)] + [b",".join(row)]) + b"\n"

    reshaped = st.tuples(st.integers(0, 10**6), st.integers(0, 50), st.booleans()).map(reshape)
    return st.one_of(st.binary(max_size=400), cut, splice, reshaped)


def _refused_or_loaded(store, name: str, path: Path) -> None:
    tried("source", name)
    before = store.counts()
    try:
        ingest(store, [name], path=path)
    except AllianceGraphError as error:
        message = str(error)
        assert message and "\n" not in message and "\r" not in message, message
        assert store.counts() == before, f"refused ({message}) but the store changed"
        note("ingest refused")
    else:
        note("ingest accepted (a valid file)")


FILE_SOURCES = [n for n, s in SOURCES.items() if s.default_path.is_file()]
FOLDER_SOURCES = [n for n, s in SOURCES.items() if s.default_path.is_dir()]


def _with_field(real: bytes, field: str, value: str) -> bytes:
    """The real rows with ``field`` of the first data row set to ``value``."""
    header, first, *rest = real.split(b"\n")
    row = first.split(b",")
    row[header.split(b",").index(field.encode())] = value.encode()
    return b"\n".join([header, b",".join(row), *rest])


def _head(real: bytes, rows: int) -> bytes:
    return b"\n".join(real.split(b"\n")[: rows + 1]) + b"\n"


def _twice(real: bytes) -> bytes:
    header, first, *rest = real.split(b"\n")
    return b"\n".join([header, first, first, *rest])


# issue 18's inputs, run first every time: a 10-row state list (would gut the graph), a
# CINC of 5.0, a dispute number past 2^53, a duplicated maoz-powers row
SOURCE_SEEDS = {
    "cow-states": [lambda real: _head(real, 10)],
    "cow-nmc": [lambda real: _with_field(real, "cinc", "5.0")],
    "cow-mids": [lambda real: _with_field(real, "dispnum", str(2**53 + 1))],
    "maoz-powers": [_twice],
}


@pytest.mark.parametrize("name", FILE_SOURCES)
def test_ingest_survives_corrupt_files(seeded, work, name):
    real = real_slice(SOURCES[name])

    def check(data, compressed):
        path = work / (f"{name}.csv.gz" if compressed else f"{name}.csv")
        # a .gz name gets gzip of the bytes, or the raw bytes (a broken archive)
        path.write_bytes(gzip.compress(data) if compressed and data[:1] != b"\x00" else data)
        _refused_or_loaded(seeded, name, path)

    run = given(data=corruptions(real), compressed=st.booleans())(check)
    for seed in SOURCE_SEEDS.get(name, []):
        run = example(data=seed(real), compressed=False)(run)
    fuzz(30)(run)()


@pytest.mark.slow
@pytest.mark.parametrize("name", FOLDER_SOURCES)
def test_ingest_survives_corrupt_folders(seeded, work, name):
    """A folder source (curated YAML): one of its files corrupted at a time."""
    original = SOURCES[name].default_path
    files = sorted(p.name for p in original.iterdir() if p.is_file())
    folder = work / name
    real = {f: (original / f).read_bytes() for f in files}

    def load(file: str, content: bytes) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(original, folder)
        (folder / file).write_bytes(content)
        _refused_or_loaded(seeded, name, folder)

    for file, content in FOLDER_SEEDS.get(name, []):
        load(file, content)

    @fuzz(20)
    @given(file=st.sampled_from(files), data=st.data())
    def check(file, data):
        load(file, data.draw(corruptions(real[file][:4000])))

    check()


# issue 18's folder inputs: an empty deployments file (would drop every deployment) and a
# 1 KB YAML alias bomb (×9 per level: refused at its first anchor, before parsing)
_BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
FOLDER_SEEDS = {"curated": [("deployments.yaml", b""), ("groups.yaml", _BOMB.encode())]}


# --- the command line ------------------------------------------------------------------------

def assert_one_line_or_result(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code:
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1, result.stderr
        if "Usage:" not in result.stderr:  # the error, after any warnings (e.g. deprecated)
            lines = [line for line in result.stderr.splitlines()
                     if not line.startswith("warning: ")]
            assert lines == errors, result.stderr
        note(f"command exit {result.exit_code}")
    else:
        note("command exit 0")


@pytest.fixture(scope="module")
def cli_db(golden_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz-cli") / "graph.lbug"
    shutil.copy(golden_db, path)
    with LadybugStore(path, read_only=True) as store:
        before = store.counts()
    yield path
    with LadybugStore(path, read_only=True) as store:
        assert store.counts() == before  # nothing the options did changed the store


def invoke(db: Path, args: list[str]):
    for arg in args:
        if arg.startswith("--"):
            tried("option", f"{args[0]} {arg}")
    return CliRunner().invoke(alliances, ["--db", str(db), *args])


def mostly(valid, invalid):
    """``valid`` nine times in ten: enough runs get past the checks to compute."""
    return st.integers(0, 9).flatmap(lambda k: invalid if k == 0 else valid)


words = st.text(alphabet=string.ascii_letters + string.digits + ",-_ .", max_size=12)
years = mostly(st.integers(1816, 2025), st.one_of(st.integers(-10**12, 10**12),
                                                   st.integers(1800, 2040))).map(str)
codes = mostly(st.lists(st.sampled_from(["USA", "TUR", "RUS", "usa", "seeds", "", "HEZ"]),
                        max_size=4).map(",".join),
               st.one_of(words, st.just("ZZZ"), st.just("TUR,ZZZ")))
tops = mostly(st.integers(1, 300).map(str) | st.just("all"), st.integers(-3, 0).map(str) | words)
floats = mostly(st.floats(0.05, 5).map(str),
                st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(str), words))
ties = mostly(st.lists(st.sampled_from([*TIE_TYPES, "alliances", "partnership"]),
                       min_size=1, max_size=3).map(",".join),
              st.one_of(st.just("bogus"), st.just(""), words))


def network(draw) -> list[str]:
    args = ["--ties", draw(ties)]
    args += ["--source", draw(mostly(st.sampled_from(["all", "atop", "curated"]),
                                     st.just("none")))]
    return args + draw(st.sampled_from([[], ["--unweighted"], ["--weighted", "treaties"],
                                        ["--censored", "drop"]]))


@st.composite
def centrality_args(draw):
    return ["centrality", "--year", draw(years), "--top", draw(tops), *network(draw),
            "--metrics", draw(mostly(st.just("degree,betweenness"), words))]


@st.composite
def broker_args(draw):
    return ["brokers", "--year", draw(years), "--include", draw(codes),
            "--cinc-ranks", draw(mostly(st.just("1-40"), words)), "--top", draw(tops),
            *draw(st.sampled_from([[], ["--groups", "region"], ["--middle-powers"]]))]


@st.composite
def bloc_args(draw):
    return ["blocs", "--year", draw(years), "--resolution", draw(floats),
            "--seed", draw(mostly(st.integers(0, 2**31 - 1), st.integers(-2**40, 2**40))
                           .map(str) | words),
            "--triangles", draw(tops), *network(draw),
            *draw(st.sampled_from([[], ["--signed"], ["--signed", "--balance"]]))]


@st.composite
def series_args(draw):
    """Ranges and actor codes for timeline/brokers series (output files in the test's cwd)."""
    first = draw(st.integers(1810, 2030))
    last = first + draw(st.integers(-1, 1))
    command = draw(st.sampled_from(["timeline", "brokers"]))
    return [command, "--from", str(first), "--to", str(last), "--states", draw(codes),
            "--force"]


@st.composite
def other_args(draw):
    return draw(st.sampled_from([
        ["powers", "--year", draw(years), "--include", draw(codes)],
        ["export", "--year", draw(years), "--format", "json", "--out", "x.json", "--force"],
        ["report", "--year", draw(years), "--recent", draw(years), "--top", draw(tops)],
        ["query", "alliance_spells", "-p", f"first={draw(years)}", "-p", f"last={draw(words)}"],
    ]))


@st.composite
def range_args(draw):
    """The options issue 18 found unchecked: signed's seed and resolution, coverage and
    treaty years, similarity's top."""
    seeds = mostly(st.integers(0, 2**31 - 1), st.integers(-10**30, 10**30)).map(str)
    return draw(st.sampled_from([
        ["signed", "--edges", "e.csv", "--seed", draw(seeds), "--resolution", draw(floats)],
        ["sources", "--coverage", "--from", draw(years), "--to", draw(years)],
        ["treaties", "--state", "TUR", "--year", draw(years)],
        ["treaty", "ATOP-3180", "--year", draw(years)],
        ["similarity", "--year", draw(years), "--top", draw(tops)],
    ]))


# issue 18's inputs, run first every time (each must be one line, exit 2)
OPTION_SEEDS = {"ranges": [
    ["signed", "--edges", "e.csv", "--seed", str(10**30)],
    *(["signed", "--edges", "e.csv", "--resolution", r] for r in ("-1", "nan", "inf", "0")),
    ["sources", "--coverage", "--from", "0", "--to", "99999"],
    *(["treaties", "--state", "TUR", "--year", y] for y in ("0", "-5", "99999")),
    *(["treaty", "ATOP-3180", "--year", y] for y in ("0", "-5", "99999")),
    ["similarity", "--year", "2018", "--top", "-1"],
]}


@pytest.mark.slow
@pytest.mark.parametrize("strategy, examples", [
    (centrality_args(), 30), (broker_args(), 20), (bloc_args(), 25), (series_args(), 8),
    (other_args(), 15), (range_args(), 15),
], ids=["centrality", "brokers", "blocs", "series", "others", "ranges"])
def test_random_option_values(cli_db, request, strategy, examples):
    Path("e.csv").write_text("from,to,sign\nA,B,1\nB,C,-1\nA,C,-1\n")  # for `signed`
    seeds = OPTION_SEEDS.get(request.node.callspec.id, [])
    for args in seeds:
        result = invoke(cli_db, args)
        assert_one_line_or_result(result)
        assert result.exit_code == 2, (args, result.output)

    @fuzz(examples)
    @given(args=strategy)
    def check(args):
        assert_one_line_or_result(invoke(cli_db, args))

    check()


SECRET = "s3cret-pw"
uris = st.builds(
    lambda scheme, user, host, port, query: f"{scheme}://{user}{host}{port}{query}",
    st.sampled_from(["bolt", "neo4j", "bolt+s", "http", "", "BOLT"]),
    st.sampled_from(["", f"u:{SECRET}@", f":{SECRET}@"]),
    st.sampled_from(["127.0.0.1", "[bad", "[::1]", "", "127.0.0.1]"]),
    st.one_of(st.integers(0, 20).map(lambda p: f":{p}"), words.map(lambda w: ":" + w),
              st.just("")),
    st.sampled_from(["", f"?password={SECRET}", f"?x={SECRET}&y=1", "#frag"]),
)


@fuzz(25)
@given(uri=uris, command=st.sampled_from([["status"], ["sources"],
                                          ["centrality", "--year", "2018"]]))
def test_random_neo4j_uris_are_one_line_without_secrets(uri, command):
    result = CliRunner().invoke(alliances, ["--neo4j-uri", uri, *command],
                                env={"NEO4J_PASSWORD": SECRET})
    assert_one_line_or_result(result)
    assert result.exit_code != 0  # nothing listens on these ports
    assert SECRET not in result.output


# Every character that means something in a URI (RFC 3986 gen-delims and sub-delims, the
# percent sign, space and quotes): a password holding one must never be printed, whole
# or in part, whether the URI parses or not.
URI_SPECIAL = ":/?#[]@!$&'()*+,;=% \"~"
PIECES = ("Zq7", "X9v", "kW7")  # the password's pieces between special characters


def _password(specials: str) -> str:
    return "".join(p + c for p, c in zip(PIECES, specials + " " * 3)).strip() + PIECES[-1]


def _uri_forms(password: str) -> list[str]:
    """A password in the URI forms the issue found leaking: well formed, with another
    error (a bad port, a query on bolt://, a fragment), the scheme forgotten, percent-
    encoded."""
    from urllib.parse import quote
    return [f"bolt://neo4j:{password}@127.0.0.1:1", f"bolt://neo4j:{password}@127.0.0.1:abc",
            f"bolt://neo4j:{password}@127.0.0.1:1?x=1", f"neo4j:{password}@127.0.0.1:1",
            f"bolt://neo4j:{password}@127.0.0.1:1#frag", f"neo4j://:{password}@[bad",
            f"bolt://neo4j:{quote(password, safe='')}@127.0.0.1:1"]


def _assert_hidden(password: str, output: str) -> None:
    from urllib.parse import quote
    assert password not in output and quote(password, safe="") not in output
    for piece in PIECES:
        assert piece not in output, (password, output)


def _run_uri(uri: str, env: dict[str, str]):
    return CliRunner().invoke(alliances, ["--neo4j-uri", uri, "status"], env=env)


@pytest.mark.parametrize("char", list(URI_SPECIAL))
def test_a_password_with_any_uri_special_character_is_never_printed(char):
    password = _password(char * 2)
    for uri in _uri_forms(password):
        result = _run_uri(uri, {"NEO4J_PASSWORD": None, "NEO4J_AUTH": None})
        assert_one_line_or_result(result)
        assert result.exit_code != 0
        _assert_hidden(password, result.output)
    bare = password.replace("/", "-")  # NEO4J_AUTH without a slash: no user/password
    for env, secret in (({"NEO4J_PASSWORD": password}, password),
                        ({"NEO4J_AUTH": f"neo4j/{password}"}, password),
                        ({"NEO4J_AUTH": bare}, bare)):
        result = _run_uri("bolt://127.0.0.1:1", env)
        assert_one_line_or_result(result)
        assert result.exit_code != 0
        _assert_hidden(secret, result.output)


@fuzz(40)
@given(specials=st.text(alphabet=URI_SPECIAL, min_size=1, max_size=3),
       form=st.integers(0, 6), where=st.sampled_from(["uri", "env", "auth"]))
def test_random_passwords_in_uris_are_never_printed(specials, form, where):
    password = _password(specials)
    env = {"NEO4J_PASSWORD": None, "NEO4J_AUTH": None}
    if where == "uri":
        uri = _uri_forms(password)[form]
    else:
        uri = _uri_forms("x")[form].replace("neo4j:x@", "").replace(":x@", "")
        env = ({"NEO4J_PASSWORD": password} if where == "env"
               else {"NEO4J_AUTH": f"neo4j/{password}"})
    result = _run_uri(uri, env)
    note(f"uri password: {where}, exit {result.exit_code}")
    assert_one_line_or_result(result)
    _assert_hidden(password, result.output)


@pytest.mark.parametrize("name", ["atop", "cow-states", "curated"])
def test_ingest_command_line_with_random_bytes(cli_db, tmp_path_factory, name):
    """The same through `alliances ingest NAME --file` (the store is opened each time)."""
    db = tmp_path_factory.mktemp("fuzz-ingest") / "graph.lbug"
    shutil.copy(cli_db, db)
    folder = SOURCES[name].default_path.is_dir()

    @fuzz(6)
    @given(data=st.binary(max_size=300))
    def check(data):
        target = tmp_path_factory.getbasetemp() / f"fuzz-{name}"
        shutil.rmtree(target, ignore_errors=True)
        if folder:
            shutil.copytree(SOURCES[name].default_path, target)
            (target / "groups.yaml").write_bytes(data)
        else:
            target.write_bytes(data)
        result = invoke(db, ["ingest", name, "--file", str(target)])
        assert_one_line_or_result(result)
        if target.is_file():
            target.unlink()

    with LadybugStore(db, read_only=True) as store:
        before = store.counts()
    check()
    with LadybugStore(db, read_only=True) as store:
        assert store.counts() == before
