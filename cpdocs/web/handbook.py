"""The standards handbook: every rule with what it flags, why, its standard, and examples."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from cpdocs.lint.fixable import fix_info
from cpdocs.lint.rules import all_rules, rule_by_code
from cpdocs.web.highlight import CATEGORY_LABELS, SEVERITY_LABELS

bp = Blueprint("handbook", __name__)


@bp.get("/standards")
def index():
    infos = [r.info for r in all_rules()]
    return render_template("handbook.html", title="The standards", infos=infos, categories=CATEGORY_LABELS,
                           severities=SEVERITY_LABELS, fixes={i.code: fix_info(i.code) for i in infos})


@bp.get("/standards/<code>")
def rule(code: str):
    found = rule_by_code(code)
    if found is None:
        abort(404)
    return render_template("rule.html", title=f"{found.info.code} {found.info.name}", info=found.info,
                           categories=CATEGORY_LABELS, severities=SEVERITY_LABELS,
                           fixes={found.info.code: fix_info(found.info.code)})
