"""The site profile: how the site turns frontmatter into the page title, description and URL.

Configured as `[site]` in healthlint.toml (`[tool.healthlint.site]` in pyproject.toml): a
few site-wide settings and a list of page kinds, the first whose glob matches a file wins:

    [site]
    domains = ["fysiopuls.dk", "www.fysiopuls.dk"]   # absolute links to these are internal
    noindex-key = "unlisted"                         # `unlisted: true` = not in search results

    [[site.pages]]
    name = "ordbog"
    glob = "ordbog/**"
    url = "/ordbog/{slug}"
    title = ["{metaTitle}", "{title} - hvad er {title_lower}?"]   # the first that can be filled
    description = { template = "Lær alt om {title_lower} - årsager og behandling." }
    slug-title = "danish"                            # no `title`: "laendesmerter" → "Lændesmerter"

    [[site.pages]]
    name = "oevelser"
    glob = "traening/oevelser/**"
    description = [{ key = "description" }, { first-paragraph = true, max-chars = 157, suffix = "..." }]

    [[site.pages]]
    name = "tekster"
    glob = "tekster/**"
    fragment = true                                  # body only: not a page of its own

`title` and `description` are ordered fallback chains: each step is a template string
("{metaTitle}", "{title} | Blog"), or a table `{ key = "description" }` (or `keys = [...]`),
`{ template = "…" }` or `{ first-paragraph = true, max-chars = 157, suffix = "..." }`; the
first step that gives a value is what the site shows. A single table is a chain of one.
`slug-title` says how the site makes a missing `title` from the file name: `"plain"` (hyphens
to spaces; `true` means this), `"danish"` (also ae/oe/aa back to æ/ø/å) or `"off"` (`false`).
A `fragment` kind is text the site places inside other pages: its frontmatter is never read,
so the frontmatter and result-page rules do not run on it; its body is checked as usual.
A page whose `noindex-key` is true is kept out of search results: the rules about its result
page (title, description, topic, duplicates) do not run on it; its links and text are checked.
Without a profile: title = `metaTitle` or `title`; description = `description` or `metaDescription`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Mapping, NamedTuple

from healthlint.diagnostic import Span

_FIELD_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
SLUG_TITLES = ("plain", "danish", "off")


class ProfileError(ValueError):
    def __init__(self, key: str, message: str):
        self.key, self.message = key, message
        super().__init__(f"{key}: {message}")


class Source(NamedTuple):
    """One step of a title or description chain."""

    kind: str  # "key" | "template" | "first-paragraph"
    keys: tuple[str, ...] = ()
    template: str = ""
    max_chars: int = 157
    suffix: str = "..."

    def describe(self) -> str:
        if self.kind == "key":
            return " or ".join(f"`{key}`" for key in self.keys)
        if self.kind == "template":
            return f"`{self.template}`"
        return f"the first paragraph cut at {self.max_chars} characters + \"{self.suffix}\""


class PageKind(NamedTuple):
    name: str
    glob: str
    url: str
    title: tuple[Source, ...]
    description: tuple[Source, ...]
    slug_title: str = "plain"  # "plain" | "danish" | "off"
    fragment: bool = False
    noindex_key: str | None = None


def _template(text: str) -> Source:
    return Source("template", template=text)


DEFAULT_KIND = PageKind(
    name="default",
    glob="**",
    url="/{slug}",
    title=(_template("{metaTitle}"), _template("{title}")),
    description=(Source("key", keys=("description", "metaDescription")),),
    slug_title="off",
)


class Profile(NamedTuple):
    kinds: tuple[PageKind, ...] = ()
    configured: bool = False
    domains: tuple[str, ...] = ()  # lower case; absolute links to these hosts are internal

    def kind_for(self, rel_path: str) -> PageKind:
        from healthlint.files.globs import matches_any

        for kind in self.kinds:
            if matches_any((kind.glob,), rel_path):
                return kind
        return DEFAULT_KIND

    def is_fragment(self, rel_path: str) -> bool:
        return bool(self.kinds) and self.kind_for(rel_path).fragment

    def is_noindex(self, doc) -> bool:
        """Whether the page's noindex key keeps it out of search results."""
        key = self.kind_for(doc.rel_path).noindex_key
        if not key or doc.frontmatter.error is not None:
            return False
        entry = doc.frontmatter.fields.get(key)
        return entry is not None and _truthy(entry.value)

    def internal_path(self, href: str) -> str | None:
        """The path of an absolute link to one of the site's own domains (`https://www.site.dk/a` → `/a`)."""
        if not self.domains:
            return None
        match = _ABSOLUTE.match(href)
        if match is None or match.group(1).lower() not in self.domains:
            return None
        return match.group(2) or "/"


_ABSOLUTE = re.compile(r"^(?:https?:)?//([^/?#:]+)(?::\d+)?([/?#].*)?$", re.IGNORECASE)


