"""Which kind of report a draft is, from its title and opening lines."""

from __future__ import annotations

import re

from cpdocs.document import Document

LETTER = re.compile(r"^\s*dear\b|\bchair(?:'s|s|person's)? letter\b|\boutcome letter\b|\bdecision letter\b", re.I)
CORE_GROUP = re.compile(r"\bcore group\b.*\b(?:minutes|meeting|notes|record)\b|\b(?:minutes|notes|record) of (?:the )?"
                        r"core group\b|\bcgm\b", re.I)
SOCIAL_WORK = re.compile(r"\bsocial work(?:er)?(?:'s|s')?\b|\bchildren'?s (?:social care|services) report\b|"
                         r"\blocal authority(?:'s)? report\b|\breport of the social worker\b", re.I)
REVIEW = re.compile(r"\breview\b|\brcpc\b", re.I)


def detect_report_type(doc: Document) -> tuple[str, str]:
    """(report type, how it was decided): 'detected' from the words, or 'default'."""
    opening = [doc.title] + [b.text for b in doc.blocks[:6] if b.kind in ("title", "heading", "paragraph")]
    head = " \n".join(t for t in opening if t)
    if any(LETTER.search(t) for t in opening[:4]):
        return "chairs-letter", "detected"
    if CORE_GROUP.search(head[:400]):
        return "core-group-minutes", "detected"
    if SOCIAL_WORK.search(doc.title or head[:200]):
        return ("rcpc-report" if REVIEW.search(doc.title or head[:200]) else "icpc-report"), "detected"
    if re.search(r"\breport\b|\bconference\b|\bicpc\b|\brcpc\b", head[:400], re.I):
        return "agency-report", "detected"
    return "agency-report", "default"
