"""The HTML reporter's stylesheet, scoped to the report part of a page.

The check page shows the draft with the reporter's own markup (its view model and macros), so
it uses the reporter's own stylesheet too; only its selectors are put under `.app-report`, so
that it styles the draft and the notes and leaves the rest of the page to GOV.UK Frontend.
"""

from __future__ import annotations

import re
from functools import cache

SCOPE = ".app-report"
GLOBAL = {":root", "body"}
DROP = {"html", "*"}  # the page's own base size and box model stay GOV.UK Frontend's


def _scope_selectors(selectors: str) -> str:
    out = []
    for sel in selectors.split(","):
        sel = sel.strip()
        if not sel:
            continue
        if sel in DROP:
            continue
        if sel in GLOBAL:
            out.append(SCOPE)
        elif sel.startswith(("html ", "body ")):
            out.append(f"{SCOPE} {sel.split(' ', 1)[1]}")
        else:
            out.append(f"{SCOPE} {sel}")
    return ", ".join(dict.fromkeys(out))


def scope(css: str) -> str:
    """Prefix every selector with the scope, inside @media blocks too."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: list[str] = []
    i = 0
    while i < len(css):
        brace = css.find("{", i)
        if brace < 0:
            break
        head = css[i:brace].strip()
        if head.startswith("@"):
            depth, j = 1, brace + 1
            while j < len(css) and depth:
                depth += {"{": 1, "}": -1}.get(css[j], 0)
                j += 1
            inner = css[brace + 1:j - 1]
            out.append(f"{head} {{\n{scope(inner)}}}\n" if head.startswith("@media") else css[i:j] + "\n")
            i = j
            continue
        end = css.find("}", brace)
        selectors = _scope_selectors(head)
        if selectors:
            out.append(f"{selectors} {{{css[brace + 1:end]}}}\n")
        i = end + 1
    return "".join(out)


@cache
def stylesheet() -> str:
    from cpdocs.lint.reporters.html import environment

    return scope(environment().get_template("style.css").render())
