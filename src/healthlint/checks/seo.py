"""HL2xx: what the search result will show — rendered titles and descriptions, topic, site-wide duplicates and links.

Every rule checks the values the site renders through its profile (`[tool.healthlint.site]`),
not the raw frontmatter, and its message says what the result page will show.
"""

from __future__ import annotations

import re
from collections import defaultdict
from posixpath import dirname, join, normpath
from urllib.parse import unquote

from healthlint.diagnostic import Severity, Span, Violation
from healthlint.i18n import Messages
from healthlint.profile import Profile, Rendered, first_paragraph, render, title_from_slug
from healthlint.rule import rule, site_rule
from healthlint.site_index import normalised

TAGS = ("seo",)  # about the body: runs on fragments and unlisted pages too
PAGE_TAGS = ("seo", "page", "result-page")  # about the search result
SITE_TAGS = ("seo", "site")
SITE_PAGE_TAGS = ("seo", "site", "page")  # read from the frontmatter: not on fragments

MESSAGES = Messages(
    {
        "title-too-long": {
            "en": 'The result page title "{title}" is {length} characters, {px:.0f} px; '
            "titles over {limit} characters are often cut. Shorten it and keep the topic first.",
            "da": 'Titlen i søgeresultatet, "{title}", er {length} tegn og {px:.0f} px; '
            "titler over {limit} tegn bliver ofte klippet. Forkort den, og sæt emnet først.",
        },
        "title-too-wide": {
            "en": "The result page title is {px:.0f} px wide ({length} characters); the result page "
            'shows about {limit} px, so it will read "{shown}". Shorten it.',
            "da": "Titlen i søgeresultatet er {px:.0f} px bred ({length} tegn); søgeresultatet "
            'viser omkring {limit} px, så der kommer til at stå "{shown}". Forkort den.',
        },
        "title-too-short": {
            "en": 'The result page title "{title}" is only {length} characters, {px:.0f} px: it uses a '
            "small part of the line the result page gives, room that could tell the reader what the "
            "article answers. Add it, for example symptoms, causes or treatment.",
            "da": 'Titlen i søgeresultatet, "{title}", er kun {length} tegn og {px:.0f} px: den bruger en '
            "lille del af den linje, søgeresultatet giver, plads der kunne fortælle læseren, hvad artiklen "
            "svarer på. Tilføj det, for eksempel symptomer, årsager eller behandling.",
        },
        "meta-title-missing": {
            "en": 'There is no `metaTitle`, so the result page shows the fallback "{title}" '
            "({length} characters, {px:.0f} px). Add a `metaTitle` if that does not fit the article.",
            "da": 'Der er ingen `metaTitle`, så søgeresultatet viser reservetitlen "{title}" '
            "({length} tegn, {px:.0f} px). Tilføj en `metaTitle`, hvis den ikke passer til artiklen.",
        },
        "or": {"en": " or ", "da": " eller "},
        "description-missing": {
            "en": "There is no {keys}, so the page has no meta description and the search engine writes its own "
            "snippet. Add one of 120–156 characters that says what the reader gets.",
            "da": "Der er ingen {keys}, så siden har ingen metabeskrivelse, og søgemaskinen skriver sit eget "
            "uddrag. Tilføj en på 120–156 tegn, der fortæller, hvad læseren får.",
        },
        "description-too-long": {
            "en": "The meta description is {length} characters; the result page shows about {high}, so it ends "
            '"…{end}". Shorten it to {low}–{high} characters.',
            "da": "Metabeskrivelsen er {length} tegn; søgeresultatet viser omkring {high}, så den slutter "
            '"…{end}". Forkort den til {low}–{high} tegn.',
        },
        "description-too-short": {
            "en": "The meta description is only {length} characters; {low}–{high} characters use the room the result "
            "page gives. Say more about what the reader gets.",
            "da": "Metabeskrivelsen er kun {length} tegn; {low}–{high} tegn udnytter den plads, søgeresultatet "
            "giver. Fortæl mere om, hvad læseren får.",
        },
        "description-preview": {
            "en": 'The result page description is cut from this paragraph: "{description}" ({length} characters).',
            "da": 'Beskrivelsen i søgeresultatet bliver klippet ud af dette afsnit: "{description}" ({length} tegn).',
        },
        "template-note": {
            "en": "Page kind `{kind}`: every meta description is the site's fixed template "
            '"{template}" ({span} characters here, {verdict} the 120–156 the result page '
            "shows well). Writers cannot change it; only the site's template can.",
            "da": "Sidetypen `{kind}`: alle metabeskrivelser er sitets faste skabelon "
            '"{template}" ({span} tegn her, {verdict} de 120–156 tegn, som søgeresultatet '
            "viser godt). Skribenterne kan ikke ændre den; det kan kun sitets skabelon.",
        },
        "within": {"en": "within", "da": "inden for"},
        "outside": {"en": "outside", "da": "uden for"},
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
        "image-missing-alt": {
            "en": "The image `{href}` has no alt text. Describe what it shows in the brackets: `![…]({href})`.",
            "da": "Billedet `{href}` har ingen alt-tekst. Beskriv, hvad det viser, i de firkantede parenteser: `![…]({href})`.",
        },
        "and-more": {"en": "{names} and {count} more", "da": "{names} og {count} andre"},
        "duplicate-page-title": {
            "en": 'The result page title "{value}" is also the title of {others}. Make each title distinct.',
            "da": 'Titlen i søgeresultatet, "{value}", er også titlen på {others}. Giv hver side sin egen titel.',
        },
        "duplicate-title": {
            "en": 'The title "{value}" is also used by {others}. Make each title distinct.',
            "da": 'Titlen "{value}" bruges også af {others}. Giv hver artikel sin egen titel.',
        },
        "duplicate-description": {
            "en": "This meta description is also used by {others}. Write one for this article.",
            "da": "Denne metabeskrivelse bruges også af {others}. Skriv en, der passer til netop denne artikel.",
        },
        "related-no-folder": {
            "en": "`related` names type `{type}`, but the site has no folder `{type}/`; the link leads nowhere.",
            "da": "`related` nævner typen `{type}`, men sitet har ingen mappe `{type}/`; linket fører ingen steder hen.",
        },
        "related-dropped": {
            "en": "This `related` entry has no `{missing}`, so the site leaves it out of the related-articles box. Add its `{missing}`, or remove the entry.",
            "da": "Dette punkt under `related` har ingen `{missing}`, så sitet udelader det fra boksen med relaterede artikler. Tilføj `{missing}`, eller fjern punktet.",
        },
        "related-no-article": {
            "en": "`related` points at `{type}/{slug}`, but the site has no such article; the link leads to an error page.",
            "da": "`related` peger på `{type}/{slug}`, men sitet har ingen sådan artikel; linket fører til en fejlside.",
        },
        "related-title": {
            "en": '`related` calls `{type}/{slug}` "{title}", but that article is "{target}": the label names something else, '
            "so readers who click it get another article than promised. Use a label that names the target.",
            "da": '`related` kalder `{type}/{slug}` "{title}", men artiklen hedder "{target}": teksten nævner noget andet, '
            "så læseren får en anden artikel end lovet. Brug en tekst, der nævner målet.",
        },
        "link-no-file": {
            "en": "The link `{link}` points at `{target}`, which is not a file of the site.",
            "da": "Linket `{link}` peger på `{target}`, som ikke er en fil på sitet.",
        },
        "link-no-article": {
            "en": "The link `{link}` matches no article of the site; the reader will land on an error page.",
            "da": "Linket `{link}` passer ikke til nogen artikel på sitet; læseren lander på en fejlside.",
        },
    },
    __name__,
)
say = MESSAGES.say


