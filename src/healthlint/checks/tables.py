"""HL4xx: tables.

Cells are counted from the raw lines (Document.tables), not from markdown-it's tokens:
markdown-it pads a short row with empty cells and drops a long row's extra cells without a
word, which is exactly what these rules have to see.
"""

from __future__ import annotations

import re
from functools import lru_cache

from healthlint.diagnostic import Edit, Fix, Severity, Span, Violation
from healthlint.document import Document, Row, Table
from healthlint.i18n import Messages
from healthlint.ruleset.rule import rule

TAGS = ("tables",)

DEFAULT_PLACEHOLDERS = (
    "TODO",
    "TBD",
    "XXX",
    "FIXME",
    "Lorem ipsum",
    "oversættelse mangler",
    "indsæt",
    "placeholder",
)

# Cell text that renders as nothing.
_BLANK_ENTITIES = re.compile(r"^(?:\s|&nbsp;|&#160;|<br\s*/?>)*$", re.IGNORECASE)


MESSAGES = Messages(
    {
        "too-few": {
            "en": "This row has {found:|cell|cells}, the header has {expected}: the page pads the row with "
            "{missing:|empty cell|empty cells} at the end, so if a `|` went missing, the values now stand in "
            "the wrong columns. Add the missing {cells}, or empty ones on purpose.",
            "da": "Denne række har {found:|celle|celler}, overskriftsrækken har {expected}: siden fylder rækken op "
            "med {missing:|tom celle|tomme celler} til sidst, så hvis en `|` er faldet ud, står værdierne nu i "
            "de forkerte kolonner. Tilføj {cells}, eller tilføj tomme celler med vilje.",
        },
        "missing-one": {"en": "cell", "da": "den manglende celle"},
        "missing-many": {"en": "cells", "da": "de manglende celler"},
        "too-many": {
            "en": "This row has {found:|cell|cells}, the header has {expected}: the page silently drops the extra "
            '{cells} ("{dropped}"), so the reader never sees {them}. '
            "Move the text into the header's columns, or add a column to the header and delimiter rows.",
            "da": "Denne række har {found:|celle|celler}, overskriftsrækken har {expected}: siden udelader uden "
            'varsel {cells} ("{dropped}"), så læseren ser {them} aldrig. '
            "Flyt teksten ind i overskriftsrækkens kolonner, eller tilføj en kolonne i overskrifts- og skillerækken.",
        },
        "extra-one": {"en": "cell", "da": "den ekstra celle"},
        "extra-many": {"en": "cells", "da": "de ekstra celler"},
        "it": {"en": "it", "da": "den"},
        "them": {"en": "them", "da": "dem"},
        "delimiter-count": {
            "en": "The delimiter row has {delimiter:|cell|cells}, the header has {header}: the table will "
            "show as plain text with pipes, not as a table. Give the delimiter row one `---` per "
            "header cell ({example}).",
            "da": "Skillerækken har {delimiter:|celle|celler}, overskriftsrækken har {header}: tabellen vises "
            "som almindelig tekst med lodrette streger, ikke som en tabel. Giv skillerækken én `---` pr. "
            "celle i overskriftsrækken ({example}).",
        },
        "not-a-table": {
            "en": "This table will show as plain text with pipes: the renderer does not accept its header "
            "and delimiter rows as a table. Check that both have the same number of cells; a `|` "
            "inside a code span also separates cells, so write it as `\\|`.",
            "da": "Tabellen vises som almindelig tekst med lodrette streger: Markdown-fortolkeren godtager ikke "
            "dens overskrifts- og skillerække som en tabel. Tjek, at begge har det samme antal celler; en `|` "
            "i et kodeudsnit adskiller også celler, så skriv den som `\\|`.",
        },
        "empty-header-cell": {
            "en": "Header cell {index} of {count} is empty: the column has no name, "
            "so screen readers announce its cells without one and readers must guess what it "
            "holds. Name the column.",
            "da": "Overskriftscelle {index} af {count} er tom: kolonnen har intet navn, "
            "så skærmlæsere læser dens celler op uden et, og læserne må gætte, hvad den "
            "indeholder. Giv kolonnen et navn.",
        },
        "empty-cell": {
            "en": 'The cell in {column} is empty: readers cannot tell "none" from '
            '"not written yet". Fill it in, or write what the blank means ("Ingen", '
            '"Ikke relevant").',
            "da": 'Cellen i {column} er tom: læserne kan ikke se forskel på "ingen" og '
            '"ikke skrevet endnu". Udfyld den, eller skriv, hvad den tomme celle betyder ("Ingen", '
            '"Ikke relevant").',
        },
        "column-named": {"en": 'column {number} ("{name}")', "da": 'kolonne {number} ("{name}")'},
        "column": {"en": "column {number}", "da": "kolonne {number}"},
        "placeholder": {
            "en": 'The {where} "{cell}" holds placeholder text ("{found}"): it will '
            "be published as it is and gives the reader no answer. Write the real content "
            "before publishing.",
            "da": '{where} "{cell}" indeholder pladsholdertekst ("{found}"): den bliver '
            "udgivet, som den er, og giver ikke læseren noget svar. Skriv det rigtige indhold "
            "før udgivelsen.",
        },
        "header-cell": {"en": "header cell", "da": "Overskriftscellen"},
        "cell": {"en": "cell", "da": "Cellen"},
    },
    __name__,
)
say = MESSAGES.say


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_blank(text: str) -> bool:
    return _BLANK_ENTITIES.match(text) is not None


