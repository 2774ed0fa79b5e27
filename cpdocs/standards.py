"""The shared vocabulary of report types and sections.

Both flows read this module: the linter to know which sections a draft needs and how to
recognise their headings, the generator to write those same headings. Keeping one source
means a document generated from good data always lints clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

REPORT_TYPES = ("agency-report", "icpc-report", "rcpc-report", "core-group-minutes", "chairs-letter")


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    headings: tuple[re.Pattern[str], ...]
    prompt: str
    standard: str

    def matches_heading(self, heading: str) -> bool:
        text = normalise_heading(heading)
        return any(p.search(text) for p in self.headings)


@dataclass(frozen=True)
class ReportTypeSpec:
    key: str
    title: str
    required: tuple[str, ...]
    order: tuple[str, ...]
    standard: str


def normalise_heading(text: str) -> str:
    """Lower-case a heading and strip numbering ("3.", "Section 3 –", "C)") and punctuation."""
    t = text.replace("\u2019", "'").replace("\u2018", "'").strip().lower()
    t = re.sub(r"^(section|part|appendix)\s+[0-9a-z]{1,3}\b\s*[:.)\-\u2013\u2014]*\s*", "", t)
    t = re.sub(r"^[(]?(\d{1,2}(\.\d{1,2})*|[a-h]|[ivx]{1,4})[.):]\s*", "", t)
    t = re.sub(r"^\d{1,2}\s+(?=[a-z])", "", t)
    t = re.sub(r"^[\-\u2013\u2014:]\s*", "", t)
    return re.sub(r"\s+", " ", t).strip(" :.\u2013\u2014-")


@cache
def _data() -> dict:
    import yaml  # here, not at the top: `cpdocs --help` and `cpdocs rules` never read the YAML

    text = resources.files("cpdocs.data").joinpath("report_types.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present: faster


@cache
def sections() -> dict[str, SectionSpec]:
    out = {}
    for key, s in _data()["sections"].items():
        out[key] = SectionSpec(
            key=key,
            title=s["title"],
            headings=tuple(re.compile(p, re.IGNORECASE) for p in s["headings"]),
            prompt=" ".join(s["prompt"].split()),
            standard=s["standard"],
        )
    return out


@cache
def report_types() -> dict[str, ReportTypeSpec]:
    out = {}
    for key, r in _data()["report_types"].items():
        out[key] = ReportTypeSpec(
            key=key, title=r["title"], required=tuple(r["required"]), order=tuple(r["order"]),
            standard=r["standard"],
        )
    return out


def section_keys_for_heading(heading: str) -> set[str]:
    """Every section key whose heading patterns match this heading (a heading may cover two)."""
    return {k for k, s in sections().items() if s.matches_heading(heading)}
