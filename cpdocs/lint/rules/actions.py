"""Actions with no owner, and actions with no date or frequency."""

from __future__ import annotations

from cpdocs.lint.actions import all_actions, gives_when, names_owner, owner_missing
from cpdocs.lint.rules.base import Rule, RuleInfo

STANDARD = ("SSP Multi-Agency Standards, Child Protection Plan 3 (why, when and by whom); SSP training module, "
            "Guide to a good plan (every action has a clear date and a responsible person); Sunderland SCB Core "
            "Practice Standards 5.2")


class ActionWithoutOwner(Rule):
    info = RuleInfo(
        code="CPD201", name="action-without-owner", category="action-owner", severity="error",
        summary="An action in a plan or action table that names no person or agency who will do it.",
        why="An action nobody owns is an action nobody does. Parents need to know who to ask, and the core "
            "group needs to know who to hold to account.",
        standard=STANDARD,
        bad="Home visit to be arranged. | Who: TBC",
        good="Nadia Hussain (social worker) will visit the children at home every 10 working days.",
    )

    def check(self, ctx):
        for a in all_actions(ctx):
            if a.owner is not None and not owner_missing(a.owner):
                continue
            if a.owner is not None and a.owner.strip():
                missing = True  # 'TBC', 'All', 'Professionals': a cell that names no one
                because = f"its Who cell '{a.owner.strip()}' names no one"
            else:
                missing = not names_owner(ctx, a)  # an empty cell, or a bullet: the action may name its owner
                because = "its Who cell is empty" if a.owner is not None and a.in_table else \
                    "it names no person, role or agency who will do it (a passive 'to be done', or a crowd)"
            if missing:
                yield self.finding(a.block, a.start, a.end, "this action does not say who will do it",
                                   why=f"{a.why}; {because}",
                                   suggestion="Name the person or agency responsible, for example "
                                              "'Amy Cartwright (key person) will...'.")


class ActionWithoutDate(Rule):
    info = RuleInfo(
        code="CPD202", name="action-without-date", category="action-date", severity="error",
        summary="An action that gives no date and no frequency ('Ongoing', 'TBC' and blank do not count).",
        why="Without a date nobody can tell whether the action has been done, or late, and the plan cannot "
            "be reviewed.",
        standard=STANDARD,
        bad="Mr Carter to complete a domestic abuse course | When appropriate",
        good="Mr Carter will start the Respect Choices course on 24 June 2025 and go every Tuesday evening.",
    )

    def check(self, ctx):
        for a in all_actions(ctx):
            if gives_when(a.text) or (a.when is not None and gives_when(a.when)):
                continue
            where = "in the action or its When cell" if a.when is not None else "in the action"
            yield self.finding(a.block, a.start, a.end, "this action has no date or frequency",
                               why=f"{a.why}; no date or frequency (such as '14 March', 'every Tuesday') {where}",
                               suggestion="Give a date ('by 14 March 2025') or a frequency ('every Tuesday', "
                                          "'every 10 working days').")
