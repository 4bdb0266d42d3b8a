"""Every bad input of issue 13 gets one line and a non-zero exit, and leaves the store and
existing files as they were. (tests/test_fuzz.py tries random inputs of the same kinds.)"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from alliance_graph.cli import cli as alliances
from alliance_graph.errors import IngestError
from alliance_graph.ingest import ingest
from alliance_graph.store.embedded import LadybugStore
from support import CURATED, DATA

ATOP_HEADER = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul"


def one_line_error(result, code: int = 1) -> str:
    """The result failed with ``code`` and said so in one line (and no traceback)."""
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    if "Usage:" not in result.output:  # not click's usage error: the one line alone
        assert len(lines) == 1 and result.stdout == "", result.output
    assert lines[-1].startswith("Error: ")
    return lines[-1]


@pytest.fixture
def cli(db_path):
    runner = CliRunner()
    return lambda *args: runner.invoke(alliances, ["--db", str(db_path), *args])


# --- CSV sources: the checks live in ingest/table.py, so every source has them -------------

BAD_ATOP = [
    ("empty", b"", 1, None, "the file is empty"),
    ("header only", f"{ATOP_HEADER}\n".encode(), 2, None, "no data rows"),
    ("truncated row", f"{ATOP_HEADER}\n2,20,1942\n".encode(), 2, "atop_defense",
     "3 fields where the header has 8"),
    ("extra field", f"{ATOP_HEADER}\n2,20,1942,1,1,0,0,0,1\n".encode(), 2, None,
     "9 fields where the header has 8"),
    ("huge integer", f"{ATOP_HEADER}\n2,20,1942,1,{'9' * 40},0,0,0\n".encode(), 2,
     "atop_offense", "is out of range"),
    ("inf", f"{ATOP_HEADER}\n2,20,1942,1,inf,0,0,0\n".encode(), 2, "atop_offense",
     "'inf' is not a whole number"),
    ("nan", f"{ATOP_HEADER}\n2,20,nan,1,1,0,0,0\n".encode(), 2, "year",
     "'nan' is not a whole number"),
    ("not UTF-8", f"{ATOP_HEADER}\n2,20,1942,1,1,0,0,0\n2,20,19\xe943,1,1,0,0,0\n".encode("latin-1"),
     3, None, "not UTF-8 text (byte 0xe9)"),
    ("NUL byte", f"{ATOP_HEADER}\n2,20,1942,1,1,0,0,0\n2,20\0,1943,1,1,0,0,0\n".encode(), 3,
     "ccode2", "'20\\x00' is not a whole number"),
    ("duplicate column", f"{ATOP_HEADER},year\n2,20,1942,1,1,0,0,0,1942\n".encode(), 1, "year",
     "names this column twice"),
    ("missing column", b"ccode1,ccode2,year\n2,20,1942\n", 1, "atop_defense", "missing column"),
    ("newline in a value", f'{ATOP_HEADER}\n2,20,"19\n42",1,1,0,0,0\n'.encode(), 3, "year",
     "'19\\n42' is not a whole number"),
    ("blank lines keep line numbers", f"{ATOP_HEADER}\n\n2,20,1942,1,1,0,0,0\n\n2,x,1943,1,1,0,0,0\n"
     .encode(), 5, "ccode2", "'x' is not a whole number"),
]


@pytest.mark.parametrize("content, line, field, message", [b[1:] for b in BAD_ATOP],
                         ids=[b[0] for b in BAD_ATOP])
def test_bad_atop_file_is_one_line_naming_file_line_field(store, tmp_path, content, line,
                                                          field, message):
    bad = tmp_path / "atop.csv"
    bad.write_bytes(content)
    before = store.counts()
    with pytest.raises(IngestError) as caught:
        ingest(store, ["atop"], path=bad)
    error = caught.value
    assert (Path(error.file).name, error.line, error.field) == ("atop.csv", line, field)
    assert message in error.message
    assert "\n" not in str(error)
    assert store.counts() == before


def test_truncated_row_is_refused_on_the_command_line(cli, db_path, tmp_path):
    bad = tmp_path / "atop.csv"
    bad.write_text(f"{ATOP_HEADER}\n2,20,1942\n")
    with LadybugStore(db_path, read_only=True) as s:
        before = s.counts()
    line = one_line_error(cli("ingest", "atop", "--file", str(bad)), code=2)
    assert line.endswith("atop.csv:2: field 'atop_defense': 3 fields where the header has 8 "
                         "(missing fields)")
    with LadybugStore(db_path, read_only=True) as s:
        assert s.counts() == before


def test_compressed_file_with_bad_numbers(store, tmp_path):
    bad = tmp_path / "nmc.csv.gz"
    rows = (DATA / "cow_nmc.csv").read_text().splitlines()[:3]
    rows[2] = ",".join(rows[2].split(",")[:-1] + ["inf"])
    bad.write_bytes(gzip.compress("\n".join(rows).encode()))
    with pytest.raises(IngestError, match=r"nmc.csv.gz:3: field 'cinc': value 'inf' is not a number"):
        ingest(store, ["cow-nmc"], path=bad)


def test_a_folder_is_not_a_file(store, tmp_path):
    with pytest.raises(IngestError, match="not a file"):
        ingest(store, ["atop"], path=tmp_path)


# --- curated YAML ----------------------------------------------------------------------------

@pytest.fixture
def curated_copy(tmp_path) -> Path:
    folder = tmp_path / "curated"
    shutil.copytree(CURATED, folder)
    return folder


def test_curated_yaml_with_a_non_utf8_byte(store, curated_copy):
    path = curated_copy / "groups.yaml"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2] + b" # caf\xe9"
    path.write_bytes(b"\n".join(lines))
    before = store.counts()
    with pytest.raises(IngestError, match=r"groups.yaml:3: not UTF-8 text \(byte 0xe9\)"):
        ingest(store, ["curated"], path=curated_copy)
    assert store.counts() == before


def test_curated_yaml_aliases_are_refused_before_parsing(store, curated_copy):
    """The issue's 1 KB alias bomb: refused by the scanner, before anything expands."""
    levels = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    levels += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (curated_copy / "groups.yaml").write_text("\n".join(levels) + "\n")
    assert len((curated_copy / "groups.yaml").read_bytes()) < 1100
    before = store.counts()
    with pytest.raises(IngestError, match=r"groups.yaml:1: YAML anchor 'a0' refused"):
        ingest(store, ["curated"], path=curated_copy)
    (curated_copy / "groups.yaml").write_text("- &g {code: X}\n- *g\n")
    with pytest.raises(IngestError, match=r"groups.yaml:1: YAML anchor 'g' refused"):
        ingest(store, ["curated"], path=curated_copy)
    assert store.counts() == before


