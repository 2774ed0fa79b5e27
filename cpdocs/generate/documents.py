"""Every document cpdocs makes from a case, by name: the one door for the command line and the web page.

The professionals' documents come from `render`; the family's from `easy_read` and `child_pack`,
which build on it. This module only chooses; it writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from cpdocs.config import Config
from cpdocs.errors import InputError
from cpdocs.generate import render
from cpdocs.generate.case import Band, Case
from cpdocs.generate.child_pack import render_child_pack
from cpdocs.generate.easy_read import render_easy_read
from cpdocs.generate.render import Rendered

DOCUMENTS = render.DOCUMENTS + ("child-pack",)


def render_document(doc: str, case: Case, cfg: Config | None = None, case_path: Path | str = "case", *,
                    easy_read: bool = False, band: Band | None = None, min_age: int | None = None) -> list[Rendered]:
    """The documents `doc` for this case.

    chairs-letter: one letter per recipient, and an Easy Read one for each person whose `format`
    is easy-read; with `easy_read`, only the Easy Read letters, for every parent and carer.
    child-pack: before, my views and after, for each child old enough (none: an empty list).
    """
    if easy_read and doc != "chairs-letter":
        raise InputError(case_path, "Easy Read is made for the chair's letter and its plan: use "
                                    "'cpdocs generate chairs-letter CASE --easy-read'")
    if doc == "child-pack":
        return render_child_pack(case, cfg, case_path, band, min_age)
    if doc == "chairs-letter":
        if easy_read:
            return render_easy_read(case, cfg, everyone=True)
        return render.render_document(doc, case, cfg, case_path) + render_easy_read(case, cfg)
    return render.render_document(doc, case, cfg, case_path)
