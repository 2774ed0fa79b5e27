"""End-to-end tests: the real server on loopback, Debian's Chromium driven by Playwright.

Playwright's own browser download does not work offline, so the tests use the Chromium that
Debian installs at /usr/bin/chromium (or $CPDOCS_CHROMIUM); without it they are skipped.
The accessibility check runs axe-core from its npm package: $AXE_CORE_JS, or
node_modules/axe-core/axe.min.js at the top of the repository.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from e2e_support import CHROMIUM, CHROMIUM_ARGS, axe_path


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
    path = axe_path()
    if path is None:
        pytest.skip("axe-core not found (npm install --no-save axe-core, or set AXE_CORE_JS)")
    return path.read_text(encoding="utf-8")
