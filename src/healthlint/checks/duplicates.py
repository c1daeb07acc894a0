"""HL220–HL222: two pages of the site that the result page cannot tell apart."""

from __future__ import annotations

from healthlint.checks.page import SITE_PAGE_TAGS
from healthlint.diagnostic import Severity, Span, Violation
from healthlint.i18n import Messages
from healthlint.ruleset.rule import site_rule
from healthlint.site.index import normalised

MESSAGES = Messages(
    {
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
    },
    __name__,
)
say = MESSAGES.say


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


RULES = (duplicate_page_title, duplicate_title, duplicate_meta_description,)
