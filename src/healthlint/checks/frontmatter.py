"""HL1xx: the frontmatter block, its keys and values, and the article's dates."""

from __future__ import annotations

from datetime import date

from healthlint.dates import DATE_KEYS, DEFAULT_FORMATS, KNOWN_FORMATS, danish, days_in_month, parse_date
from healthlint.globs import matches_any
from healthlint.diagnostic import Edit, Fix, Severity, Span, Violation
from healthlint.i18n import Messages, render
from healthlint.rule import rule, site_rule
from healthlint.site_index import format_family

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
        "invalid-date": {
            "en": '`{key}` is "{value}", which is not a real date: {problem}. Write a real date such as "13/09/2025".',
            "da": '`{key}` er "{value}", som ikke er en gyldig dato: {problem}. Skriv en gyldig dato som "13/09/2025".',
        },
        "unpadded-date": {
            "en": '`{key}` is written "{value}" without leading zeros; write "{padded}".',
            "da": '`{key}` er skrevet "{value}" uden foranstillede nuller; skriv "{padded}".',
        },
        "date-format": {
            "en": '`{key}` is written as {fmt} ("{value}"); this site writes dates as {target}: {new}.',
            "da": '`{key}` er skrevet som {fmt} ("{value}"); dette site skriver datoer som {target}: {new}.',
        },
        "inconsistent-format": {
            "en": "`{key}` is written as {fmt}, but {count} of the {total} dates in this {where} are {common}. "
            "Write it as {common}.",
            "da": "`{key}` er skrevet som {fmt}, men {count} af de {total} datoer {where} er {common}. "
            "Skriv den som {common}.",
        },
        "in-folder": {"en": "folder `{folder}/`", "da": "i mappen `{folder}/`"},
        "in-site": {"en": "site", "da": "på sitet"},
        "updated-before-published": {
            "en": "`lastUpdated` ({updated}) is before `datePublished` ({published}): "
            "an article cannot be updated before it is published. Correct the date that is wrong.",
            "da": "`lastUpdated` ({updated}) ligger før `datePublished` ({published}): "
            "en artikel kan ikke opdateres, før den er udgivet. Ret den dato, der er forkert.",
        },
        "future-date": {
            "en": "`{key}` is {date}, which is after today ({today}). Check the year, and whether day and month were swapped.",
            "da": "`{key}` er {date}, som ligger efter i dag ({today}). Tjek årstallet, og om dag og måned er byttet om.",
        },
        "stale": {
            "en": "`{key}` is {date}, {age} months ago; health articles should be reviewed at "
            "least every {months} months. Review the advice and set `lastUpdated` to the review date.",
            "da": "`{key}` er {date}, {age:|måned|måneder} siden; sundhedsartikler bør gennemgås mindst "
            "hver {months}. måned. Gennemgå rådene, og sæt `lastUpdated` til datoen for gennemgangen.",
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


def _fields_readable(doc) -> bool:
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


def _misspellings(doc, ctx_options) -> dict[str, str]:
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
    if not _fields_readable(doc):
        return
    fm = doc.frontmatter
    meant_by_typo = set(_misspellings(doc, {}).values())
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

            from healthlint.profile import title_from_slug

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
    if not _fields_readable(doc):
        return
    for written, meant in _misspellings(doc, ctx.options).items():
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
    if not _fields_readable(doc):
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
    if not _fields_readable(doc):
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


# --------------------------------------------------------------------------------------
# Dates


def _dates(doc):
    """(key, field, parsed) for each date key present with a value."""
    if not _fields_readable(doc):
        return
    for key in DATE_KEYS:
        entry = doc.frontmatter.fields.get(key)
        if entry is None or entry.value_span is None or not isinstance(entry.value, (str, date)):
            continue
        if isinstance(entry.value, str) and not entry.value.strip():
            continue
        yield key, entry, parse_date(entry.value)


def _accepted(options) -> list[str]:
    return list(options.get("formats") or DEFAULT_FORMATS)


@rule(
    "HL120",
    "invalid-date",
    Severity.ERROR,
    tags=DATE_TAGS,
    summary_da="En dato i frontmatter er ikke en gyldig dato eller slet ikke skrevet som en dato.",
)
def invalid_date(doc, ctx):
    """
    A date in the frontmatter is not a real date, or not written as a date at all.

    **Why this matters**: the page shows the date to readers as a sign of how current the health
    advice is; "31/02/2025" cannot be shown, and some sites fail to build the page.

    **Example**: `datePublished: "31/02/2025"`, `lastUpdated: "i går"`.

    **Instead**: a real date in the site's format: `datePublished: "28/02/2025"`.

    **Fix safety**: no automatic fix.
    """
    for key, entry, parsed in _dates(doc):
        if parsed.value is None:
            yield Violation(
                entry.value_span, say(ctx.lang, "invalid-date", key=key, value=entry.value, problem=parsed.problem)
            )


@rule(
    "HL121",
    "unpadded-date",
    Severity.WARNING,
    tags=DATE_TAGS,
    fixable=True,
    summary_da="En dato mangler et foranstillet nul (`7-06-2025`).",
)
def unpadded_date(doc, ctx):
    """
    A date leaves out a leading zero (`7-06-2025`).

    **Why this matters**: the site and tools that sort or compare dates as text expect two-digit
    days and months; mixed forms also look careless to readers.

    **Example**: `lastUpdated: "7-06-2025"`.

    **Instead**: `lastUpdated: "07-06-2025"`.

    **Fix safety**: safe: only zeros are added; the date stays the same.
    """
    for key, entry, parsed in _dates(doc):
        if parsed.padded and isinstance(entry.value, str) and entry.value_span.line == entry.value_span.end_line:
            fix = Fix((Edit(entry.value_span, parsed.padded),), safe=True, description=f"write {parsed.padded}")
            message = say(ctx.lang, "unpadded-date", key=key, value=entry.value, padded=parsed.padded)
            yield Violation(entry.value_span, message, fix)


def _reformat(value: date, fmt: str) -> str:
    separator = KNOWN_FORMATS[fmt][2]
    if KNOWN_FORMATS[fmt][1] == "dmy":
        return separator.join((f"{value.day:02d}", f"{value.month:02d}", f"{value.year:04d}"))
    return separator.join((f"{value.year:04d}", f"{value.month:02d}", f"{value.day:02d}"))


@rule(
    "HL122",
    "date-format-not-accepted",
    Severity.WARNING,
    tags=DATE_TAGS,
    options={"formats": DEFAULT_FORMATS},
    fixable=True,
    summary_da="En dato er skrevet i et format, sitet ikke bruger (indstillingen `formats`, som standard DD/MM/YYYY, DD-MM-YYYY, YYYY-MM-DD).",
)
def date_format_not_accepted(doc, ctx):
    """
    A date is written in a format the site does not use (option `formats`, default DD/MM/YYYY, DD-MM-YYYY, YYYY-MM-DD).

    **Why this matters**: the site parses dates in its own formats; another format may be shown
    wrongly or not at all.

    **Example**: `datePublished: "13.09.2025"`.

    **Instead**: `datePublished: "13/09/2025"` (the first accepted format).

    **Fix safety**: safe when the day and month cannot be mixed up (the day is over 12 or equals
    the month, or the date is year-first); unsafe otherwise.
    """
    accepted = _accepted(ctx.options)
    for key, entry, parsed in _dates(doc):
        if parsed.value is None or parsed.format == "YAML date" and "YYYY-MM-DD" in accepted:
            continue
        fmt = "YYYY-MM-DD" if parsed.format == "YAML date" else parsed.format
        if fmt in accepted:
            continue
        target = accepted[0]
        new = _reformat(parsed.value, target)
        day, month = parsed.value.day, parsed.value.month
        safe = day > 12 or day == month or fmt.startswith("YYYY")
        span = entry.value_span
        if not entry.quoted:
            new = f'"{new}"'
        fix = Fix((Edit(span, new),), safe=safe, description=f"write {new}")
        message = say(ctx.lang, "date-format", key=key, fmt=fmt, value=entry.value, target=target, new=new.strip(chr(34)))
        yield Violation(span, message, fix)


@site_rule(
    "HL123",
    "inconsistent-date-format",
    Severity.WARNING,
    tags=DATE_TAGS,
    options={"min-dates": 3},
    summary_da="En dato er skrevet i et andet format end de fleste datoer i samme indholdsmappe.",
    # A format the site does not accept at all is HL122's finding, with a fix; one report is enough.
    yields_to=("HL122",),
)
def inconsistent_date_format(site, ctx):
    """
    A date is written in another format than most dates in the same content folder.

    **Why this matters**: the site's templates and the writers' tools are built around one
    format per folder (articles DD/MM/YYYY, blog DD-MM-YYYY on the site this was built for);
    a date in another format is easy to misread (03/04 or 04/03?) and may sort wrongly.

    **Example**: one article with `datePublished: 2025-09-13` in a folder where all others
    write `"13/09/2025"`.

    **Instead**: write it like the rest of the folder.

    **Fix safety**: no automatic fix (`date-format-not-accepted` fixes formats the site does not accept).
    """
    for facts in site.reported():
        if not facts.dates:
            continue
        folder = facts.rel_path.rpartition("/")[0]
        counts = site.index.folder_families(folder, facts)
        total = sum(counts.values())
        if total < ctx.options["min-dates"]:
            continue
        common, count = counts.most_common(1)[0]
        if count * 2 <= total:
            continue
        for fact in facts.dates:
            if format_family(fact.format) != common:
                where = say(ctx.lang, "in-folder", folder=folder) if folder else say(ctx.lang, "in-site")
                message = say(
                    ctx.lang,
                    "inconsistent-format",
                    key=fact.key,
                    fmt=format_family(fact.format),
                    count=count,
                    total=total,
                    where=where,
                    common=common,
                )
                yield facts.path, Violation(fact.span, message)


@rule("HL124", "updated-before-published", Severity.ERROR, tags=DATE_TAGS, summary_da="`lastUpdated` ligger før `datePublished`.")
def updated_before_published(doc, ctx):
    """
    `lastUpdated` is earlier than `datePublished`.

    **Why this matters**: an article cannot be updated before it was published; one of the dates
    is wrong, and readers judging how current the advice is are misled.

    **Example**: `datePublished: "13/09/2025"`, `lastUpdated: "12/09/2025"`.

    **Instead**: correct the date that is wrong (usually `lastUpdated`).

    **Fix safety**: no automatic fix.
    """
    dates = {key: (entry, parsed) for key, entry, parsed in _dates(doc)}
    if "datePublished" in dates and "lastUpdated" in dates:
        (_, published), (updated_entry, updated) = dates["datePublished"], dates["lastUpdated"]
        if published.value and updated.value and updated.value < published.value:
            message = say(
                ctx.lang, "updated-before-published", updated=danish(updated.value), published=danish(published.value)
            )
            yield Violation(updated_entry.value_span, message)


@rule("HL125", "future-date", Severity.ERROR, tags=DATE_TAGS, summary_da="En dato i frontmatter ligger i fremtiden.")
def future_date(doc, ctx):
    """
    A frontmatter date lies in the future.

    **Why this matters**: readers see a publication or update date that has not happened yet,
    which undermines trust in the health advice; usually the day and month were swapped or the
    year mistyped. "Today" is the run's date, or `--today YYYY-MM-DD`.

    **Example**: `lastUpdated: "12/10/2062"`.

    **Instead**: the real date.

    **Fix safety**: no automatic fix.
    """
    for key, entry, parsed in _dates(doc):
        if parsed.value and parsed.value > ctx.today:
            message = say(ctx.lang, "future-date", key=key, date=danish(parsed.value), today=danish(ctx.today))
            yield Violation(entry.value_span, message)


def _months_later(value: date, months: int) -> date:
    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(value.day, days_in_month(year, month)))


