"""What `cpdocs fix` can do about each rule's findings, said once for `cpdocs rules CODE`, the handbook
and the comments.

Only two rules ever suggest new words (jargon and acronyms, and only where the word lists say the
rewrite is safe: see `cpdocs.lint.rewrites`); every other finding needs something only the author
knows, so it stays a comment, with a sentence to fill in where one helps ('by [date]').
A test checks that every rule is described here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FixInfo:
    can_fix: bool
    how: str
    fill_in: str = ""  # a sentence with gaps, shown in the comment

    def as_dict(self) -> dict:
        return {"can_fix": self.can_fix, "how": self.how}


NEVER_DATES = FixInfo(False, "Never changed: the dates are facts that only the author can check and correct.")

FIXES: dict[str, FixInfo] = {
    "CPD101": FixInfo(False, "Never rewritten: only the author knows what will be done, by whom and by when. "
                             "The comment gives a sentence to fill in.",
                      "'[who] will [do what] by [date]', or '... every [day] until [date]'"),
    "CPD201": FixInfo(False, "Never rewritten: only the author knows who will do it. The comment gives a sentence "
                             "to fill in.", "'[name, role] will ...'"),
    "CPD202": FixInfo(False, "Never rewritten: only the author knows the date. The comment gives a sentence to "
                             "fill in.", "'... by [date]', or '... every [day] until [date]'"),
    "CPD301": FixInfo(True, "Replaces the term with its plain words as a tracked change when the word list marks "
                            "the term safe (a one-for-one swap that cannot change the meaning, with the reason "
                            "given entry by entry) and the sentence lets the words stand in its place; when the "
                            "term is used again later, it stays in brackets after the plain words. Otherwise a "
                            "comment."),
    "CPD302": FixInfo(True, "Writes the acronym out at its first use as a tracked change, 'Child and Adolescent "
                            "Mental Health Services (CAMHS)', when the acronym list gives it one meaning. An "
                            "acronym with two meanings, or none listed, stays a comment."),
    "CPD401": FixInfo(False, "Never rewritten: where to split a sentence is the author's judgement."),
    "CPD402": FixInfo(False, "Never rewritten: a whole draft is made easier to read by its author."),
    "CPD501": FixInfo(False, "Never rewritten: only the author knows the evidence. The comment gives a sentence to "
                             "fill in.", "'... because on [date] I saw / heard [what]'"),
    "CPD601": FixInfo(False, "Never rewritten: a label is replaced by what the person did or said, which only the "
                             "author knows. The comment gives a sentence to fill in.",
                      "'On [date], [name] [did or said what]'"),
    "CPD701": FixInfo(False, "Never written for you: the section is the author's own account. The comment names "
                             "the heading to add."),
    **{f"CPD80{i}": NEVER_DATES for i in range(1, 8)},
}

UNKNOWN = FixInfo(False, "Never rewritten.")


def fix_info(code: str) -> FixInfo:
    return FIXES.get(code, UNKNOWN)