def rendered(doc, ctx) -> Rendered:
    cached = getattr(doc, "_rendered", None)
    if cached is None:
        cached = render(doc, ctx.profile or Profile())
        doc._rendered = cached
    return cached


def width(text: str) -> float:
    from healthlint.seo.widths import text_width

    return text_width(text)


def shown_title(text: str, max_px: float) -> str:
    from healthlint.seo.widths import truncate

    return truncate(text, max_px)


def _title_span(doc, page: Rendered) -> Span:
    if page.title_span is not None:
        return page.title_span
    return _add_here(doc)


def _add_here(doc) -> Span:
    """Where a missing key can be added: the closing `---`, or line 1 without frontmatter."""
    fm = doc.frontmatter
    if fm.present and fm.end_line:
        return Span(fm.end_line, 1, fm.end_line, 4)
    return Span(1, 1, 1, 2)


def _readable(doc) -> bool:
    return doc.frontmatter.present and doc.frontmatter.error is None


# -- titles -----------------------------------------------------------------------------


@rule(
    "HL201", "meta-title-too-long", Severity.INFO, tags=PAGE_TAGS, options={"max-chars": 60},
    summary_da="Sidetitlen, som søgeresultatet viser, er længere end 60 tegn (til orientering; søgeresultatet klipper efter pixels).",
    why_off={
        "en": "result pages cut titles by pixel width, not by characters, and HL202 reports the titles that will be cut; "
        "on a real site 17 of 20 titles over 60 characters fitted. Turn it on if your own template cuts by characters.",
        "da": "søgeresultater klipper titler efter bredde i pixels, ikke efter tegn, og HL202 melder de titler, der bliver klippet; "
        "på et rigtigt site passede 17 af 20 titler over 60 tegn. Slå den til, hvis jeres egen skabelon klipper efter tegn.",
    },
)
def meta_title_too_long(doc, ctx):
    """
    The page title the result page shows is longer than 60 characters (for information).

    **Why this matters**: some templates and tools cut titles by characters. Google cuts by
    pixel width (HL202 `meta-title-too-wide`): a title of narrow letters may pass 60
    characters and still fit, so this rule is off by default and, when on, only informs.

    **Example**: `metaTitle: "Hekseskud i lænden: symptomer, årsager, behandling, øvelser og forebyggelse"`.

    **Instead**: keep the topic first and the title within the width the result page shows.

    **Fix safety**: no automatic fix.
    """
    page = rendered(doc, ctx)
    limit = ctx.options["max-chars"]
    if _readable(doc) and page.title and len(page.title) > limit:
        message = say(ctx.lang, "title-too-long", title=page.title, length=len(page.title), px=width(page.title), limit=limit)
        yield Violation(_title_span(doc, page), message)