def test_curated_yaml_duplicate_key_is_named_with_its_line(store, curated_copy):
    path = curated_copy / "actors.yaml"
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  kind: "))
    lines.insert(at + 1, "  kind: state")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(IngestError, match=rf"actors.yaml:{at + 2}: field 'kind': key given "
                                          r"twice"):
        ingest(store, ["curated"], path=curated_copy)


def test_a_curated_file_that_cannot_be_read_is_one_line(store, curated_copy):
    (curated_copy / "groups.yaml").unlink()
    (curated_copy / "groups.yaml").mkdir()  # unreadable as a file, even for root
    with pytest.raises(IngestError, match=r"groups.yaml: not a file"):
        ingest(store, ["curated"], path=curated_copy)


@pytest.mark.parametrize("text, message", [
    ("- {1: x}\n", "key 1 is not text"),
    ("- {[a]: x}\n", "not valid YAML: found unhashable key"),
    ("- " + "[" * 5000 + "]" * 5000 + "\n", "not valid YAML"),
    ("- {code: X\n", "not valid YAML"),
])
def test_curated_yaml_shapes(store, curated_copy, text, message):
    (curated_copy / "actors.yaml").write_text(text)
    with pytest.raises(IngestError, match=message) as caught:
        ingest(store, ["curated"], path=curated_copy)
    assert "\n" not in str(caught.value)


# --- years -----------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["centrality", "--year", "1700"],
    ["export", "--year", "1700", "--out", "x.graphml"],
    ["blocs", "--year", "1700"],
    ["brokers", "--year", "1700"],
    ["powers", "--year", "1700"],
    ["centrality", "--year", "3000"],
    ["centrality", "--from", "2020", "--to", "2030"],
])
def test_years_outside_the_coverage_say_what_it_is(cli, args):
    line = one_line_error(cli(*args), code=2)  # refused by the option's range, before work
    year = next(a for a in args[2:] if a.isdigit() and not 1816 <= int(a) <= 2025)
    assert line.endswith(f": no data for {year}: the network covers 1816–2025")
    assert not Path("x.graphml").exists()


