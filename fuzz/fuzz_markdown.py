"""Fuzz the Markdown reader through read_document (any bytes, as a .md file)."""

from __future__ import annotations

import seeds
from harness import load, refuse_plainly, run

load("cpdocs.readers", "cpdocs.readers.markdown", main=__name__ == "__main__")
from cpdocs.readers import read_document  # noqa: E402  (imported, and instrumented, by load)


def one_input(data: bytes) -> None:
    refuse_plainly(lambda: read_document("draft.md", data))


if __name__ == "__main__":
    run("markdown", one_input, seeds.markdown_seeds)