def _column_name(table: Table, index: int, lang: str) -> str:
    if index < len(table.header.cells) and table.header.cells[index].text:
        return say(lang, "column-named", number=index + 1, name=_quote(table.header.cells[index].text))
    return say(lang, "column", number=index + 1)


@rule(
    "HL401",
    "table-column-count",
    Severity.ERROR,
    summary_da="En tabelrække har flere eller færre celler end overskriftsrækken.",
    tags=TAGS,
    fixable=True,
)
def table_column_count(doc: Document, ctx):
    """
    A table row has more or fewer cells than the header.

    **Why this matters**: the renderer does not complain: it pads a short row with empty
    cells and silently drops the extra cells of a long row, so text the writer typed never
    reaches the reader, or a row's values slide into the wrong columns. A missing cell is
    often a `|` lost while editing.

    **Example**:

        | Situation | Symptomer | Hvad du kan gøre |
        |---|---|---|
        | Akut hekseskud | Skarp smerte |

    **Instead**: give every row one cell per column, leaving a cell empty on purpose only
    when it has nothing to say:

        | Akut hekseskud | Skarp smerte | Bevæg dig roligt |

    **Fix safety**: unsafe, and only for a row that is short of cells at its end: the fix adds
    empty cells (`| |`) so the row has the header's count. Whether the missing text belongs
    at the end, and what it should say, only the writer knows. A row with too many cells has
    no fix, since removing a cell removes text.
    """
    for table in doc.tables:
        if not table.parsed:
            continue  # not rendered as a table at all: table-delimiter-mismatch says so
        expected = len(table.header.cells)
        for row in table.rows:
            found = len(row.cells)
            if found == expected:
                continue
            lang = ctx.lang
            if found < expected:
                missing = expected - found
                cells = say(lang, "missing-one" if missing == 1 else "missing-many")
                message = say(lang, "too-few", found=found, expected=expected, missing=missing, cells=cells)
                yield Violation(row.span, message, _pad_fix(doc, row, missing))
            else:
                dropped = " | ".join(cell.text for cell in row.cells[expected:])
                one = found - expected == 1
                message = say(
                    lang,
                    "too-many",
                    found=found,
                    expected=expected,
                    cells=say(lang, "extra-one" if one else "extra-many"),
                    dropped=_quote(dropped),
                    them=say(lang, "it" if one else "them"),
                )
                yield Violation(row.span, message)


def _pad_fix(doc: Document, row: Row, missing: int) -> Fix:
    raw = doc.line_text(row.line)
    visible = raw.rstrip()
    end = len(visible)
    where = Span(row.line, end + 1, row.line, end + 1)
    if visible.endswith("|") and not visible.endswith("\\|"):
        spaced = end >= 2 and visible[-2] in " \t"
        new_text = (" |" if spaced else "|") * missing
        description = f"Add {_plural(missing, 'empty cell')} at the end of the row"
    else:
        # Without a closing pipe the last cell cannot be empty, so the row gets one.
        new_text = " |" * (missing + 1)
        description = f"Add {_plural(missing, 'empty cell')} and a closing `|` at the end of the row"
    return Fix((Edit(where, new_text),), safe=False, description=description)


@rule(
    "HL402",
    "table-delimiter-mismatch",
    Severity.ERROR,
    summary_da="Skillerækken (`|---|---|`) har et andet antal celler end overskriftsrækken.",
    tags=TAGS,
)
def table_delimiter_mismatch(doc: Document, ctx):
    """
    The delimiter row (`|---|---|`) has a different number of cells than the header row.

    **Why this matters**: the header and the delimiter row must agree for Markdown to see a
    table. When they do not, there is no table on the page at all: the reader sees every
    row as one paragraph of text full of `|` and `---`.

    **Example**:

        | Situation | Symptomer | Hvad du kan gøre |
        |---|---|
        | Akut hekseskud | Skarp smerte | Bevæg dig roligt |

    **Instead**: give the delimiter row one `---` per header cell: `|---|---|---|`.

    **Fix safety**: no automatic fix: the header may be the row that is wrong.
    """
    for table in doc.tables:
        if table.parsed:
            continue
        header, delimiter = len(table.header.cells), len(table.delimiter.cells)
        if header != delimiter:
            message = say(ctx.lang, "delimiter-count", delimiter=delimiter, header=header, example="|---" * header + "|")
        else:
            message = say(ctx.lang, "not-a-table")
        yield Violation(table.delimiter.span, message)


