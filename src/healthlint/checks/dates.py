"""HL120–HL126: the article's dates — real, written as the site writes them, in order, not
in the future, and not too long without review."""

from __future__ import annotations

from datetime import date

from healthlint.checks.frontmatter import DATE_TAGS, fields_readable, misspellings
from healthlint.dates import (
    DATE_KEYS,
    DEFAULT_FORMATS,
    KNOWN_FORMATS,
    danish,
    days_in_month,
    parse_date,
)
from healthlint.diagnostic import Edit, Fix, Severity, Violation
from healthlint.i18n import Messages
from healthlint.ruleset.rule import rule, site_rule
from healthlint.site.index import format_family

MESSAGES = Messages(
    {
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


def _dates(doc):
    """(key, field, parsed) for each date key present with a value."""
    if not fields_readable(doc):
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
        meant = {wanted: written for written, wanted in misspellings(doc, {}).items()}
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
    invalid_date,
    unpadded_date,
    date_format_not_accepted,
    inconsistent_date_format,
    updated_before_published,
    future_date,
    stale_article,
)
