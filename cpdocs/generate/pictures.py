"""The Easy Read pictures that ship with cpdocs (`cpdocs/templates/easy-read/`, drawn by the project).

A template asks for a picture by name (`{{ picture("calendar") }}`); the HTML then carries the
SVG inline as a data: URL (so the page and the PDF need nothing from outside) and the name in
`data-picture`, which the Word writer uses to embed the PNG drawn from the same shapes.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

FOLDER = Path(__file__).resolve().parent.parent / "templates" / "easy-read"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


@cache
def names() -> frozenset[str]:
    return frozenset(p.stem for p in FOLDER.glob("*.svg"))


def _path(name: str, suffix: str) -> Path:
    if name not in names():
        raise KeyError(f"no Easy Read picture called {name!r} (there are: {', '.join(sorted(names()))})")
    return FOLDER / f"{name}{suffix}"


@cache
def svg(name: str) -> str:
    return _path(name, ".svg").read_text(encoding="utf-8")


@cache
def png(name: str) -> bytes:
    return _path(name, ".png").read_bytes()


@cache
def alt(name: str) -> str:
    """The picture's description, from the <title> of its SVG."""
    m = TITLE.search(svg(name))
    return m.group(1).strip() if m else name


def img(name: str, size: str = "") -> Markup:
    """An <img> of the picture for a template: inline SVG as a data: URL, its name for Word."""
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg(name).encode("utf-8")).decode("ascii")
    cls = f"picture {size}".strip()
    return Markup(f'<img class="{cls}" src="{uri}" alt="{escape(alt(name))}" data-picture="{escape(name)}">')