@rule(
    "HL202", "meta-title-too-wide", Severity.WARNING, tags=PAGE_TAGS, options={"max-px": 580},
    summary_da="Sidetitlen er bredere, end søgeresultatet kan vise (som standard 580 px Arial 20 px).",
)
def meta_title_too_wide(doc, ctx):
    """
    The page title is wider than the result page shows (default 580 px of Arial 20 px).

    **Why this matters**: Google cuts titles by pixel width, not by characters (about 600 px;
    Yoast measures 400–600 px as good). Wide letters (M, W, Æ) and capitals use more room, so a
    title within 60 characters can still be cut. The width is measured with the metrics of
    Liberation Sans, which match Arial.

    **Example**: a title of 55 characters with many capitals, 610 px wide.

    **Instead**: shorten the title until it fits; the message shows where it will be cut.

    **Fix safety**: no automatic fix.
    """
    page = rendered(doc, ctx)
    limit = ctx.options["max-px"]
    if not (_readable(doc) and page.title):
        return
    measured = width(page.title)
    if measured > limit:
        shown = shown_title(page.title, limit)
        message = say(ctx.lang, "title-too-wide", px=measured, length=len(page.title), limit=limit, shown=shown)
        yield Violation(_title_span(doc, page), message)


@rule(
    "HL203", "meta-title-too-short", Severity.WARNING, tags=PAGE_TAGS, options={"max-chars": 25, "max-px": 250},
    summary_da="Sidetitlen er meget kort (højst 25 tegn og højst 250 px).",
)
def meta_title_too_short(doc, ctx):
    """
    The page title is very short (at most 25 characters and at most 250 px).

    **Why this matters**: a title of one or two words leaves most of the result line unused,
    room that could tell the reader what the article answers and match more searches. A title
    of 30–45 characters that names the topic and the answer is fine: only really short titles
    are reported.

    **Example**: `metaTitle: "Tennisalbue"`.

    **Instead**: `metaTitle: "Tennisalbue: symptomer, årsager og behandling"`.

    **Fix safety**: no automatic fix.
    """
    page = rendered(doc, ctx)
    if not (_readable(doc) and page.title):
        return
    measured = width(page.title)
    if len(page.title) <= ctx.options["max-chars"] and measured <= ctx.options["max-px"]:
        message = say(ctx.lang, "title-too-short", title=page.title, length=len(page.title), px=measured)
        yield Violation(_title_span(doc, page), message)


