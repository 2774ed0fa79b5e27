"""Missing sections: what the standards require a report of this type to cover.

A section is present when a heading names it, or when the content plainly covers it: the
father is present if he (or the mother's partner) is discussed anywhere beyond the details
table; the child's voice if the child's words, wishes or what was seen of a baby are given.
Headings come first because they are what a reader scans for; content is the safety net that
keeps a report written in its own shape from being told it lacks what it has.
"""

from __future__ import annotations

import re
from functools import cache

from cpdocs.lint.actions import all_actions
from cpdocs.lint.context import LintContext
from cpdocs.lint.dates_in_text import DATE
from cpdocs.lint.rules.base import Rule, RuleInfo
from cpdocs.standards import report_types, section_keys_for_heading, sections

# The child's own words or wishes: what they said, drew, wrote or asked for, not what they like doing.
SPEECH = (r"(?:said|says|say|told|tells|telling|explained|described|drew|draws|wrote|writes|asked|asks|shared|"
          r"wants|wanted|wishes|wished|would like|would love|hopes|hoped|worries|is worried|was worried|feels|felt|"
          r"is scared|was scared|chose|pointed|nodded|shook (?:his|her|their) head|told me|does not want|"
          r"doesn't want|did not want|didn't want)")
# What was seen of a baby who cannot talk yet: how they responded, not how they were cared for.
BABY = (r"(?:smiled|smiles|babbled|babbles|cooed|coos|giggled|giggles|laughed|reached|reaches|responded|responds|"
        r"made eye contact|makes eye contact|crawled|crawls|turned to|looked at|was alert|is alert|"
        r"lifted (?:his|her) arms|cried|cries|clung|clings|pulled away|flinched)")
PARENT = r"(?:Ms|Mrs|Mr|Miss|mother|mum|father|dad|parents?|carers?|grand(?:mother|father|ma|pa|dad|mum)|nan)"
PARENT_VIEW = re.compile(
    r"\b" + PARENT + r"\b[^.;]{0,60}?\b(?:said|says|told|tells|explained|feels|felt|thinks|thought|agrees|agreed|"
    r"disagrees|disagreed|does not agree|did not agree|wants|wanted|would like|views?|asked|accepts|accepted|"
    r"denies|denied|believes)\b")
FATHER_WORDS = re.compile(
    r"\b(?:father|fathers|father's|dad|daddy|dad's|step-?father|step-?dad|birth father|male carer|partner|"
    r"partner's|boyfriend|significant (?:men|male|males|man))\b", re.I)

CONTENT = {
    "strengths": re.compile(r"\b(?:strengths?|protective factors?|what is (?:going|working) well)\b", re.I),
    "impact": re.compile(r"\b(?:impact(?:s|ed|ing)? (?:on|of|for|upon)|effects? (?:on|of)|affect(?:s|ed|ing)? "
                         r"(?:him|her|them|his|her|their|the (?:child|children|baby)|\w+['\u2019]s)|"
                         r"(?:this|it|that) (?:means|has meant) (?:that )?(?:he|she|they)\b|has had an effect)\b",
                         re.I),
    "analysis": re.compile(r"\b(?:analysis|in (?:my|our) (?:professional )?(?:view|opinion|assessment)|"
                           r"(?:my|our) (?:professional )?(?:view|assessment|judgement) is)\b", re.I),
    "recommendation": re.compile(r"\brecommend(?:s|ed|ation|ations)?\b", re.I),
    "contingency": re.compile(r"\bcontingency\b", re.I),
    "chronology": re.compile(r"\bchronology\b", re.I),
    "decision": re.compile(r"\b(?:conference|chair|we) (?:decided|agreed|made the decision)\b|\bdecision\b", re.I),
    "next-meetings": re.compile(r"\bnext (?:core group|meeting|review)\b|\breview (?:child protection )?"
                                r"conference (?:will be|is) (?:held )?on\b", re.I),
}


