"""Jargon: professional terms and acronyms a parent would not understand, at first unexplained use.

A term is flagged once per document (each written form once: 'escalate' and 'escalated' are
two), at its first use, unless it is explained there: 'a strategy discussion (a meeting
where...)', 'Designated Safeguarding Lead (DSL)', 'the MASH is the team that...'. Once
explained, later uses are fine. Quotations of the child or a parent are their own words and
are never flagged.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from cpdocs.document import SENTENCE_END, Block
from cpdocs.layout import GLOSSARY_TITLE
from cpdocs.lint.context import OPENING_QUOTES, LintContext, inside_gloss
from cpdocs.lint.rewrites import acronym_rewrite, jargon_rewrite
from cpdocs.lint.rules.base import Rule, RuleInfo

STANDARD = ("SSP Multi-Agency Standards, Reports to Child Protection Conferences 5 (jargon explained in lay "
            "terms); Swindon CSC Quality Standards 7.4 (plain English, not jargon)")

# An acronym: two or more capitals (CAMHS, A&E, CiN), a digit-led one (2YO), or a section number (S47).
ACRONYM = re.compile(
    r"(?<![\w&'\u2019/-])("
    r"[A-Z]{3,}[a-rt-z](?![a-z])"  # SENCo
    r"|[A-Z](?:[A-Za-z&]*[A-Z])(?:[0-9]+)?"  # DSL, CAMHS, CiN, A&E, EHCP2
    r"|[0-9][A-Z]{2,}"  # 2YO
    r"|[SY][0-9]{1,3}"  # S47, Y6
    r"|[A-Z]{3,}[a-z]{2}(?![a-z])"  # OASys: only when the list knows it (see _is_acronym)
    r")(?:s|'s|\u2019s)?(?![\w&])"
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")
TIME_SUFFIX = re.compile(r"^\d*(AM|PM)$")
ROMAN = re.compile(r"^[IVXLC]+$")
SHOUTED = {
    "NB", "PS", "NOTE", "URGENT", "IMPORTANT", "PLEASE", "OFFICIAL", "SENSITIVE", "CONFIDENTIAL", "DRAFT",
    "YES", "NO", "NA", "TBC", "ASAP", "TBA", "OK", "AND", "THE",
}
# Explained right after the term: a bracket of real words, or 'is a...', 'means...', 'which is...'.
EXPLAINED_AFTER = re.compile(
    r"^\s*(?:\((?!\s*[A-Z0-9&]{2,8}s?\s*\))[^)]*?[a-z][^)]*\s[^)]*\)"  # (a meeting where ...)
    r"|[,\u2013\u2014-]?\s*(?:which|that|this)\s+(?:is|means|are|was)\b"
    r"|(?:\s+[\w'\u2019-]+){0,2}\s+(?:is|are|was|means)\s+(?:a|an|the|when|where|how|what|that)\b"
    r"|\s+of\s+the\s+[A-Z][\w ]{2,40}\bAct\b"  # 'section 17 of the Children Act 1989' names the law
    r"|\s+(?:means|stands for|refers to)\b"
    # 'He was released under investigation: the police have not yet decided whether to charge him.'
    r"|:\s+(?:the|a|an|this|that|it|they|he|she|we|police|which|when|where|meaning)\s"
    r"|\s*[,:]\s*(?:a|an|the)\s+(?:[\w'\u2019-]+\s+){0,4}?(?:meeting|team|service|plan|process|way|place|person|"
    r"worker|charity|programme|course|check|test|order|group|tool|questionnaire)\b"
    r"|\s*[\u2013\u2014-]\s+(?:a|an|the)\s"
    r"|\s*,\s*(?:a|an)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:that|which|who|where|for|used|to\s+help|given|when)\b"
    r"|\s*,\s*(?:a|an)\s+[\w'\u2019-]+(?:\s+[\w'\u2019-]+)?\s*,"  # 'sertraline, an antidepressant, on 3 March'
    # a name written out before its acronym: 'Multi-Agency Safeguarding Hub (MASH)'
    r"|(?:\s+[A-Z][\w'\u2019-]*){0,5}\s*\((?:[A-Z0-9&]{2,8}s?)\)"
    r")"
)
EXPLAINED_BEFORE = re.compile(r"(?:called|known as|named|referred to as|\b(?:call|calls)\s+(?:this|that|it|these))"
                              r"\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)  # '... Social workers call this a TERM'
# Acronyms that are plain English in one sense: 'DNA' is 'did not attend', but not in 'a DNA test'.
PLAIN_IN_CONTEXT = {"DNA": re.compile(r"^\s+(?:test|testing|tests|sample|samples|profile|evidence|result)", re.I)}


def _in_parenthesis_after_words(text: str, start: int, end: int) -> bool:
    """'(DSL)' after 'Designated Safeguarding Lead', or 'family time (contact)': the plain words came first."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return before.endswith("(") and after.startswith(")") and len(before[:-1].split()) >= 1