@rule(
    "HL204", "meta-title-missing", Severity.INFO, tags=PAGE_TAGS,
    summary_da="Artiklen har ingen `metaTitle`, så søgeresultatet viser sitets reservetitel.",
    why_off={
        "en": "informational: on most sites the fallback title is the design, not a fault (21 notes, none acted on, "
        "on the labelled site); `healthlint serp` shows every page's title when you want to review them.",
        "da": "til orientering: på de fleste sites er reservetitlen et valg, ikke en fejl (21 noter, ingen brugt, "
        "på det mærkede site); `healthlint serp` viser alle siders titler, når du vil gennemgå dem.",
    },
)
def meta_title_missing(doc, ctx):
    """
    The article has no `metaTitle`, so the result page shows the site's fallback title.

    **Why this matters**: the fallback is built from `title` by a template (on a glossary site
    `"{title} - hvad er {title lowercased}?"`); it may be fine, or it may read oddly. The message
    shows what the result page will show, with its width.

    **Example**: a glossary page with `title: "Iskias"` and no `metaTitle`: the result page shows
    "Iskias - hvad er iskias?".

    **Instead**: write a `metaTitle` when the fallback does not say what the article offers.

    **Fix safety**: no automatic fix.
    """
    if not _readable(doc) or "metaTitle" in doc.frontmatter.fields:
        return
    page = rendered(doc, ctx)
    if page.title:
        message = say(ctx.lang, "meta-title-missing", title=page.title, length=len(page.title), px=width(page.title))
        yield Violation(_add_here(doc), message)


# -- descriptions -----------------------------------------------------------------------


@rule(
    "HL205", "meta-description-missing", Severity.WARNING, tags=PAGE_TAGS,
    summary_da="Siden har ingen metabeskrivelse: nøglen, som sitet læser den fra, mangler.",
)
def meta_description_missing(doc, ctx):
    """
    The page has no meta description: the key the site reads it from is missing.

    **Why this matters**: without a description the search engine writes its own snippet from
    the page, often a sentence that does not invite the reader in.

    **Example**: a blog post without `description:` on a site whose blog reads it from there.

    **Instead**: add a description of 120–156 characters that says what the reader gets.

    **Fix safety**: no automatic fix.
    """
    if not _readable(doc):
        return
    page = rendered(doc, ctx)
    if page.description is not None:
        return
    keys = [key for step in (ctx.profile or Profile()).kind_for(doc.rel_path).description if step.kind == "key" for key in step.keys]
    if keys and not any(key in doc.frontmatter.fields for key in keys):  # an empty key is HL112's
        shown = say(ctx.lang, "or").join(f"`{key}`" for key in keys)
        yield Violation(_add_here(doc), say(ctx.lang, "description-missing", keys=shown))


