"""HL3xx: headings and the structure they give the page.

The frontmatter `title` is the page's H1 (the site renders it), so the body's outline
starts at `##`. Headings inside lists and blockquotes still render as headings, so they
take part in the outline like any other.
"""

from __future__ import annotations

import re

from healthlint.diagnostic import Edit, Fix, Severity, Span, Violation
from healthlint.document import Document, Heading
from healthlint.i18n import Messages
from healthlint.ruleset.rule import rule

TAGS = ("headings", "structure")

MESSAGES = Messages(
    {
        "first-skips": {
            "en": 'The first heading "{quoted}" is H{level}, but the frontmatter title is the '
            "page's H1, so the body should start at H2: the outline skips {skipped}. Make it `{wanted}`.",
            "da": 'Den første overskrift "{quoted}" er H{level}, men titlen i frontmatter er sidens H1, '
            "så brødteksten bør starte ved H2: dispositionen springer {skipped} over. Gør den til `{wanted}`.",
        },
        "a-level": {"en": "a level", "da": "et niveau"},
        "levels": {"en": "{count} levels", "da": "{count} niveauer"},
        "first-no-title": {
            "en": 'The first heading "{quoted}" is H{level}; a page without a frontmatter '
            "title should start at H1 or H2, so the outline has a gap readers and search "
            "engines cannot follow. Make it `{wanted}`.",
            "da": 'Den første overskrift "{quoted}" er H{level}; en side uden titel i frontmatter '
            "bør starte ved H1 eller H2, ellers har dispositionen et hul, som læsere og "
            "søgemaskiner ikke kan følge. Gør den til `{wanted}`.",
        },
        "jump": {
            "en": 'Heading "{quoted}" jumps from H{previous} to H{level}, skipping {skipped}: '
            "the outline that screen readers and search engines follow has a gap. Make it "
            "`{wanted}`, or add the missing level above it.",
            "da": 'Overskriften "{quoted}" går fra H{previous} til H{level} og springer {skipped} over: '
            "dispositionen, som skærmlæsere og søgemaskiner følger, har et hul. Gør den til "
            "`{wanted}`, eller tilføj det manglende niveau over den.",
        },
        "body-h1": {
            "en": 'Heading "{heading}" is an H1, but the frontmatter title "{title}" is '
            "already the page's H1: two H1s blur what the page is about for search engines and "
            "screen readers. Make it `##`, or move the text into the title.",
            "da": 'Overskriften "{heading}" er en H1, men titlen "{title}" i frontmatter er '
            "allerede sidens H1: to H1'ere gør det uklart for søgemaskiner og skærmlæsere, hvad "
            "siden handler om. Gør den til `##`, eller flyt teksten op i titlen.",
        },
        "empty-heading": {
            "en": "This H{level} heading is empty: the page shows a blank gap and screen readers "
            "announce a heading with no words. Write the heading or delete the line.",
            "da": "Denne H{level}-overskrift er tom: siden viser et tomt hul, og skærmlæsere "
            "annoncerer en overskrift uden ord. Skriv overskriften, eller slet linjen.",
        },
        "trailing-period": {
            "en": 'Heading "{heading}" ends with a period (`{mark}`): a heading is a label, '
            "and the mark looks like a slip on the page and in the table of contents. Remove it.",
            "da": 'Overskriften "{heading}" slutter med punktum (`{mark}`): en overskrift er en etiket, '
            "og tegnet ligner en fejl på siden og i indholdsfortegnelsen. Fjern det.",
        },
        "trailing-colon": {
            "en": 'Heading "{heading}" ends with a colon (`{mark}`): a heading is a label, '
            "and the mark looks like a slip on the page and in the table of contents. Remove it.",
            "da": 'Overskriften "{heading}" slutter med kolon (`{mark}`): en overskrift er en etiket, '
            "og tegnet ligner en fejl på siden og i indholdsfortegnelsen. Fjern det.",
        },
        "duplicate-heading": {
            "en": 'Heading "{heading}" repeats the H{level} on line {line} in the '
            "same section: readers and search engines cannot tell the two apart, and both get the "
            "same link anchor. Merge the sections or give each a name of its own.",
            "da": 'Overskriften "{heading}" gentager H{level}-overskriften på linje {line} i '
            "samme afsnit: læsere og søgemaskiner kan ikke skelne de to, og begge får det samme "
            "linkanker. Slå afsnittene sammen, eller giv hvert sit eget navn.",
        },
        "pseudo-question": {
            "en": '"{text}" stands alone above its answer like a heading, but it is a plain paragraph: screen '
            "readers, the table of contents and search results do not see it as the question it answers. "
            "Write it as a heading: `### {text}`.",
            "da": '"{text}" står alene over sit svar som en overskrift, men det er et almindeligt afsnit: '
            "skærmlæsere, indholdsfortegnelsen og søgeresultater ser det ikke som det spørgsmål, svaret hører til. "
            "Skriv det som en overskrift: `### {text}`.",
        },
        "run-on-question": {
            "en": '"{text}" is the first line of its answer\'s paragraph, so the page runs the question into the '
            "answer as one block of text. Make it a heading on its own line: `### {text}`.",
            "da": '"{text}" er første linje i svarets afsnit, så siden skriver spørgsmålet sammen med svaret i '
            "én tekstblok. Gør det til en overskrift på sin egen linje: `### {text}`.",
        },
        "pseudo-heading": {
            "en": '"{text}" stands alone on a line like a heading, but it is a plain paragraph, and this '
            "article has no `##` heading: screen readers, the table of contents and search engines "
            "see no sections. If it is a heading, write `## {text}`.",
            "da": '"{text}" står alene på en linje som en overskrift, men det er et almindeligt afsnit, og '
            "artiklen har ingen `##`-overskrifter: skærmlæsere, indholdsfortegnelsen og søgemaskiner "
            "ser ingen afsnit. Hvis det er en overskrift, så skriv `## {text}`.",
        },
    },
    __name__,
)
say = MESSAGES.say