def _truthy(value) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in ("true", "yes", "ja", "1")


class Rendered(NamedTuple):
    """What the result page will show for one article."""

    kind: str
    url: str
    title: str | None
    title_template: str  # the step that produced it, as written in the profile
    title_from_key: str | None  # "metaTitle" when the title is that key's value as written
    title_span: Span | None  # where the writer changes it (the key's value), if anywhere
    description: str | None
    description_source: str  # "key" | "template" | "first-paragraph" | "none"
    description_key: str | None = None
    description_span: Span | None = None
    values: Mapping[str, str] = MappingProxyType({})
    fragment: bool = False  # not a page: the site places this text inside other pages
    noindex: bool = False  # a page kept out of search results by its noindex key


def parse_profile(table: dict) -> Profile:
    """Validate a `[site]` table; raise ProfileError naming the key."""
    if not isinstance(table, dict):
        raise ProfileError("site", "must be a table")
    table = _settings(table, {"pages", "domains", "noindex-key", "slug-title"}, "site")
    domains = table.get("domains", [])
    if isinstance(domains, str):
        domains = [domains]
    if not isinstance(domains, list) or not all(isinstance(d, str) and d.strip() for d in domains):
        raise ProfileError("site.domains", 'must be a list of host names such as ["fysiopuls.dk", "www.fysiopuls.dk"]')
    site_noindex = _noindex_key(table.get("noindex-key"), "site.noindex-key")
    site_slug_title = _slug_title(table.get("slug-title", "plain"), "site.slug-title")
    pages = table.get("pages", [])
    if not isinstance(pages, list):
        raise ProfileError("site.pages", "must be a list of page kinds ([[site.pages]])")
    kinds = []
    allowed = {"name", "glob", "url", "title", "description", "slug-title", "fragment", "noindex-key"}
    for index, page in enumerate(pages):
        where = f"site.pages[{index}]"
        if not isinstance(page, dict):
            raise ProfileError(where, "must be a table")
        page = _settings(page, allowed, where)
        for key in ("name", "glob"):
            if not isinstance(page.get(key), str) or not page[key]:
                raise ProfileError(f"{where}.{key}", "is required and must be a string")
        fragment = page.get("fragment", False)
        if not isinstance(fragment, bool):
            raise ProfileError(f"{where}.fragment", "must be true or false")
        url = page.get("url", "/{slug}")
        if not isinstance(url, str):
            raise ProfileError(f"{where}.url", "must be a string such as \"/ordbog/{slug}\"")
        kinds.append(
            PageKind(
                name=page["name"],
                glob=page["glob"],
                url=url,
                title=_chain(page.get("title", ["{metaTitle}", "{title}"]), f"{where}.title"),
                description=_chain(page.get("description", {"keys": ["description", "metaDescription"]}), f"{where}.description"),
                slug_title=_slug_title(page.get("slug-title", site_slug_title), f"{where}.slug-title"),
                fragment=fragment,
                noindex_key=_noindex_key(page.get("noindex-key", site_noindex), f"{where}.noindex-key"),
            )
        )
    return Profile(tuple(kinds), configured=True, domains=tuple(d.strip().lower() for d in domains))


def _settings(table: dict, allowed: set[str], where: str) -> dict:
    """The table with keys written `_` or `-` alike; an unknown key is an error naming it."""
    normalised = {key.replace("_", "-"): value for key, value in table.items()}
    for key in normalised:
        if key not in allowed:
            raise ProfileError(f"{where}.{key}", f"unknown setting (known: {', '.join(sorted(allowed))})")
    return normalised


def _slug_title(value, where: str) -> str:
    if value is True:
        return "plain"
    if value is False:
        return "off"
    if value not in SLUG_TITLES:
        raise ProfileError(where, 'must be "plain", "danish" or "off" (true means "plain", false "off")')
    return value


def _noindex_key(value, where: str) -> str | None:
    if value is None or (isinstance(value, str) and value):
        return value
    raise ProfileError(where, 'must be the name of a frontmatter key, such as "unlisted"')


_CHAIN_HELP = 'a template string, a table ({ key = "description" }, { template = "…" }, { first-paragraph = true }) or a list of them, tried in order'


def _chain(value, where: str) -> tuple[Source, ...]:
    steps = value if isinstance(value, list) else [value]
    if not steps:
        raise ProfileError(where, f"must be {_CHAIN_HELP}")
    return tuple(_step(step, f"{where}[{i}]" if isinstance(value, list) else where) for i, step in enumerate(steps))