@rule(
    "HL206", "meta-description-length", Severity.WARNING, tags=PAGE_TAGS, options={"min-chars": 120, "max-chars": 156},
    summary_da="Metabeskrivelsen i frontmatter er kortere end 120 eller længere end 156 tegn.",
)
def meta_description_length(doc, ctx):
    """
    The meta description written in frontmatter is shorter than 120 or longer than 156 characters.

    **Why this matters**: a long description is cut with "..." in the result; a short one
    wastes the room that could persuade the reader to click.

    **Example**: `description: "Om iskias."` (9 characters), or a description of 210 characters
    that the result page cuts after 156.

    **Instead**: 120–156 characters that say what the reader gets.

    **Fix safety**: no automatic fix.
    """
    page = rendered(doc, ctx)
    if not (_readable(doc) and page.description_source == "key" and page.description):
        return
    length = len(page.description)
    low, high = ctx.options["min-chars"], ctx.options["max-chars"]
    if length > high:
        shown = page.description[:high].rsplit(" ", 1)[0].rstrip(" ,.;:–-") + "..."
        message = say(ctx.lang, "description-too-long", length=length, high=high, end=shown[-40:], low=low)
        yield Violation(page.description_span or _add_here(doc), message)
    elif length < low:
        message = say(ctx.lang, "description-too-short", length=length, low=low, high=high)
        yield Violation(page.description_span or _add_here(doc), message)


@rule(
    "HL207", "meta-description-preview", Severity.INFO, tags=PAGE_TAGS,
    summary_da="Viser den beskrivelse, sitet klipper ud af første afsnit (på sites, der laver den sådan).",
    why_off={
        "en": "informational: it shows every cut description, one note per page, whether or not it reads well; "
        "`healthlint serp` shows them all at once when you want to review them.",
        "da": "til orientering: den viser hver klippet beskrivelse, én note pr. side, uanset om den læser godt; "
        "`healthlint serp` viser dem alle på én gang, når du vil gennemgå dem.",
    },
)
def meta_description_preview(doc, ctx):
    """
    Shows the description the site cuts from the first paragraph (sites that build it that way).

    **Why this matters**: the writer does not type this description, so it is easy to forget
    that the first 157 characters of the article are what the result page shows.

    **Example**: an exercise page without `description` on a site that cuts its first paragraph
    at 157 characters: the note shows those characters.

    **Instead**: make the first paragraph's opening say what the article offers.

    **Fix safety**: no automatic fix.
    """
    page = rendered(doc, ctx)
    if page.description_source == "first-paragraph" and page.description:
        first = next((p for p in doc.paragraphs if not p.in_list and not p.in_blockquote), None)
        if first is not None:
            message = say(ctx.lang, "description-preview", description=page.description, length=len(page.description))
            yield Violation(doc.line_span(first.start_line), message)


def template_notes(profile: Profile, facts, lang: str = "en") -> list[str]:
    """Fixed description templates, checked once per page kind for the run's summary."""
    by_kind = defaultdict(list)
    for fact in facts:
        if fact.description_source == "template" and fact.description:
            by_kind[fact.kind].append(len(fact.description))
    notes = []
    for kind in profile.kinds:
        lengths = by_kind.get(kind.name)
        if not lengths:
            continue
        low, high = min(lengths), max(lengths)
        span = f"{low}" if low == high else f"{low}–{high}"
        verdict = say(lang, "within" if 120 <= low and high <= 156 else "outside")
        template = next((step.template for step in kind.description if step.kind == "template"), "")
        notes.append(say(lang, "template-note", kind=kind.name, template=template, span=span, verdict=verdict))
    return notes


# -- topic ------------------------------------------------------------------------------

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
    compact = "".join(w.lower() for w in _WORD.findall(text)).replace("-", "")

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
    joined = "".join(stem.replace("-", "") for stem in stems)
    if len(stems) > 1 and joined in compact.replace(" ", ""):
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
    topic = _topic(doc, ctx) if _readable(doc) else None
    page = rendered(doc, ctx)
    if topic and page.title and not mentions(page.title, topic[0]):
        yield Violation(_title_span(doc, page), say(ctx.lang, "topic-not-in-title", title=page.title, topic=topic[0]))


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
    topic = _topic(doc, ctx) if _readable(doc) else None
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
    topic = _topic(doc, ctx) if _readable(doc) else None
    sections = [h for h in doc.headings if h.level == 2]
    if topic and sections and not any(mentions(h.text, topic[0]) for h in sections):
        yield Violation(sections[0].span, say(ctx.lang, "topic-not-in-headings", count=len(sections), topic=topic[0]))