# Container prefixes (blockquote `>`, list markers) and up to three blanks before an ATX `#`.
_ATX_PREFIX = re.compile(r"^(?:\s{0,3}>\s?)*\s*(?:[-*+]\s+|\d+[.)]\s+)*\s{0,3}(?=#)")
# Abbreviations whose period belongs to the word, so a heading may end with one.
_ABBREVIATIONS = frozenset(
    "osv. mv. m.m. m.v. etc. bl.a. f.eks. fx. ca. inkl. ekskl. evt. dvs. pga. jf. nr. dr. st. vs.".split()
)
_TRAILING_EMPHASIS = "*_"


def _has_title(doc: Document) -> bool:
    value = doc.frontmatter.get("title")
    return value is not None and str(value).strip() != ""


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _shown(text: str) -> str:
    return " ".join(text.split())


def _text_span(doc: Document, heading: Heading) -> Span:
    """Where a heading points: its text, or the whole line when it has none."""
    if not heading.text.strip():
        return doc.line_span(heading.line)
    return heading.span


@rule(
    "HL301",
    "heading-level-skipped",
    Severity.ERROR,
    summary_da="En overskrift ligger mere end ét niveau dybere end overskriften før den (`##` efterfulgt af `####`).",
    tags=TAGS,
)
def heading_level_skipped(doc: Document, ctx):
    """
    A heading is more than one level deeper than the heading before it (`##` then `####`).

    **Why this matters**: screen readers and search engines read the headings as the page's
    outline. A skipped level leaves a gap in it (an H4 with no H3 above), which makes the page
    harder to navigate and hides how the sections belong together. The frontmatter `title` is
    the page's H1, so the body starts at `##`; a body that starts at `###` skips H2.

    **Example**:

        ## Behandling
        #### Øvelser mod hekseskud

    **Instead**:

        ## Behandling
        ### Øvelser mod hekseskud

    **Fix safety**: no automatic fix: changing one level often means changing the levels of
    the headings under it too, and only the writer knows the intended outline.
    """
    title = _has_title(doc)
    previous = 1  # the page's H1: the frontmatter title, or the first `#` heading itself
    first = True
    for heading in doc.headings:
        if heading.level > previous + 1:
            quoted = _shown(heading.text)
            wanted = "#" * (previous + 1)
            lang = ctx.lang
            if first and title:
                skipped = say(lang, "a-level") if heading.level == 3 else say(lang, "levels", count=heading.level - 2)
                message = say(lang, "first-skips", quoted=quoted, level=heading.level, skipped=skipped, wanted=wanted)
            elif first:
                message = say(lang, "first-no-title", quoted=quoted, level=heading.level, wanted=wanted)
            else:
                if heading.level == previous + 2:
                    skipped = f"H{previous + 1}"
                else:
                    skipped = say(lang, "levels", count=heading.level - previous - 1)
                message = say(
                    lang, "jump", quoted=quoted, previous=previous, level=heading.level, skipped=skipped, wanted=wanted
                )
            yield Violation(_text_span(doc, heading), message)
        previous = heading.level
        first = False


