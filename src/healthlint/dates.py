"""Reading the dates writers put in frontmatter: DD/MM/YYYY, DD-MM-YYYY, YYYY-MM-DD, YAML dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NamedTuple

from healthlint.i18n import Messages

DATE_KEYS = ("datePublished", "lastUpdated", "date")

# name → (pattern, order of the groups)
KNOWN_FORMATS = {
    "DD/MM/YYYY": (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "dmy", "/"),
    "DD-MM-YYYY": (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), "dmy", "-"),
    "DD.MM.YYYY": (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), "dmy", "."),
    "YYYY-MM-DD": (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd", "-"),
    # Real dates in forms no site here accepts: read, so HL122 can say "another format" (with a
    # fix) rather than HL120 "not a real date".
    "YYYY.MM.DD": (re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"), "ymd", "."),
    "YYYY/MM/DD": (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), "ymd", "/"),
}
DEFAULT_FORMATS = ["DD/MM/YYYY", "DD-MM-YYYY", "YYYY-MM-DD"]

MONTHS_DA = (
    "januar februar marts april maj juni juli august september oktober november december".split()
)

# Why a text is not a date: part of the invalid-date rule's message, rendered in its language.
MESSAGES = Messages(
    {
        "not-written-as-date": {"en": "it is not written as a date", "da": "den er ikke skrevet som en dato"},
        "no-such-month": {"en": "there is no month {month} (read as {fmt})", "da": "der findes ingen måned {month} (læst som {fmt})"},
        "no-such-day": {"en": "{month} {year} has {last} days, not {day}", "da": "{month} {year} har {last} dage, ikke {day}"},
        "unknown-format": {
            "en": "it is not in a date format healthlint knows",
            "da": "den er ikke i et datoformat, som healthlint kender",
        },
    },
    __name__,
)


class ParsedDate(NamedTuple):
    value: date | None
    format: str | None  # one of KNOWN_FORMATS, or "YAML date"
    padded: str | None = None  # the zero-padded spelling when the text left out a zero
    problem: str | None = None  # why the text is not a real date (an i18n.Text)


def parse_date(raw: object) -> ParsedDate:
    """Read a frontmatter date value in any known format; say why when it is not a date."""
    if isinstance(raw, datetime):
        return ParsedDate(raw.date(), "YAML date")
    if isinstance(raw, date):
        return ParsedDate(raw, "YAML date")
    if not isinstance(raw, str):
        return ParsedDate(None, None, problem=MESSAGES.text("not-written-as-date"))
    text = raw.strip()
    for name, (pattern, order, separator) in KNOWN_FORMATS.items():
        match = pattern.match(text)
        if not match:
            continue
        first, second, third = match.groups()
        if order == "dmy":
            day, month, year = first, second, third
            padded = separator.join((day.zfill(2), month.zfill(2), year))
        else:
            year, month, day = first, second, third
            padded = separator.join((year, month.zfill(2), day.zfill(2)))
        padded = padded if padded != text else None
        y, m, d = int(year), int(month), int(day)
        if not 1 <= m <= 12:
            return ParsedDate(None, name, padded, MESSAGES.text("no-such-month", month=m, fmt=name))
        last = days_in_month(y, m) if y >= 1 else 31
        if not 1 <= d <= last or y < 1:
            return ParsedDate(None, name, padded, MESSAGES.text("no-such-day", month=MONTHS_DA[m - 1], year=y, last=last, day=d))
        return ParsedDate(date(y, m, d), name, padded)
    return ParsedDate(None, None, problem=MESSAGES.text("unknown-format"))


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def danish(value: date) -> str:
    return f"{value.day}. {MONTHS_DA[value.month - 1]} {value.year}"
