"""Which kind of report a draft is, from its title, its opening lines and who writes to whom.

A letter is not always the chair's letter: a GP's or a clinician's 'Dear Chair' letter before
the conference is that agency's report to it. The chair's letter is written by the chair to
the family (or a professional) after the conference, to tell them what it decided; it is
signed by the chair and says what the conference decided.
"""

from __future__ import annotations

import re

from cpdocs.document import Document

CHAIRS_TITLE = re.compile(r"\bchair(?:'s|s|person's)? letter\b|\boutcome letter\b|\bdecision letter\b|"
                          r"\bletter (?:to|for) (?:the )?(?:family|parents?|carers?)\b", re.I)
CORE_GROUP = re.compile(r"\bcore group\b.*\b(?:minutes|meeting|notes|record)\b|\b(?:minutes|notes|record) of (?:the )?"
                        r"core group\b|\bcgm\b", re.I)
SOCIAL_WORK = re.compile(r"\bsocial work(?:er)?(?:'s|s')?\b|\bchildren'?s (?:social care|services) report\b|"
                         r"\blocal authority(?:'s)? report\b|\breport of the social worker\b", re.I)
REVIEW = re.compile(r"\breview\b|\brcpc\b", re.I)

# Written to the chair, before the conference: an agency's report in a letter.
TO_THE_CHAIR = re.compile(
    r"^\s*(?:dear|to)\s+(?:the\s+)?(?:conference\s+|independent\s+|child protection\s+)?(?:chair(?:person)?|"
    r"reviewing officer|sir|madam|sir or madam|sir/madam|colleagues?)\b", re.I)
BEFORE_THE_CONFERENCE = re.compile(
    r"\b(?:in advance of|ahead of|prior to|before) (?:the|this|next week's|tomorrow's) (?:initial |review )?"
    r"(?:child protection )?conference\b|\bfor (?:the|this) (?:forthcoming|upcoming|initial|review) "
    r"(?:child protection )?conference\b|\binvit(?:ation|ed) (?:to|for) (?:the )?(?:initial |review )?"
    r"(?:child protection )?conference\b|\bmy report (?:to|for) (?:the )?conference\b|"
    r"\b(?:unable|not able|can ?not) (?:to )?attend\b|\bthank you for (?:inviting me|the invitation|asking me)\b|"
    r"\b(?:information|a report|my report) for (?:the|this) (?:conference|meeting)\b", re.I)
# Written by the chair, after it: what the conference decided.
SIGNED_BY_CHAIR = re.compile(r"\b(?:conference|child protection|independent|cp) chair(?:person)?\b|"
                             r"\bchair of the (?:conference|meeting)\b|\bindependent reviewing officer\b", re.I)
DECIDED = re.compile(r"\b(?:the conference|the meeting|we) (?:decided|agreed|made the decision)\b|"
                     r"\bwhat (?:the conference|the meeting|we) decided\b|\bthank you for (?:coming|attending)\b|"
                     r"\b(?:I|who) (?:chaired|ran) the (?:conference|meeting)\b", re.I)


def detect_report_type(doc: Document) -> tuple[str, str, str]:
    """(report type, how it was decided: 'detected' from the words or 'default', and why)."""
    opening = [doc.title] + [b.text for b in doc.blocks[:6] if b.kind in ("title", "heading", "paragraph")]
    head = " \n".join(t for t in opening if t)
    if any(CHAIRS_TITLE.search(t) for t in opening[:4]):
        return "chairs-letter", "detected", "its title calls it the chair's letter"
    if doc.letter:
        kind, why = _letter_type(doc)
        return kind, "detected", why
    if CORE_GROUP.search(head[:400]):
        return "core-group-minutes", "detected", "its title says it is the record of a core group"
    if SOCIAL_WORK.search(doc.title or head[:200]):
        if REVIEW.search(doc.title or head[:200]):
            return "rcpc-report", "detected", "its title says it is the social worker's report to a review conference"
        return "icpc-report", "detected", "its title says it is the social worker's report, and not to a review"
    if re.search(r"\breport\b|\bconference\b|\bicpc\b|\brcpc\b", head[:400], re.I):
        return "agency-report", "detected", "its opening names a report or a conference, not by the social worker"
    return "agency-report", "default", "nothing in its opening says what it is; an agency's report is assumed"


def _letter_type(doc: Document) -> tuple[str, str]:
    """A letter by the chair about the decision is the chair's letter; any other letter to a
    conference is an agency's report to it."""
    texts = [b.text for b in doc.blocks if b.kind != "cell"]
    cells = [b.text for b in doc.blocks if b.kind == "cell"]
    early = texts[:15] + cells[:12]
    late = texts[-10:] + cells[-12:]
    reasons_agency, reasons_chair = [], []
    if any(TO_THE_CHAIR.match(t) for t in early):
        reasons_agency.append("it is written to the chair")
    if any(BEFORE_THE_CONFERENCE.search(t) for t in texts[:25]):
        reasons_agency.append("it is written for the conference, before it meets")
    if any(SIGNED_BY_CHAIR.search(t) or re.search(r"\bI (?:ran|chaired) the (?:meeting|conference)\b", t)
           for t in late):  # the signature; a chair named above 'Dear' may be the addressee
        reasons_chair.append("it is signed by the chair")
    if any(DECIDED.search(t) for t in texts[:40]):
        reasons_chair.append("it tells what the conference decided")
    agency = 3 * ("it is written to the chair" in reasons_agency) + 2 * (len(reasons_agency) - (
        "it is written to the chair" in reasons_agency))
    chair = 2 * len(reasons_chair)
    if CORE_GROUP.search(" ".join(early)) and not chair:
        return "core-group-minutes", "a letter about a core group"
    if chair > agency and chair >= 2:
        return "chairs-letter", "a letter: " + " and ".join(reasons_chair)
    why = " and ".join(reasons_agency) or "it is not signed by the chair and does not say what the conference decided"
    return "agency-report", "a letter, read as an agency's report to the conference: " + why
