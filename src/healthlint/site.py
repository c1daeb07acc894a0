"""Facts about each file of a site, gathered in the per-file pass, for the site rules.

A site rule never sees a Document: it sees one `FileFacts` per file of the site (the files
being linted and the rest of the site), so a run on one changed file still compares it with
the whole site. Facts are plain, picklable values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import NamedTuple

from healthlint.dates import DATE_KEYS, parse_date
from healthlint.diagnostic import Span


# Named tuples, and a FileFacts that pickles as plain tuples: a one-file run loads the facts
# of every other file of the site, and rebuilding thousands of dataclasses and named tuples
# through pickle cost several times more than linting the file itself.


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


@dataclass(frozen=True)
class FileFacts:
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

    def __reduce__(self):
        plain = _plain_span
        return (
            _facts_from_plain,
            (
                self.path,
                self.rel_path,
                self.slug,
                self.title,
                plain(self.title_span),
                tuple((d.key, d.text, d.format, tuple(d.span)) for d in self.dates),
                self.kind,
                self.url,
                self.page_title,
                plain(self.page_title_span),
                self.description,
                self.description_source,
                plain(self.description_span),
                tuple((r.type, r.slug, r.title, tuple(r.span), plain(r.title_span)) for r in self.related),
                tuple((link.href, tuple(link.span)) for link in self.links),
            ),
        )


_new_tuple = tuple.__new__


def _plain_span(span: Span | None) -> tuple | None:
    return None if span is None else tuple(span)


def _span(values: tuple | None) -> Span | None:
    return None if values is None else _new_tuple(Span, values)


def _facts_from_plain(
    path, rel_path, slug, title, title_span, dates, kind, url, page_title, page_title_span,
    description, description_source, description_span, related, links,
) -> FileFacts:
    facts = object.__new__(FileFacts)
    # A frozen dataclass: fill its __dict__ directly, as unpickling does.
    facts.__dict__.update(
        path=path,
        rel_path=rel_path,
        slug=slug,
        title=title,
        title_span=_span(title_span),
        dates=tuple(_new_tuple(DateFact, (k, t, f, _new_tuple(Span, sp))) for k, t, f, sp in dates),
        kind=kind,
        url=url,
        page_title=page_title,
        page_title_span=_span(page_title_span),
        description=description,
        description_source=description_source,
        description_span=_span(description_span),
        related=tuple(_new_tuple(RelatedFact, (ty, sl, ti, _new_tuple(Span, sp), _span(ts))) for ty, sl, ti, sp, ts in related),
        links=tuple(_new_tuple(LinkFact, (href, _new_tuple(Span, sp))) for href, sp in links),
    )
    return facts


class Site(NamedTuple):
    """All facts of a site, and which of its files this run reports on."""

    files: tuple[FileFacts, ...]
    linted: frozenset[str] = frozenset()

    def reported(self):
        return (facts for facts in self.files if facts.path in self.linted)


def collect_facts(doc, rel_path: str, profile=None) -> FileFacts:
    from healthlint.profile import Profile, render

    doc.rel_path = rel_path
    rendered = render(doc, profile or Profile())
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
    return FileFacts(
        path=doc.path,
        rel_path=rel_path,
        slug=PurePosixPath(rel_path).stem,
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
        links=tuple(LinkFact(link.href, link.span) for link in doc.links if not link.image),
    )


def _related(fm) -> tuple[RelatedFact, ...]:
    entry = fm.fields.get("related") if fm.error is None else None
    if entry is None or not isinstance(entry.value, list) or not isinstance(entry.inner, list):
        return ()
    found = []
    for item, spans in zip(entry.value, entry.inner):
        if not isinstance(item, dict) or not isinstance(spans, dict):
            continue
        slug = item.get("slug")
        if not isinstance(slug, str):
            continue
        title = item.get("title")
        found.append(
            RelatedFact(
                type=str(item.get("type", "")),
                slug=slug,
                title=title if isinstance(title, str) else None,
                span=spans.get("slug") or entry.value_span,
                title_span=spans.get("title") if isinstance(spans.get("title"), Span) else None,
            )
        )
    return tuple(found)
