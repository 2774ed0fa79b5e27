"""What every rule reads: the document, its language analysis, quotations, and the word lists.

The analysis is done once per document here, so no rule re-parses text and each rule stays
small: find the spans it cares about, decide, report.

`ctx.docs[i]` has every block's tokens and sentences. Tags, parts of speech and lemmas cost
twenty times as much, so only the blocks that need them get them: the blocks of the plan's
items and the blocks where a word list may match by base form are tagged before the rules
run, a match's block is tagged when a rule first reads `Match.doc`, and a rule that needs the tags
of any other block asks `ctx.tagged(block)` first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from cpdocs.config import Config
from cpdocs.document import Block, Document
from cpdocs.lint.phrases import ListMatcher, lemma_gate, phrase_matchers
from cpdocs.lint.wordlists import Entry, WordLists
from cpdocs.nlp import is_tagged, split, tag
from cpdocs.plans import OUTCOMES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# The word lists the rules look phrases up in, by the name they give `find`: their blocks are
# tagged in one batch when they may match by base form.
LISTS = {"jargon": "jargon", "vague": "vague", "labels": "labels", "evidence": "evidence_markers"}
NO_LEMMA_MATCH = "cpdocs.no_lemma_match"  # set on a doc that no list in LISTS can match by base form

# Quotation marks: double quotes of both kinds pair up; a single quote opens only after a
# space or bracket and closes only before one, so apostrophes (don't, Poppy's) never count.
DOUBLE = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")
SINGLE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013:]))[\u2018'](?=\S)(.+?)(?<=\S)[\u2019'](?=$|[\s.,;:!?)\]\u2014\u2013])")


CONDITION = re.compile(r"\b(?:if|unless|in case|whether|should you)\b", re.I)
MIGHT = re.compile(r"\b(?:might|may|could|would)\b", re.I)
PLAN_SENTENCE = re.compile(r"\b(?:aims?|goals?|outcomes?|objectives?|the plan is (?:for|to)|so that|in order to)\b",
                           re.I)
CHILD_NAMED = re.compile(
    r"\b(?P<first>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:\s+[A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?)?,?\s+"
    r"(?:\(?(?:born|b\.|d\.?o\.?b\.?:?|date of birth:?)\s+\d|\((?:aged\s+)?(?P<age>\d{1,2})(?:\s+years?)?\))")
ROLE_WORDS = re.compile(
    r"\b(?:social|worker|health|visitor|nurse|school|service|services|team|officer|manager|lead|safeguarding|"
    r"designated|children|family|support|care|council|police|practice|centre|hub|clinic|trust|partnership|"
    r"independent|adviser|advisor|primary|academy|nursery|college|court|unit|department|conference|chair)\b", re.I)


OPENING_QUOTES = "\"'\u2018\u201c"  # what a quotation starts with, and ends with
CLOSING_QUOTES = "\"'\u2019\u201d"


def quote_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in DOUBLE.finditer(text)]
    for m in SINGLE.finditer(text):
        if not any(s <= m.start() < e for s, e in spans):
            spans.append((m.start(), m.end()))
    return sorted(spans)


# Someone said it: 'Poppy said "Mummy cross"', 'He told me: "..."', '"sorted", he says', 'what she called "a
# bad patch"'. Without a speaker, quotation marks round the author's own words ('which is 'disguised
# compliance'') do not make them someone else's.
SPEAKER_BEFORE = re.compile(
    r"(?:\b(?:said|says|say|saying|told|tells|tell|asked|asks|call|called|calls|described|describes|wrote|writes|"
    r"shouted|screamed|replied|replies|explained|explains|added|adds|answered|stated|states|disclosed|reported|"
    r"words|word|phrase|putting it|in (?:his|her|their) (?:own )?words|as (?:she|he|they) (?:put|puts) it|"
    r"drew|wrote down|texted|messaged|posted|known as|referred to as|nicknamed|sang|shouting|yelled|whispered)"
    r"\b[^.!?\n]{0,40}|:\s*)$", re.I)
SPEAKER_AFTER = re.compile(r"^[,.]?\s*(?:\w+\s+){0,3}?(?:said|says|told|asked|added|replied|shouted|explained|wrote)\b",
                           re.I)
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'll|me|my|mine|we|us|our|you|your|mummy|daddy)\b", re.I)


def spoken(text: str, start: int, end: int) -> bool:
    """A quotation that is someone's words: long enough to be an utterance, in the first or second
    person, or with a speaker named or a colon just before or after it."""
    inner = text[start + 1:end - 1]
    if len(inner.split()) >= 5 or FIRST_PERSON.search(inner):
        return True
    return bool(SPEAKER_BEFORE.search(text[max(0, start - 60):start]) or SPEAKER_AFTER.match(text[end:end + 40]))


def inside_gloss(text: str, start: int) -> bool:
    """Within a bracket of three words or more that follows a word: 'a plan (under section 17 of...)'."""
    open_at = text.rfind("(", 0, start)
    if open_at <= 0 or text.rfind(")", 0, start) > open_at:
        return False
    close_at = text.find(")", start)
    inner = text[open_at + 1:close_at if close_at != -1 else len(text)]
    return bool(re.search(r"\w", text[:open_at][-3:])) and len(inner.split()) >= 3


def blocks_to_tag(nlp, document: Document, words: WordLists, docs: list[Doc]) -> set[int]:
    """The blocks the rules will ask tags or lemmas of, so they can be tagged in one batch:
    the plan's items (is it an action, who owns it) and the blocks where a list may match by
    base form. A rule may still ask for any other block (`LintContext.tagged`).

    Each other block is marked as checked against these lists, so `find` need not check it again.
    """
    matchers = [phrase_matchers(nlp, name, getattr(words, field)) for name, field in LISTS.items()]
    gate = lemma_gate(nlp, matchers)
    if gate is None:
        return set(range(len(docs)))
    out = {item.block.index for item in document.plan}
    for i, doc in enumerate(docs):
        if i in out or is_tagged(doc):
            continue
        if gate.could_match(doc):
            out.add(i)
        else:
            doc.user_data[NO_LEMMA_MATCH] = id(words)
    return out


_english: dict[int, frozenset[str]] = {}


def english_words(nlp) -> frozenset[str]:
    key = id(nlp)
    if key not in _english:
        words: set[str] = set()
        try:
            index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
            for pos_words in index.values():
                words.update(pos_words)
        except (KeyError, ValueError):
            pass
        _english[key] = frozenset(words)
    return _english[key]


@dataclass
class Match:
    block: Block
    start: int  # character offsets in block.text
    end: int
    entry: Entry
    ctx: LintContext = field(repr=False, compare=False)

    @property
    def doc(self) -> Doc:
        """The block's doc, with its tags: tagged the first time a rule asks for them."""
        return self.ctx.tagged(self.block)

    @property
    def tokens(self) -> Doc:
        """The block's doc for its words and sentences only (tagged or not: it costs nothing)."""
        return self.ctx.docs[self.block.index]

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


