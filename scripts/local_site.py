"""The repository's site built and served on 127.0.0.1, for the scripts that drive it in a browser.

`scripts/screenshots.py` photographs it, `scripts/bench_form.py` measures it, the browser tests
pin the page's date with `PIN_DATE`. Only the standard library (and the venv's mkdocs) is used.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

# Script run before the page's own: `Date` reads the given day (YYYY-MM-DD), the timers stay real
# (Playwright's clock fakes them too, which makes every action wait several times longer).
PIN_DATE = """(() => {
  const fixed = new Date("%sT10:00:00").getTime();
  const Real = Date;
  class Pinned extends Real {
    constructor(...args) { super(...(args.length ? args : [fixed])); }
    static now() { return fixed; }
  }
  window.Date = Pinned;
})();"""


def build(into: Path) -> None:
    """`mkdocs build` of the repository's site into ``into``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(into)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


class _Static(http.server.SimpleHTTPRequestHandler):
    """Files of the folder, gzip-compressed when the browser accepts it (as static hosts do)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        raw = path.read_bytes()
        zipped = "gzip" in self.headers.get("Accept-Encoding", "")
        body = gzip.compress(raw, 6) if zipped else raw
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The base URL of ``folder`` served on 127.0.0.1 while the block runs."""
    handler = functools.partial(_Static, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