class JargonTerm(Rule):
    info = RuleInfo(
        code="CPD301", name="jargon", category="jargon", severity="warning",
        summary="A professional term a parent would not understand, not explained at first use.",
        why="Reports must be understood by parents and, where old enough, the child. A term they cannot "
            "understand is a decision they cannot take part in.",
        standard=STANDARD,
        bad="Poppy presents as withdrawn and the case may be stepped down.",
        good="Poppy is quiet and plays alone. If things improve, the case may move to help from the family "
             "support team instead of a child protection plan.",
    )

    def check(self, ctx: LintContext):
        seen: set[str] = set()
        explained: set[str] = set(glossary_words(ctx))  # 'What the words mean' at the end of the report
        blocks = [b for b in ctx.text_blocks(include_title=True)]
        matches = ctx.find("jargon", ctx.words.jargon, blocks=blocks)
        uses = Counter(" ".join(m.text.lower().split()) for m in matches)
        for m in matches:
            form = " ".join(m.text.lower().split())
            if form in seen or form in ctx.words.accepted:
                continue
            if m.block.kind == "title":
                continue  # the document's own type in its title ('Core Group Minutes') is not jargon
            if m.block.kind == "heading" and _explained_below(ctx, m):
                seen.add(form)
                explained.update((form, m.entry.key))
                continue  # 'Child protection medical' as a heading, explained in the lines under it
            sent = ctx.sentence_of(m.block, m.start)
            # explained once, explained in every form: 'hair strand test (a test of...)', later 'hair strand tests'
            if is_explained(m.block, m.start, m.end, sent.end_char, _next_text(ctx, m.block)) or form in explained \
                    or m.entry.key in explained or explained_in_note(ctx, m.block, m.start, m.end, sent.end_char) \
                    or named_before(ctx, m.block, m.start, m.text):
                seen.add(form)
                explained.update((form, m.entry.key))
                continue
            seen.add(form)
            plain = m.entry.extra.get("plain")
            yield self.finding(
                m.block, m.start, m.end, f"'{m.text}' is jargon a parent may not understand",
                suggestion=(f"Say '{plain}' instead, or explain the term in brackets the first time you use it."
                            if plain else m.entry.suggestion),
                replacement=jargon_rewrite(m.entry, m.block.text, m.start, m.end,
                                           m.doc if m.entry.extra.get("safe") else None, uses[form] > 1),
                meaning=plain,
                why=f"'{m.entry.key}' is in the word list of professional terms"
                    f"{' (' + m.entry.kind + ')' if m.entry.kind else ''}; at its first use it is not explained in "
                    f"brackets, after a dash or comma, or in the next sentence")


