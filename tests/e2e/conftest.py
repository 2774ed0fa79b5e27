"""End-to-end tests: the real server on loopback, Debian's Chromium driven by Playwright.

Playwright's own browser download does not work offline, so the tests use the Chromium that
Debian installs at /usr/bin/chromium (or $CPDOCS_CHROMIUM); without it they are skipped.
The accessibility check runs axe-core from its npm package: $AXE_CORE_JS, or
node_modules/axe-core/axe.min.js at the top of the repository.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CPDOCS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags Chromium tries to reach Google at every start, which a closed
# network refuses (and which cpdocs must never do anyway).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("CPDOCS_SCREENSHOTS", "/tmp/cpdocs-screenshots"))


def _axe_path() -> Path | None:
    for p in (os.environ.get("AXE_CORE_JS"), ROOT / "node_modules/axe-core/axe.min.js",
              ROOT / "tests/e2e/node_modules/axe-core/axe.min.js"):
        if p and Path(p).is_file():
            return Path(p)
    return None


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _run_quietly(server) -> None:
    try:
        server.run()
    except (OSError, ValueError):  # the socket closed under it at the end
        pass


@pytest.fixture(scope="session")
def server():
    from cpdocs.web import create_app
    from cpdocs.web.command import make_server, warm_up

    app = create_app()
    warm_up(app)
    srv = make_server(app, "127.0.0.1", 0, threads=4)
    t = threading.Thread(target=_run_quietly, args=(srv,), daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


@pytest.fixture()
def page(browser, tmp_path):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.csp_violations = []
    pg.on("console", lambda m: pg.csp_violations.append(m.text) if "Content Security Policy" in m.text else None)
    # anything not from the server itself is a failure: cpdocs never reaches out
    pg.outside = []

    def route(r):
        if r.request.url.startswith("http://127.0.0.1:"):
            return r.continue_()
        pg.outside.append(r.request.url)
        return r.abort()

    pg.route("**/*", route)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = _axe_path()
    if path is None:
        pytest.skip("axe-core not found (npm install --no-save axe-core, or set AXE_CORE_JS)")
    return path.read_text(encoding="utf-8")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
