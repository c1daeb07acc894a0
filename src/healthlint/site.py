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


@dataclass(frozen=True)
class FileFacts:
    path: str  # as reported
    rel_path: str  # relative to the site root, POSIX
    slug: str
    title: str | None = None
    title_span: Span | None = None
    dates: tuple[DateFact, ...] = ()


@dataclass(frozen=True)
class Site:
    """All facts of a site, and which of its files this run reports on."""

    files: tuple[FileFacts, ...]
    linted: frozenset[str] = field(default_factory=frozenset)

    def reported(self):
        return (facts for facts in self.files if facts.path in self.linted)


def collect_facts(doc, rel_path: str) -> FileFacts:
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
    )