def _explained_below(ctx: LintContext, m) -> bool:
    """A term in a heading that the first lines under the heading explain."""
    term = re.compile(r"\b" + re.escape(m.text) + r"\b", re.I)
    for block in ctx.document.blocks[m.block.index + 1:m.block.index + 4]:
        if block.kind == "heading":
            break
        for hit in term.finditer(block.text):
            sent = ctx.sentence_of(block, hit.start())
            if is_explained(block, hit.start(), hit.end(), sent.end_char):
                return True
    return False


# The term names part of a longer name or phrase, which is then explained: 'the perinatal mental health team,
# which sees women...', 'her booking appointment on 17.12.24, which is the first...', 'the multi-agency risk
# assessment conference, a monthly meeting where...'
AFTER_ITS_NOUN = re.compile(
    r"^(?:\s+(?!(?:since|from|to|for|with|after|before|in|at|by|of|on|his|her|their|its|the|a|an|and|but|or|which|"
    r"who|that|this|when|because)\b)[\w'\u2019-]+){0,4}?(?:\s+on\s+\d[\d./]*)?"  # the rest of its name, or its date
    r"\s*(?:,\s*(?:which|who)\s+(?:is|are|means|sees|helps|works|looks|checks|makes|gives|"
    r"plans|supports|offers|brings|decides|meets)\b"
    r"|,\s*(?:a|an)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:meeting|team|service|plan|process|way|place|person|worker|charity|"
    r"programme|course|check|test|order|group|tool|questionnaire|appointment|scheme)\b"
    r"|,\s*(?:a|an)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:that|which|who|where)\b"  # '... group, a gang that sends...'
    r"|\s*\((?!\s*[A-Z0-9&]{2,8}s?\s*\))[^)]*?[a-z][^)]*\s[^)]*\)"  # '... mental health team (care for mothers...)'
    r"|\s*[\u2013\u2014]\s+(?:a|an|the|this is|it is)\s)")
# what comes before a term in quotation marks that is being named, not used: 'Doctors call a baby like this "',
# 'what is known as "', 'a pattern police describe as "'
NAMED_IN_QUOTES = re.compile(r"\b(?:call|calls|called|known\s+as|describe[sd]?\s+as|refer\s+to\s+as|term(?:ed|s)?|"
                             r"name[sd]?)(?:\s+[\w'\u2019-]+){0,4}\s*[\"\u201c'\u2018]$", re.I)
QUOTED_THEN_MEANING = re.compile(r"^[\"'\u2019\u201d]\s*[:\u2013\u2014-]\s+[a-z]")
NEXT_SENTENCE_EXPLAINS = re.compile(
    r"^\s*(?:this|that|it|which|these|they)\s+(?:means?|(?:is|are|was|were)\s+(?:an?|when|where|how|what|called)\s"
    r"|(?:is|are|was|were)\s+the\s+(?!(?:first|second|third|fourth|last|only|same|next|\w+th)\s+(?:time|occasion)\b)"
    r"(?!same\b|case\b|reason\b|only\b|one\b|third\b|second\b)[\w'\u2019]+\s+\w+)"
    r"|^\s*(?:my|his|her|their|our)\s+(?:job|role|work)\s+is\s+(?:to|about|helping)\b",  # after a job title
    re.I)
# '... the multi-agency risk assessment conference on 3 April. This monthly meeting plans the safety of...';
# '... the Signs of Safety approach. It sets out, with the family, what we are worried about...'
_DOES = (r"means|plans?|helps?|brings?|looks\s+at|checks?|decides?|works\s+with|supports?|gives|offers|meets|shares|"
         r"keeps|makes\s+sure|sets\s+out|lets")
NEXT_SENTENCE_SAYS_WHAT_IT_DOES = re.compile(
    r"^\s*(?:(?:this|these)\s+(?:[\w-]+\s+){0,2}?(?:meeting|group|service|team|programme|course|conference|panel|"
    r"plan|check|test|assessment|order|process|scheme|project|worker|role|charity|centre|clinic|unit|approach|way)s?"
    r"\s+(?:is\s+(?:an?|where|when|for|how)|are\s+(?:where|when|for|how)|" + _DOES + r")"
    r"|it\s+(?:" + _DOES + r"))\b", re.I)
