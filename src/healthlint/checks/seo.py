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
from healthlint.profile import Profile, Rendered, render
from healthlint.rule import rule, site_rule

TAGS = ("seo",)
SITE_TAGS = ("seo", "site")


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


@rule("HL201", "meta-title-too-long", Severity.WARNING, tags=TAGS, options={"max-chars": 60})
def meta_title_too_long(doc, ctx):
    """
    The page title the result page shows is longer than 60 characters.

    **Why this matters**: search engines cut long titles, so the end of the title — often
    the words that tell the reader what they get — disappears behind "...".

    **Example**: `metaTitle: "Hekseskud i lænden: symptomer, årsager, behandling, øvelser og forebyggelse"`.

    **Instead**: keep the topic first and the title within 60 characters:
    `metaTitle: "Hekseskud i lænden → symptomer og behandling"`.

    **Fix safety**: no automatic fix.
    """
    page = rendered(doc, ctx)
    limit = ctx.options["max-chars"]
    if _readable(doc) and page.title and len(page.title) > limit:
        yield Violation(
            _title_span(doc, page),
            f"The result page title \"{page.title}\" is {len(page.title)} characters, {width(page.title):.0f} px; "
            f"titles over {limit} characters are often cut. Shorten it and keep the topic first.",
        )


@rule("HL202", "meta-title-too-wide", Severity.WARNING, tags=TAGS, options={"max-px": 580})
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
        yield Violation(
            _title_span(doc, page),
            f"The result page title is {measured:.0f} px wide ({len(page.title)} characters); the result page "
            f"shows about {limit} px, so it will read \"{shown_title(page.title, limit)}\". Shorten it.",
        )


@rule("HL203", "meta-title-too-short", Severity.WARNING, tags=TAGS, options={"min-px": 400, "min-chars": 30})
def meta_title_too_short(doc, ctx):
    """
    The page title is short (under 400 px or 30 characters).

    **Why this matters**: a short title leaves room unused that could tell the reader what the
    article answers (symptoms, treatment, exercises) and match more searches.

    **Example**: `metaTitle: "Tennisalbue"`.

    **Instead**: `metaTitle: "Tennisalbue: symptomer, årsager og behandling"`.

    **Fix safety**: no automatic fix.
    """
    page = rendered(doc, ctx)
    if not (_readable(doc) and page.title):
        return
    measured = width(page.title)
    if measured < ctx.options["min-px"] or len(page.title) < ctx.options["min-chars"]:
        yield Violation(
            _title_span(doc, page),
            f"The result page title \"{page.title}\" is only {len(page.title)} characters, {measured:.0f} px; "
            f"titles of at least {ctx.options['min-chars']} characters and {ctx.options['min-px']} px use the room "
            "the result page gives. Add what the article answers.",
        )


@rule("HL204", "meta-title-missing", Severity.INFO, tags=TAGS)
def meta_title_missing(doc, ctx):
    """
    The article has no `metaTitle`, so the result page shows the site's fallback title.

    **Why this matters**: the fallback is built from `title` by a template (on a glossary site
    `"{title} - hvad er {title lowercased}?"`); it may be fine, or it may read oddly. The message
    shows what the result page will show, with its width.

    **Instead**: write a `metaTitle` when the fallback does not say what the article offers.

    **Fix safety**: no automatic fix.
    """
    if not _readable(doc) or "metaTitle" in doc.frontmatter.fields:
        return
    page = rendered(doc, ctx)
    if page.title:
        yield Violation(
            _add_here(doc),
            f"There is no `metaTitle`, so the result page shows the fallback \"{page.title}\" "
            f"({len(page.title)} characters, {width(page.title):.0f} px). Add a `metaTitle` if that does not fit the article.",
        )


# -- descriptions -----------------------------------------------------------------------


@rule("HL205", "meta-description-missing", Severity.WARNING, tags=TAGS)
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
    kind = (ctx.profile or Profile()).kind_for(doc.rel_path)
    if kind.description.kind == "key" and page.description is None:
        keys = " or ".join(f"`{key}`" for key in kind.description.keys)
        yield Violation(
            _add_here(doc),
            f"There is no {keys}, so the page has no meta description and the search engine writes its own "
            "snippet. Add one of 120–156 characters that says what the reader gets.",
        )


