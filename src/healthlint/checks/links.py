"""Links and images in the body: HL225 links inside the site that lead nowhere, HL226 links
written so that the page shows raw Markdown, HL230 images without alt text."""

from __future__ import annotations

import re
from posixpath import dirname, join, normpath
from urllib.parse import unquote

from healthlint.checks.page import SITE_TAGS
from healthlint.checks.page import TAGS as SEO_TAGS
from healthlint.diagnostic import Severity, Span, Violation
from healthlint.i18n import Messages
from healthlint.ruleset.rule import rule, site_rule
from healthlint.site.profile import Profile

TAGS = ("seo", "links")

MESSAGES = Messages(
    {
        "unclosed": {
            "en": "The link `{written}` has no closing `)`, so the page shows the raw Markdown instead of "
            "a link. Close the address with `)`.",
            "da": "Linket `{written}` mangler sin afsluttende `)`, så siden viser den rå Markdown i stedet "
            "for et link. Afslut adressen med `)`.",
        },
        "space": {
            "en": "The address of the link `{written}` holds a space, so the page shows the raw Markdown "
            "instead of a link. Write the address without spaces (the page's slug uses hyphens).",
            "da": "Adressen i linket `{written}` indeholder et mellemrum, så siden viser den rå Markdown i "
            "stedet for et link. Skriv adressen uden mellemrum (sidens slug bruger bindestreger).",
        },
        "broken": {
            "en": "The link `{written}` is not read as a link, so the page shows the raw Markdown. Check "
            "its brackets: `[text](address)`.",
            "da": "Linket `{written}` bliver ikke læst som et link, så siden viser den rå Markdown. Tjek "
            "parenteserne: `[tekst](adresse)`.",
        },
        "image-missing-alt": {
            "en": "The image `{href}` has no alt text. Describe what it shows in the brackets: `![…]({href})`.",
            "da": "Billedet `{href}` har ingen alt-tekst. Beskriv, hvad det viser, i de firkantede parenteser: `![…]({href})`.",
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

# `[text](` as it stays in the text when markdown-it did not make a link of it.
_OPENING = re.compile(r"!?\[([^\[\]\n]*)\]\(")
_SHOWN = 48  # characters of the raw link quoted in the message


@rule(
    "HL226", "malformed-link", Severity.WARNING, tags=TAGS,
    summary_da="Et link er skrevet, så siden viser rå Markdown i stedet for et link (manglende `)`, mellemrum i adressen).",
)
def malformed_link(doc, ctx):
    """
    A link is written so that the page shows raw Markdown instead of a link.

    **Why this matters**: the reader sees `[ondt i knæet](/ordbog/knaesmerter` in the middle
    of the text, and the page it should lead to gets no link. Markdown makes no link of an
    address without its closing `)` or with a space in it; nothing else warns the writer.

    **Example**: `Læs om [løberknæ](/ordbog/loeberknae og øvelser` or
    `[ondt i knæet](/ordbog/ondt i knaeet)`.

    **Instead**: `[løberknæ](/ordbog/loeberknae)`; an address without spaces. Text in
    backticks and escaped brackets (`\\[`) are left alone: they are meant to show.

    **Fix safety**: no automatic fix: where the address ends is the writer's to say.
    """
    for token in doc.tokens:
        if token.type != "inline" or not token.children or not token.map:
            continue
        cursor_line, cursor_column = token.map[0] + 1, 0
        for child in token.children:
            if child.type != "text" or "](" not in child.content:
                continue
            for match in _OPENING.finditer(child.content):
                found = doc.find_after(match.group(0), cursor_line, cursor_column, token.map[1])
                if found is None:
                    continue  # escaped brackets: the writer meant them to show
                line, column = found
                cursor_line, cursor_column = line, column + len(match.group(0))
                rest = doc.line_text(line)[column:]
                yield Violation(Span(line, column + 1, line, column + 1 + len(match.group(0))), _message(ctx.lang, rest))


def _message(lang: str, rest: str) -> str:
    """Which fault it is, judged from the link as written to the end of its line."""
    opening = rest.index("](") + 2
    close = rest.find(")", opening)
    if close != -1 and ("[" in rest[opening:close] or "](" in rest[opening:close]):
        close = -1  # that `)` closes a later link: this one is never closed
    written = rest[:opening] + rest[opening:].split(" ", 1)[0] if close == -1 else rest[: close + 1]
    if len(written) > _SHOWN:
        written = written[: _SHOWN - 1] + "…"
    if close == -1:
        return say(lang, "unclosed", written=written)
    if " " in rest[opening:close].strip():
        return say(lang, "space", written=written)
    return say(lang, "broken", written=written)


@rule(
    "HL230", "image-missing-alt", Severity.WARNING, tags=SEO_TAGS,
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


RULES = (malformed_link, image_missing_alt, internal_link_broken)