REFERS_BACK = "(?:this|that|the|these|such an?)"
# The term named again near the start of the next sentence, then explained: up to three words
# before it, then what EXPLAINED_AFTER looks for, in any case. Compiled once here rather than with
# each term inside one large expression, which costs more to compile than to run.
UP_TO_THREE_WORDS = tuple(re.compile(r"\s*(?:\w+\s+){" + str(n) + "}") for n in range(4))
EXPLAINED_AFTER_ANY_CASE = re.compile(EXPLAINED_AFTER.pattern[1:], re.I)


def named_before(ctx: LintContext, block: Block, start: int, term: str) -> bool:
    """Named in quotation marks before, as the word others use, with what it means around it: 'Ollie cannot
    yet crawl. Doctors call a baby like this "non-mobile".' (then 'Bruises are rare in non-mobile babies')."""
    wanted = term.lower()
    for b in ctx.document.blocks[:block.index + 1]:
        text = b.text if b is not block else b.text[:start]
        low = text.lower()
        at = low.find(wanted)
        while at != -1:
            if text[at - 1:at] in OPENING_QUOTES and NAMED_IN_QUOTES.search(text[:at]):
                return True
            at = low.find(wanted, at + 1)
    return False


def explained_in_note(ctx: LintContext, block: Block, start: int, end: int, sentence_end: int) -> bool:
    """Explained in a footnote referred to after it in its sentence: '... to start a section 47 enquiry.[^1]',
    the note reading 'A section 47 enquiry is a set of checks...' or 'This means...'."""
    term = block.text[start:end]
    for at, label in block.notes:
        if not end <= at <= sentence_end + 1:
            continue
        note = ctx.document.notes.get(label, "")
        if NEXT_SENTENCE_EXPLAINS.match(note):
            return True
        named = re.search(r"\b" + re.escape(term) + r"\b", note, re.I)
        if named and is_explained(Block(index=-1, kind="paragraph", text=note), named.start(), named.end()):
            return True
    return False


def _next_text(ctx: LintContext, block: Block) -> str:
    """The next paragraph's text, after a paragraph (a list's next item explains nothing)."""
    nxt = ctx.next_block(block)
    return nxt.text if nxt is not None and nxt.kind == block.kind == "paragraph" else ""


def is_explained(block: Block, start: int, end: int, sentence_end: int | None = None, after: str = "") -> bool:
    """Explained where it is used: in brackets after it, as 'X is a...', 'known as X', inside a
    bracket that glosses another word, or by the next sentence ('This means...', 'X is a...'), which
    may start the next paragraph (`after`) when the term ends its own."""
    text = block.text
    if EXPLAINED_AFTER.match(text[end:]) or EXPLAINED_BEFORE.search(text[:start]) or AFTER_ITS_NOUN.match(text[end:]) \
            or _in_parenthesis_after_words(text, start, end) or inside_gloss(text, start):
        return True
    if text[start - 1:start] in OPENING_QUOTES and QUOTED_THEN_MEANING.match(text[end:]):
        return True  # 'Police call this pattern "county lines": gangs using children to...'
    if sentence_end is None:
        return False
    following = text[sentence_end:sentence_end + 300]
    if not following.strip():
        following = " " + after[:300]
    if NEXT_SENTENCE_EXPLAINS.match(following) or NEXT_SENTENCE_SAYS_WHAT_IT_DOES.match(following):
        return True
    term = text[start:end]
    for lead in UP_TO_THREE_WORDS:  # 'Your GP is the family doctor...'
        words = lead.match(following)
        if words is None:
            break  # fewer words than that before the end
        found = _term_at(following, words.end(), term)
        if found is not None and EXPLAINED_AFTER_ANY_CASE.match(following, found):
            return True
    # 'Her weight has dropped to the 25th centile. A centile shows how...'; '... a partial-thickness burn on his
    # hand. A partial-thickness burn goes through the top layers of skin.'
    article = ARTICLE.match(following)
    found = _term_at(following, article.end(), term)
    if found is None:
        found = _term_at(following, article.end(), term + "s")  # 'Centiles are...'
    if found is not None and (TERM_THEN_DEFINED.match(following, found)
                              or (article.group(1) and article.group(1).lower() != "the"
                                  and KIND_THEN_DEFINED.match(following, found))):
        return True
    # 'The council's Sanctuary scheme fitted new locks. Sanctuary is a scheme that...'
    own = OWN_WORD_DEFINED.match(following)
    if own and own.group(1).lower() in {w.lower() for w in re.findall(r"[A-Za-z][\w'\u2019-]{4,}", term)}:
        return True
    # 'We agreed to start a section 47 enquiry. The council must make this enquiry when...'
    head = term.split()[-1].lower()
    nxt = re.split(r"(?<=[.!?])\s", following.strip(), maxsplit=1)[0]
    return any(m.group(1).lower() == head for m in REFERRED_BACK_DEFINED.finditer(nxt))


