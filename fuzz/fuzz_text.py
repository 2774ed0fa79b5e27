"""Fuzz the plain-text reader through read_document (any bytes, as a .txt file)."""

from __future__ import annotations

import seeds
from harness import load, refuse_plainly, run

load("cpdocs.readers", "cpdocs.readers.text", main=__name__ == "__main__")
from cpdocs.readers import read_document  # noqa: E402  (imported, and instrumented, by load)


def one_input(data: bytes) -> None:
    refuse_plainly(lambda: read_document("draft.txt", data))


if __name__ == "__main__":
    run("text", one_input, seeds.text_seeds)
