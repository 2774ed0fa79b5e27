"""The chair's letter and the plan in Easy Read, for each parent or carer who needs it.

Easy Read as UK public services write it: short sentences, one idea a line, the key words in bold,
a picture beside each point, at least 14 pt, no jargon. The facts are the standard letter's (the
same View works out the decision, the meetings and the deadlines); only the words and the layout
differ. Who needs it is in the case (`format: easy-read`), or everyone with `--easy-read`.
"""

from __future__ import annotations

from cpdocs.config import Config
from cpdocs.generate.case import Case
from cpdocs.generate.plain import Item, Reader, sentences
from cpdocs.generate.render import Recipient, Rendered, View, long_date, render_html, slug

DOCUMENT = "chairs-letter-easy-read"


class EasyReadView(View):
    """The chair's letter's view, speaking to one parent or carer."""

    def __init__(self, case: Case, cfg: Config | None, recipient: Recipient):
        super().__init__("chairs-letter", case, cfg)
        self.recipient = recipient
        self.reader = Reader(case, recipient.name, "parent")
        self.reasons = [s for p in case.decision.reasons for s in sentences(p)]
        self.contingency_lines = [s for p in case.contingency for s in sentences(p)]
        items = [self.reader.item(a) for o in case.plan for a in o.actions]
        self.mine: list[Item] = [i for i in items if i.mine]
        self.others: list[Item] = [i for i in items if not i.mine]
        self.decisions = decisions(case)
        self.who_is_who = self.reader.people([a.who for o in case.plan for a in o.actions])


def decisions(case: Case) -> list[tuple[str, str | None, list]]:
    """(decision, category, children) with the children who share a decision together, first first."""
    out: list[tuple[str, str | None, list]] = []
    for k in case.children:
        for d, cat, kids in out:
            if (d, cat) == (k.decision, k.category) and kids[0].unborn == k.unborn:
                kids.append(k)
                break
        else:
            out.append((k.decision, k.category, [k]))
    return out


def wants_easy_read(case: Case, everyone: bool) -> list[str]:
    """The names of the family members whose letter comes in Easy Read."""
    return [m.name for m in case.family if m.receives_letter and (everyone or m.format == "easy-read")]


def render_easy_read(case: Case, cfg: Config | None, everyone: bool = False) -> list[Rendered]:
    names = set(wants_easy_read(case, everyone))
    out = []
    for r in View("chairs-letter", case, cfg).recipients:
        if r.kind != "family" or r.name not in names:
            continue
        view = EasyReadView(case, cfg, r)
        stem = f"{case.conference.date.isoformat()}_{DOCUMENT}_{slug(case.surname)}_{slug(r.name)}"
        title = f"Easy Read letter to {r.name}: what the meeting on {long_date(case.conference.date)} decided"
        out.append(Rendered(DOCUMENT, title, render_html("easy-read-letter.html.j2", view), stem,
                            case.partnership.name, style="easy-read"))
    return out