def _term_at(text: str, pos: int, term: str) -> int | None:
    """Where the term ends, if the text has it (in any case) at pos, as a whole word."""
    end = pos + len(term)
    if text[pos:end].lower() != term.lower() or (end < len(text) and (text[end].isalnum() or text[end] == "_")):
        return None
    return end


ARTICLE = re.compile(r"\s*(?:(an?|the)\s+)?", re.I)
TERM_THEN_DEFINED = re.compile(r"s?\s+(?:is|are|means|shows|measures|tells|describes|compares|checks|counts|helps|"
                               r"lets)\b", re.I)
KIND_THEN_DEFINED = re.compile(r"(?:\s+[a-z]+){1,5}?\s+(?:is\s+(?:an?|the|when|where|how)|means|goes|happens|involves|"
                               r"covers|affects|shows|measures|describes|compares|tells|checks|helps|lets)\b", re.I)
OWN_WORD_DEFINED = re.compile(r"\s*(?:the\s+)?([A-Za-z][\w'\u2019-]{4,})\s+(?:is|are)\s+(?:an?|the)\s", re.I)
REFERRED_BACK_DEFINED = re.compile(r"\b" + REFERS_BACK + r"\s+([\w'\u2019-]+)\b"
                                   r"(?=[^.]{0,60}\b(?:is|are|means|when|where|which|who)\b)", re.I)


