"""Reading the dates writers put in frontmatter: DD/MM/YYYY, DD-MM-YYYY, YYYY-MM-DD, YAML dates."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

DATE_KEYS = ("datePublished", "lastUpdated", "date")

# name → (pattern, order of the groups)
KNOWN_FORMATS = {
    "DD/MM/YYYY": (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "dmy", "/"),
    "DD-MM-YYYY": (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), "dmy", "-"),
    "DD.MM.YYYY": (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), "dmy", "."),
    "YYYY-MM-DD": (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd", "-"),
}
DEFAULT_FORMATS = ["DD/MM/YYYY", "DD-MM-YYYY", "YYYY-MM-DD"]

MONTHS_DA = (
    "januar februar marts april maj juni juli august september oktober november december".split()
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    value: date | None
    format: str | None  # one of KNOWN_FORMATS, or "YAML date"
    padded: str | None = None  # the zero-padded spelling when the text left out a zero
    problem: str | None = None  # why the text is not a real date


def parse_date(raw: object) -> ParsedDate:
    """Read a frontmatter date value in any known format; say why when it is not a date."""
    if isinstance(raw, datetime):
        return ParsedDate(raw.date(), "YAML date")
    if isinstance(raw, date):
        return ParsedDate(raw, "YAML date")
    if not isinstance(raw, str):
        return ParsedDate(None, None, problem="it is not written as a date")
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
            return ParsedDate(None, name, padded, f"there is no month {m} (read as {name})")
        last = calendar.monthrange(y, m)[1] if y >= 1 else 31
        if not 1 <= d <= last or y < 1:
            return ParsedDate(None, name, padded, f"{MONTHS_DA[m - 1]} {y} has {last} days, not {d}")
        return ParsedDate(date(y, m, d), name, padded)
    return ParsedDate(None, None, problem="it is not in a date format healthlint knows")


def danish(value: date) -> str:
    return f"{value.day}. {MONTHS_DA[value.month - 1]} {value.year}"
