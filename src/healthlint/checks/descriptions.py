"""HL205–HL207: the meta description the result page shows, wherever the site takes it from."""

from __future__ import annotations

from collections import defaultdict

from healthlint.checks.page import PAGE_TAGS, add_here, readable, rendered
from healthlint.diagnostic import Severity, Violation
from healthlint.i18n import Messages
from healthlint.ruleset.rule import rule
from healthlint.site.profile import Profile

MESSAGES = Messages(
    {
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
    },
    __name__,
)
say = MESSAGES.say


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
    if not readable(doc):
        return
    page = rendered(doc, ctx)
    if page.description is not None:
        return
    keys = [key for step in (ctx.profile or Profile()).kind_for(doc.rel_path).description if step.kind == "key" for key in step.keys]
    if keys and not any(key in doc.frontmatter.fields for key in keys):  # an empty key is HL112's
        shown = say(ctx.lang, "or").join(f"`{key}`" for key in keys)
        yield Violation(add_here(doc), say(ctx.lang, "description-missing", keys=shown))


@rule(
    "HL206", "meta-description-length", Severity.WARNING, tags=PAGE_TAGS, options={"min-chars": 120, "max-chars": 156},
    notes=template_notes,  # a fixed template is the site's, said once per page kind
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
    if not (readable(doc) and page.description_source == "key" and page.description):
        return
    length = len(page.description)
    low, high = ctx.options["min-chars"], ctx.options["max-chars"]
    if length > high:
        shown = page.description[:high].rsplit(" ", 1)[0].rstrip(" ,.;:–-") + "..."
        message = say(ctx.lang, "description-too-long", length=length, high=high, end=shown[-40:], low=low)
        yield Violation(page.description_span or add_here(doc), message)
    elif length < low:
        message = say(ctx.lang, "description-too-short", length=length, low=low, high=high)
        yield Violation(page.description_span or add_here(doc), message)


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


RULES = (meta_description_missing, meta_description_length, meta_description_preview,)
