"""HL6xx: readable Danish — LIX for the article and its hot spots, long sentences, paragraphs and words."""

from __future__ import annotations

from healthlint.diagnostic import Severity, Span, Violation
from healthlint.i18n import Messages
from healthlint.ruleset.rule import rule

TAGS = ("language", "readability")

MESSAGES = Messages(
    {
        "lix-too-high": {
            "en": "The article's LIX is {lix} ({band}), above {limit}, the target for patient texts: {words} words "
            "in {sentences} sentences ({per_sentence:.0f} words per sentence), {long:.0f} % long words. "
            "Shorten sentences and choose shorter words, starting with the hot spots.",
            "da": "Artiklens LIX er {lix} ({band}), over {limit}, som er målet for patienttekster: {words} ord "
            "i {sentences:|sætning|sætninger} ({per_sentence:.0f} ord pr. sætning), {long:.0f} % lange ord. "
            "Gør sætningerne kortere, og vælg kortere ord; begynd med de tungeste afsnit.",
        },
        "lix-hot-spot": {
            "en": "This paragraph has LIX {lix} ({band}): {words} words in {sentences:|sentence|sentences}, "
            "{long:.0f} % long words. Split its sentences and use shorter words (hot spot limit {limit}).",
            "da": "Dette afsnit har LIX {lix} ({band}): {words} ord i {sentences:|sætning|sætninger}, "
            "{long:.0f} % lange ord. Del sætningerne op, og brug kortere ord (grænsen for tunge afsnit er {limit}).",
        },
        "hot-spot-words": {
            "en": "This paragraph is much harder than the rest of the article (LIX {lix} against {article}): "
            "{long:.0f} % of its words are long, such as {examples}. Say them in shorter, everyday words.",
            "da": "Dette afsnit er meget sværere end resten af artiklen (LIX {lix} mod {article}): "
            "{long:.0f} % af ordene er lange, fx {examples}. Sig det med kortere hverdagsord.",
        },
        "hot-spot-sentences": {
            "en": "This paragraph is much harder than the rest of the article (LIX {lix} against {article}): "
            "{per_sentence:.0f} words per sentence against the article's {article_per_sentence:.0f}. Split its sentences.",
            "da": "Dette afsnit er meget sværere end resten af artiklen (LIX {lix} mod {article}): "
            "{per_sentence:.0f} ord pr. sætning mod artiklens {article_per_sentence:.0f}. Del sætningerne op.",
        },
        "long-word-count": {
            "en": '"{word}" has {letters} letters and appears {count:|time|times} in the article; consider saying it '
            "in more, shorter words.",
            "da": '"{word}" har {letters} bogstaver og står {count:|gang|gange} i artiklen; overvej at sige det med '
            "flere, kortere ord.",
        },
        "missing-space": {
            "en": 'A full stop with no space after it ("{written}") joins two sentences into one. Add a space after the full stop.',
            "da": 'Et punktum uden mellemrum efter ("{written}") lægger to sætninger sammen til én. Sæt et mellemrum efter punktummet.',
        },
        "long-sentence": {
            "en": 'This sentence has {count} words ("{opening}"); more than {limit} is hard to follow. Split it.',
            "da": 'Denne sætning har {count} ord ("{opening}"); mere end {limit} ord er svært at følge. Del den op.',
        },
        "long-paragraph": {
            "en": "This paragraph has {count} words; over {limit} is a wall of text on a phone. Split it where the topic changes.",
            "da": "Dette afsnit har {count} ord; over {limit} ord bliver en mur af tekst på en mobil. Del det op, hvor emnet skifter.",
        },
        "long-word": {
            "en": '"{word}" has {letters} letters; consider saying it in more, shorter words.',
            "da": '"{word}" har {letters} bogstaver; overvej at sige det med flere, kortere ord.',
        },
    },
    __name__,
)
say = MESSAGES.say


def _lix():
    # The language package is imported only when a readability rule runs.
    from healthlint.language import readability

    return readability


def _article_span(doc) -> Span:
    title = doc.frontmatter.fields.get("title") if doc.frontmatter.error is None else None
    if title is not None and title.value_span is not None:
        return title.value_span
    from healthlint.language.tokenize import prose_units

    units = prose_units(doc)
    return units[0].span if units else Span(1, 1, 1, 2)


