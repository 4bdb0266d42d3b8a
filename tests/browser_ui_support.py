"""Neo4j Browser in a real headless chromium, for tests/test_browser.py: serves browser/ over
HTTP as compose's `browser-assets` does, runs tests/browser_ui/drive.mjs and matches what
Browser drew against the style and the server's own answer."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from lint_support import node_executable

BROWSER_UI = pytest.StashKey[str]()  # the run's summary line, printed by conftest
UI_DIR = Path(__file__).parent / "browser_ui"
CHROMIUM = "/usr/bin/chromium"  # Debian's package; playwright-core downloads no browser
ELLIPSIS = "…"  # Browser cuts a caption that does not fit its node with this


def setup_problem() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)"
    if node_executable() is None:
        return "node is not installed"
    if not (UI_DIR / "node_modules" / "playwright-core").is_dir():
        return (f"playwright-core is not installed: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "
                f"npm ci --prefix {UI_DIR} --no-audit --no-fund")
    return None


class _AssetsHandler(http.server.SimpleHTTPRequestHandler):
    """compose/browser-assets.conf in Python: the same types and CORS headers. Browser
    fetches the style and guide from another origin, and a preflight OPTIONS gets 204."""

    extensions_map = {".html": "text/html", ".grass": "text/css", ".png": "image/png",
                      "": "text/plain"}

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "*")
        super().end_headers()

    def do_OPTIONS(self):  # noqa: N802 (the http.server naming)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):  # keep the test output quiet
        pass


@contextmanager
def serve(directory: Path):
    """Serve ``directory`` on a free loopback port; yields the base URL."""
    handler = functools.partial(_AssetsHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def drive(plan: dict, password: str, artefacts: Path, timeout: float = 300) -> dict:
    """Run drive.mjs on ``plan``; the password goes by environment, never on a command
    line. Returns its report (``error`` set when a step failed)."""
    shutil.rmtree(artefacts, ignore_errors=True)  # no screenshot of an earlier run left
    artefacts.mkdir(parents=True)
    plan_file = artefacts / "plan.json"
    plan_file.write_text(json.dumps({**plan, "artefacts": str(artefacts),
                                     "chromium": CHROMIUM}, indent=1))
    env = {**os.environ, "BROWSER_UI_PASSWORD": password}
    done = subprocess.run([node_executable(), str(UI_DIR / "drive.mjs"), str(plan_file)],
                          capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=UI_DIR)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        report = {"error": f"drive.mjs exit {done.returncode}: {done.stderr[-1500:]}"}
    (artefacts / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    return report


def caption_shows(lines: list[str], name: str) -> bool:
    """Whether the caption lines Browser drew show ``name`` as its typesetting does
    (neo4j-browser, fitCaptionIntoCircle): the name is first cut to what the circle's
    area holds, its words fill the lines in order, and when words are left over the last
    word drawn is replaced by the next one shortened with an ellipsis ("Consultation pact:
    Tu…" for "Consultation pact: Hungary – Turkey"). So every word but the last is the
    name's next word, and the last begins a word at or after that place."""
    drawn = " ".join(lines).split()
    words = name.split()
    if not drawn:
        return False
    *whole, last = drawn
    if words[:len(whole)] != whole:
        return False
    last = last.removesuffix(ELLIPSIS)
    return any(w.startswith(last) for w in words[len(whole):])


def match(drawn: list, wanted: list, fits) -> dict[int, int]:
    """Pair each drawn element with a distinct wanted one it ``fits`` (a bipartite
    matching, Kuhn's algorithm): drawn index -> wanted index; unpaired ones are absent."""
    options = [[j for j, w in enumerate(wanted) if fits(d, w)] for d in drawn]
    owner: dict[int, int] = {}  # wanted index -> drawn index

    def assign(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or assign(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(drawn)):
        assign(i, set())
    return {i: j for j, i in owner.items()}


def copy_if_asked(screenshot: Path, target: Path) -> None:
    """ALLIANCES_UPDATE_SCREENSHOT=1: refresh the README's screenshot from this run."""
    if os.environ.get("ALLIANCES_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(screenshot, target)
