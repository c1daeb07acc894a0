"""HL223–HL224: the `related:` box — entries that lead nowhere, that the site drops, or whose label names another article."""

from __future__ import annotations

from healthlint.checks.page import SITE_PAGE_TAGS
from healthlint.checks.topic import topic_words
from healthlint.diagnostic import Severity, Violation
from healthlint.i18n import Messages
from healthlint.ruleset.rule import site_rule
from healthlint.site.profile import title_from_slug

MESSAGES = Messages(
    {
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
    },
    __name__,
)
say = MESSAGES.say


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


RULES = (related_link_broken, related_title_mismatch,)