@rule(
    "HL126",
    "stale-article",
    Severity.WARNING,
    tags=DATE_TAGS,
    options={"max-age-months": 12},
    summary_da="Artiklen er ikke blevet gennemgået i længere tid end gennemgangsintervallet (som standard 12 måneder).",
)
def stale_article(doc, ctx):
    """
    The article has not been reviewed for longer than the review interval (default 12 months).

    **Why this matters**: health advice changes; readers and search engines trust content that
    is reviewed and dated. `lastUpdated` (or `datePublished` when there is no `lastUpdated`) older
    than the interval means the advice may be out of date.

    **Example**: `lastUpdated: "12/10/2025"` checked on 28/11/2026.

    **Instead**: review the article against current guidance, then set `lastUpdated` to the
    review date.

    **Fix safety**: no automatic fix: only a review makes an article current.
    """
    dates = {key: (entry, parsed) for key, entry, parsed in _dates(doc)}
    if "lastUpdated" not in dates:
        # A misspelt `lastupdated:` still holds the review date the writer meant (HL111 names the key).
        meant = {wanted: written for written, wanted in _misspellings(doc, {}).items()}
        written = meant.get("lastUpdated")
        entry = doc.frontmatter.fields.get(written) if written else None
        if entry is not None and entry.value_span is not None and isinstance(entry.value, (str, date)):
            dates["lastUpdated"] = (entry, parse_date(entry.value))
    chosen = dates.get("lastUpdated") or dates.get("datePublished")
    if chosen is None or chosen[1].value is None:
        return
    entry, parsed = chosen
    months = int(ctx.options["max-age-months"])
    due = _months_later(parsed.value, months)
    if due < ctx.today <= date.max:
        age = (ctx.today.year - parsed.value.year) * 12 + ctx.today.month - parsed.value.month
        if ctx.today.day < parsed.value.day:
            age -= 1
        message = say(ctx.lang, "stale", key=entry.key, date=danish(parsed.value), age=age, months=months)
        yield Violation(entry.value_span, message)


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
    invalid_date,
    unpadded_date,
    date_format_not_accepted,
    inconsistent_date_format,
    updated_before_published,
    future_date,
    stale_article,
)
