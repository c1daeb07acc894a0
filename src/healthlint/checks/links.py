"""HL226: links written so that the page shows raw Markdown instead of a link."""

from __future__ import annotations

import re

from healthlint.diagnostic import Severity, Span, Violation
from healthlint.i18n import Messages
from healthlint.rule import rule

TAGS = ("seo", "links")

MESSAGES = Messages(
    {
        "unclosed": {
            "en": "The link `{written}` has no closing `)`, so the page shows the raw Markdown instead of "
            "a link. Close the address with `)`.",
            "da": "Linket `{written}` mangler sin afsluttende `)`, så siden viser den rå Markdown i stedet "
            "for et link. Afslut adressen med `)`.",
        },
        "space": {
            "en": "The address of the link `{written}` holds a space, so the page shows the raw Markdown "
            "instead of a link. Write the address without spaces (the page's slug uses hyphens).",
            "da": "Adressen i linket `{written}` indeholder et mellemrum, så siden viser den rå Markdown i "
            "stedet for et link. Skriv adressen uden mellemrum (sidens slug bruger bindestreger).",
        },
        "broken": {
            "en": "The link `{written}` is not read as a link, so the page shows the raw Markdown. Check "
            "its brackets: `[text](address)`.",
            "da": "Linket `{written}` bliver ikke læst som et link, så siden viser den rå Markdown. Tjek "
            "parenteserne: `[tekst](adresse)`.",
        },
    },
    __name__,
)
say = MESSAGES.say

# `[text](` as it stays in the text when markdown-it did not make a link of it.
_OPENING = re.compile(r"!?\[([^\[\]\n]*)\]\(")
_SHOWN = 48  # characters of the raw link quoted in the message


@rule(
    "HL226", "malformed-link", Severity.WARNING, tags=TAGS,
    summary_da="Et link er skrevet, så siden viser rå Markdown i stedet for et link (manglende `)`, mellemrum i adressen).",
)
def malformed_link(doc, ctx):
    """
    A link is written so that the page shows raw Markdown instead of a link.

    **Why this matters**: the reader sees `[ondt i knæet](/ordbog/knaesmerter` in the middle
    of the text, and the page it should lead to gets no link. Markdown makes no link of an
    address without its closing `)` or with a space in it; nothing else warns the writer.

    **Example**: `Læs om [løberknæ](/ordbog/loeberknae og øvelser` or
    `[ondt i knæet](/ordbog/ondt i knaeet)`.

    **Instead**: `[løberknæ](/ordbog/loeberknae)`; an address without spaces. Text in
    backticks and escaped brackets (`\\[`) are left alone: they are meant to show.

    **Fix safety**: no automatic fix: where the address ends is the writer's to say.
    """
    for token in doc.tokens:
        if token.type != "inline" or not token.children or not token.map:
            continue
        cursor_line, cursor_column = token.map[0] + 1, 0
        for child in token.children:
            if child.type != "text" or "](" not in child.content:
                continue
            for match in _OPENING.finditer(child.content):
                found = _locate(doc, match.group(0), cursor_line, cursor_column, token.map[1])
                if found is None:
                    continue  # escaped brackets: the writer meant them to show
                line, column = found
                cursor_line, cursor_column = line, column + len(match.group(0))
                rest = doc.line_text(line)[column:]
                yield Violation(Span(line, column + 1, line, column + 1 + len(match.group(0))), _message(ctx.lang, rest))


def _locate(doc, needle: str, line: int, column: int, last_line: int) -> tuple[int, int] | None:
    while line <= last_line:
        index = doc.line_text(line).find(needle, column)
        if index != -1:
            return line, index
        line, column = line + 1, 0
    return None


def _message(lang: str, rest: str) -> str:
    """Which fault it is, judged from the link as written to the end of its line."""
    opening = rest.index("](") + 2
    close = rest.find(")", opening)
    if close != -1 and ("[" in rest[opening:close] or "](" in rest[opening:close]):
        close = -1  # that `)` closes a later link: this one is never closed
    written = rest[:opening] + rest[opening:].split(" ", 1)[0] if close == -1 else rest[: close + 1]
    if len(written) > _SHOWN:
        written = written[: _SHOWN - 1] + "…"
    if close == -1:
        return say(lang, "unclosed", written=written)
    if " " in rest[opening:close].strip():
        return say(lang, "space", written=written)
    return say(lang, "broken", written=written)


RULES = (malformed_link,)