def test_timeline_outside_the_coverage_leaves_an_existing_csv_alone(cli):
    Path("timeline-betweenness.csv").write_text("kept\n")
    line = one_line_error(cli("timeline", "--from", "1700", "--to", "1800", "--force"), code=2)
    assert "no data for 1700: the network covers 1816–2025" in line
    assert Path("timeline-betweenness.csv").read_text() == "kept\n"
    assert not Path("timeline-betweenness.png").exists()


def test_carried_ties_say_how_many_and_from_when(cli):
    result = cli("centrality", "--year", "2024", "--source", "atop", "--top", "3")
    assert result.exit_code == 0
    note = next(line for line in result.stderr.splitlines() if "carried" in line)
    count = int(note.split(" of ")[0].replace(",", ""))
    assert count > 1000 and f"({count:,} last observed in 2018)" in note


# --- actor codes and --top -------------------------------------------------------------------

@pytest.mark.parametrize("args, kind", [
    (["brokers", "--year", "2018", "--include", "TUR,ZZZ"], "state"),
    (["powers", "--year", "2018", "--include", "ZZZ"], "state"),
    (["brokers", "--from", "2016", "--to", "2017", "--states", "ZZZ"], "actor"),
    (["timeline", "--from", "2016", "--to", "2017", "--states", "USA,ZZZ"], "actor"),
])
def test_unknown_codes_are_named(cli, args, kind):
    result = cli(*args)
    line = one_line_error(result, code=2)  # bad input: one line, exit status 2
    assert result.stderr.strip() == line and result.stdout == ""
    assert line.startswith(f"Error: unknown {kind} ZZZ (give a COW abbreviation")
    assert not any(Path(".").glob("*.csv")) and not any(Path(".").glob("*.png"))


@pytest.mark.parametrize("top", ["-1", "0", "x"])
def test_top_must_be_at_least_one(cli, top):
    line = one_line_error(cli("centrality", "--year", "2018", "--top", top), code=2)
    assert "--top" in line and "N ≥ 1, or all" in line


def test_top_all_shows_every_actor(cli):
    result = cli("centrality", "--year", "2018", "--top", "all", "--format", "csv")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) > 150


@pytest.mark.parametrize("args", [
    ["brokers", "--year", "2018", "--cinc-ranks", "40-1"],
    ["blocs", "--year", "2018", "--resolution", "-1"],
    ["blocs", "--year", "2018", "--resolution", "nan"],
    ["blocs", "--from", "2016", "--to", "2017", "--threshold", "2"],
    ["blocs", "--year", "2018", "--seed", "-5"],
])
def test_out_of_range_options_are_usage_errors(cli, args):
    one_line_error(cli(*args), code=2)


# issue 18's tracebacks and unbounded work: each a one-line usage error (exit 2), refused
# by the option's range (alliance_graph/cli/ranges.py) before any work
SIGNED_EDGES = "from,to,sign\nA,B,1\nB,C,-1\nA,C,-1\n"


@pytest.mark.parametrize("args", [
    ["signed", "--seed", "1000000000000000000000000000000"],
    ["signed", "--seed", "-1"],
    *(["signed", "--resolution", r] for r in ("-1", "0", "nan", "inf", "-inf")),
    ["sources", "--coverage", "--from", "0", "--to", "99999"],
    *(["treaties", "--state", "TUR", "--year", y] for y in ("0", "-5", "99999")),
    *(["treaty", "ATOP-3180", "--year", y] for y in ("0", "-5", "99999")),
    ["design", "--from", "0"], ["design", "--step", "0"], ["design", "--step", "-3"],
    ["similarity", "--year", "2018", "--top", "-1"],
    ["similarity", "--year", "99999"],
    ["report", "--recent", "99999"], ["report", "--year", "0"],
    ["timeline", "--to", "99999"],
    ["blocs", "--year", "2018", "--level", "camps", "--resolution", "inf"],
    ["blocs", "--year", "2018", "--level", "blocs", "--loose", "nan"],
    ["blocs", "--year", "2018", "--loose", "1.5"],
    ["blocs", "--year", "2018", "--loose", "-0.1"],
    ["blocs", "--year", "2018", "--level", "nope"],
    ["blocs", "--year", "2018", "--seed", str(2**31)],
    ["brokers", "--year", "2018", "--resolution", "0"],
    ["blocs", "--year", "2018", "--balance", "--triangles", "-1"],
])
def test_every_option_is_range_checked(cli, tmp_path, args):
    if args[0] == "signed":
        edges = tmp_path / "e.csv"
        edges.write_text(SIGNED_EDGES)
        args = [*args, "--edges", str(edges)]
    line = one_line_error(cli(*args), code=2)
    assert "Invalid value" in line


