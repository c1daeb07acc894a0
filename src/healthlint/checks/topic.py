"""HL210–HL212: the article's topic (its `keyword`) in the result title, the intro and the headings."""

from __future__ import annotations

import re

from healthlint.checks.page import PAGE_TAGS, readable, rendered, title_span
from healthlint.diagnostic import Severity, Span, Violation
from healthlint.i18n import Messages
from healthlint.ruleset.rule import rule
from healthlint.site.profile import first_paragraph

MESSAGES = Messages(
    {
        "topic-not-in-title": {
            "en": 'The result page title "{title}" does not name the topic "{topic}". Put the topic in the title.',
            "da": 'Titlen i søgeresultatet, "{title}", nævner ikke emnet "{topic}". Sæt emnet ind i titlen.',
        },
        "topic-not-in-intro": {
            "en": 'The first paragraph does not name the topic "{topic}". Name it in the opening sentence.',
            "da": 'Første afsnit nævner ikke emnet "{topic}". Nævn det i den første sætning.',
        },
        "topic-not-in-headings": {
            "en": 'None of the {count} `##` headings names the topic "{topic}". Name it in at least one.',
            "da": 'Ingen `##`-overskrift nævner emnet "{topic}" ({count:|overskrift|overskrifter} i alt). '
            "Nævn det i mindst én.",
        },
    },
    __name__,
)
say = MESSAGES.say


_WORD = re.compile(r"[a-zæøåéüöäA-ZÆØÅÉÜÖÄ0-9]+(?:[-’'][a-zæøåéüöäA-ZÆØÅÉÜÖÄ0-9]+)*")
_STOPWORDS = frozenset(
    "i og på af til for med om en et den det de ved hvad er at som fra der eller hvordan hvorfor hvornår "
    "hvilke hvilken kan man du jeg din dit dine mod uden efter".split()
)
_SUFFIXES = ("ernes", "erne", "enes", "ene", "ens", "ets", "en", "et", "er", "ne", "es", "e", "s", "r")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def topic_words(topic: str) -> list[str]:
    words = [part for w in _WORD.findall(topic) for part in w.lower().split("-") if part]
    significant = [w for w in words if w not in _STOPWORDS]
    return [_stem(w) for w in (significant or words)]


def mentions(text: str, topic: str) -> bool:
    """Whether the significant words of the topic appear in the text, allowing inflection
    (lænd/lænden/lændesmerte), case, compounds ("menisk skade" in "meniskskaden", "meniskskade"
    in "skade på menisken") and hyphens ("pull-ups" in "pull ups")."""
    stems = topic_words(topic)
    if not stems:
        return True
    words = {w.lower() for w in _WORD.findall(text)}
    words |= {part for w in words if "-" in w for part in w.split("-") if part}
    word_stems = {_stem(w) for w in words}

    def present(stem: str) -> bool:
        if stem in word_stems:
            return True
        if len(stem) < 4:
            return False
        # inside a compound: "skad" in "meniskskade", "lænd" at the start of "lændesmerter"
        return any(stem in w for w in words)

    found = [present(stem) for stem in stems]
    if all(found):
        return True
    # A compound topic written apart in the text, or the other way round.
    if len(stems) > 1:
        compact = "".join(w.lower() for w in _WORD.findall(text)).replace("-", "")
        if "".join(stems) in compact:
            return True
    if len(stems) == 1 and len(stems[0]) >= 8:
        return _split_compound_present(stems[0], words)
    return False


def _split_compound_present(stem: str, words: set[str]) -> bool:
    """A one-word compound topic ("meniskskad") whose parts the text names ("skade på menisken")."""
    for cut in range(4, len(stem) - 2):
        head, tail = stem[:cut], stem[cut:]
        tail = tail[1:] if tail[:1] in "se" and len(tail) > 4 and not any(w.startswith(tail) for w in words) else tail
        if any(w.startswith(head) for w in words) and any(tail in w for w in words if not w.startswith(stem)):
            return True
    return False