# -- images -----------------------------------------------------------------------------


@rule(
    "HL230", "image-missing-alt", Severity.WARNING, tags=TAGS,
    summary_da="Et billede har ingen alt-tekst.",
)
def image_missing_alt(doc, ctx):
    """
    An image has no alt text.

    **Why this matters**: screen readers read the alt text aloud, and image search uses it;
    without it, the image says nothing to those readers.

    **Example**: `![](ryg.jpg)`.

    **Instead**: `![Kvinde der løfter en kasse med ret ryg](ryg.jpg)`.

    **Fix safety**: no automatic fix.
    """
    for link in doc.links:
        if link.image and not link.text.strip():
            yield Violation(link.span, say(ctx.lang, "image-missing-alt", href=link.href))


# -- site-wide ----------------------------------------------------------------------------


def _duplicates(site, column: str, value_of, span_of):
    """Reported files whose value (normalised) another file of the site shares. A page kept
    out of search results is compared with (a copied description is still a copy), never reported."""
    for facts in site.reported():
        if not facts.indexed:
            continue
        value = value_of(facts)
        if not value:
            continue
        others = site.index.same(column, normalised(value), facts.rel_path)
        if others:
            yield facts, value, others, span_of(facts) or Span(1, 1, 1, 2)


def _names(paths: list[str], lang: str) -> str:
    shown = ", ".join(paths[:3])
    return say(lang, "and-more", names=shown, count=len(paths) - 3) if len(paths) > 3 else shown


@site_rule(
    "HL220", "duplicate-page-title", Severity.WARNING, tags=SITE_PAGE_TAGS,
    summary_da="To sider på sitet viser den samme titel i søgeresultatet.",
)
def duplicate_page_title(site, ctx):
    """
    Two pages of the site show the same title on the result page.

    **Why this matters**: the search engine cannot tell which page answers the search, and may
    show neither; readers see two identical results.

    **Example**: `golfalbue.md` with `title: "Tennisalbue"` copied from `tennisalbue.md`: both
    render "Tennisalbue - hvad er tennisalbue?".

    **Instead**: make each title say what is special about its article.

    **Fix safety**: no automatic fix.
    """
    for facts, value, others, span in _duplicates(site, "norm_page_titles", lambda f: f.page_title, lambda f: f.page_title_span or f.title_span):
        yield facts.path, Violation(span, say(ctx.lang, "duplicate-page-title", value=value, others=_names(others, ctx.lang)))


@site_rule(
    "HL221", "duplicate-title", Severity.WARNING, tags=SITE_PAGE_TAGS,
    summary_da="To artikler på sitet har den samme `title`.",
)
def duplicate_title(site, ctx):
    """
    Two articles of the site have the same `title`.

    **Why this matters**: the title is the page's H1 and the base of its fallback meta title;
    two articles with one title compete for the same searches and confuse readers.

    **Example**: `slidgigt.md` and `leddegigt.md` both with `title: "Gigt i leddene"`.

    **Instead**: merge the articles, or make each title distinct.

    **Fix safety**: no automatic fix.
    """
    for facts, value, others, span in _duplicates(site, "norm_titles", lambda f: f.title, lambda f: f.title_span):
        yield facts.path, Violation(span, say(ctx.lang, "duplicate-title", value=value, others=_names(others, ctx.lang)))