@rule("HL206", "meta-description-length", Severity.WARNING, tags=TAGS, options={"min-chars": 120, "max-chars": 156})
def meta_description_length(doc, ctx):
    """
    The meta description written in frontmatter is shorter than 120 or longer than 156 characters.

    **Why this matters**: a long description is cut with "..." in the result; a short one
    wastes the room that could persuade the reader to click.

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
        yield Violation(
            page.description_span or _add_here(doc),
            f"The meta description is {length} characters; the result page shows about {high}, so it ends "
            f"\"…{shown[-40:]}\". Shorten it to {low}–{high} characters.",
        )
    elif length < low:
        yield Violation(
            page.description_span or _add_here(doc),
            f"The meta description is only {length} characters; {low}–{high} characters use the room the result "
            "page gives. Say more about what the reader gets.",
        )


@rule("HL207", "meta-description-preview", Severity.INFO, tags=TAGS)
def meta_description_preview(doc, ctx):
    """
    Shows the description the site cuts from the first paragraph (sites that build it that way).

    **Why this matters**: the writer does not type this description, so it is easy to forget
    that the first 157 characters of the article are what the result page shows.

    **Instead**: make the first paragraph's opening say what the article offers.

    **Fix safety**: no automatic fix.
    """
    page = rendered(doc, ctx)
    if page.description_source == "first-paragraph" and page.description:
        first = next((p for p in doc.paragraphs if not p.in_list and not p.in_blockquote), None)
        if first is not None:
            yield Violation(
                doc.line_span(first.start_line),
                f"The result page description is cut from this paragraph: \"{page.description}\" ({len(page.description)} characters).",
            )


def template_notes(profile: Profile, facts) -> list[str]:
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
        verdict = "within" if 120 <= low and high <= 156 else "outside"
        notes.append(
            f"Page kind `{kind.name}`: every meta description is the site's fixed template "
            f"\"{kind.description.template}\" ({span} characters here, {verdict} the 120–156 the result page "
            "shows well). Writers cannot change it; only the site's template can."
        )
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
    words = [w.lower() for w in _WORD.findall(topic)]
    significant = [w for w in words if w not in _STOPWORDS]
    return [_stem(w) for w in (significant or words)]


def mentions(text: str, topic: str) -> bool:
    """Whether every significant word of the topic appears in the text, allowing inflection
    (lænd/lænden/lændesmerte) and case."""
    stems = topic_words(topic)
    if not stems:
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    found = sum(1 for stem in stems if any(_stem(w) == stem or (len(stem) >= 4 and w.startswith(stem)) for w in words))
    # A short topic must appear whole; of a long title (a blog headline) two thirds of its
    # significant words, the first among them, are enough.
    if len(stems) <= 3:
        return found == len(stems)
    first = stems[0]
    has_first = any(_stem(w) == first or (len(first) >= 4 and w.startswith(first)) for w in words)
    return has_first and found * 3 >= len(stems) * 2


def _topic(doc) -> tuple[str, Span] | None:
    fields = doc.frontmatter.fields
    for key in ("keyword", "title"):
        entry = fields.get(key)
        if entry is not None and isinstance(entry.value, str) and entry.value.strip() and entry.value_span:
            return entry.value, entry.value_span
    return None


@rule("HL210", "topic-not-in-title", Severity.WARNING, tags=TAGS)
def topic_not_in_title(doc, ctx):
    """
    The result page title does not name the article's topic (`keyword`, else `title`).

    **Why this matters**: readers scan the result page for the words they searched; a title
    without the topic looks like the wrong answer, and ranks worse for it.

    **Example**: `title: "Hekseskud i lænden"`, `metaTitle: "Sådan får du ryggen tilbage"`.

    **Instead**: `metaTitle: "Hekseskud i lænden → symptomer og behandling"`.

    **Fix safety**: no automatic fix.
    """
    topic = _topic(doc) if _readable(doc) else None
    page = rendered(doc, ctx)
    if topic and page.title and not mentions(page.title, topic[0]):
        yield Violation(
            _title_span(doc, page),
            f"The result page title \"{page.title}\" does not name the topic \"{topic[0]}\". Put the topic in the title.",
        )


@rule("HL211", "topic-not-in-intro", Severity.WARNING, tags=TAGS)
def topic_not_in_intro(doc, ctx):
    """
    The first paragraph does not name the article's topic.

    **Why this matters**: the opening tells the reader they are in the right place, and search
    engines often take the snippet from it.

    **Instead**: name the topic in the first sentence: "Hekseskud i lænden er en pludselig …".

    **Fix safety**: no automatic fix.
    """
    topic = _topic(doc) if _readable(doc) else None
    first = next((p for p in doc.paragraphs if not p.in_list and not p.in_blockquote), None)
    if topic and first is not None and not mentions(first.content, topic[0]):
        yield Violation(doc.line_span(first.start_line), f"The first paragraph does not name the topic \"{topic[0]}\". Name it in the opening sentence.")


@rule("HL212", "topic-not-in-headings", Severity.WARNING, tags=TAGS)
def topic_not_in_headings(doc, ctx):
    """
    No `##` heading names the article's topic.

    **Why this matters**: headings are what readers skim and what search engines read as the
    article's outline; at least one should carry the topic.

    **Instead**: "## Hvad er hekseskud i lænden?".

    **Fix safety**: no automatic fix.
    """
    topic = _topic(doc) if _readable(doc) else None
    sections = [h for h in doc.headings if h.level == 2]
    if topic and sections and not any(mentions(h.text, topic[0]) for h in sections):
        yield Violation(
            sections[0].span,
            f"None of the {len(sections)} `##` headings names the topic \"{topic[0]}\". Name it in at least one.",
        )


# -- images -----------------------------------------------------------------------------


@rule("HL230", "image-missing-alt", Severity.WARNING, tags=TAGS)
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
            yield Violation(link.span, f"The image `{link.href}` has no alt text. Describe what it shows in the brackets: `![…]({link.href})`.")


# -- site-wide ----------------------------------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _duplicates(site, value_of, span_of):
    groups = defaultdict(list)
    for facts in site.files:
        value = value_of(facts)
        if value:
            groups[_normalised(value)].append(facts)
    for facts in site.reported():
        value = value_of(facts)
        if not value:
            continue
        others = [f.rel_path for f in groups[_normalised(value)] if f.path != facts.path]
        if others:
            yield facts, value, others, span_of(facts) or Span(1, 1, 1, 2)


def _names(paths: list[str]) -> str:
    shown = ", ".join(paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


@site_rule("HL220", "duplicate-page-title", Severity.WARNING, tags=SITE_TAGS)
def duplicate_page_title(site, ctx):
    """
    Two pages of the site show the same title on the result page.

    **Why this matters**: the search engine cannot tell which page answers the search, and may
    show neither; readers see two identical results.

    **Instead**: make each title say what is special about its article.

    **Fix safety**: no automatic fix.
    """
    for facts, value, others, span in _duplicates(site, lambda f: f.page_title, lambda f: f.page_title_span or f.title_span):
        yield facts.path, Violation(span, f"The result page title \"{value}\" is also the title of {_names(others)}. Make each title distinct.")


@site_rule("HL221", "duplicate-title", Severity.WARNING, tags=SITE_TAGS)
def duplicate_title(site, ctx):
    """
    Two articles of the site have the same `title`.

    **Why this matters**: the title is the page's H1 and the base of its fallback meta title;
    two articles with one title compete for the same searches and confuse readers.

    **Instead**: merge the articles, or make each title distinct.

    **Fix safety**: no automatic fix.
    """
    for facts, value, others, span in _duplicates(site, lambda f: f.title, lambda f: f.title_span):
        yield facts.path, Violation(span, f"The title \"{value}\" is also used by {_names(others)}. Make each title distinct.")


@site_rule("HL222", "duplicate-meta-description", Severity.WARNING, tags=SITE_TAGS)
def duplicate_meta_description(site, ctx):
    """
    Two articles carry the same meta description in their frontmatter.

    **Why this matters**: identical snippets make different results look the same; search
    engines may ignore a duplicated description and write their own.

    **Instead**: describe each article on its own terms. (Descriptions from a fixed site
    template are not counted: writers cannot change them.)

    **Fix safety**: no automatic fix.
    """
    for facts, value, others, span in _duplicates(
        site, lambda f: f.description if f.description_source == "key" else None, lambda f: f.description_span
    ):
        yield facts.path, Violation(span, f"This meta description is also used by {_names(others)}. Write one for this article.")


def _index(site):
    by_folder_slug = {}
    folders = set()
    for facts in site.files:
        parts = facts.rel_path.split("/")
        if len(parts) > 1:
            folders.add(parts[0])
            by_folder_slug.setdefault((parts[0], facts.slug), facts)
    return by_folder_slug, folders


@site_rule("HL223", "related-link-broken", Severity.WARNING, tags=SITE_TAGS)
def related_link_broken(site, ctx):
    """
    A `related:` entry points at no article of the site.

    **Why this matters**: the page's "related articles" box links to a page that does not
    exist, and the reader lands on an error.

    **Example**: `related: [{type: ordbog, slug: iskias-smerter, title: Iskias}]` where no
    `ordbog/…/iskias-smerter.md` exists. Entries with `type: page` name app routes such as
    `/find/fysioterapeut/danmark` and are not checked.

    **Instead**: correct the slug or the type, or remove the entry.

    **Fix safety**: no automatic fix.
    """
    by_folder_slug, folders = _index(site)
    for facts in site.reported():
        for entry in facts.related:
            if entry.type == "page":
                continue
            if entry.type not in folders:
                yield facts.path, Violation(entry.span, f"`related` names type `{entry.type}`, but the site has no folder `{entry.type}/`; the link leads nowhere.")
            elif (entry.type, entry.slug) not in by_folder_slug:
                yield facts.path, Violation(entry.span, f"`related` points at `{entry.type}/{entry.slug}`, but the site has no such article; the link leads to an error page.")


@site_rule("HL224", "related-title-mismatch", Severity.WARNING, tags=SITE_TAGS)
def related_title_mismatch(site, ctx):
    """
    A `related:` entry's title differs from the title of the article it points at.

    **Why this matters**: the link text promises one article and the reader gets another
    name; often the target was renamed and the link was not updated.

    **Instead**: use the target's current title.

    **Fix safety**: no automatic fix.
    """
    by_folder_slug, _ = _index(site)
    for facts in site.reported():
        for entry in facts.related:
            target = by_folder_slug.get((entry.type, entry.slug))
            if target and entry.title and target.title and _normalised(entry.title) != _normalised(target.title):
                yield facts.path, Violation(
                    entry.title_span or entry.span,
                    f"`related` calls `{entry.type}/{entry.slug}` \"{entry.title}\", but that article's title is \"{target.title}\". Use its title.",
                )


_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


@site_rule("HL225", "internal-link-broken", Severity.WARNING, tags=SITE_TAGS)
def internal_link_broken(site, ctx):
    """
    A link inside the site (`/ordbog/slug`, `../slug.md`) points at no article.

    **Why this matters**: the reader clicks and lands on an error page; search engines treat
    broken internal links as a sign of a neglected site.

    **Instead**: correct the link. Site URLs are matched with the profile's URL patterns
    (`/ordbog/{slug}`); links to `.md` files are resolved from the linking file's folder.
    Links to other sites, e-mail addresses and `#anchors` are not checked.

    **Fix safety**: no automatic fix.
    """
    urls = {f.url.rstrip("/") for f in site.files if f.url}
    paths = {f.rel_path for f in site.files}
    profile = ctx.profile or Profile()
    for facts in site.reported():
        for link in facts.links:
            # The Markdown parser percent-encodes targets (`knæ.md` → `kn%C3%A6.md`); files and
            # slugs are compared, and quoted, as written.
            written = unquote(link.href)
            href = written.split("#", 1)[0].split("?", 1)[0]
            if not href or _EXTERNAL.match(href):
                continue
            if href.endswith((".md", ".markdown")) and not href.startswith("/"):
                target = normpath(join(dirname(facts.rel_path), href))
                if target not in paths:
                    yield facts.path, Violation(link.span, f"The link `{written}` points at `{target}`, which is not a file of the site.")
            elif href.startswith("/") and profile.configured:
                if href.rstrip("/") not in urls and _served_by_profile(href, profile):
                    yield facts.path, Violation(link.span, f"The link `{written}` matches no article of the site; the reader will land on an error page.")


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