class UnexplainedAcronym(Rule):
    info = RuleInfo(
        code="CPD302", name="unexplained-acronym", category="jargon", severity="warning",
        summary="An acronym that is not written out in full at its first use.",
        why="Parents, and many professionals from other agencies, do not know what 'MASH', 'S47' or 'CIN' "
            "mean. Write the words out first, with the acronym after in brackets if you will use it again.",
        standard=STANDARD,
        bad="Nursery made a referral to the MASH.",
        good="Nursery made a referral to the Multi-Agency Safeguarding Hub (MASH), the team that decides what "
             "help a family needs.",
    )

    def check(self, ctx: LintContext):
        words = ctx.words
        defined = glossary_terms(ctx)
        flagged: set[str] = set()
        address = _address_lines(ctx)
        for block in ctx.text_blocks(include_title=True):
            if block.index in address:
                continue  # a letter's address lines: 'HMP Ashcombe, Ashcombe Lane' is where the reader lives
            text = block.text
            capitals = _shouted(text) or (block.kind in ("heading", "title", "cell") and text.upper() == text)
            postcodes = [(m.start(), m.end()) for m in POSTCODE.finditer(text)]
            for m in ACRONYM.finditer(text):
                acr = m.group(1)
                key = acr.upper()
                s, e = m.start(1), m.end(1)
                if text[e:e + 1] == "s":
                    e += 1  # a plural is part of the word as written: 'two CAWNs'; a possessive is not
                if key in flagged or key in defined or key in ctx.person_initials or not _is_acronym(acr, words):
                    continue
                if capitals and (key not in words.expansions or _everyday_in_capitals(key, ctx)):
                    continue  # in a line of capitals only a known acronym is one: 'REPORT FOR ICPC', not 'WHAT ARE''
                if key not in words.expansions and CAPS_LABEL.match(text[e:]) and _everyday_in_capitals(key, ctx):
                    continue  # a word in capitals as a label: 'ACTION - Priya Shah to...', 'UPDATE: ...'
                if any(ps <= s < pe for ps, pe in postcodes):
                    continue
                if key in PLAIN_IN_CONTEXT and PLAIN_IN_CONTEXT[key].match(text[e:]):
                    continue
                if _defines(text, s, e, acr) or _next_sentence_defines(ctx, block, s, acr):
                    defined.add(key)
                    continue
                if ctx.in_quote(block, s, e) or acr.lower() in words.accepted:
                    continue
                flagged.add(key)
                yield self.finding(block, s, e, f"'{acr}' is not written out at its first use",
                                   suggestion=acronym_suggestion(acr, words.expansions.get(key)),
                                   replacement=acronym_rewrite(text[s:e], key, words.expansions.get(key), text, s, e,
                                                               words.several_meanings),
                                   meaning=words.expansions.get(key),
                                   why="read as an acronym: capital letters not written out in full before it or in "
                                       "brackets after it, not in a glossary in the draft, and not a plain "
                                       "abbreviation (GP, NHS)")


# what follows a word in capitals used as a label: 'ACTION - ...', 'UPDATE: ...', 'SOCIAL WORKER: ...', "CHILD'S NAME:"
CAPS_LABEL = re.compile(r"(?:['\u2019]S)?(?:\s+[A-Z][A-Z'\u2019&]*){0,5}\s?[:\u2013\u2014-](?:\s|$)")


NAME_THEN_BRACKET = re.compile(r"(?:\s+[A-Z][\w'\u2019-]*){0,3}\s*\(\s*")
STANDS_FOR = re.compile(r"\s+(?:stands for|means|is short for)\b", re.I)
IT_STANDS_FOR = re.compile(r"\s*(?:this|it)\s+(?:stands for|means|is short for)\b", re.I)
THE = re.compile(r"\s*(?:[Tt]he\s+)?")


def _address_lines(ctx: LintContext) -> set[int]:
    """In a letter, the short lines before its 'Dear ...' line that are not a 'Re:' line: the
    addresses and the date ('HMP Ashcombe, Ashcombe Lane'), where the reader's own address is."""
    doc = ctx.document
    if not doc.letter:
        return set()
    dear = next((b.index for b in doc.blocks[:20]
                 if b.kind == "paragraph" and re.match(r"\s*dear\s+\S", b.text, re.I)), 0)
    return {b.index for b in doc.blocks[:dear] if b.kind == "paragraph" and len(b.text.split()) <= 8
            and not re.match(r"\s*(?:re|subject|ref)\b", b.text, re.I) and not SENTENCE_END.search(b.text)}


def _next_sentence_defines(ctx: LintContext, block: Block, start: int, acr: str) -> bool:
    """'...the ICON leaflet. ICON stands for: Infant crying is normal...': written out in the next sentence,
    which may open the next paragraph ('I referred her to the MARAC.' / 'The MARAC \u2013 this is the...')."""
    following = block.text[ctx.sentence_of(block, start).end_char:][:200]
    if not following.strip():
        following = " " + _next_text(ctx, block)[:200]
    if IT_STANDS_FOR.match(following):
        return True
    lead = THE.match(following).end()
    if following[lead:lead + len(acr)].upper() != acr.upper() or following[lead + len(acr):][:1].isalnum():
        return False
    return bool(STANDS_FOR.match(following, lead + len(acr))) or _written_out_after(following[lead + len(acr):], acr)


