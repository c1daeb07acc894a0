"""HL101–HL114: the frontmatter block, its keys and values (the dates: checks/dates.py)."""

from __future__ import annotations

from datetime import date

from healthlint.dates import (
    DATE_KEYS,
)
from healthlint.diagnostic import Edit, Fix, Severity, Span, Violation
from healthlint.files.globs import matches_any
from healthlint.i18n import Messages, render
from healthlint.ruleset.rule import rule

TAGS = ("frontmatter", "page")
DATE_TAGS = ("frontmatter", "dates", "page")
REQUIRED_KEYS = ["title", "datePublished", "lastUpdated"]
KNOWN_KEYS = [
    "title",
    "metaTitle",
    "description",
    "metaDescription",
    "datePublished",
    "lastUpdated",
    "date",
    "keyword",
    "related",
    "slug",
    "author",
    "image",
    "tags",
    "category",
    "draft",
]
TEXT_KEYS = ("title", "metaTitle", "description", "metaDescription", "keyword", "slug", "author")
LIST_KEYS = ("related", "tags")

MESSAGES = Messages(
    {
        "no-frontmatter": {
            "en": "The article has no frontmatter: the page gets no title, meta title or dates. "
            "Start the file with a `---` block holding at least `title`, `datePublished` and `lastUpdated`.",
            "da": "Artiklen har ingen frontmatter: siden får ingen titel, metatitel eller datoer. "
            "Start filen med en `---`-blok med mindst `title`, `datePublished` og `lastUpdated`.",
        },
        "missing-key": {
            "en": "The frontmatter has no `{key}`: {why}. Add `{key}:` before this line.",
            "da": "Frontmatter mangler `{key}`: {why}. Tilføj `{key}:` før denne linje.",
        },
        "why-datePublished": {
            "en": "readers cannot see when the advice was published",
            "da": "læserne kan ikke se, hvornår rådene blev udgivet",
        },
        "why-lastUpdated": {
            "en": "readers cannot see whether the health advice is current",
            "da": "læserne kan ikke se, om sundhedsrådene er opdaterede",
        },
        "why-other": {"en": "this site requires it", "da": "sitet kræver den"},
        "why-title-slug": {
            "en": 'the site will make one from the file name, "{made}", which loses æ, ø and å (if the site puts them back, say `slug-title = "danish"` in its profile)',
            "da": 'sitet laver en ud fra filnavnet, "{made}", som mister æ, ø og å (sætter sitet dem ind igen, så skriv `slug-title = "danish"` i profilen)',
        },
        "why-title": {
            "en": "the page would have no H1 and no title in the search result",
            "da": "siden får ingen H1 og ingen titel i søgeresultatet",
        },
        "misspelled-key": {
            "en": "`{written}` looks like a misspelling of `{meant}`. The site reads keys by their exact "
            "name, so it ignores this one and the page has no `{meant}`. Rename it to `{meant}`.",
            "da": "`{written}` ligner en stavefejl for `{meant}`. Sitet læser nøgler ved deres præcise "
            "navn, så denne bliver ignoreret, og siden har ingen `{meant}`. Omdøb den til `{meant}`.",
        },
        "empty-value": {
            "en": "`{key}` is empty. Fill it in, or remove the key so the site can fall back.",
            "da": "`{key}` er tom. Udfyld den, eller fjern nøglen, så sitet kan bruge sin standardværdi.",
        },
        "should-be-text": {
            "en": "`{key}` should be text, but it is {kind}. Write it as one line of text in quotes.",
            "da": "`{key}` skal være tekst, men er {kind}. Skriv den som én linje tekst i anførselstegn.",
        },
        "should-be-date": {
            "en": '`{key}` should be a date such as "13/09/2025", but it is {kind}.',
            "da": '`{key}` skal være en dato som "13/09/2025", men er {kind}.',
        },
        "should-be-list": {
            "en": "`{key}` should be a list (one `- item` per line), but it is {kind}.",
            "da": "`{key}` skal være en liste (ét `- punkt` pr. linje), men er {kind}.",
        },
        "kind-bool": {"en": "true/false", "da": "sand/falsk (true/false)"},
        "kind-number": {"en": "a number", "da": "et tal"},
        "kind-list": {"en": "a list", "da": "en liste"},
        "kind-table": {"en": "a table of keys", "da": "en tabel med nøgler"},
        "kind-date": {"en": "a date", "da": "en dato"},
        "kind-text": {"en": "text", "da": "tekst"},
        "duplicate-key": {
            "en": "`{key}` is set twice; the site silently uses the last one. Keep one.",
            "da": "`{key}` er sat to gange; sitet bruger uden varsel den sidste. Behold kun én.",
        },
    },
    __name__,
)
say = MESSAGES.say