@site_rule(
    "HL222", "duplicate-meta-description", Severity.WARNING, tags=SITE_PAGE_TAGS,
    summary_da="To artikler har den samme metabeskrivelse i deres frontmatter.",
)
def duplicate_meta_description(site, ctx):
    """
    Two articles carry the same meta description in their frontmatter.

    **Why this matters**: identical snippets make different results look the same; search
    engines may ignore a duplicated description and write their own.

    **Example**: `lunges.md` whose `description` was copied from `side-plank.md` and still
    describes the side plank.

    **Instead**: describe each article on its own terms. (Descriptions from a fixed site
    template are not counted: writers cannot change them.)

    **Fix safety**: no automatic fix.
    """
    for facts, value, others, span in _duplicates(
        site, "norm_descriptions", lambda f: f.description if f.description_source == "key" else None, lambda f: f.description_span
    ):
        yield facts.path, Violation(span, say(ctx.lang, "duplicate-description", others=_names(others, ctx.lang)))


@site_rule(
    "HL223", "related-link-broken", Severity.WARNING, tags=SITE_PAGE_TAGS,
    summary_da="Et punkt under `related:` peger ikke på nogen artikel på sitet.",
)
def related_link_broken(site, ctx):
    """
    A `related:` entry points at no article of the site.

    **Why this matters**: the page's "related articles" box links to a page that does not
    exist, and the reader lands on an error.

    **Example**: `related: [{type: ordbog, slug: iskias-smerter, title: Iskias}]` where no
    `ordbog/…/iskias-smerter.md` exists, or an entry without `slug` or `title`, which the site
    leaves out of the box. Entries with `type: page` name app routes such as
    `/find/fysioterapeut/danmark` and are not checked.

    **Instead**: correct the slug or the type, or remove the entry.

    **Fix safety**: no automatic fix.
    """
    for facts in site.reported():
        for entry in facts.related:
            if not entry.slug or entry.title is None:
                missing = "slug" if not entry.slug else "title"
                yield facts.path, Violation(entry.span, say(ctx.lang, "related-dropped", missing=missing))
                continue
            if entry.type == "page":
                continue
            if not site.index.has_folder(entry.type):
                yield facts.path, Violation(entry.span, say(ctx.lang, "related-no-folder", type=entry.type))
            elif site.index.slug_entry(entry.type, entry.slug) is None:
                yield facts.path, Violation(entry.span, say(ctx.lang, "related-no-article", type=entry.type, slug=entry.slug))


@site_rule(
    "HL224", "related-title-mismatch", Severity.WARNING, tags=SITE_PAGE_TAGS,
    summary_da="Teksten på et punkt under `related:` nævner noget andet end den artikel, det peger på.",
)
def related_title_mismatch(site, ctx):
    """
    A `related:` entry's label names something else than the article it points at.

    **Why this matters**: the link text promises one article and the reader gets another;
    often the entry was copied from another page and only the slug or only the label was
    changed.

    **Example**: `{type: ordbog, slug: whiplash, title: Migræne}`.

    **Instead**: a label that names the target. The label is the site's link text, shown as
    written, so it may differ from the target's title on purpose ("Ondt i knæet" for
    "Knæsmerter", "Rygøvelser"): only a label that shares no word stem with the target's
    `title` or the title its result page shows (its `metaTitle`, or the kind's template) is
    reported; the target's slug counts as a name too. Compounds count: "knæ" is part of
    "knæsmerter".

    **Fix safety**: no automatic fix.
    """
    reported = {facts.rel_path: facts for facts in site.reported()}
    for facts in site.reported():
        for entry in facts.related:
            target = site.index.slug_entry(entry.type, entry.slug) if entry.slug else None
            if target is None or not entry.title:
                continue
            rel_path = site.index.rel_paths[target]
            # A reported file's titles as they are now (from standard input they may differ from the disk).
            if rel_path in reported:
                names = [reported[rel_path].title, reported[rel_path].page_title]
            else:
                names = [site.index.titles[target], site.index.norm_page_titles[target]]
            names = [name for name in names if name]
            # The slug names the target too: a label that matches it is right even where the
            # target's own title is wrong (that is the duplicate-title rules' finding).
            slug = title_from_slug(entry.slug, "danish")
            if names and not any(shares_stem(entry.title, name) for name in [*names, slug]):
                message = say(ctx.lang, "related-title", type=entry.type, slug=entry.slug, title=entry.title, target=names[0])
                yield facts.path, Violation(entry.title_span or entry.span, message)


