"""A Neo4j 5.26 Community server with APOC core, Graph Data Science and Neo4j Browser, run
from the jars Maven resolves for pom.xml beside this file — no Docker, no download but
Maven Central's.

    python tests/neo4j_server/launch.py --home DIR [--bolt-port 0] [--http-port 0]

starts one for trying the Neo4j path by hand (port 0: a free one); it writes the URI, user
and generated password to DIR/neo4j.env (mode 600, never printed), so
``set -a; . DIR/neo4j.env; set +a`` points ``alliances`` at it. Ctrl-C stops it.
The tests use ``start(home)`` (tests/conftest.py).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
USER = "neo4j"
# Procedures are found by scanning the plugins directory, the extensions that APOC and GDS
# register by their factories on the class path: plugin jars go in both.
PLUGIN_GROUPS = ("/org/neo4j/procedure/", "/org/neo4j/gds/")
# The JVM options of Neo4j's shipped neo4j.conf (server.jvm.additional) that matter here;
# without the --add-opens the page cache and Netty fail on Java 17. AlwaysPreTouch is left
# out: the heap starts small on a shared machine. 2 GiB heap at most.
JVM_OPTIONS = [
    "-Xms512m", "-Xmx2g",
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048", "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256", "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
]
START_TIMEOUT = 240  # seconds; a cold start on a loaded 2-core machine takes about 30


class Unavailable(RuntimeError):
    """Java or Maven is missing, or Maven cannot resolve the jars: what to do, one line."""


class StartFailed(RuntimeError):
    """The server was launched but did not come up; the message ends with its log's tail."""


def versions() -> dict[str, str]:
    """The pinned versions, from pom.xml's properties: neo4j, apoc, gds, browser."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ET.parse(POM).getroot().find("m:properties", ns)
    return {child.tag.split("}")[1].removesuffix(".version"): child.text
            for child in props if child.tag.endswith(".version")}


def missing_tools() -> str | None:
    """One line naming what to install, or None when java (17+) and mvn are on PATH."""
    lacking = [name for name in ("java", "mvn") if shutil.which(name) is None]
    if not lacking:
        return None
    return (f"{' and '.join(lacking)} not found on PATH: install Java 17 and Maven "
            "(Debian: apt-get install openjdk-17-jre-headless maven) to run the local Neo4j")


def find_java() -> str:
    """A Java that Neo4j 5.26 runs on (17 or 21): the one on PATH, else Debian's 17 (a
    machine may put a newer JDK first)."""
    for candidate in [shutil.which("java"), *sorted(map(str, Path("/usr/lib/jvm").glob(
            "java-1[7]-openjdk-*/bin/java"))), *sorted(map(str, Path("/usr/lib/jvm").glob(
            "java-21-openjdk-*/bin/java")))]:
        if not candidate:
            continue
        done = subprocess.run([candidate, "-XshowSettings:properties", "-version"],
                              capture_output=True, text=True)
        match = re.search(r"java\.specification\.version = (\d+)", done.stderr)
        if match and match.group(1) in ("17", "21"):
            return candidate
    raise Unavailable("no Java 17 or 21 found: Neo4j 5.26 needs one "
                      "(Debian: apt-get install openjdk-17-jre-headless)")


def class_path(timeout: float = 1800) -> list[str]:
    """The server's jars, resolved by Maven into ~/.m2 (a warm cache: a few seconds)."""
    problem = missing_tools()
    if problem:
        raise Unavailable(problem)
    out = HERE / "target" / "classpath.txt"
    out.parent.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mvn", "-q", "-B", "-f", str(POM), "dependency:build-classpath",
         f"-Dmdep.outputFile={out}"],
        capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        tail = " | ".join((done.stdout + done.stderr).strip().splitlines()[-5:])
        raise Unavailable(f"mvn could not resolve tests/neo4j_server/pom.xml: {tail}")
    return [p for p in out.read_text().strip().split(os.pathsep) if p]


def free_port(wanted: int = 0) -> int:
    """``wanted`` if it is free on 127.0.0.1, else (or for 0) a port the system hands out."""
    for port in ([wanted] if wanted else []) + [0]:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("no free loopback port")


@dataclass
class Server:
    """A running server: ``uri``, ``http_url``, ``user``, ``password``; ``stop()``."""
    home: Path
    uri: str
    http_url: str
    password: str = field(repr=False)
    process: subprocess.Popen = field(repr=False)
    started_in: float = 0.0
    user: str = USER

    @property
    def log(self) -> Path:
        return self.home / "logs" / "console.log"

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        text = ""
        for name in ("console.log", "neo4j.log", "debug.log"):
            path = self.home / "logs" / name
            if path.exists() and path.stat().st_size:
                text = path.read_text(errors="replace")
                break
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 60) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # Neo4j shuts down cleanly on TERM
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _write_config(conf: Path, home: Path, bolt: int, http: int, settings: dict) -> None:
    lines = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{bolt}",
        "server.bolt.advertised_address": f"127.0.0.1:{bolt}",
        "server.http.listen_address": f"127.0.0.1:{http}",
        "server.http.advertised_address": f"127.0.0.1:{http}",
        "server.https.enabled": "false",
        "server.directories.plugins": str(home / "plugins"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.data": str(home / "data"),
        "server.directories.import": str(home / "import"),
        "server.memory.pagecache.size": "256m",
        "server.memory.heap.max_size": "2g",
        "dbms.usage_report.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "dbms.security.procedures.unrestricted": "apoc.*,gds.*",
        # Neo4j 5.26's name for it (browser.remote_content_hostname_allowlist is refused)
        "browser.remote_content_hostname_whitelist": "localhost,127.0.0.1",
        "db.tx_log.rotation.retention_policy": "1 files",
        **settings,
    }
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").write_text("".join(f"{k}={v}\n" for k, v in lines.items()))


