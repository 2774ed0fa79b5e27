"""The rules, in the order their codes run. One module per kind of rule."""

from __future__ import annotations

from functools import cache

from cpdocs.lint.rules.actions import ActionWithoutDate, ActionWithoutOwner
from cpdocs.lint.rules.base import Rule
from cpdocs.lint.rules.evidence import OpinionAsFact
from cpdocs.lint.rules.jargon import JargonTerm, UnexplainedAcronym
from cpdocs.lint.rules.language import JudgementalLabel
from cpdocs.lint.rules.readability import LongSentence, ReadingEase
from cpdocs.lint.rules.sections import MissingSection
from cpdocs.lint.rules.timeliness import RULES as TIMELINESS_RULES
from cpdocs.lint.rules.vague import VagueWording


@cache
def all_rules() -> tuple[Rule, ...]:
    rules = (VagueWording(), ActionWithoutOwner(), ActionWithoutDate(), JargonTerm(), UnexplainedAcronym(),
             LongSentence(), ReadingEase(), OpinionAsFact(), JudgementalLabel(), MissingSection(),
             *(r() for r in TIMELINESS_RULES))
    return tuple(sorted(rules, key=lambda r: r.info.code))


def rule_by_code(code: str) -> Rule | None:
    key = code.strip().lower()
    return next((r for r in all_rules() if key in (r.info.code.lower(), r.info.name)), None)