# --- output files ----------------------------------------------------------------------------

def test_existing_output_needs_force_and_is_replaced_whole(cli):
    out = Path("c.csv")
    out.write_text("kept\n")
    args = ["centrality", "--year", "2018", "--top", "3", "--format", "csv", "--out", "c.csv"]
    line = one_line_error(cli(*args), code=2)
    assert "c.csv already exists (pass --force to overwrite it)" in line
    assert out.read_text() == "kept\n"
    assert cli(*args, "--force").exit_code == 0
    assert len(out.read_text().splitlines()) == 4
    assert [p.name for p in Path(".").iterdir() if p.name.startswith(".c.csv")] == []


def test_export_and_series_outputs_need_force(cli):
    Path("x.graphml").write_text("kept")
    assert "already exists" in one_line_error(cli("export", "--year", "2018", "-o", "x.graphml"))
    Path("b.png").write_text("kept")
    line = one_line_error(cli("brokers", "--from", "2016", "--to", "2017", "--csv", "b.csv",
                              "--plot", "b.png"), code=2)
    assert "b.png already exists" in line and not Path("b.csv").exists()
    assert Path("x.graphml").read_text() == "kept" and Path("b.png").read_text() == "kept"


def test_unwritable_outputs_are_one_line_and_leave_nothing(cli):
    line = one_line_error(cli("centrality", "--year", "2018", "--out", "missing/c.txt"))
    assert line.startswith("Error: cannot write missing/c.txt:")
    line = one_line_error(cli("timeline", "--from", "2016", "--to", "2017", "--plot", "t.xyz"))
    assert "cannot write a plot to t.xyz" in line
    assert [p.name for p in Path(".").iterdir() if not p.name.startswith("graph.lbug")] == []


@pytest.mark.slow
def test_csv_export_writes_both_files_or_nothing(cli):
    assert cli("export", "--year", "2018", "--format", "csv", "-o", "net").exit_code == 0
    assert sorted(p.name for p in Path("net").iterdir()) == ["edges.csv", "nodes.csv"]
    assert "already exists" in one_line_error(
        cli("export", "--year", "2018", "--format", "csv", "-o", "net"))
    assert cli("export", "--year", "2018", "--format", "csv", "-o", "net", "--force").exit_code == 0


# --- stores and servers ----------------------------------------------------------------------

