"""Fuzz the Word reader through read_document.

An input starting `PK` is taken as a whole .docx. Any other input is document.xml, then
optionally a NUL byte and styles.xml, put into a real Word package: random bytes almost never
make a valid zip, so this way the XML and the reader's walk over it get the fuzzer's effort.
"""

from __future__ import annotations

import seeds
from harness import load, refuse_plainly, run

load("cpdocs.readers", "cpdocs.readers.docx", main=__name__ == "__main__")
from cpdocs.readers import read_document  # noqa: E402  (imported, and instrumented, by load)


def one_input(data: bytes) -> None:
    if data.startswith(b"PK"):
        package = data
    else:
        body, sep, styles = data.partition(b"\x00")
        package = seeds.wrap_docx(body, styles if sep else None)
    refuse_plainly(lambda: read_document("draft.docx", package))


if __name__ == "__main__":
    run("docx", one_input, seeds.docx_seeds)