def acronym_suggestion(acr: str, expansion: str | None) -> str:
    if not expansion:
        return f"Write out what '{acr}' stands for the first time you use it, with '({acr})' after."
    name, _, gloss = expansion.partition(" (")
    if gloss:
        return f"Write it out the first time: '{name} ({acr})', and say what it is: {gloss.rstrip(')')}."
    return f"Write it out the first time: '{name} ({acr})', or just '{name}'."


@cache
def shouted_words() -> frozenset[str]:
    """English stop words in capitals, and words written in capitals for emphasis: not acronyms.
    spaCy's stop words are read here, not at import, so `cpdocs rules` need not load spaCy."""
    return frozenset({w.upper() for w in stop_words()} | SHOUTED)


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read on first use, not at import: `cpdocs rules` need not load spaCy."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _is_acronym(acr: str, words) -> bool:
    key = acr.upper()
    if key in words.plain_abbreviations or TIME_SUFFIX.search(key):
        return False
    if ROMAN.match(acr) and len(acr) <= 4 and acr not in ("CIC", "CIV", "DVI"):
        return False
    if acr.isupper() and key in shouted_words() and key not in words.expansions:
        return False
    if sum(1 for c in acr if c.isupper()) < 2 and not any(c.isdigit() for c in acr):
        return False
    if acr[-2:].islower() and key not in words.expansions:
        return False  # 'OASys' is a known name; an unknown word typed so ('ABCde') is not taken for one
    return True


def _everyday_in_capitals(key: str, ctx: LintContext) -> bool:
    """A word in a line of capitals that is an everyday word ('ARE', 'SEND', 'MASH' in 'WHAT ARE WE
    WORRIED ABOUT?'): in capitals it cannot be told from the acronym, so it is left alone."""
    word = key.lower()
    return word in stop_words() or (len(word) >= 4 and word in ctx.english_words)