def shares_stem(label: str, title: str) -> bool:
    """Whether two names share a significant word stem, a compound's part included
    ("Ondt i knæet" and "Knæsmerter" share "knæ"; "Rygøvelser" and "Øvelser for ryggen" share "ryg")."""
    ours = [stem for stem in topic_words(label) if len(stem) >= 3]
    theirs = [stem for stem in topic_words(title) if len(stem) >= 3]
    for a in ours:
        for b in theirs:
            short, long_ = (a, b) if len(a) <= len(b) else (b, a)
            if short == long_ or long_.startswith(short) or long_.endswith(short) or (len(short) >= 5 and short in long_):
                return True
    return False


_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


@site_rule(
    "HL225", "internal-link-broken", Severity.WARNING, tags=SITE_TAGS,
    summary_da="Et link inden for sitet (`/ordbog/slug`, `../slug.md`) peger ikke på nogen artikel.",
)
def internal_link_broken(site, ctx):
    """
    A link inside the site (`/ordbog/slug`, `../slug.md`) points at no article.

    **Why this matters**: the reader clicks and lands on an error page; search engines treat
    broken internal links as a sign of a neglected site.

    **Example**: `[knæsmerter](/ordbog/knaesmerte)` where the page is `/ordbog/knaesmerter`, or
    `https://www.fysiopuls.dk/ordbog/iskias` on a site without that page.

    **Instead**: correct the link. Site URLs are matched with the profile's URL patterns
    (`/ordbog/{slug}`); links to `.md` files are resolved from the linking file's folder.
    Absolute links to the site's own domains (`domains` in the profile:
    `https://www.fysiopuls.dk/ordbog/slug`) are checked as the same URLs. Links to other sites,
    e-mail addresses and `#anchors` are not checked.

    **Fix safety**: no automatic fix.
    """
    profile = ctx.profile or Profile()
    for facts in site.reported():
        for link in facts.links:
            # The Markdown parser percent-encodes targets (`knæ.md` → `kn%C3%A6.md`); files and
            # slugs are compared, and quoted, as written.
            written = unquote(link.href)
            href = profile.internal_path(written) or written  # `https://www.site.dk/a` is `/a`
            href = href.split("#", 1)[0].split("?", 1)[0]
            if not href or _EXTERNAL.match(href):
                continue
            if href.endswith((".md", ".markdown")) and not href.startswith("/"):
                target = normpath(join(dirname(facts.rel_path), href))
                if not site.index.has_path(target):
                    yield facts.path, Violation(link.span, say(ctx.lang, "link-no-file", link=written, target=target))
            elif href.startswith("/") and profile.configured:
                url = href.rstrip("/")
                if not (site.index.has_url(url) or (facts.url and url == facts.url.rstrip("/"))) and _served_by_profile(href, profile):
                    yield facts.path, Violation(link.span, say(ctx.lang, "link-no-article", link=written))


def _served_by_profile(href: str, profile: Profile) -> bool:
    """Whether a URL falls under one of the profile's URL patterns (other routes are the app's)."""
    for kind in profile.kinds:
        prefix = kind.url.split("{", 1)[0]
        if prefix and prefix != "/" and href.startswith(prefix):
            return True
    return False


RULES = (
    meta_title_too_long,
    meta_title_too_wide,
    meta_title_too_short,
    meta_title_missing,
    meta_description_missing,
    meta_description_length,
    meta_description_preview,
    topic_not_in_title,
    topic_not_in_intro,
    topic_not_in_headings,
    image_missing_alt,
    duplicate_page_title,
    duplicate_title,
    duplicate_meta_description,
    related_link_broken,
    related_title_mismatch,
    internal_link_broken,
)
