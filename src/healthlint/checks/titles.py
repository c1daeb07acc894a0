"""HL201–HL204: the title the result page shows — its width, length and fallback."""

from __future__ import annotations

from healthlint.checks.page import (
    PAGE_TAGS,
    add_here,
    readable,
    rendered,
    shown_title,
    title_span,
    width,
)
from healthlint.diagnostic import Severity, Violation
from healthlint.i18n import Messages
from healthlint.ruleset.rule import rule

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
    },
    __name__,
)
say = MESSAGES.say


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
    if readable(doc) and page.title and len(page.title) > limit:
        message = say(ctx.lang, "title-too-long", title=page.title, length=len(page.title), px=width(page.title), limit=limit)
        yield Violation(title_span(doc, page), message)


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
    if not (readable(doc) and page.title):
        return
    measured = width(page.title)
    if measured > limit:
        shown = shown_title(page.title, limit)
        message = say(ctx.lang, "title-too-wide", px=measured, length=len(page.title), limit=limit, shown=shown)
        yield Violation(title_span(doc, page), message)


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
    if not (readable(doc) and page.title):
        return
    measured = width(page.title)
    if len(page.title) <= ctx.options["max-chars"] and measured <= ctx.options["max-px"]:
        message = say(ctx.lang, "title-too-short", title=page.title, length=len(page.title), px=measured)
        yield Violation(title_span(doc, page), message)


@rule(
    "HL204", "meta-title-missing", Severity.INFO, tags=PAGE_TAGS,
    summary_da="Artiklen har ingen `metaTitle`, så søgeresultatet viser sitets reservetitel.",
    why_off={
        "en": "informational: on most sites the fallback title is the design, not a fault (none of its notes on the "
        "labelled site was one); `healthlint serp` shows every page's title when you want to review them.",
        "da": "til orientering: på de fleste sites er reservetitlen et valg, ikke en fejl (ingen af dens noter på "
        "det mærkede site var en); `healthlint serp` viser alle siders titler, når du vil gennemgå dem.",
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
    if not readable(doc) or "metaTitle" in doc.frontmatter.fields:
        return
    page = rendered(doc, ctx)
    if page.title:
        message = say(ctx.lang, "meta-title-missing", title=page.title, length=len(page.title), px=width(page.title))
        yield Violation(add_here(doc), message)


RULES = (meta_title_too_long, meta_title_too_wide, meta_title_too_short, meta_title_missing,)