@dataclass
class Readings:
    """The language model's reading of each block's text, and what each word list found in it, kept by
    a caller that lints nearly the same draft again (`cpdocs fix` checking its copy): a block whose
    text is unchanged is not read or searched again."""

    docs: dict[str, Doc] = field(default_factory=dict)
    spans: dict[tuple[str, int, str], list[tuple[int, int, Entry]]] = field(default_factory=dict)


def parse_blocks(nlp, texts: list[str], readings: Readings | None = None) -> list[Doc]:
    """Each block's tokens and sentences (from `readings` where it has read the text before; tags
    are added where needed, see `LintContext`)."""
    if readings is None:
        return split(nlp, texts)
    known = readings.docs
    todo = list(dict.fromkeys(t for t in texts if t not in known))
    known.update(zip(todo, split(nlp, todo), strict=True))
    return [known[t] for t in texts]


class LintContext:
    def __init__(self, document: Document, config: Config, report_type: str, nlp, words: WordLists,
                 readings: Readings | None = None, docs: list[Doc] | None = None):
        self.document = document
        self.config = config
        self.report_type = report_type
        self.nlp = nlp
        self.words = words
        self.readings = readings
        texts = [b.text for b in document.blocks]
        if docs is None:
            docs = parse_blocks(nlp, texts, readings)
            tag(nlp, [docs[i] for i in sorted(blocks_to_tag(nlp, document, words, docs))])
        self.docs: list[Doc] = docs
        self.quotes: list[list[tuple[int, int]]] = [[(a, z) for a, z in quote_spans(t) if spoken(t, a, z)]
                                                    for t in texts]

    @cached_property
    def metrics(self):
        from cpdocs.lint.readability import measure

        return measure(self)

    # -- tags -------------------------------------------------------------------------
    def tagged(self, block: Block) -> Doc:
        """The block's doc with its tags, parts of speech and lemmas (tagged now if it was not)."""
        doc = self.docs[block.index]
        if not is_tagged(doc):
            tag(self.nlp, [doc])
        return doc

    # -- quotations -------------------------------------------------------------------
    def in_quote(self, block: Block, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quotes[block.index])

    @cached_property
    def english_words(self) -> frozenset[str]:
        """The model's dictionary of English words (the lemmatiser's index of nouns, verbs, adjectives and
        adverbs), to tell an everyday word typed in capitals from an acronym."""
        return english_words(self.nlp)

    def hypothetical(self, block: Block, char: int) -> bool:
        """Is this place in a clause about what might happen ('You may be asked to leave if it was
        thought that you might be obstructive')? A judgement imagined is not a judgement made."""
        sent = self.sentence_of(block, char)
        before = block.text[sent.start_char:char]
        return bool(CONDITION.search(before)) and bool(MIGHT.search(block.text[sent.start_char:sent.end_char]))

    # -- the plan -----------------------------------------------------------------------
    @cached_property
    def _plan_tables(self) -> frozenset[int]:
        return frozenset(a.block.table for a in self.document.plan if a.block.table is not None)

    def in_plan(self, block: Block, char: int) -> bool:
        """Is this place part of the plan: its actions, outcomes or recommendations, or a sentence
        about what the plan is for ('The aim of the plan is for Ellis to feel safer')?"""
        if block.section_keys & {"plan", "recommendation"} or OUTCOMES.search(block.section or ""):
            return True
        if block.table is not None and block.table in self._plan_tables:
            return True
        return bool(PLAN_SENTENCE.search(self.sentence_of(block, char).text))

    # -- blocks -----------------------------------------------------------------------
    def text_blocks(self, include_title: bool = False) -> Iterator[Block]:
        for b in self.document.blocks:
            if b.kind == "title" and not include_title:
                continue
            yield b

    def next_block(self, block: Block) -> Block | None:
        """The paragraph or list item after this block, when it carries on the same part of the draft
        (under the same heading); None after a heading, a table or the last block."""
        blocks = self.document.blocks
        nxt = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
        return nxt if nxt is not None and nxt.kind in ("paragraph", "list_item") and nxt.section == block.section \
            else None

    def sentence_of(self, block: Block, char: int) -> Span:
        doc = self.docs[block.index]
        for sent in doc.sents:
            if sent.start_char <= char < sent.end_char or char == sent.end_char == len(doc.text):
                return sent
        return doc[:]

    # -- phrase lists -----------------------------------------------------------------
    def _matcher(self, name: str, entries: tuple[Entry, ...]) -> ListMatcher:
        return phrase_matchers(self.nlp, name, entries)

    def find(self, name: str, entries: tuple[Entry, ...], blocks: list[Block] | None = None,
             skip_quotes: bool = True) -> list[Match]:
        """Every occurrence of a list's phrases, longest first, outside quotations."""
        out: list[Match] = []
        for block in blocks if blocks is not None else list(self.text_blocks()):
            doc = self.docs[block.index]
            key = (name, id(entries), block.text)
            spans = self.readings.spans.get(key) if self.readings is not None else None
            if spans is None:
                spans = self._spans(name, entries, block, doc)
                if self.readings is not None:
                    self.readings.spans[key] = spans
            taken_end = -1
            for s, e, entry in spans:
                if s < taken_end:
                    continue  # inside a longer phrase already found
                if skip_quotes and self.in_quote(block, s, e):
                    continue
                out.append(Match(block, s, e, entry, self))
                taken_end = e
        return out

    def _spans(self, name: str, entries: tuple[Entry, ...], block: Block, doc: Doc) -> list[tuple[int, int, Entry]]:
        """Where a list's phrases occur in one block's text, sorted by start, longest first."""
        m = self._matcher(name, entries)
        checked = LISTS.get(name) is not None and getattr(self.words, LISTS[name]) is entries
        if not is_tagged(doc) and not (checked and doc.user_data.get(NO_LEMMA_MATCH) == id(self.words)):
            gate = lemma_gate(self.nlp, [m])
            if gate is None or gate.could_match(doc):
                doc = self.tagged(block)
        spans: list[tuple[int, int, Entry]] = []
        # The base-form matcher finds nothing new in a doc that was left untagged (LemmaGate).
        hits = m.lower.find(doc)
        if is_tagged(doc):
            hits += m.lemma.find(doc)
        for key, s, e in hits:
            entry = m.by_key[key]
            if entry.not_after and s > 0 and doc[s - 1].lower_ in entry.not_after:
                continue
            span = doc[s:e]
            spans.append((span.start_char, span.end_char, entry))
        for entry in m.patterns_for(block.text.lower()):  # not those needing words the block lacks
            for found in entry.pattern.finditer(block.text):
                if found.end() > found.start():
                    spans.append((found.start(), found.end(), entry))
        spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        return spans

    @cached_property
    def proper_names(self) -> frozenset[str]:
        """Words written with a capital in the middle of a sentence somewhere: names ('Jasmine', 'Okoro')."""
        out = set()
        for doc in self.docs:
            for t in doc:
                if t.is_alpha and t.text[:1].isupper() and not t.is_sent_start and not t.text.isupper() \
                        and t.i > 0 and doc[t.i - 1].text not in (".", ":", "\u2022", "-", "\"", "\u201c", "(", "'"):
                    out.add(t.text)
        return frozenset(out)

    @cached_property
    def person_initials(self) -> frozenset[str]:
        """Initials of the people named in the details and attendance tables ('Gemma Holt' is GH)."""
        out = set()
        for t in self.document.tables:
            name_cols = {0, 1} if t.is_details else {i for i, h in enumerate(t.header)
                                                     if re.search(r"\bname|attendee|present|member", h, re.I)}
            cells = [c for row in t.rows for c in row if c.col in name_cols]
            if t.is_details or name_cols:
                for c in cells:
                    for m in re.finditer(r"\b([A-Z])[a-z'\-]+(?:\s+([A-Z])[a-z'\-]+)?\s+([A-Z])[a-z'\-]+", c.text):
                        if not ROLE_WORDS.search(m.group(0)):  # 'Social Worker' is a role, not a person
                            out.add("".join(g for g in m.groups() if g))
        return frozenset(out)

    @cached_property
    def people(self) -> dict[str, set[str]]:
        """Names from the details table by role: {'father': {'Dean', 'Carter'}, 'child': {...}}."""
        roles: dict[str, set[str]] = {}
        for label, value in self.document.details().items():
            role = None
            if re.search(r"\b(father|dad|step-?father)\b", label) or (
                    re.search(r"\bpartner\b", label + " " + value)
                    and re.search(r"\b(mother|mum|mum's|mother's)\b", label + " " + value, re.I)):
                role = "father"  # a mother's partner is a man in the child's life; a father's partner is not
            elif re.search(r"\b(child|children|name|young person|baby|unborn)\b", label):
                role = "child"
            elif re.search(r"\b(mother|mum)\b", label):
                role = "mother"
            if role:
                names = re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", re.sub(r"\(.*?\)", " ", value))
                roles.setdefault(role, set()).update(n for n in names if n not in ("Mr", "Ms", "Mrs", "Miss",
                                                                                  "Dr", "And", "Aged", "Not"))
        # a letter or a report with no details table names the children near the top with their age
        # or date of birth: 'Poppy Tremayne, born 3 June 2015 (aged 9)', 'Leo Hart (4)'
        latest = max((int(y) for b in self.document.blocks for y in re.findall(r"\b(20\d\d)\b", b.text)), default=0)
        for b in self.document.blocks[:25]:
            for m in CHILD_NAMED.finditer(b.text):
                age = m.group("age")
                born = re.search(r"\b(19\d\d|20\d\d)\b", b.text[m.end():m.end() + 14])
                if age is not None and int(age) >= 18:
                    continue
                if age is None and born is not None and latest and latest - int(born.group(1)) >= 18:
                    continue  # an adult's date of birth
                roles.setdefault("child", set()).add(m.group("first"))
        return roles
