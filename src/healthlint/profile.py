"""The site profile: how the site turns frontmatter into the page title, description and URL.

Configured as `[tool.healthlint.site]` with a list of page kinds:

    [[tool.healthlint.site.pages]]
    name = "ordbog"
    glob = "ordbog/**"
    url = "/ordbog/{slug}"
    title = ["{metaTitle}", "{title} - hvad er {title_lower}?"]   # first that can be filled
    description = { template = "Lær alt om {title_lower} - årsager, symptomer og behandlingsmuligheder." }

A description source is one of `{ key = "description" }` (or `keys = [...]`), a fixed
`{ template = "…" }`, or `{ first-paragraph = true, max-chars = 157, suffix = "..." }`.
`slug-title = true` (the default) makes a missing `title` from the file's slug, as such sites do.
Without a profile: title = `metaTitle` or `title`; description = `description` or `metaDescription`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Mapping, NamedTuple

from healthlint.diagnostic import Span

_FIELD_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class ProfileError(ValueError):
    def __init__(self, key: str, message: str):
        self.key, self.message = key, message
        super().__init__(f"{key}: {message}")


class DescriptionSource(NamedTuple):
    kind: str  # "key" | "template" | "first-paragraph"
    keys: tuple[str, ...] = ()
    template: str = ""
    max_chars: int = 157
    suffix: str = "..."


class PageKind(NamedTuple):
    name: str
    glob: str
    url: str
    title: tuple[str, ...]
    description: DescriptionSource
    slug_title: bool = True


DEFAULT_KIND = PageKind(
    name="default",
    glob="**",
    url="/{slug}",
    title=("{metaTitle}", "{title}"),
    description=DescriptionSource("key", keys=("description", "metaDescription")),
    slug_title=False,
)


class Profile(NamedTuple):
    kinds: tuple[PageKind, ...] = ()
    configured: bool = False

    def kind_for(self, rel_path: str) -> PageKind:
        from healthlint.globs import matches_any

        for kind in self.kinds:
            if matches_any((kind.glob,), rel_path):
                return kind
        return DEFAULT_KIND


class Rendered(NamedTuple):
    """What the result page will show for one article."""

    kind: str
    url: str
    title: str | None
    title_template: str  # the template that produced it
    title_from_key: str | None  # "metaTitle" when the title is that key's value as written
    title_span: Span | None  # where the writer changes it (the key's value), if anywhere
    description: str | None
    description_source: str  # "key" | "template" | "first-paragraph" | "none"
    description_key: str | None = None
    description_span: Span | None = None
    values: Mapping[str, str] = MappingProxyType({})


def parse_profile(table: dict) -> Profile:
    """Validate a `[tool.healthlint.site]` table; raise ProfileError naming the key."""
    if not isinstance(table, dict):
        raise ProfileError("site", "must be a table")
    unknown = set(table) - {"pages"}
    if unknown:
        raise ProfileError(f"site.{sorted(unknown)[0]}", "unknown setting (known: pages)")
    pages = table.get("pages", [])
    if not isinstance(pages, list):
        raise ProfileError("site.pages", "must be a list of page kinds ([[tool.healthlint.site.pages]])")
    kinds = []
    for index, page in enumerate(pages):
        where = f"site.pages[{index}]"
        if not isinstance(page, dict):
            raise ProfileError(where, "must be a table")
        page = _settings(page, {"name", "glob", "url", "title", "description", "slug-title"}, where)
        for key in ("name", "glob"):
            if not isinstance(page.get(key), str) or not page[key]:
                raise ProfileError(f"{where}.{key}", "is required and must be a string")
        title = page.get("title", ["{metaTitle}", "{title}"])
        if isinstance(title, str):
            title = [title]
        if not isinstance(title, list) or not title or not all(isinstance(t, str) for t in title):
            raise ProfileError(f"{where}.title", "must be a template string or a list of them, tried in order")
        slug_title = page.get("slug-title", True)
        if not isinstance(slug_title, bool):
            raise ProfileError(f"{where}.slug-title", "must be true or false")
        url = page.get("url", "/{slug}")
        if not isinstance(url, str):
            raise ProfileError(f"{where}.url", "must be a string such as \"/ordbog/{slug}\"")
        kinds.append(
            PageKind(
                name=page["name"],
                glob=page["glob"],
                url=url,
                title=tuple(title),
                description=_description(page.get("description", {"keys": ["description", "metaDescription"]}), f"{where}.description"),
                slug_title=slug_title,
            )
        )
    return Profile(tuple(kinds), configured=True)


def _settings(table: dict, allowed: set[str], where: str) -> dict:
    """The table with keys written `_` or `-` alike; an unknown key is an error naming it."""
    normalised = {key.replace("_", "-"): value for key, value in table.items()}
    for key in normalised:
        if key not in allowed:
            raise ProfileError(f"{where}.{key}", f"unknown setting (known: {', '.join(sorted(allowed))})")
    return normalised


def _description(value, where: str) -> DescriptionSource:
    if not isinstance(value, dict):
        raise ProfileError(where, "must be a table: { key = \"description\" }, { template = \"…\" } or { first-paragraph = true }")
    value = _settings(value, {"key", "keys", "template", "first-paragraph", "max-chars", "suffix"}, where)
    if "template" in value:
        if not isinstance(value["template"], str):
            raise ProfileError(f"{where}.template", "must be a string")
        return DescriptionSource("template", template=value["template"])
    if value.get("first-paragraph"):
        max_chars = value.get("max-chars", 157)
        suffix = value.get("suffix", "...")
        if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars <= 0:
            raise ProfileError(f"{where}.max-chars", "must be a positive whole number")
        if not isinstance(suffix, str):
            raise ProfileError(f"{where}.suffix", "must be a string")
        return DescriptionSource("first-paragraph", max_chars=max_chars, suffix=suffix)
    keys = value.get("keys", [value["key"]] if "key" in value else None)
    if not keys or not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ProfileError(where, "needs `key`, `keys`, `template` or `first-paragraph`")
    return DescriptionSource("key", keys=tuple(keys))


def title_from_slug(slug: str) -> str:
    """What such sites make of a slug: `hekseskud-i-laenden` → "Hekseskud i laenden"."""
    words = slug.replace("_", "-").split("-")
    text = " ".join(word for word in words if word)
    return text[:1].upper() + text[1:]


def fill(template: str, values: dict) -> str | None:
    """Fill a template; None when a field it needs is missing or empty."""
    missing = False

    def value_of(match: re.Match) -> str:
        nonlocal missing
        value = values.get(match.group(1))
        if value is None or (isinstance(value, str) and not value.strip()):
            missing = True
            return ""
        return str(value)

    result = _FIELD_RE.sub(value_of, template)
    return None if missing else result


def first_paragraph_text(doc) -> str | None:
    """The first body paragraph as plain text (inline Markdown removed), as a site's snippet uses it."""
    for paragraph in doc.paragraphs:
        if not paragraph.in_list and not paragraph.in_blockquote:
            return plain_text(paragraph.content)
    return None


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|_|`)")
_TAGS = re.compile(r"<[^>]+>")


def plain_text(markdown: str) -> str:
    text = _LINK.sub(r"\1", markdown)
    text = _TAGS.sub("", text)
    text = _MARKS.sub("", text)
    return " ".join(text.split())


def cut(text: str, max_chars: int, suffix: str) -> str:
    """A site's cut: the first `max_chars` characters plus the suffix, when the text is longer."""
    return text if len(text) <= max_chars else text[:max_chars].rstrip() + suffix


def render(doc, profile: Profile) -> Rendered:
    kind = profile.kind_for(doc.rel_path)
    fields = doc.frontmatter.fields if doc.frontmatter.error is None else {}
    values = {key: entry.value for key, entry in fields.items() if isinstance(entry.value, (str, int, float))}
    slug = PurePosixPath(doc.rel_path).stem
    values["slug"] = slug
    if not isinstance(values.get("title"), str) and kind.slug_title:
        values["title"] = title_from_slug(slug)
    if isinstance(values.get("title"), str):
        values["title_lower"] = values["title"].lower()
    title = template_used = None
    for template in kind.title:
        title = fill(template, values)
        if title is not None:
            template_used = template
            break
    from_key = None
    title_span = None
    if template_used:
        used = _FIELD_RE.findall(template_used)
        if template_used.strip() == "{" + (used[0] if used else "") + "}" and used and used[0] in fields:
            from_key = used[0]
        for name in used:
            if name in fields and fields[name].value_span is not None:
                title_span = fields[name].value_span
                break
            if name == "title_lower" and "title" in fields:
                title_span = fields["title"].value_span
                break
    description = None
    source = "none"
    description_key = None
    description_span = None
    spec = kind.description
    if spec.kind == "template":
        description, source = fill(spec.template, values), "template"
    elif spec.kind == "first-paragraph":
        text = first_paragraph_text(doc)
        if text:
            description, source = cut(text, spec.max_chars, spec.suffix), "first-paragraph"
    else:
        for key in spec.keys:
            if key in fields and isinstance(fields[key].value, str):
                description, source, description_key = fields[key].value, "key", key
                description_span = fields[key].value_span
                break
    url = fill(kind.url, values) or kind.url
    return Rendered(
        kind=kind.name,
        url=url,
        title=title,
        title_template=template_used or "",
        title_from_key=from_key,
        title_span=title_span,
        description=description,
        description_source=source,
        description_key=description_key,
        description_span=description_span,
        values=values,
    )