def metrics(doc) -> dict:
    """LIX figures for the JSON report: the article, and each section."""
    from collections import Counter

    from healthlint.language.tokenize import words

    readability = _lix()
    lix = readability.article_lix(doc)
    value = lix.value
    long_words = Counter(word.text.lower() for word in words(doc) if word.letters > 12)
    return {
        "lix": None if value is None else round(value, 1),
        "lix_band": None if value is None else readability.band(value),
        "words": lix.words,
        "sentences": lix.sentences,
        "long_words": lix.long_words,
        "sections": [
            {
                "line": section.span.line,
                "heading": section.heading.text if section.heading else None,
                "lix": None if section.lix.value is None else round(section.lix.value, 1),
                "words": section.lix.words,
            }
            for section in readability.section_lix(doc)
        ],
        # The long words the article leans on most (over 12 letters, at least twice).
        "frequent_long_words": [[word, count] for word, count in sorted(long_words.items(), key=lambda item: (-item[1], item[0])) if count > 1][:5],
    }


def _format(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@rule(
    "HL601", "lix-too-high", Severity.WARNING, tags=TAGS, metrics=metrics, options={"max-lix": 45.0, "min-words": 100},
    summary_da="Artiklens LIX ligger over målet for patienttekster (som standard 45).",
)
def lix_too_high(doc, ctx):
    """
    The article's LIX is above the target for patient texts (default 45).

    **Why this matters**: LIX is the Danish standard measure of how hard a text is to read:
    words per sentence plus the share of long words (more than six letters). Patients read
    health articles while worried or in pain; above 45 ("svær") many readers give up or
    misread advice. Bands: under 25 meget let, 25–34 let, 35–44 middel, 45–54 svær, 55+ meget svær.

    **Example**: an article with 22 words per sentence and 30 % long words has LIX 52.

    **Instead**: split long sentences, and prefer short everyday words ("ondt" for
    "smerteproblematik"). The hot spots (HL602) show where to start.

    **Fix safety**: no automatic fix.
    """
    readability = _lix()
    lix = readability.article_lix(doc)
    value = lix.value
    limit = float(ctx.options["max-lix"])
    if value is None or lix.words < ctx.options["min-words"] or value <= limit:
        return
    message = say(
        ctx.lang,
        "lix-too-high",
        lix=_format(value),
        band=readability.band(value),
        limit=_format(limit),
        words=lix.words,
        sentences=lix.sentences,
        per_sentence=lix.words / lix.sentences,
        long=100 * lix.long_words / lix.words,
    )
    yield Violation(_article_span(doc), message)


@rule(
    "HL602", "lix-hot-spot", Severity.WARNING, tags=TAGS, metrics=metrics,
    options={
        "above-article": 20.0, "min-lix": 65.0, "dense-article": 55.0, "min-sentences": 3, "min-words": 30,
        "max-per-article": 3, "max-sentence-words": 25,
    },
    summary_da="Et afsnit er klart sværere at læse end artiklen omkring det (LIX mindst 65 og 20 over resten af artiklen).",
)
def lix_hot_spot(doc, ctx):
    """
    A paragraph is clearly harder to read than the article around it (LIX at least 65, and 20 above the rest of the article).

    **Why this matters**: one dense paragraph in a plain article is where readers stop; it is
    also the quickest place to lower the whole article's LIX. A paragraph as dense as the rest
    of a dense article is not a spot: that is the article's LIX (HL601).

    **Example**: a plain article (LIX 36) with one paragraph of clinical terms (LIX 78).

    **Instead**: the message names what makes it hard, measured: long words (and which), or
    long sentences. A paragraph (not a list item) counts with at least 3 sentences or 30
    words, at LIX 65 or more and 20 above the rest of its article (measured on the labelled
    site: real hot spots stand 35 or more above it, at LIX 70 and up; paragraphs 10–25 above,
    in the 50s and low 60s, are ordinary variation). In an article whose rest is itself LIX 55
    or more the whole text is dense: that is HL601's finding, not a spot's. At most the 3
    worst per article are reported; a paragraph whose only problem is its one long sentence
    is left to HL603.

    **Fix safety**: no automatic fix.
    """
    readability = _lix()
    article = readability.article_lix(doc)
    if article.value is None:
        return
    options = ctx.options
    found = []
    for item in readability.unit_lix(doc, kinds=("paragraph",)):
        lix = item.lix
        value = lix.value
        rest = readability.Lix(article.words - lix.words, article.sentences - lix.sentences, article.long_words - lix.long_words)
        if value is None or rest.value is None or value < options["min-lix"] or value < rest.value + options["above-article"]:
            continue
        if rest.value >= options["dense-article"]:
            continue  # the whole article is dense: HL601 says so
        if lix.sentences < options["min-sentences"] and lix.words < options["min-words"]:
            continue
        per_sentence = lix.words / lix.sentences
        long_share = 100 * lix.long_words / lix.words
        sentences = [sentence for sentence in item.unit.sentences if sentence.words]
        long_sentences = [sentence for sentence in sentences if len(sentence.words) > options["max-sentence-words"]]
        # The cause: what differs more from the rest of the article, long words or long sentences.
        by_words = long_share - 100 * rest.long_words / rest.words >= per_sentence - rest.words / rest.sentences
        if not by_words and len(long_sentences) == 1:
            continue  # its one long sentence is the problem, and HL603 names it
        if by_words:
            examples = _longest_words(item.unit, 3)
            message = say(ctx.lang, "hot-spot-words", lix=_format(value), article=_format(rest.value), long=long_share, examples=examples)
        else:
            message = say(
                ctx.lang, "hot-spot-sentences", lix=_format(value), article=_format(rest.value),
                per_sentence=per_sentence, article_per_sentence=rest.words / rest.sentences,
            )
        span = Span(item.unit.span.line, item.unit.span.column, item.unit.span.line, len(doc.line_text(item.unit.span.line)) + 1)
        found.append((value - rest.value, span, message))
    worst = sorted(found, key=lambda entry: -entry[0])[: options["max-per-article"]]
    for _, span, message in sorted(worst, key=lambda entry: (entry[1].line, entry[1].column)):
        yield Violation(span, message)


def _longest_words(unit, count: int) -> str:
    seen: dict[str, None] = {}
    for word in sorted(unit.words, key=lambda w: -w.letters):
        if word.letters > 6 and word.text.lower() not in seen:
            seen[word.text.lower()] = None
            if len(seen) == count:
                break
    return ", ".join(f'"{word}"' for word in seen)


@rule(
    "HL603", "long-sentence", Severity.WARNING, tags=TAGS, metrics=metrics, options={"max-words": 25},
    summary_da="En sætning har mere end 25 ord.",
)
def long_sentence(doc, ctx):
    """
    A sentence has more than 25 words.

    **Why this matters**: long sentences are the biggest part of LIX and the commonest reason
    readers lose the thread, especially in advice about when to act.

    **Example**: a 38-word sentence joining three pieces of advice with "og" and commas.

    **Instead**: one piece of advice per sentence.

    **Fix safety**: no automatic fix.
    """
    from healthlint.language.tokenize import prose_units

    limit = ctx.options["max-words"]
    for unit in prose_units(doc):
        for text, span, count in _reader_sentences(unit.sentences):
            if count > limit:
                opening = text if len(text) <= 40 else text[:40].rsplit(" ", 1)[0] + " …"
                yield Violation(span, say(ctx.lang, "long-sentence", count=count, opening=opening, limit=limit))


def _reader_sentences(sentences):
    """Sentences as a reader takes them: a colon followed by a lowercase word does not end one
    ("Typiske tegn er: smerter …"), though LIX counts it as an end by its convention."""
    text = span = None
    count = 0
    for sentence in sentences:
        if text is not None and text.endswith(":") and sentence.text[:1].islower():
            text = f"{text} {sentence.text}"
            span = Span(span.line, span.column, sentence.span.end_line, sentence.span.end_column)
            count += len(sentence.words)
            continue
        if text is not None:
            yield text, span, count
        text, span, count = sentence.text, sentence.span, len(sentence.words)
    if text is not None:
        yield text, span, count


@rule(
    "HL604", "long-paragraph", Severity.WARNING, tags=TAGS, metrics=metrics, options={"max-words": 120},
    summary_da="Et afsnit har mere end 120 ord.",
)
def long_paragraph(doc, ctx):
    """
    A paragraph has more than 120 words.

    **Why this matters**: on a phone a paragraph of 120 words fills the screen; readers skim
    past it and miss the advice in the middle.

    **Example**: a 160-word paragraph on the causes of neck pain, with no break.

    **Instead**: split it where the topic changes, or turn steps into a list.

    **Fix safety**: no automatic fix.
    """
    from healthlint.language.tokenize import prose_units

    limit = ctx.options["max-words"]
    for unit in prose_units(doc):
        count = len(unit.words)
        if unit.kind == "paragraph" and count > limit:
            yield Violation(
                Span(unit.span.line, unit.span.column, unit.span.line, len(doc.line_text(unit.span.line)) + 1),
                say(ctx.lang, "long-paragraph", count=count, limit=limit),
            )


@rule(
    "HL605", "long-word", Severity.INFO, tags=TAGS, metrics=metrics, options={"max-letters": 25, "accept": []},
    summary_da="Et ord har mere end 25 bogstaver (én gang pr. ord og artikel).",
)
def long_word(doc, ctx):
    """
    A word has more than 25 letters (once per word and article, with its count).

    **Why this matters**: Danish joins words into compounds; very long ones
    (`genoptræningsforløbsplanlægning`) are hard to read, especially on a phone. Compounds of
    21–25 letters (`behandlingsmuligheder`, `overbelastningsskader`) are ordinary Danish, and a
    word a hyphen already splits (`knæ-til-bryst-øvelsen`) reads in parts: neither is reported.

    **Example**: "fysioterapeutbehandlingsforløbet" (32 letters), used three times in one article.

    **Instead**: split the idea: "planen for genoptræningen". The article's own topic (a
    word of its `title` or `keyword`) is not reported on its page, nor are the words of the
    option `accept` (the site's accepted terms, any inflection: `accept = ["sundhedsforsikring"]`).

    **Fix safety**: no automatic fix.
    """
    from healthlint.language.tokenize import words

    limit = ctx.options["max-letters"]
    accepted = [term.lower() for term in ctx.options["accept"]] + _topic_words(doc)
    first: dict[str, object] = {}
    counts: dict[str, int] = {}
    for word in words(doc):
        if word.letters <= limit or "-" in word.text:
            continue
        key = word.text.lower()
        if key not in counts:
            if any(key.startswith(term) for term in accepted if len(term) > 6):
                continue
            first[key] = word
        counts[key] = counts.get(key, 0) + 1
    for key, word in first.items():
        yield Violation(word.span, say(ctx.lang, "long-word-count", word=word.text, letters=word.letters, count=counts[key]))


def _topic_words(doc) -> list[str]:
    """The long words of the article's `title` and `keyword`: its own topic."""
    if doc.frontmatter.error is not None:
        return []
    from healthlint.language.tokenize import WORD_RE

    found = []
    for key in ("title", "keyword"):
        entry = doc.frontmatter.fields.get(key)
        if entry is not None and isinstance(entry.value, str):
            found += [match.group().lower() for match in WORD_RE.finditer(entry.value) if len(match.group()) > 12]
    return found


@rule(
    "HL606", "missing-space-after-full-stop", Severity.WARNING, tags=("language", "typo"), metrics=metrics, fixable=True,
    summary_da="Et punktum står uden mellemrum før næste sætning (`skulderhøjde.Gå`).",
)
def missing_space_after_full_stop(doc, ctx):
    """
    A full stop has no space before the next sentence (`skulderhøjde.Gå langsomt ned`).

    **Why this matters**: the two sentences read as one, the page shows a typo, and screen
    readers run them together.

    **Example**: `Løft armene til skulderhøjde.Gå langsomt ned igen.`

    **Instead**: `Løft armene til skulderhøjde. Gå langsomt ned igen.` Abbreviations
    (`f.eks.`), domains (`sundhed.dk`) and numbers (`2.5`) are not reported: only a lowercase
    word, a full stop and a capitalised word.

    **Fix safety**: safe: the fix inserts one space after the full stop.
    """
    from healthlint.diagnostic import Edit, Fix
    from healthlint.language.tokenize import prose_units

    # The tokenizer decides where such a sentence ends (language.tokenize._glued); here the
    # two sentences it made stand side by side with nothing between them.
    for unit in prose_units(doc):
        for first, second in zip(unit.sentences, unit.sentences[1:]):
            end = first.span
            if not (first.words and second.words and first.text.endswith(".")):
                continue
            if second.span.line != end.end_line or second.span.column != end.end_column:
                continue
            written = f"{first.words[-1].text}.{second.words[0].text}"
            at = Span(end.end_line, end.end_column - 1, end.end_line, end.end_column)
            where = Span(second.span.line, second.span.column, second.span.line, second.span.column)
            fix = Fix((Edit(where, " "),), safe=True, description="add a space after the full stop")
            yield Violation(at, say(ctx.lang, "missing-space", written=written), fix)


RULES = (lix_too_high, lix_hot_spot, long_sentence, long_paragraph, long_word, missing_space_after_full_stop)