def _step(value, where: str) -> Source:
    if isinstance(value, str):
        return _template(value)
    if not isinstance(value, dict):
        raise ProfileError(where, f"must be {_CHAIN_HELP}")
    value = _settings(value, {"key", "keys", "template", "first-paragraph", "max-chars", "suffix"}, where)
    if "template" in value:
        if not isinstance(value["template"], str):
            raise ProfileError(f"{where}.template", "must be a string")
        return _template(value["template"])
    if value.get("first-paragraph"):
        max_chars = value.get("max-chars", 157)
        suffix = value.get("suffix", "...")
        if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars <= 0:
            raise ProfileError(f"{where}.max-chars", "must be a positive whole number")
        if not isinstance(suffix, str):
            raise ProfileError(f"{where}.suffix", "must be a string")
        return Source("first-paragraph", max_chars=max_chars, suffix=suffix)
    keys = value.get("keys", [value["key"]] if "key" in value else None)
    if not keys or not isinstance(keys, list) or not all(isinstance(k, str) and k for k in keys):
        raise ProfileError(where, "needs `key`, `keys`, `template` or `first-paragraph`")
    return Source("key", keys=tuple(keys))


_DANISH_LETTERS = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))


def title_from_slug(slug: str, style: str = "plain") -> str:
    """What such sites make of a slug: `hekseskud-i-laenden` → "Hekseskud i laenden" (plain)
    or "Hekseskud i lænden" (danish: ae, oe and aa back to æ, ø and å, as the site does)."""
    words = slug.replace("_", "-").split("-")
    text = " ".join(word for word in words if word)
    if style == "danish":
        for written, letter in _DANISH_LETTERS:
            text = text.replace(written, letter).replace(written.capitalize(), letter.upper())
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


def first_paragraph(doc):
    """The first prose paragraph: not in a list or quote, and not only images."""
    for paragraph in doc.paragraphs:
        if paragraph.in_list or paragraph.in_blockquote:
            continue
        if plain_text(_IMAGE.sub("", paragraph.content)):
            return paragraph
    return None


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
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


class _Value(NamedTuple):
    text: str
    source: str  # "key" | "template" | "first-paragraph"
    step: Source
    key: str | None  # the key whose value it is, as written
    span: Span | None  # where the writer changes it


def _follow(chain: tuple[Source, ...], values: dict, fields, doc) -> _Value | None:
    """The first step of the chain that gives a value."""
    for step in chain:
        if step.kind == "key":
            for key in step.keys:
                entry = fields.get(key)
                if entry is not None and isinstance(entry.value, str) and entry.value.strip():
                    return _Value(entry.value, "key", step, key, entry.value_span)
        elif step.kind == "template":
            text = fill(step.template, values)
            if text is not None:
                used = _FIELD_RE.findall(step.template)
                as_written = step.template.strip() == "{" + (used[0] if used else "") + "}" and used[0] in fields
                return _Value(text, "key" if as_written else "template", step, used[0] if as_written else None, _span_of(used, fields))
        else:
            paragraph = first_paragraph(doc)
            if paragraph is not None:
                text = cut(plain_text(paragraph.content), step.max_chars, step.suffix)
                return _Value(text, "first-paragraph", step, None, None)
    return None


def _span_of(used: list[str], fields) -> Span | None:
    for name in used:
        key = "title" if name == "title_lower" else name
        entry = fields.get(key)
        if entry is not None and entry.value_span is not None:
            return entry.value_span
    return None


def render(doc, profile: Profile) -> Rendered:
    kind = profile.kind_for(doc.rel_path)
    slug = PurePosixPath(doc.rel_path).stem
    url = fill(kind.url, {"slug": slug}) or kind.url
    if kind.fragment:
        return Rendered(kind.name, "", None, "", None, None, None, "none", fragment=True)
    fields = doc.frontmatter.fields if doc.frontmatter.error is None else {}
    values = {key: entry.value for key, entry in fields.items() if isinstance(entry.value, (str, int, float))}
    values["slug"] = slug
    if not isinstance(values.get("title"), str) and kind.slug_title != "off":
        values["title"] = title_from_slug(slug, kind.slug_title)
    if isinstance(values.get("title"), str):
        values["title_lower"] = values["title"].lower()
    title = _follow(kind.title, values, fields, doc)
    description = _follow(kind.description, values, fields, doc)
    return Rendered(
        kind=kind.name,
        url=fill(kind.url, values) or url,
        title=title.text if title else None,
        title_template=(title.step.template or title.step.describe()) if title else "",
        title_from_key=title.key if title and title.source == "key" else None,
        title_span=title.span if title else None,
        description=description.text if description else None,
        description_source=description.source if description else "none",
        description_key=description.key if description else None,
        description_span=description.span if description and description.source == "key" else None,
        values=values,
        noindex=profile.is_noindex(doc),
    )


def rendered_page(doc, profile: Profile) -> Rendered:
    """`render`, made once per document and profile (the SEO rules and the site facts share it)."""
    return doc.view(("rendered page", profile), lambda: render(doc, profile))
