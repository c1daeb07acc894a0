"""Facts about each file of a site, gathered in the per-file pass, for the site rules.

A site rule never sees a Document: it sees the `FileFacts` of the files reported on and the
site index (`healthlint.site.index`), built from the facts of every file of the site, so a
run on one changed file still compares it with the whole site. Facts are plain, picklable
values.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import NamedTuple

from healthlint.dates import DATE_KEYS, parse_date
from healthlint.diagnostic import Span

# Named tuples that pickle as plain tuples: results come back from worker processes and
# out of the cache by the thousand, and rebuilding each object through pickle, one Python
# call each, cost more than the rest of the unpickling.


class DateFact(NamedTuple):
    key: str
    text: str
    format: str | None
    span: Span


class RelatedFact(NamedTuple):
    """One `related:` entry: `{type, slug, title}`; `type: page` names an app route."""

    type: str
    slug: str
    title: str | None
    span: Span  # the slug as written (or the entry, when it has no slug)
    title_span: Span | None


class LinkFact(NamedTuple):
    href: str
    span: Span


class FileFacts(NamedTuple):
    path: str  # as reported
    rel_path: str  # relative to the site root, POSIX
    slug: str
    title: str | None = None
    title_span: Span | None = None
    dates: tuple[DateFact, ...] = ()
    kind: str = "default"  # the profile's page kind
    url: str = ""
    page_title: str | None = None  # as the result page shows it
    page_title_span: Span | None = None
    description: str | None = None
    description_source: str = "none"  # "key" (the writer's), "template", "first-paragraph" or "none"
    description_span: Span | None = None
    related: tuple[RelatedFact, ...] = ()
    links: tuple[LinkFact, ...] = ()
    indexed: bool = True  # False: kept out of search results by the profile's noindex key

    def plain(self) -> tuple:
        """The facts as builtin values only (see `from_plain`)."""
        span = _plain_span
        return (
            self.path,
            self.rel_path,
            self.slug,
            self.title,
            span(self.title_span),
            tuple((d.key, d.text, d.format, span(d.span)) for d in self.dates),
            self.kind,
            self.url,
            self.page_title,
            span(self.page_title_span),
            self.description,
            self.description_source,
            span(self.description_span),
            tuple((r.type, r.slug, r.title, tuple(r.span), span(r.title_span)) for r in self.related),
            tuple((link.href, tuple(link.span)) for link in self.links),
            self.indexed,
        )

    def __reduce__(self):
        return (from_plain, (self.plain(),))


_new_tuple = tuple.__new__


def _plain_span(span: Span | None) -> tuple | None:
    return None if span is None else tuple(span)


def from_plain(values: tuple) -> FileFacts:
    """FileFacts back from `FileFacts.plain()`."""
    (path, rel_path, slug, title, title_span, dates, kind, url, page_title, page_title_span,
     description, description_source, description_span, related, links, indexed) = values
    return _new_tuple(
        FileFacts,
        (
            path,
            rel_path,
            slug,
            title,
            title_span and _new_tuple(Span, title_span),
            tuple([_new_tuple(DateFact, (k, t, f, sp and _new_tuple(Span, sp))) for k, t, f, sp in dates]) if dates else (),
            kind,
            url,
            page_title,
            page_title_span and _new_tuple(Span, page_title_span),
            description,
            description_source,
            description_span and _new_tuple(Span, description_span),
            tuple([_new_tuple(RelatedFact, (ty, sl, ti, _new_tuple(Span, sp), ts and _new_tuple(Span, ts))) for ty, sl, ti, sp, ts in related])
            if related
            else (),
            tuple([_new_tuple(LinkFact, (href, _new_tuple(Span, sp))) for href, sp in links]) if links else (),
            indexed,
        ),
    )


class Site(NamedTuple):
    """What the site rules see: the facts of the files this run reports on, and the index of
    every file of the site (`healthlint.site.index`) to compare them with."""

    reported_files: tuple[FileFacts, ...]  # by relative path
    index: object  # a healthlint.site.index.SiteIndex (not imported: the index imports this module)

    def reported(self) -> tuple[FileFacts, ...]:
        return self.reported_files


def collect_facts(doc, profile=None) -> FileFacts:
    from healthlint.site.profile import Profile, rendered_page

    rel_path = doc.rel_path
    rendered = rendered_page(doc, profile or Profile())  # the SEO rules' rendering, made once
    fm = doc.frontmatter
    title = fm.fields.get("title")
    dates = []
    for key in DATE_KEYS:
        entry = fm.fields.get(key)
        if entry is None or entry.value_span is None:
            continue
        parsed = parse_date(entry.value)
        if parsed.value is not None:
            dates.append(DateFact(key, str(entry.value), parsed.format, entry.value_span))
    links = tuple(LinkFact(link.href, link.span) for link in doc.links if not link.image)
    slug = PurePosixPath(rel_path).stem
    if rendered.fragment:
        # Not a page: no URL, no result, and a frontmatter the site never reads; its links count.
        return FileFacts(path=doc.path, rel_path=rel_path, slug=slug, kind=rendered.kind, links=links)
    return FileFacts(
        path=doc.path,
        rel_path=rel_path,
        slug=slug,
        title=title.value if title is not None and isinstance(title.value, str) else None,
        title_span=title.value_span if title is not None else None,
        dates=tuple(dates),
        kind=rendered.kind,
        url=rendered.url,
        page_title=rendered.title,
        page_title_span=rendered.title_span,
        description=rendered.description,
        description_source=rendered.description_source,
        description_span=rendered.description_span,
        related=_related(fm),
        links=links,
        indexed=not rendered.noindex,
    )


def bare_facts(path: str, rel_path: str, profile=None) -> FileFacts:
    """The facts of a file that exists but holds no article (empty, binary, too large): it is
    still a page of the site, so links to it are not broken; its own fault is reported once."""
    from healthlint.site.profile import Profile, fill

    kind = (profile or Profile()).kind_for(rel_path)
    slug = PurePosixPath(rel_path).stem
    url = "" if kind.fragment else fill(kind.url, {"slug": slug}) or ""
    return FileFacts(path=path, rel_path=rel_path, slug=slug, kind=kind.name, url=url)


def _related(fm) -> tuple[RelatedFact, ...]:
    entry = fm.fields.get("related") if fm.error is None else None
    if entry is None or not isinstance(entry.value, list) or not isinstance(entry.inner, list):
        return ()
    found = []
    for item, spans in zip(entry.value, entry.inner):
        if not isinstance(item, dict) or not isinstance(spans, dict):
            continue
        slug = item.get("slug")
        title = item.get("title")
        # An entry without a slug or a title is kept (slug "", title None): the site drops it.
        somewhere = next((value for value in spans.values() if isinstance(value, Span)), None)
        found.append(
            RelatedFact(
                type=str(item.get("type", "")),
                slug=str(slug).strip() if isinstance(slug, (str, int)) and not isinstance(slug, bool) else "",
                title=title.strip() or None if isinstance(title, str) else None,
                span=spans.get("slug") if isinstance(spans.get("slug"), Span) else somewhere or entry.value_span,
                title_span=spans.get("title") if isinstance(spans.get("title"), Span) else None,
            )
        )
    return tuple(found)
