"""A preview of each article's search result, as the terminal can show it.

For every article: the URL, the title and the meta description the site renders through its
profile (`[tool.healthlint.site]`), cut where the result page cuts them, then one line of
measures per part:

    ordbog/hekseskud-i-laenden.md
      https://example.dk/ordbog/hekseskud-i-laenden
      Hekseskud i lænden → symptomer og behandling
      Lær alt om hekseskud i lænden - årsager, symptomer og behandlingsmuligheder.
      title 442 px / 580 px · 44 chars · from metaTitle
      description 76 chars / 156 chars · fixed template of page kind `ordbog`

- The title is cut by pixel width (Arial 20 px, `seo.widths.truncate`) at the limit of
  `meta-title-too-wide` (`max-px`, 580 by default) and ends in "...".
- The description is cut at the last whole word within the limit of
  `meta-description-length` (`max-chars`, 156 by default) and ends in "...".
- URLs are shown on `base_url` when the caller gives it, else on the profile's first
  `domains` entry, else on the placeholder `https://example.dk`.
- Text from articles passes through `reporters.safe_text`: control and escape characters
  are shown escaped (`\\u001b`), never sent to the terminal raw. Without colour (not a
  terminal, `NO_COLOR`, or `color=False`) the output is plain text with no ANSI codes.

Like a reporter, this module only formats: it returns the text and never prints.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from healthlint.report.escape import visible as safe_text

PLACEHOLDER_DOMAIN = "https://example.dk"
_DOT = " · "
# Dropped from the end of a cut description so "..." does not follow a dangling separator.
_TRAILING = " \t,;:-–—|/→·•"


@dataclass(frozen=True)
class Preview:
    """One article's search result and its measures (plain values, before formatting)."""

    path: str
    kind: str
    url: str
    title: str | None  # as the site renders it, whole
    shown_title: str | None  # as the result page shows it, cut to the pixel limit
    title_px: float
    title_source: str  # "metaTitle", "fallback `{title} | …`" …
    description: str | None
    shown_description: str | None
    description_source: str
    problem: str | None = None  # why there is no preview (unreadable file)
    warning: str | None = None  # why the preview may differ from the page (frontmatter does not parse)
    fragment: bool = False  # not a page: a fragment kind of the profile
    noindex: bool = False  # a page kept out of search results by its noindex key

    def as_json(self, max_px: float, max_chars: int) -> dict:
        """The preview as plain values, for `healthlint serp --format json`."""
        return {
            "path": self.path,
            "kind": self.kind,
            "page": not self.fragment and not self.problem,
            "indexed": not (self.fragment or self.noindex or self.problem),
            "url": self.url or None,
            "title": self.title,
            "title_chars": len(self.title) if self.title is not None else None,
            "title_px": round(self.title_px, 1) if self.title is not None else None,
            "title_max_px": max_px,
            "title_shown": self.shown_title,
            "title_source": self.title_source or None,
            "description": self.description,
            "description_chars": len(self.description) if self.description is not None else None,
            "description_max_chars": max_chars,
            "description_shown": self.shown_description,
            "description_source": self.description_source or None,
            "problem": self.problem,
            "warning": self.warning,
        }


def cut_description(text: str, max_chars: int, ellipsis: str = "...") -> str:
    """`text` as a result page shows it: whole, or its whole words within `max_chars` plus "..."."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    if not text[max_chars].isspace() and " " in head:
        head = head[: head.rindex(" ")]  # a word cut in half goes; the result page cuts between words
    return head.rstrip(_TRAILING) + ellipsis


def _limit(config, rule, key: str):
    setting = config.rules.get(rule.code)
    return (setting.options if setting else {}).get(key, rule.options[key])


def previews(paths: list[str], options, base_url: str | None = None) -> tuple[list[Preview], dict]:
    """Render each article's result the way `render_serp` shows it; the second value holds the limits."""
    from healthlint.checks.descriptions import meta_description_length
    from healthlint.checks.titles import meta_title_too_wide
    from healthlint.document import Document, LoadFailure
    from healthlint.files import boundary
    from healthlint.files.discover import discover, display_path, relative_to_root
    from healthlint.run.pipeline import PathNotFound, read_file, resolve_config
    from healthlint.site.profile import render
    from healthlint.site.widths import text_width, truncate

    given = [Path(p) for p in paths]
    missing = [p for p in given if not os.path.lexists(p)]
    if missing:
        raise PathNotFound(", ".join(str(p) for p in missing))
    config = resolve_config(given, options)
    max_px = _limit(config, meta_title_too_wide, "max-px")
    max_chars = _limit(config, meta_description_length, "max-chars")
    profile = config.site_profile
    if base_url is None and profile.domains:
        base_url = "https://" + profile.domains[0]  # the profile's first domain is the site's address
    domain = (base_url or PLACEHOLDER_DOMAIN).rstrip("/")
    found = []
    for path in discover(given, config, force_exclude=options.force_exclude).files:
        shown = display_path(path)
        rel = relative_to_root(path, config.site_root)
        data = read_file(path, config.max_file_size, boundary.of(config))
        doc = Document.from_bytes(shown, data, rel) if isinstance(data, bytes) else data
        if isinstance(doc, LoadFailure):
            found.append(Preview(shown, "", "", None, None, 0.0, "", None, None, "", problem=doc.message))
            continue
        page = render(doc, profile)
        kind = profile.kind_for(rel)
        if page.fragment:
            found.append(Preview(shown, page.kind, "", None, None, 0.0, "", None, None, "", fragment=True))
            continue
        if page.title_from_key:
            title_source = f"from {page.title_from_key}"
        elif page.title_template:
            title_source = f"fallback {page.title_template if page.title_template.startswith('the ') else '`' + page.title_template + '`'}"
        else:
            title_source = "no step of the page kind's title chain gives a title"
        cut_step = next((step for step in kind.description if step.kind == "first-paragraph"), None)
        if page.description_source == "template":
            description_source = f"fixed template of page kind `{page.kind}`"
        elif page.description_source == "first-paragraph" and cut_step is not None:
            description_source = f"cut by the site from the first paragraph ({cut_step.max_chars} chars + \"{cut_step.suffix}\")"
        elif page.description_source == "key":
            description_source = f"from {page.description_key}"
        else:
            keys = " or ".join(f"`{key}`" for step in kind.description if step.kind == "key" for key in step.keys) or "description"
            description_source = f"no {keys} in the frontmatter: the search engine writes its own snippet"
        warning = None
        if doc.frontmatter.error is not None:
            warning = (
                f"The frontmatter does not parse (line {doc.frontmatter.error.span.line}), so this preview uses "
                "only the file name and the site's fallbacks. Run `healthlint check` for the error."
            )
        url = page.url if page.url.startswith(("http://", "https://")) else domain + "/" + page.url.lstrip("/")
        found.append(
            Preview(
                path=shown,
                kind=page.kind,
                url=url,
                title=page.title,
                shown_title=truncate(page.title, max_px) if page.title else None,
                title_px=text_width(page.title) if page.title else 0.0,
                title_source=title_source,
                description=page.description,
                shown_description=cut_description(page.description, max_chars) if page.description else None,
                description_source=description_source,
                warning=warning,
                noindex=page.noindex,
            )
        )
    limits = {"max-px": max_px, "max-chars": max_chars, "placeholder": base_url is None}
    return found, limits


