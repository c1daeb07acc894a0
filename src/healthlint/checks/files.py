"""HL0xx: problems with the file as a whole (unreadable, binary, not UTF-8, too large, empty, a
rule that crashed), reported by the loader and the engine; their docs live here, beside the
other rules' docs."""

from healthlint.diagnostic import Severity
from healthlint.ruleset.rule import engine_rule

FILE_UNREADABLE = engine_rule(
    "HL001",
    "file-unreadable",
    Severity.ERROR,
    """
    The file cannot be read: it is missing, a broken link, a folder, or not permitted.

    **Why this matters**: a file healthlint cannot read is a file nobody checked before it is
    published.

    **Example**: `healthlint check ordbog/iskias.md` where `iskias.md` is a link to a file that was deleted.

    **Instead**: fix the link or the file's permissions, or exclude the path in config.

    **Fix safety**: no automatic fix.
    """,
    summary_da="Filen kan ikke læses: den mangler, er et brudt link eller en mappe, eller adgang nægtes.",
    tags=("file",),
)

BINARY_FILE = engine_rule(
    "HL002",
    "binary-file",
    Severity.ERROR,
    """
    The file holds binary data (NUL bytes), so it is not a Markdown article.

    **Why this matters**: a binary file saved with a `.md` name breaks the page that is built
    from it.

    **Example**: a Word document or an image saved as `hekseskud.md`.

    **Instead**: check that the right file was saved, or exclude it in config.

    **Fix safety**: no automatic fix.
    """,
    summary_da="Filen indeholder binære data (NUL-bytes), så den er ikke en Markdown-artikel.",
    tags=("file",),
)

NOT_UTF8 = engine_rule(
    "HL003",
    "not-utf8",
    Severity.ERROR,
    """
    The file's bytes are not UTF-8; healthlint names the byte offset and the likely encoding.

    **Why this matters**: the site reads articles as UTF-8. An article saved as Latin-1 or
    UTF-16 shows broken letters (`lÃ¦nden` for `lænden`) to the reader and to the search engine.
    healthlint never guesses the encoding silently.

    **Example**: a file saved from an old editor as Windows-1252.

    **Instead**: save the file as UTF-8.

    **Fix safety**: no automatic fix.
    """,
    summary_da="Filens bytes er ikke UTF-8; healthlint oplyser byte-positionen og den sandsynlige tegnkodning.",
    tags=("file",),
)

FILE_TOO_LARGE = engine_rule(
    "HL004",
    "file-too-large",
    Severity.ERROR,
    """
    The file is larger than the configured limit (`max-file-size`, default 5 MB) and was not read.

    **Why this matters**: a health article is a few kilobytes; a file of many megabytes is
    generated or pasted by mistake, and reading it would slow every run.

    **Example**: a 40 MB file in the content folder, such as an article with an image pasted in as base64 text.

    **Instead**: split or remove the file, raise `max-file-size`, or exclude it in config.

    **Fix safety**: no automatic fix.
    """,
    summary_da="Filen er større end den fastsatte grænse (`max-file-size`, som standard 5 MB) og blev ikke læst.",
    tags=("file",),
)

EMPTY_FILE = engine_rule(
    "HL005",
    "empty-file",
    Severity.WARNING,
    """
    The file is empty or holds only blank space.

    **Why this matters**: an empty article publishes an empty page.

    **Example**: `ordbog/tendinopati.md` committed as an empty placeholder.

    **Instead**: write the article, or delete the file.

    **Fix safety**: no automatic fix.
    """,
    summary_da="Filen er tom eller indeholder kun blanktegn.",
    tags=("file",),
)

FILE_TIME_LIMIT = engine_rule(
    "HL006",
    "file-time-limit",
    Severity.ERROR,
    """
    Checking the file took longer than the per-file time limit (`time-limit`), so it was stopped.

    The limit is 10 s by default; the other files are still checked.

    **Why this matters**: the file was not fully checked, so problems in it may be missing from
    the report. A health article takes well under a second; a file that takes seconds is almost
    always something else: a generated file, a table of thousands of rows, a line of megabytes,
    or a project rule pack whose pattern backtracks on this text.

    **Example**: a 50 MB export saved as `.md` with `max-file-size` raised to read it.

    **Instead**: split or exclude the file, simplify the slow rule pack pattern, or raise
    `time-limit` (`--time-limit` on the command line; 0 turns the limit off).

    **Fix safety**: no automatic fix. `--fix` leaves a file that hits the limit as it is.
    """,
    summary_da="Tjekket af filen tog længere tid end tidsgrænsen pr. fil (`time-limit`, som standard 10 s), så det blev stoppet.",
    tags=("file",),
)

FILE_MEMORY_LIMIT = engine_rule(
    "HL007",
    "file-memory-limit",
    Severity.ERROR,
    """
    Checking the file needed more memory than the per-file limit (`memory-limit`), so it was stopped.

    The limit is 1024 MB by default; the other files are still checked.

    **Why this matters**: the file was not fully checked, and without the limit one file could
    exhaust the machine's memory and stop the whole run (or the CI job) with nothing reported.

    **Example**: a huge generated file read with a raised `max-file-size`.

    **Instead**: split or exclude the file, or raise `memory-limit` (`--memory-limit` on the
    command line; 0 turns the limit off).

    **Fix safety**: no automatic fix. `--fix` leaves a file that hits the limit as it is.
    """,
    summary_da="Tjekket af filen krævede mere hukommelse end grænsen pr. fil (`memory-limit`, som standard 1024 MB), så det blev stoppet.",
    tags=("file",),
)

INTERNAL_ERROR = engine_rule(
    "HL010",
    "internal-error",
    Severity.ERROR,
    """
    A rule failed with an internal error on this file; the other rules still ran.

    **Why this matters**: the part of the article that rule checks was not checked.

    **Example**: a project rule pack whose pattern fails on one article; the other rules still report on it.

    **Instead**: report it to the healthlint maintainers with the file that triggers it. Until it is
    fixed you may ignore the failing rule for that file with `per-file-ignores`.

    **Fix safety**: no automatic fix.
    """,
    summary_da="En regel fejlede med en intern fejl på denne fil; de andre regler blev kørt.",
    tags=("file",),
)

UNUSED_SUPPRESSION = engine_rule(
    "HL020",
    "unused-suppression",
    Severity.INFO,
    """
    A `healthlint-disable` comment hides no problem.

    **Why this matters**: a leftover disable comment would silently hide a real problem that
    appears there later.

    **Example**: `<!-- healthlint-disable-next-line HL401 -->` above a table row that is fine.

    **Instead**: remove the comment, or the codes in it that hide nothing.

    **Fix safety**: no automatic fix.
    """,
    summary_da="En `healthlint-disable`-kommentar skjuler ingen problemer.",
    tags=("file", "suppression"),
)

RULES = (
    FILE_UNREADABLE,
    BINARY_FILE,
    NOT_UTF8,
    FILE_TOO_LARGE,
    EMPTY_FILE,
    FILE_TIME_LIMIT,
    FILE_MEMORY_LIMIT,
    INTERNAL_ERROR,
    UNUSED_SUPPRESSION,
)