def test_a_new_store_where_no_folder_can_be_made(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = CliRunner().invoke(alliances, ["--db", str(blocker / "g.lbug"), "ingest",
                                            "cow-states"])
    message = one_line_error(result)  # the store layer or the CLI names the path
    assert message.startswith(("Error: cannot open the store at ", "Error: cannot create the "
                               "store at ")) and str(blocker) in message, message


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root may write into a read-only directory")
def test_a_new_store_in_a_read_only_directory(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = CliRunner().invoke(alliances, ["--db", str(folder / "g.lbug"), "ingest",
                                                "cow-states"])
        assert "Error: cannot open" in one_line_error(result)
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("uri, expected", [
    ("bolt://127.0.0.1:abc", "invalid Neo4j URI bolt://127.0.0.1:abc: Port could not be cast"),
    ("bolt://[bad", "invalid Neo4j URI bolt://[bad: Invalid IPv6 URL"),
    ("bolt://127.0.0.1:99999", "Port out of range"),
    ("bolt://", "no host"),
    ("http://u:s3cret-pw@localhost", "unsupported Neo4j URI scheme 'http' in http://localhost"),
    ("bolt://127.0.0.1:1?password=s3cret-pw", "bolt:// takes no query string"),
    ("neo4j://127.0.0.1:1?password=s3cret-pw", "cannot reach Neo4j at "
                                              "neo4j://127.0.0.1:1?password=***"),
    ("bolt://me:s3cret-pw@127.0.0.1:1", "cannot reach Neo4j at bolt://127.0.0.1:1 as user 'me'"),
])
@pytest.mark.parametrize("command", [["status"], ["sources"], ["centrality", "--year", "2018"]])
def test_neo4j_uri_errors_are_one_line_without_the_password(uri, expected, command):
    result = CliRunner().invoke(alliances, ["--neo4j-uri", uri, *command],
                                env={"NEO4J_PASSWORD": "env-s3cret"})
    line = one_line_error(result)
    assert expected in line
    assert "s3cret" not in result.output


def test_a_new_store_the_user_may_not_create(monkeypatch, tmp_path):
    """What a read-only directory gives a non-root user (the test above), for root too:
    the PermissionError from creating the store becomes one line."""
    import alliance_graph.cli as cli_module

    def refuse(settings, read_only=False, rebuild=False):
        raise PermissionError(13, "Permission denied", str(tmp_path / "ro"))

    monkeypatch.setattr(cli_module, "open_store", refuse)
    result = CliRunner().invoke(alliances, ["--db", str(tmp_path / "ro" / "g.lbug"), "ingest",
                                            "cow-states"])
    assert one_line_error(result) == (f"Error: cannot open the store at {tmp_path}/ro/g.lbug: "
                                      f"Permission denied ({tmp_path}/ro)")


def test_series_say_which_years_carry_ties(cli):
    # ATOP alone: every spell open in 2018 is carried (curated reviews continue the rest)
    result = cli("timeline", "--from", "2016", "--to", "2025", "--states", "USA",
                 "--source", "atop")
    assert result.exit_code == 0, result.output
    note = result.stderr.strip().splitlines()[-1]
    assert note.startswith("2019–2025: ") and "ties a year are carried" in note
    assert "last observed in 2018" in note


@pytest.mark.parametrize("args, message, code", [
    (["brokers", "--from", "1700", "--to", "1701"], "no data for 1700", 2),
    (["brokers", "--from", "2017", "--to", "2018", "--include", "ZZZ"], "unknown state ZZZ", 2),
])
def test_broker_series_do_not_hide_bad_input_as_empty_years(cli, args, message, code):
    assert message in one_line_error(cli(*args), code=code)


# --- values outside their domain (issue 18: stored before) -----------------------------------

def _edited(tmp_path: Path, name: str, edit) -> Path:
    lines = (DATA / name).read_text().splitlines()
    edit(lines)
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def _set_field(lines: list[str], field: str, value: str) -> None:
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index(field)] = value
    lines[1] = ",".join(row)


@pytest.mark.parametrize("source, name, edit, expected", [
    ("cow-nmc", "cow_nmc.csv", lambda ls: _set_field(ls, "cinc", "5.0"),
     "cow_nmc.csv:2: field 'cinc': value '5.0' is above 1"),
    ("cow-mids", "cow_mid_ddydisps.csv", lambda ls: _set_field(ls, "dispnum", str(2**53 + 1)),
     f"cow_mid_ddydisps.csv:2: field 'dispnum': dispute number '{2**53 + 1}' is out of range"),
    ("maoz-powers", "maoz_powers.csv", lambda ls: ls.append(ls[1]),
     "field 'ccode': duplicate row (the same state and dates) (first seen on line 2)"),
])
def test_values_outside_their_domain_are_refused(cli, db_path, tmp_path, source, name, edit,
                                                 expected):
    with LadybugStore(db_path, read_only=True) as store:
        before = store.counts()
    line = one_line_error(cli("ingest", source, "--file", str(_edited(tmp_path, name, edit))),
                          code=2)
    assert expected in line
    with LadybugStore(db_path, read_only=True) as store:
        assert store.counts() == before


def test_a_file_in_a_folder_that_cannot_be_read_is_not_called_missing(cli, monkeypatch):
    """Root reads every folder, so the refusal is simulated where the option looks."""
    from alliance_graph.cli import ranges

    real = ranges.os.stat

    def stat(path, *args, **kwargs):
        if str(path).startswith("locked/"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ranges.os, "stat", stat)
    line = one_line_error(cli("ingest", "atop", "--file", "locked/atop.csv"), code=2)
    assert "cannot be read (permission denied" in line and "does not exist" not in line
