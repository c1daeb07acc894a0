"""HL6xx: readable Danish — LIX for the article and its hot spots, long sentences, paragraphs and words."""

from __future__ import annotations

from healthlint.diagnostic import Severity, Span, Violation
from healthlint.i18n import Messages
from healthlint.rule import rule

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


def _format(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@rule(
    "HL601", "lix-too-high", Severity.WARNING, tags=TAGS, options={"max-lix": 45.0, "min-words": 100},
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
    "HL602", "lix-hot-spot", Severity.WARNING, tags=TAGS, options={"max-lix": 55.0, "min-words": 30},
    summary_da="Et afsnit er langt sværere at læse, end en patienttekst bør være (LIX over 55, mindst 30 ord).",
)
def lix_hot_spot(doc, ctx):
    """
    A paragraph is far harder to read than a patient text should be (LIX above 55, at least 30 words).

    **Why this matters**: one dense paragraph is where readers stop; it is also the quickest
    place to lower the whole article's LIX.

    **Instead**: split its sentences and replace long words.

    **Fix safety**: no automatic fix.
    """
    readability = _lix()
    limit = float(ctx.options["max-lix"])
    for item in readability.unit_lix(doc):
        value = item.lix.value
        if value is not None and item.lix.words >= ctx.options["min-words"] and value > limit:
            message = say(
                ctx.lang,
                "lix-hot-spot",
                lix=_format(value),
                band=readability.band(value),
                words=item.lix.words,
                sentences=item.lix.sentences,
                long=100 * item.lix.long_words / item.lix.words,
                limit=_format(limit),
            )
            yield Violation(
                Span(item.unit.span.line, item.unit.span.column, item.unit.span.line, len(doc.line_text(item.unit.span.line)) + 1),
                message,
            )


@rule(
    "HL603", "long-sentence", Severity.WARNING, tags=TAGS, options={"max-words": 25},
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
    from healthlint.language.tokenize import sentences

    limit = ctx.options["max-words"]
    for sentence in sentences(doc):
        if len(sentence.words) > limit:
            opening = sentence.text if len(sentence.text) <= 40 else sentence.text[:40].rsplit(" ", 1)[0] + " …"
            message = say(ctx.lang, "long-sentence", count=len(sentence.words), opening=opening, limit=limit)
            yield Violation(sentence.span, message)


@rule(
    "HL604", "long-paragraph", Severity.WARNING, tags=TAGS, options={"max-words": 120},
    summary_da="Et afsnit har mere end 120 ord.",
)
def long_paragraph(doc, ctx):
    """
    A paragraph has more than 120 words.

    **Why this matters**: on a phone a paragraph of 120 words fills the screen; readers skim
    past it and miss the advice in the middle.

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
    "HL605", "long-word", Severity.INFO, tags=TAGS, options={"max-letters": 20},
    summary_da="Et ord har mere end 20 bogstaver.",
)
def long_word(doc, ctx):
    """
    A word has more than 20 letters.

    **Why this matters**: Danish joins words into compounds; very long ones
    (`genoptræningsforløbsplanlægning`) are hard to read, especially on a phone.

    **Instead**: split the idea: "planen for genoptræningen".

    **Fix safety**: no automatic fix.
    """
    from healthlint.language.tokenize import words

    limit = ctx.options["max-letters"]
    for word in words(doc):
        if word.letters > limit:
            yield Violation(word.span, say(ctx.lang, "long-word", word=word.text, letters=word.letters))


def metrics(doc) -> dict:
    """LIX figures for the JSON report: the article, and each section."""
    readability = _lix()
    lix = readability.article_lix(doc)
    value = lix.value
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
    }


RULES = (lix_too_high, lix_hot_spot, long_sentence, long_paragraph, long_word)