def _use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def render_serp(paths: list[str], options, *, color: bool | None = None, base_url: str | None = None) -> str:
    """The search-result preview of every article under `paths`, as text for the terminal.

    `color`: None decides by standard output (a terminal, and `NO_COLOR` unset).
    `base_url`: the site's address, e.g. `https://www.fysfinder.dk`; else a placeholder.
    Raises `api.PathNotFound` for a path that does not exist, and `config.ConfigError`.
    """
    from rich.console import Console
    from rich.text import Text

    found, limits = previews(paths, options, base_url)
    color = _use_color() if color is None else color
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=bool(color),
        no_color=not color,
        color_system="standard" if color else None,
        width=10_000,
        highlight=False,
        soft_wrap=True,
    )
    max_px, max_chars = limits["max-px"], limits["max-chars"]
    for index, item in enumerate(found):
        if index:
            console.print()
        console.print(Text(safe_text(item.path), style="bold"))
        if item.problem:
            console.print(Text("  " + safe_text(item.problem), style="red"))
            continue
        if item.fragment:
            console.print(Text(f"  not a page: page kind `{safe_text(item.kind)}` is a fragment the site places inside other pages", style="dim"))
            continue
        if item.warning:
            console.print(Text("  " + item.warning, style="yellow"))
        if item.noindex:
            console.print(Text("  noindex: kept out of search results, so its result-page rules do not run", style="dim"))
        console.print(Text("  " + safe_text(item.url), style="green"))
        if item.shown_title:
            console.print(Text("  " + safe_text(item.shown_title), style="bold blue"))
        else:
            console.print(Text("  (no title)", style="red"))
        if item.shown_description:
            console.print(Text("  " + safe_text(item.shown_description)))
        else:
            console.print(Text("  (no meta description)", style="dim"))
        console.print(_title_measure(item, max_px))
        console.print(_description_measure(item, max_chars))
    if found and limits["placeholder"] and any(not item.problem for item in found):
        console.print()
        console.print(Text(f"URLs are shown on the placeholder domain {PLACEHOLDER_DOMAIN}.", style="dim"))
    return buffer.getvalue()


def render_serp_json(paths: list[str], options, *, base_url: str | None = None) -> str:
    """The same previews as JSON: one object per file, in the order `render_serp` shows them."""
    import json

    from healthlint.report.escape import valid_json

    found, limits = previews(paths, options, base_url)
    files = [item.as_json(limits["max-px"], limits["max-chars"]) for item in found]
    document = {"version": 1, "placeholder_domain": limits["placeholder"], "files": files}
    return valid_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _kept(shown: str | None) -> int:
    """How many characters of the text a cut result keeps, without its "..."."""
    return len(shown.removesuffix("...")) if shown else 0


def _title_measure(item: Preview, max_px: int):
    from rich.text import Text

    line = Text("  title ")
    if item.title is None:
        return line + Text(f"none{_DOT}{safe_text(item.title_source)}", style="red")
    over = item.title_px > max_px
    line.append(f"{item.title_px:.0f} px / {max_px} px", style="yellow" if over else "green")
    line.append(f"{_DOT}{len(item.title)} chars")
    if over:
        line.append(f"{_DOT}cut after {_kept(item.shown_title)} chars", style="yellow")
    line.append(_DOT + safe_text(item.title_source), style="dim")
    return line


def _description_measure(item: Preview, max_chars: int):
    from rich.text import Text

    line = Text("  description ")
    if item.description is None:
        return line + Text(f"none{_DOT}{safe_text(item.description_source)}", style="yellow")
    length = len(item.description)
    over = length > max_chars
    line.append(f"{length} chars / {max_chars} chars", style="yellow" if over else "green")
    if over:
        line.append(f"{_DOT}cut after {_kept(item.shown_description)} chars", style="yellow")
    line.append(_DOT + safe_text(item.description_source), style="dim")
    return line


__all__ = ["render_serp", "render_serp_json", "previews", "cut_description", "Preview", "PLACEHOLDER_DOMAIN"]