def _link_plugins(jars: list[str], plugins: Path) -> None:
    plugins.mkdir(parents=True, exist_ok=True)
    for jar in jars:
        if any(group in jar.replace(os.sep, "/") for group in PLUGIN_GROUPS):
            target = plugins / Path(jar).name
            if not target.exists():
                shutil.copy2(jar, target)


def _set_initial_password(java: list[str], home: Path, conf: Path, password: str) -> None:
    """neo4j-admin's own way: the password is hashed into data/dbms before the first start,
    so no moment exists where the default neo4j/neo4j is accepted."""
    done = subprocess.run(
        [*java, "org.neo4j.cli.AdminTool", "dbms", "set-initial-password", password],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)})
    if done.returncode != 0:
        raise StartFailed("neo4j-admin dbms set-initial-password failed: "
                          + (done.stdout + done.stderr).strip().replace(password, "***"))


def _die_with_parent() -> None:  # no orphaned JVM when the test run is killed
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _bolt_ready(uri: str, password: str) -> bool:
    import neo4j

    try:
        with neo4j.GraphDatabase.driver(uri, auth=(USER, password)) as driver:
            driver.verify_connectivity()
            with driver.session() as session:
                session.run("RETURN 1").consume()
        return True
    except Exception:  # not up yet: refused, unavailable, still starting the database
        return False


def start(home: str | os.PathLike, bolt_port: int = 0, http_port: int = 0,
          settings: dict | None = None, timeout: float = START_TIMEOUT,
          attempts: int = 3) -> Server:
    """Start a server with its files under ``home`` on free loopback ports (a taken port is
    replaced by a free one), auth on with a generated password (kept in home/neo4j.env
    so a second start of the same home reuses it). Raises Unavailable or StartFailed."""
    home = Path(home).resolve()
    began = time.monotonic()
    jars = class_path()
    _link_plugins(jars, home / "plugins")
    for name in ("logs", "data", "import"):
        (home / name).mkdir(parents=True, exist_ok=True)
    conf = home / "conf"
    java = [find_java(), *JVM_OPTIONS, "-cp", os.pathsep.join(jars)]
    env_file = home / "neo4j.env"
    password = _read_password(env_file)
    for attempt in range(attempts):
        bolt, http = free_port(bolt_port), free_port(http_port)
        if http == bolt:
            http = free_port()
        _write_config(conf, home, bolt, http, settings or {})
        if password is None:
            password = secrets.token_urlsafe(18)
            _set_initial_password(java, home, conf, password)
        uri = f"bolt://127.0.0.1:{bolt}"
        _write_env(env_file, uri, password)
        log = (home / "logs" / "console.log").open("w")
        process = subprocess.Popen(
            [*java, "org.neo4j.server.CommunityEntryPoint",
             f"--home-dir={home}", f"--config-dir={conf}"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=home, preexec_fn=_die_with_parent)
        log.close()
        server = Server(home, uri, f"http://127.0.0.1:{http}", password, process)
        deadline = time.monotonic() + timeout
        while server.alive() and time.monotonic() < deadline:
            if _bolt_ready(uri, password):
                server.started_in = time.monotonic() - began
                return server
            time.sleep(1)
        tail = server.log_tail()
        server.stop()
        if re.search(r"Address already in use|BindException", tail) and attempt + 1 < attempts:
            bolt_port = http_port = 0  # lost a race for the port: take other ones
            continue
        state = "exited" if process.returncode not in (None, -signal.SIGTERM) else "timed out"
        raise StartFailed(f"Neo4j {state} before accepting Bolt on {uri}; log tail:\n{tail}")
    raise StartFailed("Neo4j did not start")  # not reached: the last attempt raises


def _read_password(env_file: Path) -> str | None:
    if not env_file.exists():
        return None
    match = re.search(r"^NEO4J_PASSWORD=(.+)$", env_file.read_text(), re.M)
    return match.group(1) if match else None


def _write_env(env_file: Path, uri: str, password: str) -> None:
    env_file.touch(mode=0o600)
    env_file.chmod(0o600)
    env_file.write_text(f"NEO4J_URI={uri}\nNEO4J_USER={USER}\nNEO4J_PASSWORD={password}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", required=True, help="directory for data, logs and plugins")
    parser.add_argument("--bolt-port", type=int, default=7687, help="0: any free port")
    parser.add_argument("--http-port", type=int, default=7474, help="0: any free port")
    args = parser.parse_args(argv)
    try:
        server = start(args.home, args.bolt_port, args.http_port)
    except (Unavailable, StartFailed) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    v = versions()
    print(f"Neo4j {v['neo4j']} (APOC {v['apoc']}, GDS {v['gds']}) up in "
          f"{server.started_in:.0f} s: {server.uri}, Browser {server.http_url}/browser/; "
          f"credentials in {server.home / 'neo4j.env'}. Ctrl-C stops it.", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.process.wait()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
