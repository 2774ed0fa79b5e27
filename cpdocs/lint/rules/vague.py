"""Vague timescales and vague action wording: 'ongoing', 'ASAP', 'monitor', 'engage with services'."""

from __future__ import annotations

import re

from cpdocs.lint.context import inside_gloss
from cpdocs.lint.rules.base import Rule, RuleInfo

DONE_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:already\s+|now\s+)?(?:done|started|finished|completed|begun)\s+"
                         r"(?:some\s+|the\s+|a\s+lot\s+of\s+|more\s+)?$", re.I)
GLOSS_START = re.compile(r"\s*(?:a|an|the|this|which|where|when|meaning|that is)\b", re.I)
STANDARD = "Swindon CSC Quality Standards 4.2; SSP Multi-Agency Standards, Child Protection Plan 3"


class VagueWording(Rule):
    info = RuleInfo(
        code="CPD101", name="vague-wording", category="vague-action", severity="error",
        summary="Words that set no date and no measurable step, such as 'ongoing', 'ASAP', 'TBC' or 'monitor'.",
        why="A parent cannot tell what will happen, or when, and nobody can check later whether it did. "
            "Plans must be SMART: what, why, who and by when.",
        standard="Swindon CSC Quality Standards 4.2 ('Terms like ongoing and ASAP are unacceptable and not to "
                 "be used'); SSP Multi-Agency Standards, Child Protection Plan 3",
        bad="Mum to engage with services - ongoing.",
        good="Ms Hargreaves will go to the Freedom Programme at Elm Road every Thursday at 10am from 5 June 2025.",
    )

    def check(self, ctx):
        for m in ctx.find("vague", ctx.words.vague):
            if m.entry.extra.get("where") == "plan" and not ctx.in_plan(m.block, m.start):
                continue  # an outcome word ('feel safer') is vague in a plan, not in what a child said
            if m.entry.kind != "timescale" and DONE_BEFORE.search(m.block.text, 0, m.start):
                continue  # 'before he has done work on his anger': work done, or to be done first, not an action
            if m.entry.kind != "timescale" and inside_gloss(m.block.text, m.start) \
                    and GLOSS_START.match(m.block.text, m.block.text.rfind("(", 0, m.start) + 1):
                continue  # 'a strategy discussion (a meeting to decide whether to look into...)' explains a word
            kind = "timescale" if m.entry.kind == "timescale" else "action"
            if kind == "timescale":
                message = f"'{m.text}' is not a timescale"
            else:
                message = f"'{m.text}' does not say what will be done, by whom or when"
            why = f"'{m.entry.key}' is on the list of vague wording ({m.entry.kind or 'action'})"
            if m.entry.extra.get("where") == "plan":
                why += ", and it is in the plan, where it sets no measure"
            yield self.finding(m.block, m.start, m.end, message, suggestion=m.entry.suggestion, why=why)