JUDGEMENT = (r"\bI (?:agree|think|believe|consider|am (?:worried|concerned)|would (?:say|recommend|suggest|ask))\b|"
             r"\b(?:my|our) (?:professional )?(?:view|opinion|assessment|judgement|concern)\b|\bin (?:my|our) view\b|"
             r"\b(?:this|which) (?:means|shows|suggests|tells us)\b|\btaken together\b|\bon balance\b|"
             r"\bin summary\b|\boverall\b")
LETTER_CONTENT = {
    "risks": re.compile(r"\b(?:I am|I'm|we are|I remain) (?:\w+ )?(?:worried|concerned)\b|\bmy (?:main |biggest )?"
                       r"(?:worry|worries|concern|concerns)\b|\brisks? (?:to|of|for)\b|\bat risk\b", re.I),
    "analysis": re.compile(JUDGEMENT, re.I),
    "recommendation": re.compile(
        r"\brecommend(?:s|ed|ation|ations)?\b|\b(?:should|needs? to) (?:have|be (?:made )?subject to"
        r"|remain (?:on|subject)|stay on|be on) (?:an? )?(?:child protection|cp|child in need)\b"
        r"|\b(?:I|we) (?:agree|support (?:the|a))\b"
        r"[^.]{0,80}\b(?:plan|conference)\b", re.I),
}


PLAN_ENDED = re.compile(
    r"\bno longer (?:needs?|requires?|be subject to|be on|subject to) (?:a |the |their |his |her )?"
    r"(?:child protection )?plans?\b"
    r"|\b(?:their|his|her|the) (?:child protection )?plans? (?:has |have |will |was |were )?(?:now )?"
    r"(?:ended|end|come to an end|been ended|stopped|closed)\b"
    r"|\bnot (?:to )?(?:be )?made subject to a (?:child protection )?plan\b"
    r"|\b(?:does|do) not need a child protection plan\b", re.I)


# What the content check looked for, for `--explain`.
LOOKED_FOR = {
    "father": "the father (or the mother's partner) is not discussed beyond the details table",
    "child-voice": "no words of the child are quoted or reported ('Leo said...'), nor what was seen of a baby",
    "dates-seen": "there is no table of visits and no sentence says the child was seen on a date",
    "parents-views": "no sentence says what a parent said, thinks or wants",
    "plan": "no action was found in a plan table, a plan list or 'Action:' lines",
    "chronology": "there is no table of dated events and fewer than four dated events in the text",
    "strengths": "no sentence speaks of strengths, protective factors or what is going well",
    "impact": "no sentence says how the worries affect the child",
    "analysis": "no sentence gives the author's assessment ('in my view', 'my assessment is')",
    "recommendation": "no sentence recommends anything",
    "contingency": "no sentence says what happens if the plan does not work",
}


class MissingSection(Rule):
    info = RuleInfo(
        code="CPD701", name="missing-section", category="missing-section", severity="error",
        summary="A section the standards require for this report type is missing (the child's voice, the "
                "father, analysis, strengths, risks, impact on the child...).",
        why="Conferences decide on what the reports put in front of them. A report without the child's own "
            "words, or without the father, leaves the child or a parent out of the decision.",
        standard="SSP Multi-Agency Standards, Reports to Child Protection Conferences 1-6; Hampshire "
                 "Safeguarding children procedures 8.9.2 and 8.9.5; SSP training module, Working with fathers",
        bad="An agency report with no section on the child's father, who lives elsewhere.",
        good="A section 'Poppy's father' saying who he is, whether he was contacted, and what he said.",
    )

    def check(self, ctx: LintContext):
        required = ctx.config.required_sections.get(ctx.report_type) or report_types()[ctx.report_type].required
        present = {k for b in ctx.document.headings if _written(ctx, b) for k in b.section_keys}
        present |= run_in_sections(ctx) | table_sections(ctx)
        specs = sections()
        if ctx.report_type == "chairs-letter" and any(PLAN_ENDED.search(b.text) for b in ctx.document.blocks):
            required = tuple(k for k in required if k not in ("plan", "contingency"))  # no plan is left to explain
        for key in required:
            if key not in specs or key in present or covered(ctx, key):
                continue
            spec = specs[key]
            yield self.finding(None, 0, 0, f"no section on {spec.title.lower()}: {spec.prompt}", text=key,
                               why=f"no heading with something written under it names it (such as '{spec.title}'), "
                                   f"and {LOOKED_FOR.get(key, 'nothing in the text covers it')}",
                               standard=spec.standard, suggestion=f"Add a section '{spec.title}'.")


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _written(ctx: LintContext, heading) -> bool:
    """A heading with something under it other than the blank template's own prompt ('What the
    child has said, in their own words...'), which `cpdocs new` writes for the author to replace."""
    prompts = _prompts()
    for block in ctx.document.blocks[heading.index + 1:]:
        if block.kind in ("heading", "title"):
            break
        if _normal(block.text) and _normal(block.text) not in prompts:
            return True
    return False


