"""`healthlint init`: a commented starting configuration for a project.

It writes a `[tool.healthlint]` section at the end of `pyproject.toml` (creating the file when
there is none) or, with `--toml`, a `healthlint.toml`. The active settings are the defaults,
so a fresh config changes nothing; everything else, the site profile included, is there as
commented examples to switch on. It never overwrites: a project that already has a healthlint
section or file is told so and left alone.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = "pyproject.toml"
HEALTHLINT_TOML = "healthlint.toml"


class InitError(Exception):
    """The config cannot be written (a usage error, exit 2); says why and what to do."""


# `{p}` is the table prefix: "tool.healthlint." in pyproject.toml, "" in healthlint.toml.
_TEMPLATE = """\
# healthlint: a linter for Danish health articles in Markdown.
# `healthlint rules` lists every rule; `healthlint rule CODE` explains one.
# The values set here are the defaults; uncomment and edit the examples below to change more.
# Keys may be written with - or _.

# Which rules run: codes (HL126), prefixes (HL1), names (stale-article) or tags (dates).
# "default" is every rule that meets its precision target; "ALL" adds the rules that are off
# by default (`healthlint rules` marks them), such as spelling.
select = ["default"]
ignore = []
# Red-flag advice (HL501) is off by default until it meets its target (`healthlint rules`
# says why); a health site wants it on:
# extend-select = ["HL501"]

# Which files: gitignore-style globs relative to this file's folder.
include = ["*.md", "*.markdown"]
exclude = []
respect-gitignore = true

# The site is this file's folder. When the articles live in a folder inside it, name it:
# rules that compare articles (duplicate titles, broken links) then look only there.
# content-root = "content"

# Files larger than this many bytes are reported and not read.
max-file-size = 5000000

# The lowest severity that fails the run: "error", "warning" or "info".
fail-on = "error"

# Link from CI reports to each rule's documentation; {code} and {name} are filled in.
# docs-url = "https://example.org/healthlint/rules/{code}"

# Rules left out for some files (globs as in include):
# [{p}per-file-ignores]
# "blog/**" = ["stale-article"]

# A rule's severity and options, by code or name (`healthlint rule NAME` lists its options):
# [{p}rules.stale-article]
# severity = "warning"
# max-age-months = 12

# The project's own words for the spelling rule:
# [{p}spelling]
# words = ["Fysiopuls"]
# words-files = ["ordliste.txt"]     # one word per line, relative to this file's folder
# reject = ["isjias"]                # always reported

# The site profile: how the site renders each page's title and meta description on the
# search result page, per kind of page. The SEO rules check what the page will show;
# `healthlint serp --format json` prints it per file, to compare with the live site.
# Without page kinds, the title is `metaTitle` or else `title`, and the description is
# `description` or else `metaDescription`, for every article. Site-wide:
#   domains         the site's own hosts: absolute links to them are checked as internal
#   noindex-key     a frontmatter key that keeps a page out of search results when true
#   slug-title      how the site makes a missing `title` from the file name: "plain",
#                   "danish" (ae/oe/aa back to æ/ø/å) or "off"
# A page kind (the first whose glob matches a file is used):
#   name, glob      which files it covers; globs may name sub-folders
#   url             the page's address; {slug} is the file name without .md
#   title           a chain tried in order: templates ("{title} | Blog") or tables
#   description     a chain too: { key = "description" }, a fixed { template = "..." },
#                   { first-paragraph = true, max-chars = 157, suffix = "..." }
#   fragment        true: text the site places inside other pages, not a page; only its
#                   body is checked
#
# [{p}site]
# domains = ["fysiopuls.dk", "www.fysiopuls.dk"]
# noindex-key = "unlisted"
# slug-title = "danish"
#
# [[{p}site.pages]]
# name = "ordbog"
# glob = "ordbog/**"
# url = "/ordbog/{slug}"
# title = ["{metaTitle}", "{title} - hvad er {title_lower}?"]
# description = { template = "Lær alt om {title_lower} - årsager, symptomer og behandlingsmuligheder." }
#
# [[{p}site.pages]]
# name = "oevelser"
# glob = "traening/oevelser/**"
# url = "/traening/oevelse/{slug}"
# title = ["{metaTitle}", "{title} styrkeøvelse | Sådan gør du →"]
# description = [{ key = "description" }, { first-paragraph = true, max-chars = 157, suffix = "..." }]
#
# [[{p}site.pages]]
# name = "blog"
# glob = "blog/**"
# url = "/blog/{slug}"
# title = ["{metaTitle}", "{title} | Fysiopuls Blog"]
# description = { key = "description" }
#
# [[{p}site.pages]]
# name = "tekster"
# glob = "tekster/**"
# fragment = true
"""


def template(pyproject: bool) -> str:
    """The config text: a `[tool.healthlint]` section, or the body of a healthlint.toml."""
    body = _TEMPLATE.replace("{p}", "tool.healthlint." if pyproject else "")
    return "[tool.healthlint]\n" + body if pyproject else body


def _parse(path: Path, text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InitError(f"{path} is not valid TOML ({error}); fix it first, then run `healthlint init` again") from None


def _has_section(data: dict) -> bool:
    tool = data.get("tool")
    return isinstance(tool, dict) and "healthlint" in tool


def write_config(folder: Path, *, toml: bool = False) -> Path:
    """Write the config into `folder`; the path written. Raises InitError, writing nothing."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InitError(f"{folder} is not a folder")
    pyproject, own = folder / PYPROJECT, folder / HEALTHLINT_TOML
    if own.exists():
        raise InitError(f"{own} already exists; healthlint init does not overwrite it. Edit it, or remove it first")
    existing = None
    if pyproject.is_file():
        try:
            existing = pyproject.read_bytes().decode("utf-8")  # line endings as they are
        except (OSError, UnicodeDecodeError) as error:
            raise InitError(f"{pyproject} cannot be read: {getattr(error, 'strerror', None) or error}") from None
        if _has_section(_parse(pyproject, existing)):
            if toml:
                raise InitError(
                    f"{pyproject} already has a [tool.healthlint] section; a healthlint.toml beside it would "
                    "take its place. Keep one of them"
                )
            raise InitError(f"{pyproject} already has a [tool.healthlint] section; healthlint init does not overwrite it")
    if toml:
        text, target = template(pyproject=False), own
    else:
        text, target = template(pyproject=True), pyproject
        if existing:
            if "\r\n" in existing:
                text = text.replace("\n", "\r\n")  # keep the file's own line endings
            newline = "\r\n" if "\r\n" in existing else "\n"
            separator = "" if existing.endswith("\n") else newline
            text = existing + separator + newline + text
    _parse(target, text)  # appending must leave valid TOML, or nothing is written
    _write_new(target, text, expected=existing if target == pyproject else None)
    return target


def _write_new(path: Path, text: str, expected: str | None) -> None:
    """Write through a temporary file; refuse if the file appeared or changed meanwhile."""
    from healthlint.run.atomic import write_atomic

    def unchanged() -> None:
        current = path.read_bytes().decode("utf-8", "replace") if path.exists() else None
        if current != expected:
            raise InitError(f"{path} changed while healthlint init ran; nothing was written")

    write_atomic(path, text.encode("utf-8"), mode=None, check=unchanged)


__all__ = ["InitError", "template", "write_config"]