def _error_kind(doc, ctx, kind: str):
    error = doc.frontmatter.error
    if error is not None and error.kind in kind.split("|"):
        yield Violation(error.span, render(error.message, ctx.lang))


@rule("HL101", "missing-frontmatter", Severity.ERROR, tags=TAGS, summary_da="Artiklen har ingen frontmatter-blok.")
def missing_frontmatter(doc, ctx):
    """
    The article has no frontmatter block.

    **Why this matters**: the site reads the page's title, meta title and dates from the
    frontmatter at the top of the file. Without it the page has no title in the search result
    and no dates for the reader.

    **Example**: a file that starts directly with text or a `##` heading.

    **Instead**: start the file with
    `---` / `title: "Hekseskud i lænden"` / `datePublished: "13/09/2025"` / `lastUpdated: "12/10/2025"` / `---`.

    **Fix safety**: no automatic fix.
    """
    if not doc.frontmatter.present:
        yield Violation(doc.line_span(1), say(ctx.lang, "no-frontmatter"))


@rule("HL102", "frontmatter-not-closed", Severity.ERROR, tags=TAGS, summary_da="Frontmatter åbner med `---`, men lukkes aldrig.")
def frontmatter_not_closed(doc, ctx):
    """
    The frontmatter opens with `---` but never closes.

    **Why this matters**: everything after the opening line is read as settings, so the page
    has no article text at all.

    **Example**: a file that starts with `---` and `title: "Iskias"` but has no second `---`, so the
    whole article is read as frontmatter.

    **Instead**: end the settings with a line holding only `---`.

    **Fix safety**: no automatic fix.
    """
    yield from _error_kind(doc, ctx, "unclosed")


@rule(
    "HL103",
    "invalid-frontmatter",
    Severity.ERROR,
    tags=TAGS,
    summary_da="Frontmatter er ikke gyldig YAML eller bruger YAML-funktioner, som sitet ikke kan læse.",
)
def invalid_frontmatter(doc, ctx):
    """
    The frontmatter is not valid YAML, or uses YAML features the site cannot read.

    **Why this matters**: when the frontmatter does not parse, the site cannot read any of it:
    no title, no dates, no meta title. healthlint points at the line and column where the YAML
    parser gave up. Aliases that expand without bound and tags such as `!!python/object` are
    refused, never run.

    **Example**: `title: Hekseskud: symptomer` (a second `:` in an unquoted value).

    **Instead**: `title: "Hekseskud: symptomer"` — put quotes around values that hold `:` or `#`.

    **Fix safety**: no automatic fix.
    """
    yield from _error_kind(doc, ctx, "syntax|unsafe")


@rule(
    "HL104",
    "frontmatter-not-mapping",
    Severity.ERROR,
    tags=TAGS,
    summary_da="Frontmatter er tom eller ikke et sæt `nøgle: værdi`-indstillinger.",
)
def frontmatter_not_mapping(doc, ctx):
    """
    The frontmatter is empty or is not a set of `key: value` settings.

    **Why this matters**: the site looks up `title`, `metaTitle` and the dates by name; a list
    or a lone sentence gives it nothing to look up.

    **Example**: `- Hekseskud i lænden` (a list) or an empty `---`/`---` block.

    **Instead**: one setting per line: `title: "Hekseskud i lænden"`.

    **Fix safety**: no automatic fix.
    """
    yield from _error_kind(doc, ctx, "not-mapping")


def fields_readable(doc) -> bool:
    fm = doc.frontmatter
    return fm.present and fm.error is None


def _similar_key(key: str, candidates: list[str]) -> str | None:
    """The known key that `key` most likely meant: same letters in another case, or one or two typos."""
    lowered = key.lower()
    for candidate in candidates:
        if candidate.lower() == lowered:
            return candidate
    best, best_distance = None, 3
    for candidate in candidates:
        limit = 1 if len(candidate) <= 5 else 2
        distance = _edit_distance(lowered, candidate.lower(), best_distance)
        if distance <= limit and distance < best_distance:
            best, best_distance = candidate, distance
    return best