RUN_IN = re.compile(r"^\s*([A-Z][\w'\u2019 ]{2,40}?)\s*[:.]\s+\S")


def run_in_sections(ctx: LintContext) -> set[str]:
    """Sections named by a label at the start of a paragraph: 'Risks: Poppy has...'."""
    out: set[str] = set()
    for b in ctx.document.blocks:
        m = RUN_IN.match(b.text) if b.kind == "paragraph" else None
        if m and len(m.group(1).split()) <= 5:
            out |= section_keys_for_heading(m.group(1))
    return out


# what a column says of its cells is no proof of these: they are looked for in what is written
BY_CONTENT_ONLY = frozenset({"father", "child-voice", "dates-seen", "parents-views"})


def table_sections(ctx: LintContext) -> set[str]:
    """Sections named by a table's column heading, with something written under it: the Signs of Safety
    table 'What are we worried about? | What's working well? | What needs to happen?'."""
    out: set[str] = set()
    for t in ctx.document.tables:
        if t.is_details or t.index in ctx.document.records:
            continue
        for i, head in enumerate(t.header):
            if len(head.split()) <= 8 and any(i < len(r) and _normal(r[i].text) for r in t.rows):
                out |= section_keys_for_heading(head) - BY_CONTENT_ONLY
    return out


def _body(ctx: LintContext):
    """Blocks a reader reads as the report: not the title, the details table or a template's prompt."""
    details = {t.index for t in ctx.document.tables if t.is_details}
    prompts = _prompts()
    for b in ctx.document.blocks:
        if b.kind != "title" and b.table not in details and _normal(b.text) not in prompts:
            yield b


@cache
def _prompts() -> frozenset[str]:
    return frozenset(_normal(spec.prompt) for spec in sections().values())


def covered(ctx: LintContext, key: str) -> bool:
    if key == "father":
        return _father(ctx)
    if key == "child-voice":
        return _child_voice(ctx) or _unborn(ctx)
    if key == "dates-seen":
        return _dates_seen(ctx)
    if key == "parents-views":
        return any(PARENT_VIEW.search(b.text) for b in _body(ctx) if b.kind != "heading")
    if key == "plan":
        return bool(all_actions(ctx))
    if key == "next-meetings" and _meetings_table(ctx):
        return True
    if key == "chronology":
        return any(_is_chronology_table(t.header) for t in ctx.document.tables) or _dated_events(ctx) >= 4
    pattern = CONTENT.get(key)
    if ctx.document.letter and key in LETTER_CONTENT:
        pattern = LETTER_CONTENT[key]  # a letter weaves its view into its prose, with no heading to find
    return bool(pattern) and any(pattern.search(b.text) for b in _body(ctx) if b.kind != "heading")


MEETING = re.compile(r"\b(?:core group|conference|review|meeting)s?\b", re.I)


def _meetings_table(ctx: LintContext) -> bool:
    """A table of the meetings to come: a row naming a core group or conference, with its date."""
    return any(MEETING.search(" ".join(c.text for c in row[:1])) and any(DATE.search(c.text) for c in row[1:])
               for t in ctx.document.tables if not t.is_details and not _is_chronology_table(t.header)
               and t.index not in ctx.document.records for row in t.rows)