@rule(
    "HL302",
    "body-h1",
    Severity.ERROR,
    summary_da="Brødteksten har en `#`-overskrift, selvom frontmatter har en `title`, så siden har to H1'ere.",
    tags=TAGS,
    fixable=True,
)
def body_h1(doc: Document, ctx):
    """
    The body has a `#` heading although the frontmatter has a `title`, so the page has two H1s.

    **Why this matters**: the site renders the frontmatter `title` as the page's H1. A second
    H1 in the body competes with it: search engines and screen readers see two main titles
    and cannot tell which one the page is about.

    **Example**:

        ---
        title: "Hekseskud i lænden"
        ---
        # Hvad er hekseskud?

    **Instead**:

        ## Hvad er hekseskud?

    **Fix safety**: unsafe. The fix turns `#` into `##` (or a `===` underline into `---`), but
    the headings under it may then need a level less too, and the writer may have meant the
    line as the title, which belongs in the frontmatter.
    """
    if not _has_title(doc):
        return
    title = _shown(str(doc.frontmatter.get("title")))
    for heading in doc.headings:
        if heading.level != 1 or not heading.text.strip():
            continue  # an empty `#` is reported as an empty heading
        fix = _demote_h1(doc, heading)
        yield Violation(_text_span(doc, heading), say(ctx.lang, "body-h1", heading=_shown(heading.text), title=title), fix)


def _demote_h1(doc: Document, heading: Heading) -> Fix | None:
    if heading.setext:
        underline = heading.line + heading.text.count("\n") + 1
        raw = doc.line_text(underline)
        start = len(raw) - len(raw.lstrip())
        end = len(raw.rstrip())
        if end <= start or set(raw[start:end]) != {"="}:
            return None
        edit = Edit(Span(underline, start + 1, underline, end + 1), "-" * (end - start))
        return Fix((edit,), safe=False, description="Underline the heading with `-` to make it `##`")
    prefix = _ATX_PREFIX.match(doc.line_text(heading.line))
    if prefix is None:
        return None
    column = prefix.end() + 1
    edit = Edit(Span(heading.line, column, heading.line, column + 1), "##")
    return Fix((edit,), safe=False, description="Make the heading `##`")


@rule(
    "HL303",
    "empty-heading",
    Severity.WARNING,
    summary_da="En overskrift har ingen tekst (`##` alene på en linje).",
    tags=TAGS,
)
def empty_heading(doc: Document, ctx):
    """
    A heading has no text (`##` alone on a line).

    **Why this matters**: an empty heading renders as blank space with a heading's margins,
    and screen readers announce a heading with nothing in it. It is usually a leftover from
    an outline that was never filled in.

    **Example**: `##` on a line of its own.

    **Instead**: write the heading, or delete the line.

    **Fix safety**: no automatic fix.
    """
    for heading in doc.headings:
        if not heading.text.strip():
            yield Violation(doc.line_span(heading.line), say(ctx.lang, "empty-heading", level=heading.level))


