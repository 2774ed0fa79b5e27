"""Long sentences, and a whole document that is hard to read."""

from __future__ import annotations

from cpdocs.lint.rules.base import Rule, RuleInfo

STANDARD = ("SSP Multi-Agency Standards, Reports to Child Protection Conferences 5 (reports understandable "
            "by parents); Swindon CSC Quality Standards 7.4 (plain English)")


def sentence_words(sent) -> int:
    return sum(1 for t in sent if not (t.is_punct or t.is_space or t.is_quote))


def _after_quotes(sent):
    """The sentence, split where a quotation ends one and the next begins ('... your business?" You told
    us...'), which the model's sentence splitter may read as one."""
    start = sent.start
    doc = sent.doc
    for t in sent[1:-1]:
        if t.is_quote and doc[t.i - 1].text in (".", "!", "?") and doc[t.i + 1].text[:1].isupper():
            yield doc[start:t.i + 1]
            start = t.i + 1
    yield doc[start:sent.end]


class LongSentence(Rule):
    info = RuleInfo(
        code="CPD401", name="long-sentence", category="readability", severity="warning",
        summary="A sentence longer than the configured limit (35 words; a warning from 45 words, "
                "information below that).",
        why="Parents read these reports under great stress, often not in their first language. Long "
            "sentences hide who did what; most plain-English guidance aims for 15 to 20 words on average.",
        standard=STANDARD,
        bad="Ms Bennett said that she felt everyone was against her and that she was doing her best, and that "
            "it was wrong for the school to ask Skye about her drinking in front of other children, and Helen "
            "agreed to look into what happened and talk to the member of staff involved.",
        good="Ms Bennett said she felt everyone was against her. She said the school had asked Skye about her "
             "drinking in front of other children. Helen will find out what happened by 22 May.",
    )

    def check(self, ctx):
        limit = ctx.config.max_sentence_words
        very_long = max(limit, 45)
        for block in ctx.text_blocks():
            if block.kind not in ("paragraph", "list_item", "cell"):
                continue
            long = (s for s in ctx.docs[block.index].sents if sentence_words(s) > limit)
            for sent in (piece for s in long for piece in _after_quotes(s)):
                n = sentence_words(sent)
                if n <= limit:
                    continue
                text = sent.text.strip()
                start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                yield self.finding(
                    block, start, start + len(text), f"this sentence has {n} words (limit {limit})",
                    severity="warning" if n >= very_long else "info",
                    suggestion="Split it into sentences of one idea each, and say who did what.")


class ReadingEase(Rule):
    info = RuleInfo(
        code="CPD402", name="hard-to-read", category="readability", severity="warning",
        summary="The whole document scores below the configured Flesch reading ease (default 50).",
        why="A report a parent cannot read is a report a parent cannot challenge or act on.",
        standard=STANDARD,
        bad="A report of long sentences full of long professional words.",
        good="Short sentences, everyday words, one idea a sentence.",
    )

    def check(self, ctx):
        m = ctx.metrics
        if m.words >= 150 and m.flesch_reading_ease < ctx.config.min_reading_ease:
            yield self.finding(
                None, 0, 0, f"the document is hard to read: reading ease {m.flesch_reading_ease:.0f} "
                f"(target {ctx.config.min_reading_ease:.0f} or more), grade {m.flesch_kincaid_grade:.1f}",
                text="reading ease", suggestion="Use shorter sentences and everyday words.")
