"""The JSON contract of `cpdocs lint --format json` (see the design notes): stable, fields only added."""

from __future__ import annotations

import json

from cpdocs.lint.finding import FileResult

VERSION = "1"


def render(results: list[FileResult]) -> str:
    return json.dumps({"version": VERSION, "files": [r.as_dict() for r in results]}, indent=2, ensure_ascii=False)