def _dated_events(ctx: LintContext) -> int:
    """Sentences that tell what happened on a date, outside the plan: a chronology in prose."""
    return sum(1 for b in _body(ctx) if b.kind in ("paragraph", "list_item", "cell") and "plan" not in b.section_keys
               for sent in ctx.docs[b.index].sents if DATE.search(sent.text))


def _is_chronology_table(header: list[str]) -> bool:
    h = " ".join(header).lower()
    return "date" in h and bool(re.search(r"event|what happened|incident|detail", h))


SUBORDINATE = {"since", "after", "when", "before", "until", "because", "as", "if", "once", "while", "whether"}


def _acts(sent, start: int, end: int) -> bool:
    """The man named at [start, end) does or says something in this sentence: 'Liam rings her',
    'Mr Dobson said...', not 'since Shaun left' (a clause about something else)."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    before = sent.doc[span.start - 1] if span.start > sent.start else None
    if before is not None and before.lower_ in SUBORDINATE:
        return False
    after = [t for t in sent.doc[span.end:min(span.end + 3, sent.end)] if not t.is_punct]
    return any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in after[:2])


def _father(ctx: LintContext) -> bool:
    """He is discussed: named in two sentences or more, or once as the one who says or does something.

    A passing mention ('since Shaun left') is not a discussion of him.
    """
    father = ctx.people.get("father", set())
    first_names = father - ctx.people.get("child", set()) - ctx.people.get("mother", set())
    refs = [FATHER_WORDS.pattern, *(r"\b" + re.escape(n) + r"\b" for n in sorted(first_names)),
            *(r"\bMr\.?\s+" + re.escape(n) + r"\b" for n in sorted(father))]
    ref = re.compile("|".join(refs), re.I)
    mentions = []  # (block, sentence start, end): the sentences that name him
    for b in _body(ctx):
        if b.kind == "heading":
            continue
        for sent in ctx.docs[b.index].sents:
            if ref.search(b.text, sent.start_char, sent.end_char):
                mentions.append((b, sent.start_char, sent.end_char))
                if len(mentions) >= 2:
                    return True
    for b, start, end in mentions:  # named once: discussed if he says or does something there
        sent = ctx.tagged(b).char_span(start, end, alignment_mode="expand")
        if sent is not None and any(_acts(sent, m.start(), m.end()) for m in ref.finditer(b.text, start, end)):
            return True
    return False


UNBORN = re.compile(r"\b(?:pre-?\s?birth|unborn|due date|expected date of (?:delivery|birth)|edd)\b", re.I)


def _unborn(ctx: LintContext) -> bool:
    """A report about a baby not yet born (a pre-birth conference): there is no child to hear yet."""
    doc = ctx.document
    return bool(UNBORN.search(doc.title or "")) or any(UNBORN.search(f"{k} {v}") for k, v in doc.details().items())


def _child_names(ctx: LintContext) -> set[str]:
    adults = ctx.people.get("mother", set()) | ctx.people.get("father", set())
    return ctx.people.get("child", set()) - adults


def _child_voice(ctx: LintContext) -> bool:
    if re.match(r"\s*my\b", ctx.document.title or "", re.I) and any(
            b.kind in ("paragraph", "list_item") and b.section and re.search(r"\b(?:I|I'm|my|me)\b", b.text)
            for b in _body(ctx)):
        return True  # the child's own pages ('My views', 'My three houses'), with the child's words in them
    names = _child_names(ctx)
    who = r"(?:" + "|".join([*map(re.escape, sorted(names)), r"the child", r"the children", r"the baby",
                             r"the young person"]) + r")"
    # The child is the one speaking: 'Leo said', not "Leo's school said".
    # between the child and the verb, no quotation and no new clause ('Amber was "out" when officers asked')
    gap = r"(?:(?!\b(?:when|while|because|after|before|if|that|who|whom|whose|as)\b)[^.;,\"\u201c\u201d]){0,50}?"
    speech = re.compile(r"\b" + who + r"\b(?!['\u2019]s\b)" + gap + r"\b(?:" + SPEECH + "|" + BABY + r")\b", re.I)
    child = re.compile(r"\b" + who + r"\b(?!['\u2019]s\b)", re.I)
    said = re.compile(r"\b" + SPEECH + r"\b", re.I)
    adults = ctx.people.get("mother", set()) | ctx.people.get("father", set())
    others = [re.escape(n) for n in sorted(adults - names)]
    adult = re.compile(r"\b(?:" + "|".join([*others, ADULT_WORDS]) + r")\b", re.I)
    named_adult = re.compile(r"\b(?:" + "|".join([*others, ADULT_NAMED]) + r")\b", re.I)  # without he, she
    for b in _body(ctx):
        if b.kind == "heading":
            continue
        if speech.search(b.text):
            return True
        for start, _ in ctx.quotes[b.index] if names else ():
            # a quotation the child speaks: the last person named before it, in its sentence, is the child
            sent = ctx.sentence_of(b, start)
            before = b.text[sent.start_char:start]
            verbs = list(said.finditer(before))
            if verbs:  # the speaker comes before the verb: 'Gemma said Amber was "always out"' is Gemma's
                before = before[:verbs[-1].start()]
            last_child = max((m.end() for m in child.finditer(before)), default=-1)
            last_adult = max((m.end() for m in adult.finditer(before)), default=-1)
            if last_child > last_adult:
                return True
            speaker = b.text[sent.start_char:start]
            if last_child < 0 and PRONOUN_SPEAKS.search(speaker) and not named_adult.search(speaker) \
                    and _last_named_subject(b.text[:sent.start_char], child, named_adult) == "child":
                return True  # 'Yusuf is three. He chatted to me... He said, "I get my own Weetabix."'
    return False


def _last_named_subject(text: str, child: re.Pattern, adult: re.Pattern) -> str | None:
    """Who the last sentence that opens with a person's name is about, 'child' or 'adult': whom a
    'He said' after it refers to ('Ms Bramley told me... She said he cried' is Ms Bramley's)."""
    for sentence in reversed(re.split(r"(?<=[.!?])\s+", text.strip())):
        opening = re.sub(r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\s+)?", "", sentence)
        if child.match(opening):
            return "child"
        if adult.match(opening):
            return "adult"
    return None


PRONOUN_SPEAKS = re.compile(r"^\W*(?:he|she)\s+(?:" + SPEECH + r")\b", re.I)


ADULT_NAMED = (r"mum|mother|dad|father|nan|grandma|grandad|aunt|auntie|uncle|Mr|Ms|Mrs|Miss|Dr|DC|PC|DS|officers?|"
               r"neighbou?r|teacher|staff|worker|nurse|midwife|doctor|GP|his partner|her partner")
ADULT_WORDS = ADULT_NAMED + r"|he|she|they"


def _dates_seen(ctx: LintContext) -> bool:
    """A table of visits, or a sentence that the child was seen on a date: 'Priya saw Skye alone on
    2 May'. Saying only that the children 'have been seen alone' gives no dates."""
    names = _child_names(ctx)
    who = r"(?:" + "|".join([*map(re.escape, sorted(names)), r"the child(?:ren)?", r"the baby", r"them",
                              r"him", r"her"]) + r")(?!['\u2019]s)"
    seen = re.compile(r"\b(?:saw|seen|visited)\b[^.;]{0,20}\b" + who + r"\b|\b" + who +
                      r"\b[^.;]{0,20}\b(?:was|were|has been|have been) (?:seen|visited)\b", re.I)
    for t in ctx.document.tables:
        h = " ".join(t.header).lower()
        if "seen" in h or ("date" in h and ("visit" in h or "alone" in h)):
            return True
    for b in _body(ctx):
        if b.kind == "heading":
            continue
        for sent in ctx.docs[b.index].sents:
            if seen.search(sent.text) and DATE.search(sent.text):
                return True
    return False