@rule(
    "HL304",
    "heading-trailing-punctuation",
    Severity.WARNING,
    summary_da="En overskrift slutter med `.` eller `:`.",
    tags=TAGS,
    fixable=True,
)
def heading_trailing_punctuation(doc: Document, ctx):
    """
    A heading ends with `.` or `:`.

    **Why this matters**: a heading is a label, not a sentence. A final period or colon looks
    like a mistake in the page and in the table of contents, and search engines may show the
    heading as a sitelink with the stray punctuation. Questions (`?`), exclamations (`!`) and
    an ellipsis (`...`, `…`) are fine, and so is an abbreviation's period (`osv.`).

    **Example**: `## Behandling af hekseskud:`

    **Instead**: `## Behandling af hekseskud`

    **Fix safety**: safe: the fix removes only the final `.` or `:`.
    """
    for heading in doc.headings:
        text = heading.text.rstrip()
        if not text.strip():
            continue
        core = text.rstrip(_TRAILING_EMPHASIS)  # `**Bemærk:**` renders as "Bemærk:"
        if not core or core[-1] not in ".:" or core.endswith(".."):
            continue
        if core[-1] == "." and core.split()[-1].casefold().lstrip("(") in _ABBREVIATIONS:
            continue
        span = _last_char_span(doc, heading, len(text) - len(core))
        if span is None:
            continue
        mark = core[-1]
        message_id = "trailing-period" if mark == "." else "trailing-colon"
        yield Violation(
            span,
            say(ctx.lang, message_id, heading=_shown(heading.text), mark=mark),
            Fix((Edit(span, ""),), safe=True, description=f"Remove the final `{mark}`"),
        )


def _last_char_span(doc: Document, heading: Heading, after: int) -> Span | None:
    """The span of the heading's last text character, `after` characters before its end."""
    if "\n" not in heading.text:
        end = heading.span.end_column - (len(heading.text) - len(heading.text.rstrip()))
        column = end - after - 1
        line = heading.line
    else:  # a setext heading over several lines: the mark is on its last text line
        line = heading.line + heading.text.count("\n")
        raw = doc.line_text(line)
        column = len(raw.rstrip()) - after
    if column < 1 or doc.line_text(line)[column - 1 : column] not in (".", ":"):
        return None
    return Span(line, column, line, column + 1)


@rule(
    "HL305",
    "duplicate-heading",
    Severity.WARNING,
    summary_da="To søskendeoverskrifter (samme niveau, samme afsnit over dem) har den samme tekst.",
    tags=TAGS,
)
def duplicate_heading(doc: Document, ctx):
    """
    Two sibling headings (same level, same section above them) have the same text.

    **Why this matters**: readers scanning the headings, and search engines building jump
    links from them, cannot tell the two sections apart; the links to both get the same
    anchor. It is often a section pasted twice. Letter case and spacing do not count as a
    difference. The same heading under two different parents (`### Symptomer` under two
    conditions) is fine.

    **Example**: `## Behandling` twice under the same title.

    **Instead**: merge the two sections, or name what sets them apart
    (`## Behandling hos lægen`, `## Behandling hjemme`).

    **Fix safety**: no automatic fix.
    """
    seen: dict[tuple[int | None, int, str], Heading] = {}
    parents: list[tuple[int, int]] = []  # (level, index) of the open sections above
    for index, heading in enumerate(doc.headings):
        while parents and parents[-1][0] >= heading.level:
            parents.pop()
        parent = parents[-1][1] if parents else None
        parents.append((heading.level, index))
        key_text = _normalised(heading.text)
        if not key_text:
            continue
        key = (parent, heading.level, key_text)
        first = seen.get(key)
        if first is None:
            seen[key] = heading
            continue
        message = say(ctx.lang, "duplicate-heading", heading=_shown(heading.text), level=heading.level, line=first.line)
        yield Violation(heading.span, message)


_LETTER = re.compile(r"[^\W\d_]")
_LINK_ONLY = re.compile(r"^!?\[[^\]]*\]\([^)]*\)$|^<?https?://\S+>?$")
_FINAL_PUNCTUATION = ".!:,;"
_NOT_PROSE_START = ("<", "|", "![", "[!", "{")