@rule(
    "HL403",
    "empty-header-cell",
    Severity.WARNING,
    summary_da="En tabels overskriftsrække har en tom celle.",
    tags=TAGS,
)
def empty_header_cell(doc: Document, ctx):
    """
    A table's header row has an empty cell.

    **Why this matters**: the header names each column for every reader. Screen readers read
    the column header before each cell, so an empty one leaves the cells under it without a
    name; a sighted reader has to guess what the column holds. This includes the top-left
    corner of a table whose first column holds row labels: name that column too.

    **Example**: `| | Symptomer | Behandling |`

    **Instead**: `| Situation | Symptomer | Behandling |`

    **Fix safety**: no automatic fix.
    """
    for table in doc.tables:
        if not table.parsed:
            continue
        for index, cell in enumerate(table.header.cells):
            if _is_blank(cell.text):
                message = say(ctx.lang, "empty-header-cell", index=index + 1, count=len(table.header.cells))
                yield Violation(cell.span, message)


@rule(
    "HL404",
    "empty-table-cell",
    Severity.WARNING,
    summary_da="En celle i tabellens brødtekst er tom.",
    tags=TAGS,
)
def empty_table_cell(doc: Document, ctx):
    """
    A body cell of a table is empty.

    **Why this matters**: an empty cell leaves the reader unsure whether the answer is "none",
    "not known" or something that was never written. In a health table (symptoms, what to do,
    when to see a doctor) a blank can be read as "nothing to worry about".

    **Example**: `| Akut hekseskud |  | Bevæg dig roligt |`

    **Instead**: write the value, or say it in words (`Ingen`, `Ikke relevant`).

    **Fix safety**: no automatic fix.
    """
    for table in doc.tables:
        if not table.parsed:
            continue
        columns = len(table.header.cells)
        for row in table.rows:
            for index, cell in enumerate(row.cells[:columns]):
                if _is_blank(cell.text):
                    yield Violation(cell.span, say(ctx.lang, "empty-cell", column=_column_name(table, index, ctx.lang)))


@rule(
    "HL405",
    "placeholder-in-table",
    Severity.WARNING,
    summary_da="En tabelcelle indeholder pladsholdertekst som `TODO`, `TBD` eller `Dansk oversættelse mangler`.",
    tags=TAGS,
    options={"placeholders": list(DEFAULT_PLACEHOLDERS)},
)
def placeholder_in_table(doc: Document, ctx):
    """
    A table cell holds placeholder text such as `TODO`, `TBD` or `Dansk oversættelse mangler`.

    **Why this matters**: placeholders in tables slip through review more easily than in
    prose, and they are published as they are: a real article once shipped cells reading
    "Dansk oversættelse mangler". The reader gets no answer and the page looks unfinished.
    Words and phrases are matched whole and in any letter case; the list is the option
    `placeholders` (default: TODO, TBD, XXX, FIXME, Lorem ipsum, oversættelse mangler,
    indsæt, placeholder). Tables that do not render (see table-delimiter-mismatch) are
    checked too, since their text still shows on the page.

    **Example**: `| Hekseskud med udstråling | TODO | Dansk oversættelse mangler |`

    **Instead**: write the real content before publishing, or remove the row.

    **Fix safety**: no automatic fix.
    """
    pattern = _placeholder_pattern(_phrases(ctx.options.get("placeholders", DEFAULT_PLACEHOLDERS)))
    if pattern is None:
        return
    for table in doc.tables:
        for row in (table.header, *table.rows):
            for cell in row.cells:
                found = pattern.search(cell.text)
                if found is None:
                    continue
                column = cell.span.column + found.start()
                span = Span(cell.span.line, column, cell.span.line, column + len(found.group(0)))
                where = say(ctx.lang, "header-cell" if row is table.header else "cell")
                message = say(ctx.lang, "placeholder", where=where, cell=_quote(cell.text, 60), found=found.group(0))
                yield Violation(span, message)


def _phrases(value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return tuple(str(item).strip() for item in value or () if str(item).strip())


@lru_cache(maxsize=16)
def _placeholder_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    if not phrases:
        return None
    # Longest first, so "Lorem ipsum dolor" wins over "Lorem ipsum" when both are listed.
    parts = [r"\s+".join(map(re.escape, phrase.split())) for phrase in sorted(phrases, key=len, reverse=True)]
    # A hyphen joins words ("todo-liste" is a word of its own), so it does not end a match.
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


RULES = (
    table_column_count,
    table_delimiter_mismatch,
    empty_header_cell,
    empty_table_cell,
    placeholder_in_table,
)