def _edit_distance(a: str, b: str, cap: int) -> int:
    """Damerau–Levenshtein distance (adjacent swaps count once), giving up above `cap`."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > cap:
            return cap + 1
        previous2, previous = previous, current
    return previous[-1]


def _required_keys(doc, options) -> list[str]:
    by_glob = options.get("keys-by-glob") or {}
    for glob, keys in by_glob.items():
        if matches_any((glob,), doc.rel_path):
            return list(keys)
    return list(options["keys"])


def misspellings(doc, ctx_options) -> dict[str, str]:
    """Unknown keys in this file that look like a known key: {written: meant}."""
    known = list(dict.fromkeys([*ctx_options.get("known-keys", KNOWN_KEYS), *REQUIRED_KEYS]))
    found = {}
    for key in doc.frontmatter.fields:
        if key in known:
            continue
        meant = _similar_key(key, known)
        if meant is not None and meant not in doc.frontmatter.fields:
            found[key] = meant
    return found


@rule(
    "HL110",
    "missing-required-key",
    Severity.ERROR,
    tags=TAGS,
    options={"keys": REQUIRED_KEYS, "keys-by-glob": {}},
    summary_da="En påkrævet nøgle mangler i frontmatter (som standard `title`, `datePublished`, `lastUpdated`).",
)
def missing_required_key(doc, ctx):
    """
    A required frontmatter key is missing (by default `title`, `datePublished`, `lastUpdated`).

    **Why this matters**: the title is the page's H1 and the base of its search-result title;
    the dates tell readers and search engines how current the health advice is.

    **Example**: a frontmatter block with `title` and `datePublished` but no `lastUpdated`.

    **Instead**: add the key. The problem is reported on the closing `---` line, where the key
    can be added. Which keys are required can be set per folder with `keys-by-glob`
    (`{"blog/**" = ["title", "datePublished"]}`).

    **Fix safety**: no automatic fix: only the writer knows the value.
    """
    if not fields_readable(doc):
        return
    fm = doc.frontmatter
    meant_by_typo = set(misspellings(doc, {}).values())
    where = Span(fm.end_line, 1, fm.end_line, 4)
    for key in _required_keys(doc, ctx.options):
        if key in fm.fields or key in meant_by_typo:
            continue
        if key == "title":
            why = _missing_title_effect(doc, ctx)
            if why is None:
                continue
        else:
            why = say(ctx.lang, f"why-{key}" if key in ("datePublished", "lastUpdated") else "why-other")
        yield Violation(where, say(ctx.lang, "missing-key", key=key, why=why))


def _missing_title_effect(doc, ctx) -> str | None:
    """Why a missing `title` matters here; None when the site makes a good one from the slug."""
    profile = ctx.profile
    if profile is not None and profile.configured:
        kind = profile.kind_for(doc.rel_path)
        if kind.slug_title != "off":
            from pathlib import PurePosixPath

            from healthlint.site.profile import title_from_slug

            slug = PurePosixPath(doc.rel_path).stem
            # A site that maps ae/oe/aa back (`slug-title = "danish"`) makes the title the
            # writer meant; a plain mapping only loses letters when the slug spells them out.
            if kind.slug_title == "danish" or not any(pair in slug.lower() for pair in ("ae", "oe", "aa")):
                return None
            return say(ctx.lang, "why-title-slug", made=title_from_slug(slug, kind.slug_title))
    return say(ctx.lang, "why-title")


@rule(
    "HL111",
    "misspelled-key",
    Severity.ERROR,
    tags=TAGS,
    options={"known-keys": KNOWN_KEYS},
    fixable=True,
    summary_da="En nøgle i frontmatter afviger kun i store og små bogstaver eller med en lille tastefejl fra en kendt nøgle.",
)
def misspelled_key(doc, ctx):
    """
    A frontmatter key differs only in case or by a small typo from a known key.

    **Why this matters**: the site looks keys up by their exact name, so `Title` or
    `datePublised` is ignored and the page behaves as if the key were missing.

    **Example**: `lastupdated: "12/10/2025"`.

    **Instead**: `lastUpdated: "12/10/2025"`. Add site-specific keys to `known-keys` so they are
    not taken for typos.

    **Fix safety**: unsafe: renaming a key changes what the site reads; check it was meant.
    """
    if not fields_readable(doc):
        return
    for written, meant in misspellings(doc, ctx.options).items():
        entry = doc.frontmatter.fields[written]
        fix = Fix((Edit(entry.key_span, meant),), safe=False, description=f"rename `{written}` to `{meant}`")
        yield Violation(entry.key_span, say(ctx.lang, "misspelled-key", written=written, meant=meant), fix)


@rule("HL112", "empty-value", Severity.ERROR, tags=TAGS, summary_da="En nøgle i frontmatter har ingen værdi.")
def empty_value(doc, ctx):
    """
    A frontmatter key has no value.

    **Why this matters**: `title:` with nothing after it gives the page an empty title; an
    empty date shows no date. The site treats an empty value as set, so no fallback is used.

    **Example**: `metaTitle: ""`.

    **Instead**: fill in the value, or remove the key to let the site fall back.

    **Fix safety**: no automatic fix.
    """
    if not fields_readable(doc):
        return
    for entry in doc.frontmatter.fields.values():
        value = entry.value
        if value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}:
            span = entry.value_span or entry.key_span
            yield Violation(span, say(ctx.lang, "empty-value", key=entry.key))


@rule(
    "HL113",
    "wrong-value-type",
    Severity.ERROR,
    tags=TAGS,
    summary_da="En værdi i frontmatter har forkert type: en liste eller et tal, hvor der skal stå tekst, eller tekst, hvor der skal stå en liste.",
)
def wrong_value_type(doc, ctx):
    """
    A frontmatter value has the wrong type: a list or number where text is expected, or text where a list is.

    **Why this matters**: the site renders `title`, `metaTitle` and `description` as text. A list
    (`title: [a, b]`), a table or a bare number is shown as code or not at all.

    **Example**: `title:` followed by `- Hekseskud` on the next line.

    **Instead**: `title: "Hekseskud i lænden"`; `related:` takes a list.

    **Fix safety**: no automatic fix.
    """
    if not fields_readable(doc):
        return
    for entry in doc.frontmatter.fields.values():
        value = entry.value
        if value is None or entry.value_span is None:
            continue
        if entry.key in TEXT_KEYS and not isinstance(value, str):
            yield Violation(entry.value_span, say(ctx.lang, "should-be-text", key=entry.key, kind=_kind(value, ctx.lang)))
        elif entry.key in DATE_KEYS and not isinstance(value, (str, date)):
            yield Violation(entry.value_span, say(ctx.lang, "should-be-date", key=entry.key, kind=_kind(value, ctx.lang)))
        elif entry.key in LIST_KEYS and not isinstance(value, list):
            yield Violation(entry.value_span, say(ctx.lang, "should-be-list", key=entry.key, kind=_kind(value, ctx.lang)))


def _kind(value, lang: str) -> str:
    if isinstance(value, bool):
        return say(lang, "kind-bool")
    if isinstance(value, (int, float)):
        return say(lang, "kind-number")
    if isinstance(value, list):
        return say(lang, "kind-list")
    if isinstance(value, dict):
        return say(lang, "kind-table")
    if isinstance(value, date):
        return say(lang, "kind-date")
    return say(lang, "kind-text")


@rule("HL114", "duplicate-key", Severity.ERROR, tags=TAGS, summary_da="Den samme nøgle står to gange i frontmatter.")
def duplicate_key(doc, ctx):
    """
    The same frontmatter key is written twice.

    **Why this matters**: the site keeps only the last one, silently; the writer who edits the
    first one sees no change on the page.

    **Example**: `title: "Iskias"` on line 2 and `title: "Iskias - symptomer"` on line 6.

    **Instead**: keep one of them.

    **Fix safety**: no automatic fix: only the writer knows which value is right.
    """
    if doc.frontmatter.error is not None:
        return
    for entry in doc.frontmatter.duplicates:
        yield Violation(entry.key_span, say(ctx.lang, "duplicate-key", key=entry.key))


RULES = (
    missing_frontmatter,
    frontmatter_not_closed,
    invalid_frontmatter,
    frontmatter_not_mapping,
    missing_required_key,
    misspelled_key,
    empty_value,
    wrong_value_type,
    duplicate_key,
)
