"""Helpers for the end-to-end tests (a module of its own: `conftest` is a name pytest shares)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CPDOCS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags Chromium tries to reach Google at every start, which a closed
# network refuses (and which cpdocs must never do anyway).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("CPDOCS_SCREENSHOTS", "/tmp/cpdocs-screenshots"))


def axe_path() -> Path | None:
    for p in (os.environ.get("AXE_CORE_JS"), ROOT / "node_modules/axe-core/axe.min.js",
              ROOT / "tests/e2e/node_modules/axe-core/axe.min.js"):
        if p and Path(p).is_file():
            return Path(p)
    return None


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
