"""What the site renders for a page, as the SEO rules read it (the profile's title and
description), and where a writer changes it."""

from __future__ import annotations

from healthlint.diagnostic import Span
from healthlint.site.profile import Profile, Rendered, rendered_page

TAGS = ("seo",)  # about the body: runs on fragments and unlisted pages too
PAGE_TAGS = ("seo", "page", "result-page")  # about the search result
SITE_TAGS = ("seo", "site")
SITE_PAGE_TAGS = ("seo", "site", "page")  # read from the frontmatter: not on fragments


def rendered(doc, ctx) -> Rendered:
    return rendered_page(doc, ctx.profile or Profile())


def width(text: str) -> float:
    from healthlint.site.widths import text_width

    return text_width(text)


def shown_title(text: str, max_px: float) -> str:
    from healthlint.site.widths import truncate

    return truncate(text, max_px)


def title_span(doc, page: Rendered) -> Span:
    if page.title_span is not None:
        return page.title_span
    return add_here(doc)


def add_here(doc) -> Span:
    """Where a missing key can be added: the closing `---`, or line 1 without frontmatter."""
    fm = doc.frontmatter
    if fm.present and fm.end_line:
        return Span(fm.end_line, 1, fm.end_line, 4)
    return Span(1, 1, 1, 2)


def readable(doc) -> bool:
    return doc.frontmatter.present and doc.frontmatter.error is None