def _shouted(text: str) -> bool:
    """A line in capitals (a heading, a warning) is not a run of acronyms."""
    letters = [c for c in text if c.isalpha()]
    caps_words = [w for w in re.findall(r"[A-Za-z&]+", text) if w.isupper()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(caps_words) >= 3


def _defines(text: str, start: int, end: int, acr: str) -> bool:
    """Is this occurrence its own definition: 'Words Here (ABC)', 'ABC (words here)', 'ABC is a ...'?"""
    before = text[:start]
    after = text[end:]
    if before.rstrip().endswith("(") and re.match(r"\s*(?:s|'s|-?\d{1,2})?\)", after):
        # 'Multi-Agency Safeguarding Hub (MASH)'; not 'Health Visitor (SCPHN)' or 'Kirsty Hall (SW)',
        # where the words before are a role or a name, not what the letters stand for
        return expands(before.rstrip()[:-1].rstrip()[-160:], acr)
    m = re.match(r"\s*\(([^)]{3,120})\)", after)
    if m and len(re.findall(r"[a-z]{2,}", m.group(1))) + len(re.findall(r"\b[A-Z][a-z]+", m.group(1))) >= 2:
        inner = m.group(1)
        name_only = len(inner.split()) <= 3 and all(w[:1].isupper() for w in inner.split())
        return not name_only or expands(inner, acr)
    if re.match(r"\s*(?:[,:\u2013\u2014-]\s*)?(?:stands for|means|is short for|is an?|is the|are the)\b", after):
        return True
    bracket = NAME_THEN_BRACKET.match(after)
    if bracket and after.startswith(acr, bracket.end()) and STANDS_FOR.match(after, bracket.end() + len(acr)):
        return True  # 'HMP Stonebridge (HMP stands for His Majesty's Prison)'
    return _written_out_after(after, acr)


def _written_out_after(after: str, acr: str) -> bool:
    """'OASys \u2013 the Offender Assessment System, our...', 'The MARAC \u2013 this is the multi-agency risk
    assessment conference, a...': the letters written out after a dash or colon."""
    m = re.match(r"\s*[:\u2013\u2014-]\s*(?:(?:this|that|it)\s+is\s+)?(?:the\s+|an?\s+)?((?:[\w'\u2019&-]+\s*){2,9})",
                 after, re.I)
    if not m:
        return False
    words = [w[:1].upper() + w[1:] for w in re.split(r"[\s-]+", m.group(1)) if w]  # 'multi-agency risk...'
    return any(expands(" ".join(words[:n]), acr) for n in range(2, len(words) + 1))


SMALL = {"and", "of", "the", "for", "to", "in", "on", "with", "at", "by", "a", "an", "&"}


def expands(words: str, acr: str) -> bool:
    """Do these words (ending just before the acronym) stand for its letters: 'Child and Adolescent
    Mental Health Services' for CAMHS, 'Section 47' for S47, 'Special Educational Needs
    Co-ordinator' for SENCo? Each letter is a word's first letter (or a capital inside a word:
    'PowerPoint'), small words may be left out, and the first word gives the first letter."""
    letters = re.findall(r"[A-Z]|\d+", acr)
    if not letters:
        return False
    tokens = [t for t in re.split(r"\s+|/|[\-\u2013](?=[A-Z])", words) if t]
    tokens = [re.sub(r"^[^\w&]+|[^\w&]+$", "", t) for t in tokens][-14:]
    tokens = [t for t in tokens if t]
    for k in range(1, len(tokens) + 1):
        window = tokens[-k:]
        if window[0][:1].upper() != letters[0][:1]:
            continue
        if _consumes(letters, window):
            return True
    return False


def _consumes(letters: list[str], words: list[str]) -> bool:
    """Can the words give the letters in order, each word its first letter and perhaps capitals inside
    it, with small words ('and', 'of') free to give a letter or none?"""

    @cache
    def match(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        w = words[j]
        if w.lower() in SMALL and match(i, j + 1):
            return True
        if i >= len(letters):
            return False
        if letters[i].isdigit():
            return w == letters[i] and match(i + 1, j + 1)
        if w[0].upper() != letters[i]:
            return False
        inner = [c for c in w[1:] if c.isupper()]
        k = i + 1
        if match(k, j + 1):
            return True
        for c in inner:  # 'PowerPoint' gives P and P
            if k < len(letters) and c == letters[k]:
                k += 1
                if match(k, j + 1):
                    return True
        return False

    return match(0, 0)


def glossary_terms(ctx: LintContext) -> set[str]:
    """Acronyms explained in a glossary section or table anywhere in the document."""
    out: set[str] = set()
    for text in glossary_entries(ctx):
        m = re.match(r"\s*([A-Z][A-Za-z&0-9]{1,9})\s*(?:[:=\u2013\u2014-]|$)", text)
        if m:
            out.add(m.group(1).upper())
    return out


def glossary_words(ctx: LintContext) -> set[str]:
    """Terms explained in a glossary, in lower case: 'Strategy discussion | A meeting, often by phone...'."""
    out = set()
    for text in glossary_entries(ctx):
        word = re.split(r"\s*(?:[:=\u2013\u2014]|\s-\s)", text, maxsplit=1)[0].strip()
        if 0 < len(word.split()) <= 6:
            out.add(" ".join(word.lower().split()))
    return out


def glossary_entries(ctx: LintContext) -> list[str]:
    """Each entry of the draft's glossaries: a line under a glossary heading ('MASH: ...'), or the first
    cell of a row of a glossary table (under such a heading, or with such a title in its first row)."""
    doc = ctx.document
    titled = {t.index for t in doc.tables if t.header and GLOSSARY_TITLE.search(t.header[0])}
    out = []
    for block in doc.blocks:
        if block.kind == "cell" and block.table in titled:
            if block.col == 0 and block.row:
                out.append(block.text)
        elif GLOSSARY_TITLE.search(block.section or "") and (block.kind != "cell" or block.col == 0):
            out.append(block.text)
    return out
