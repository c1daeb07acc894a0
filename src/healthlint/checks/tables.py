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
from healthlint.rule import rule

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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_blank(text: str) -> bool:
    return _BLANK_ENTITIES.match(text) is not None


def _column_name(table: Table, index: int) -> str:
    if index < len(table.header.cells) and table.header.cells[index].text:
        return f"column {index + 1} (\"{_quote(table.header.cells[index].text)}\")"
    return f"column {index + 1}"


@rule(
    "HL401",
    "table-column-count",
    Severity.ERROR,
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
            head = f"This row has {_plural(found, 'cell')}, the header has {expected}"
            if found < expected:
                missing = expected - found
                yield Violation(
                    row.span,
                    f"{head}: the page pads the row with {_plural(missing, 'empty cell')} at the end, so if "
                    "a `|` went missing, the values now stand in the wrong columns. Add the missing "
                    f"{'cell' if missing == 1 else 'cells'}, or empty ones on purpose.",
                    _pad_fix(doc, row, missing),
                )
            else:
                dropped = " | ".join(cell.text for cell in row.cells[expected:])
                yield Violation(
                    row.span,
                    f"{head}: the page silently drops the extra {'cell' if found - expected == 1 else 'cells'} "
                    f"(\"{_quote(dropped)}\"), so the reader never sees {'it' if found - expected == 1 else 'them'}. "
                    "Move the text into the header's columns, or add a column to the header and delimiter rows.",
                )


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
            message = (
                f"The delimiter row has {_plural(delimiter, 'cell')}, the header has {header}: the table will "
                "show as plain text with pipes, not as a table. Give the delimiter row one `---` per "
                f"header cell ({'|---' * header}|)."
            )
        else:
            message = (
                "This table will show as plain text with pipes: the renderer does not accept its header "
                "and delimiter rows as a table. Check that both have the same number of cells; a `|` "
                "inside a code span also separates cells, so write it as `\\|`."
            )
        yield Violation(table.delimiter.span, message)


@rule(
    "HL403",
    "empty-header-cell",
    Severity.WARNING,
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
                yield Violation(
                    cell.span,
                    f"Header cell {index + 1} of {len(table.header.cells)} is empty: the column has no name, "
                    "so screen readers announce its cells without one and readers must guess what it "
                    "holds. Name the column.",
                )


@rule(
    "HL404",
    "empty-table-cell",
    Severity.WARNING,
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
                    yield Violation(
                        cell.span,
                        f"The cell in {_column_name(table, index)} is empty: readers cannot tell \"none\" from "
                        "\"not written yet\". Fill it in, or write what the blank means (\"Ingen\", "
                        "\"Ikke relevant\").",
                    )


@rule(
    "HL405",
    "placeholder-in-table",
    Severity.WARNING,
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
                where = "header cell" if row is table.header else "cell"
                yield Violation(
                    span,
                    f"The {where} \"{_quote(cell.text, 60)}\" holds placeholder text (\"{found.group(0)}\"): it will "
                    "be published as it is and gives the reader no answer. Write the real content "
                    "before publishing.",
                )


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
