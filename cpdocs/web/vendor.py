"""Rebuild the vendored GOV.UK Frontend stylesheet in `static/` from the npm package.

    cd /tmp && npm pack govuk-frontend && tar xzf govuk-frontend-*.tgz
    python -m cpdocs.web.vendor /tmp/package

GOV.UK Frontend is MIT licensed, but its GDS Transport font and the crown are only for
services on GOV.UK, and cpdocs must never fetch anything from elsewhere. So the copy keeps
the stylesheet only: the @font-face rules and the crest images are taken out, and text falls
back to the stylesheet's own second choice (Arial, then the system sans-serif).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

STATIC = Path(__file__).parent / "static"


def strip(css: str) -> str:
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace("font-family:GDS Transport,", "font-family:")
    css = css.replace("font-family:GDS Transport;", "font-family:arial,sans-serif;")
    css = re.sub(r"(-webkit-)?(background|mask)-image:url\(/assets/images/[^)]*\);?", "", css)
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    if "url(/assets" in css:
        raise SystemExit("the stylesheet still loads an asset; update cpdocs/web/vendor.py")
    return css


def main(package: str) -> None:
    root = Path(package)
    version = json.loads((root / "package.json").read_text())["version"]
    css = (root / "dist/govuk/govuk-frontend.min.css").read_text(encoding="utf-8")
    out = f"/* GOV.UK Frontend {version} (MIT), fonts and images removed by cpdocs/web/vendor.py */\n" + strip(css)
    (STATIC / "govuk-frontend.min.css").write_text(out, encoding="utf-8")
    print(f"wrote static/govuk-frontend.min.css from govuk-frontend {version}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package")
