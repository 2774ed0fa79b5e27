"""Fuzz the Markdown reader through read_document (any bytes, as a .md file)."""

from __future__ import annotations

import seeds
from harness import refuse_plainly, run

from cpdocs.readers import read_document


def one_input(data: bytes) -> None:
    refuse_plainly(lambda: read_document("draft.md", data))


if __name__ == "__main__":
    run("markdown", one_input, seeds.markdown_seeds)