def _topic(doc, ctx) -> tuple[str, Span] | None:
    """The article's topic: only a key the writer sets for it (`keyword` by default)."""
    fields = doc.frontmatter.fields
    for key in ctx.options.get("keys", TOPIC_KEYS):
        entry = fields.get(key)
        if entry is not None and isinstance(entry.value, str) and entry.value.strip() and entry.value_span:
            return entry.value, entry.value_span
    return None


TOPIC_KEYS = ("keyword",)


@rule(
    "HL210", "topic-not-in-title", Severity.WARNING, tags=PAGE_TAGS, options={"keys": list(TOPIC_KEYS)},
    summary_da="Titlen i søgeresultatet nævner ikke artiklens emne (`keyword`).",
)
def topic_not_in_title(doc, ctx):
    """
    The result page title does not name the article's topic (`keyword`).

    **Why this matters**: readers scan the result page for the words they searched; a title
    without the topic looks like the wrong answer, and ranks worse for it.

    **Topic**: the `keyword` key (option `keys` names others); without one the rule says
    nothing, because a `title` is often a headline or "X anatomi", not the words the page
    should be found by. Inflections, compounds and hyphens count: "menisk skade" is named by
    "meniskskaden".

    **Example**: `title: "Hekseskud i lænden"`, `metaTitle: "Sådan får du ryggen tilbage"`.

    **Instead**: `metaTitle: "Hekseskud i lænden → symptomer og behandling"`.

    **Fix safety**: no automatic fix.
    """
    topic = _topic(doc, ctx) if readable(doc) else None
    page = rendered(doc, ctx)
    if topic and page.title and not mentions(page.title, topic[0]):
        yield Violation(title_span(doc, page), say(ctx.lang, "topic-not-in-title", title=page.title, topic=topic[0]))


@rule(
    "HL211", "topic-not-in-intro", Severity.WARNING, tags=PAGE_TAGS, options={"keys": list(TOPIC_KEYS)},
    summary_da="Første afsnit nævner ikke artiklens emne.",
)
def topic_not_in_intro(doc, ctx):
    """
    The first paragraph does not name the article's topic.

    **Why this matters**: the opening tells the reader they are in the right place, and search
    engines often take the snippet from it.

    **Topic**: the `keyword` key (option `keys` names others); without one the rule says
    nothing, because a `title` is often a headline or "X anatomi", not the words the page
    should be found by. Inflections, compounds and hyphens count: "menisk skade" is named by
    "meniskskaden".

    **Example**: `keyword: "frossen skulder"` and a first paragraph that speaks only of "armen"
    and "jakken".

    **Instead**: name the topic in the first sentence: "Hekseskud i lænden er en pludselig …".

    **Fix safety**: no automatic fix.
    """
    topic = _topic(doc, ctx) if readable(doc) else None
    first = first_paragraph(doc)
    if topic and first is not None and not mentions(first.content, topic[0]):
        yield Violation(doc.line_span(first.start_line), say(ctx.lang, "topic-not-in-intro", topic=topic[0]))


@rule(
    "HL212", "topic-not-in-headings", Severity.WARNING, tags=PAGE_TAGS, options={"keys": list(TOPIC_KEYS)},
    summary_da="Ingen `##`-overskrift nævner artiklens emne.",
)
def topic_not_in_headings(doc, ctx):
    """
    No `##` heading names the article's topic.

    **Why this matters**: headings are what readers skim and what search engines read as the
    article's outline; at least one should carry the topic.

    **Topic**: the `keyword` key (option `keys` names others); without one the rule says
    nothing, because a `title` is often a headline or "X anatomi", not the words the page
    should be found by. Inflections, compounds and hyphens count: "menisk skade" is named by
    "meniskskaden".

    **Example**: `keyword: "tennisalbue"` and the sections "## Symptomer", "## Behandling".

    **Instead**: "## Hvad er hekseskud i lænden?".

    **Fix safety**: no automatic fix.
    """
    topic = _topic(doc, ctx) if readable(doc) else None
    sections = [h for h in doc.headings if h.level == 2]
    if topic and sections and not any(mentions(h.text, topic[0]) for h in sections):
        yield Violation(sections[0].span, say(ctx.lang, "topic-not-in-headings", count=len(sections), topic=topic[0]))


RULES = (topic_not_in_title, topic_not_in_intro, topic_not_in_headings,)