@rule(
    "HL306",
    "pseudo-heading",
    Severity.INFO,
    summary_da="En kort linje for sig selv ligner en overskrift skrevet som tekst (et spørgsmål over sit svar, eller i en artikel uden `##`).",
    tags=TAGS,
)
def pseudo_heading(doc: Document, ctx):
    """
    A short line on its own reads like a heading written as text (a question above its answer, or any short line in an article with no `##` heading).

    **Why this matters**: a section title written as a plain paragraph (or as `**bold**`)
    looks like a heading to a sighted reader but is not one to screen readers, the table of
    contents or search engines: the page has no outline, and search results cannot link to
    its sections.

    A question counts in any article: a one-line paragraph of at most 12 words and 90
    characters ending in `?` (and no other stop), directly above a paragraph — an FAQ heading
    typed as text — or such a question as the first line of its answer's paragraph, which the
    page runs into the answer. Other short lines count only in articles with no `##` heading,
    where the structure is most likely missing altogether: a one-line paragraph (not in a list
    or quote) of at most 8 words and 60 characters, not ending with `.`, `!`, `:`, `,` or `;`,
    directly above a paragraph.

    **Example**:

        Hvad er hekseskud?

        Hekseskud er en pludselig smerte i lænden …

    **Instead**:

        ## Hvad er hekseskud?

        Hekseskud er en pludselig smerte i lænden …

    **Fix safety**: no automatic fix: only the writer knows whether the line is a heading.
    """
    sections = any(heading.level == 2 for heading in doc.headings)
    blocks = _top_level_blocks(doc)
    for (kind, token, content), following in zip(blocks, [*blocks[1:], ("end", None, "")]):
        if kind != "paragraph":
            continue
        start, end = token.map
        first = content.split("\n", 1)[0].strip()
        if end - start > 1:
            # A plain question typed on the line above its answer, in one paragraph: the page
            # runs them together. (A bold one stays visible as a question: a common FAQ style.)
            if _looks_like_question(first) and len(content.split("\n", 1)[1].split()) >= 3:
                yield Violation(doc.line_span(start + 1), say(ctx.lang, "run-on-question", text=first))
            continue
        if following[0] != "paragraph":
            continue
        text = _unwrap_emphasis(content.strip())
        if _looks_like_question(content.strip()):
            yield Violation(doc.line_span(start + 1), say(ctx.lang, "pseudo-question", text=text))
        elif not sections and _looks_like_heading(text):
            yield Violation(doc.line_span(start + 1), say(ctx.lang, "pseudo-heading", text=text))


def _top_level_blocks(doc: Document) -> list[tuple[str, object, str]]:
    """The article's top-level blocks in order, without HTML comments (the reader never sees them)."""
    blocks = []
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.level != 0 or token.nesting == -1:
            continue
        if token.type == "html_block" and token.content.lstrip().startswith("<!--"):
            continue
        kind = token.type.removesuffix("_open")
        content = tokens[index + 1].content if kind == "paragraph" and index + 1 < len(tokens) else ""
        if token.map:
            blocks.append((kind, token, content))
    return blocks


def _unwrap_emphasis(text: str) -> str:
    for marker in ("**", "__", "*", "_"):
        if len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker):
            return text[len(marker) : -len(marker)].strip()
    return text


def _looks_like_question(text: str) -> bool:
    """A short question on its own: an FAQ heading written as text."""
    if not text.endswith("?") or not _LETTER.search(text) or text.startswith(_NOT_PROSE_START) or _LINK_ONLY.match(text):
        return False
    return len(text) <= 90 and len(text.split()) <= 12 and not any(mark in text[:-1] for mark in ".!?:;")


def _looks_like_heading(text: str) -> bool:
    if not text or not _LETTER.search(text) or text.startswith(_NOT_PROSE_START) or _LINK_ONLY.match(text):
        return False
    if len(text) > 60 or len(text.split()) > 8:
        return False
    return text[-1] not in _FINAL_PUNCTUATION and not text.endswith("…")


RULES = (
    heading_level_skipped,
    body_h1,
    empty_heading,
    heading_trailing_punctuation,
    duplicate_heading,
    pseudo_heading,
)
