"""Facts about each file of a site, gathered in the per-file pass, for the site rules.

A site rule never sees a Document: it sees one `FileFacts` per file of the site (the files
being linted and the rest of the site), so a run on one changed file still compares it with
the whole site. Facts are plain, picklable values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from healthlint.dates import DATE_KEYS, parse_date
from healthlint.diagnostic import Span


@dataclass(frozen=True, slots=True)
class DateFact:
    key: str
    text: str
    format: str | None
    span: Span

    def __reduce__(self):  # a constructor call unpickles far faster than the dataclass __setstate__ (site index)
        return (DateFact, (self.key, self.text, self.format, self.span))


@dataclass(frozen=True, slots=True)
class RelatedFact:
    """One `related:` entry: `{type, slug, title}`; `type: page` names an app route."""

    type: str
    slug: str
    title: str | None
    span: Span  # the slug as written (or the entry, when it has no slug)
    title_span: Span | None

    def __reduce__(self):
        return (RelatedFact, (self.type, self.slug, self.title, self.span, self.title_span))


@dataclass(frozen=True, slots=True)
class LinkFact:
    href: str
    span: Span

    def __reduce__(self):
        return (LinkFact, (self.href, self.span))


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


@dataclass(frozen=True)
class Site:
    """All facts of a site, and which of its files this run reports on."""

    files: tuple[FileFacts, ...]
    linted: frozenset[str] = field(default_factory=frozenset)

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
