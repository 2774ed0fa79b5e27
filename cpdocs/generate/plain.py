"""Saying the plan to the person who reads it: 'you', 'your mum', 'Priya' instead of full names and roles.

The Easy Read letter speaks to a parent, the child's pack to a child. Both turn each action of the
plan into a short sentence with who (in bold), what, and one more sentence with when, so that every
item keeps an owner and a date (the linter checks that they do). Names are matched from the case,
never guessed from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from cpdocs.generate.case import Action, Case, FamilyMember

TITLES = re.compile(r"^(?:dr|mr|mrs|ms|miss|mx|prof)\.?$", re.I)
KIN = (
    (re.compile(r"\bstep-?mother\b", re.I), "your stepmum"),
    (re.compile(r"\bstep-?father\b", re.I), "your stepdad"),
    (re.compile(r"\bgrandmother\b|\bnan\b|\bgran\b", re.I), "your grandma"),
    (re.compile(r"\bgrandfather\b|\bgrandad\b", re.I), "your grandad"),
    (re.compile(r"^mother$|^mum$", re.I), "your mum"),
    (re.compile(r"^father$|^dad$", re.I), "your dad"),
)
# How a child meets each professional: 'Sam, a nurse who helps families'.
ROLES_FOR_CHILD = (
    (re.compile(r"social worker", re.I), "your social worker"),
    (re.compile(r"counsell?or", re.I), "who you talk to about your feelings"),
    (re.compile(r"class teacher|form tutor|teacher", re.I), "your teacher"),
    (re.compile(r"head of year|head ?teacher|school", re.I), "from your school"),
    (re.compile(r"health visitor", re.I), "a nurse who helps families with young children"),
    (re.compile(r"midwife", re.I), "a nurse who looks after mums and new babies"),
    (re.compile(r"school nurse", re.I), "your school nurse"),
    (re.compile(r"\bGP\b|family doctor|doctor", re.I), "your family doctor"),
    (re.compile(r"police", re.I), "a police officer"),
)
# The same, short enough to stand in brackets after a name in the child's plan: 'Sam (the nurse)'.
SHORT_ROLES = (
    (re.compile(r"social worker", re.I), "your social worker"),
    (re.compile(r"class teacher|form tutor|teacher", re.I), "your teacher"),
    (re.compile(r"head of year|head ?teacher", re.I), "from your school"),
    (re.compile(r"counsell?or", re.I), "your counsellor"),
    (re.compile(r"health visitor|school nurse|nurse", re.I), "the nurse"),
    (re.compile(r"midwife", re.I), "the midwife"),
    (re.compile(r"\bGP\b|family doctor|doctor", re.I), "your doctor"),
    (re.compile(r"police", re.I), "the police officer"),
)
VERB_FIX = {"is": "are", "was": "were", "has": "have", "does": "do", "goes": "go"}


def short_name(name: str) -> str:
    """'Priya' for Priya Shah; 'Dr Moss' for Dr Helen Moss (a child calls a doctor by title)."""
    parts = name.split()
    if len(parts) > 1 and TITLES.match(parts[0]):
        return f"{parts[0]} {parts[-1]}"
    return parts[0]


def kin_word(member: FamilyMember) -> str | None:
    """'your mum' for a mother, None when a child would use the person's name ('mother's partner')."""
    rel = member.relationship.strip()
    if re.search(r"'s\b|\bpartner\b|\bof the\b", rel):
        return None
    for pattern, word in KIN:
        if pattern.search(rel):
            return word
    return None


def role_for_child(role: str, short: bool = False) -> str:
    for pattern, words in SHORT_ROLES if short else ROLES_FOR_CHILD:
        if pattern.search(role):
            return words
    return role


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Item:
    """One action said to its reader: '**Who** will what. Who will do this **when**.'"""

    action: Action
    who: str
    what: str
    doer: str  # who, again, to start the second sentence: 'You', 'They', 'Priya'
    mine: bool  # the reader is one of the people who will do it


class Reader:
    """The person a document speaks to, and how it names everyone else in the case."""

    def __init__(self, case: Case, name: str, kind: Literal["parent", "child"]):
        self.case = case
        self.name = name
        self.kind = kind
        self.names = {p.name for p in case.family} | {p.name for p in case.professionals} \
            | {case.social_worker.name} | {k.name for k in case.children}
        self.first_words = {w for n in self.names for w in n.split()}
        self._subs = self._substitutions()

    def _refer(self, full: str) -> str:
        """What this reader calls the person `full`."""
        if full == self.name:
            return "you"
        if self.kind == "parent":
            return full
        member = next((m for m in self.case.family if m.name == full), None)
        if member is not None:
            return kin_word(member) or short_name(full)
        child = next((k for k in self.case.children if k.name == full), None)
        if child is not None:
            return child.name if child.unborn else short_name(full)
        pro = next((p for p in self.case.professionals if p.name == full), None)
        role = pro.role if pro is not None else ("social worker" if full == self.case.social_worker.name else "")
        return f"{short_name(full)} ({role_for_child(role, short=True)})" if role else short_name(full)

    def _substitutions(self) -> list[tuple[re.Pattern[str], str]]:
        subs: list[tuple[re.Pattern[str], str]] = []
        for full in sorted(self.names, key=len, reverse=True):
            if self.kind == "parent" and full != self.name:
                continue  # a parent knows everyone by name and role: keep them as the plan gives them
            ref = self._refer(full)
            surname = full.split()[-1]
            titled = rf"(?:Ms|Mrs|Mr|Miss|Mx|Dr)\.?\s+{re.escape(surname)}"
            person = rf"(?:{re.escape(full)}|{titled})" if full in {m.name for m in self.case.family} \
                else re.escape(full)
            if full == self.name:
                for verb, fixed in VERB_FIX.items():
                    subs.append((re.compile(rf"\b{person}\s+{verb}\b"), f"you {fixed}"))
                subs.append((re.compile(rf"\b{person}['\u2019]s\b"), "your"))
                if self.kind == "child":
                    subs.append((re.compile(rf"\b{re.escape(full.split()[0])}['\u2019]s\b"), "your"))
                    for verb, fixed in VERB_FIX.items():
                        subs.append((re.compile(rf"\b{re.escape(full.split()[0])}\s+{verb}\b"), f"you {fixed}"))
            subs.append((re.compile(rf"\b{person}\b(?:\s*\([^)]*\))?"), ref))
            if self.kind == "child" and full in {k.name for k in self.case.children} and len(full.split()) > 1:
                subs.append((re.compile(rf"\b{re.escape(full.split()[0])}\b(?!\s+{re.escape(surname)})"), ref))
        return subs

    def say(self, text: str) -> str:
        """The text with each person in the case named as this reader knows them."""
        for pattern, ref in self._subs:
            text = pattern.sub(ref, text)
        return text

    def who(self, text: str) -> str:
        """Who will do an action. A parent reads names without roles (the letter lists who is who)."""
        said = self.say(text)
        if self.kind == "parent":
            said = re.sub(r"\s*\([^)]*\)", "", said)
        return capital(said)

    def people(self, texts: list[str]) -> list[tuple[str, str]]:
        """(name, what they are) for everyone named in these texts but the reader: for 'who is who'."""
        roles = {m.name: f"{m.relationship}" for m in self.case.family}
        roles.update({p.name: f"{p.role}, {p.agency}" for p in self.case.professionals})
        roles.setdefault(self.case.social_worker.name, f"social worker, {self.case.social_worker.team}")
        joined = " ".join(texts)
        return [(n, r) for n, r in roles.items() if n != self.name and re.search(rf"\b{re.escape(n)}\b", joined)]

    def what(self, action: Action) -> str:
        """The action as the reader reads it, without a capital: 'check the food in the house'."""
        if self.kind == "child" and action.for_child:
            text = action.for_child
        else:
            text = self.say(action.what) if self.kind == "child" else action.what
        first = text.split()[0] if text.split() else ""
        if first and first not in self.first_words and first != "I" and not first.isupper():
            text = text[:1].lower() + text[1:]
        return text.rstrip(". ")

    def item(self, action: Action) -> Item:
        who = self.who(action.who)
        several = bool(re.search(r"\band\b|,", who))
        doer = "They" if several else re.sub(r"\s*\([^)]*\)", "", who)
        if doer in self.names:
            doer = short_name(doer)
        return Item(action, who, self.what(action), doer,
                    mine=bool(re.search(r"\byou\b", who, re.I)))


def sentences(text: str) -> list[str]:
    """A paragraph as its sentences, one a line in Easy Read ('one idea per line')."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", " ".join(text.split()))
    return [p for p in parts if p]

