"""The child's own pack: before the conference, "My views", and after the conference.

For each child old enough (`child_pack_min_age`, 5 by default, on the day of the conference), in
the wording of their age band (5-7, 8-12, 13+); each band has its own templates, written for that
age, not one text with words swapped. The facts (who comes, the meetings, the plan) come from the
same View as the chair's letter; why the meeting is happening comes from the social worker, in
words for the child (`for_child.why` in the case), because only they can say it to this child.

Standards: SSP Multi-Agency Standards, Child Protection Conferences 6 (a child-friendly leaflet
and feedback to the child on the outcome) and Standard 3 (My Conference Pack); Child Protection
Plan 6 (the plan in a format that makes clear what is expected).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dateutil.relativedelta import relativedelta

from cpdocs.config import Config
from cpdocs.errors import InputError
from cpdocs.generate.case import Band, Case, Child
from cpdocs.generate.plain import Item, Reader, kin_word, role_for_child, sentences, short_name
from cpdocs.generate.render import Rendered, View, long_date, render_html, slug

BANDS: tuple[Band, ...] = ("5-7", "8-12", "13+")
PARTS = (("before", "child-pack-before"), ("my-views", "child-pack-my-views"), ("after", "child-pack-after"))
CHILDLINE = "0800 1111"  # Childline, free from any phone in the UK


def age_on(child: Child, day: dt.date) -> int | None:
    if child.date_of_birth is None:
        return None
    return relativedelta(day, child.date_of_birth).years


def band_for(age: int) -> Band:
    return "5-7" if age <= 7 else ("8-12" if age <= 12 else "13+")


def template_name(part: str, band: Band) -> str:
    return f"child-pack/{part}-{band.replace('+', '')}.html.j2"


class ChildView(View):
    """The chair's letter's view, speaking to one child in the words of their age band."""

    def __init__(self, case: Case, cfg: Config | None, child: Child, band: Band):
        super().__init__("chairs-letter", case, cfg)
        self.child = child
        self.band = band
        self.age = age_on(child, case.conference.date)
        self.reader = Reader(case, child.name, "child")
        words = child.for_child
        self.called = (words.called if words and words.called else None) or child.first_name
        self.why = [s for p in (words.why if words else []) for s in sentences(p)]
        self.decided = [s for p in (words.decided if words else []) for s in sentences(p)]
        self.others = [k.name if k.unborn else k.first_name for k in case.children if k is not child]
        self.chair = short_name(case.conference.chair.name)
        self.sw_name = short_name(case.social_worker.name)
        self.manager = case.social_worker.manager
        self.childline = CHILDLINE
        self.visit_every = self.t["visit_working_days"]
        self.items: list[Item] = [self.reader.item(a) for o in case.plan
                                  if not o.children or child.name in o.children for a in o.actions]
        self.heard = bool(child.said)
        self.present = self._present()

    def _present(self) -> list[tuple[str, str]]:
        """Who is invited, as the child knows them: ('Your mum', ''), ('Sam', 'a nurse who ...')."""
        out: list[tuple[str, str]] = []
        for m in self.case.family:
            if m.invited:
                kin = kin_word(m)
                out.append((kin[:1].upper() + kin[1:], "") if kin else (short_name(m.name), m.relationship))
        sw = self.case.social_worker
        out.append((short_name(sw.name), "your social worker"))
        for p in self.case.professionals:
            if p.invited and p.name != sw.name:
                out.append((short_name(p.name), role_for_child(p.role)))
        return out


def children_for_pack(case: Case, cfg: Config | None, min_age: int | None = None) -> list[tuple[int, Child, int]]:
    """(index, child, age) of each child old enough for a pack on the day of the conference."""
    limit = min_age if min_age is not None else (cfg.child_pack_min_age if cfg else 5)
    out = []
    for i, k in enumerate(case.children):
        age = age_on(k, case.conference.date)
        if age is not None and age >= limit:
            out.append((i, k, age))
    return out


def render_child_pack(case: Case, cfg: Config | None, case_path: Path | str = "case", band: Band | None = None,
                      min_age: int | None = None) -> list[Rendered]:
    """Three documents for each child old enough: before, my views, after. None old enough: []."""
    kids = children_for_pack(case, cfg, min_age)
    out: list[Rendered] = []
    for i, child, age in kids:
        if not (child.for_child and child.for_child.why):
            raise InputError(case_path, f"children[{i}].for_child.why: write, in words {child.first_name} can "
                                        "read, why the meeting is happening (the pack needs it)")
        chosen: Band = band or child.for_child.band or band_for(age)
        view = ChildView(case, cfg, child, chosen)
        date = case.conference.date.isoformat()
        for part, document in PARTS:
            stem = f"{date}_{document}_{slug(case.surname)}_{slug(child.name)}"
            out.append(Rendered(document, _title(part, view), render_html(template_name(part, chosen), view), stem,
                                case.partnership.name, style="child", band=chosen))
    return out


def _title(part: str, v: ChildView) -> str:
    when = long_date(v.conference.date)
    if part == "before":
        return f"For {v.called}: about the meeting on {when}"
    if part == "my-views":
        return f"My views, by {v.called}, for the meeting on {when}"
    return f"For {v.called}: what the meeting on {when} decided"
