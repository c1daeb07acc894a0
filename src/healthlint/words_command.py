"""`healthlint words`: the words the spelling rule does not know, for the project's word list.

The spelling rule (HL610) warns only about likely typos, words close to a known word. The
other words it does not know are names, brands and jargon: warning at each use would bury the
typos, so they are listed here, counted over the site, for the writer to review once. The
words spelt right go into the project's word list with `healthlint words --add WORD…`: the
first file of the rule's `words-files`, else `ordliste.txt` beside the config, named in the
config by a text edit that leaves every other byte of it as it was.

Files are found and read as `healthlint check` finds and reads them (the config, its excludes,
.gitignore, the per-file limits), and the rule's context is built by the engine with the
project's config, so the list is what the rule would see. This module formats; the CLI prints.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from healthlint.i18n import Messages

SPELLING = "HL610"
WORDS_FILES = "words-files"
DEFAULT_LIST = "ordliste.txt"
DEFAULT_CONFIG = "healthlint.toml"

MESSAGES = Messages(
    {
        "files": {"en": "{files:|file|files}", "da": "{files:|fil|filer}"},
        "listed": {
            "en": "Read {files:|file|files}: {words:|word|words} that the spelling rule does not know, none of them close to a known word.",
            "da": "Læste {files:|fil|filer}: {words:|ord|ord}, som stavereglen ikke kender, og som ikke ligger tæt på et kendt ord.",
        },
        "none": {
            "en": "Read {files:|file|files}: the spelling rule knows every word, apart from likely typos.",
            "da": "Læste {files:|fil|filer}: stavereglen kender alle ordene, bortset fra sandsynlige stavefejl.",
        },
        "none-often": {
            "en": "Read {files:|file|files}: no unknown word is used {min_count} times or more (--min-count).",
            "da": "Læste {files:|fil|filer}: intet ukendt ord bruges {min_count} gange eller mere (--min-count).",
        },
        "typos": {
            "en": "Left out: {typos:|likely typo|likely typos} close to a known word, which the spelling rule "
            "reports itself (healthlint check --select HL610).",
            "da": "Udeladt: {typos:|sandsynlig stavefejl|sandsynlige stavefejl} tæt på et kendt ord, som "
            "stavereglen selv melder (healthlint check --select HL610).",
        },
        "hint": {
            "en": "Review the list, then add the words that are spelt right: healthlint words --add WORD…",
            "da": "Gennemgå listen, og tilføj så de ord, der er stavet rigtigt: healthlint words --add ORD…",
        },
        "skipped": {"en": "skipped {line}", "da": "sprang over {line}"},
    },
    __name__,
)
say = MESSAGES.say


class WordsError(Exception):
    """`--add` cannot do what was asked (a usage error, exit 2); says why, and nothing was written."""


# ---------------------------------------------------------------------------------------
# Listing


@dataclass(frozen=True)
class UnknownWord:
    """A word as written (its most frequent spelling), where it is used, and how often."""

    word: str
    count: int
    files: tuple[str, ...]  # as `check` shows them, sorted
    first: tuple[str, int, int]  # path, line, column
    name: bool  # capitalised inside a sentence somewhere: a name or a brand


@dataclass(frozen=True)
class WordList:
    words: tuple[UnknownWord, ...]
    likely_typos: int  # distinct words the spelling rule reports itself
    files: int  # the articles read (not those skipped, nor those per-file-ignores leave out)
    skipped: tuple[str, ...]  # one diagnostics-style line per file that could not be read
    lang: str
    min_count: int = 1


def find_words(paths: list[str], options, min_count: int = 1) -> WordList:
    """The unknown words of the articles under `paths` that the spelling rule does not report.
    `options` is an `api.Options`; missing paths raise `api.PathNotFound`, a bad config `ConfigError`."""
    from healthlint.document import LoadFailure
    from healthlint.files.discover import display_path
    from healthlint.run import pipeline, runner

    planned = pipeline.plan(paths, options)
    config = planned.config
    lang = options.lang or config.lang
    find = partial(_word_finder, config, lang, pipeline.file_limits(config, options))
    jobs = options.jobs or runner.default_jobs()
    skipped = [
        _diagnostic_line(display_path(folder), LoadFailure("HL001", pipeline.MESSAGES.text("folder-unreadable", reason=reason)), lang)
        for folder, reason in planned.found.unreadable
    ]
    spellings: dict[str, Counter] = {}
    places: dict[str, list[tuple[str, int, int]]] = {}
    names: set[str] = set()
    typos: set[str] = set()
    read = 0
    for shown, failure, found in runner.run(planned.found.files, find, jobs):
        if failure is not None:
            skipped.append(failure)
        if found is None:
            continue
        read += 1
        for text, line, column, reported, name in found:
            key = text.lower()
            if reported:
                typos.add(key)
                continue
            spellings.setdefault(key, Counter())[text] += 1
            places.setdefault(key, []).append((shown, line, column))
            if name:
                names.add(key)
    words = []
    for key, counter in spellings.items():
        if sum(counter.values()) < min_count:
            continue
        top = max(counter.values())
        # A tie goes to the form with fewer capitals: `Kinesio` may only start the sentences.
        word = min((text for text, n in counter.items() if n == top), key=lambda t: (sum(map(str.isupper, t)), t))
        where = places[key]
        words.append(UnknownWord(word, len(where), tuple(sorted({p for p, _, _ in where})), min(where), key in names))
    words.sort(key=lambda w: (-w.count, w.word.lower(), w.word))
    return WordList(tuple(words), len(typos), read, tuple(skipped), lang, min_count)


def _spelling_engine(config, lang: str):
    """The engine as `check --select HL610` makes it, so the rule's context (its options, the
    config's folder, the language) is the one the rule gets. The rule runs even where the config
    leaves it out, since it is off by default and this list is how a project gets it ready."""
    from healthlint import api
    from healthlint.run import pipeline

    return pipeline.engine_for(replace(config, ignore=[]), api.Options(select=[SPELLING], lang=lang))


def spelling_context(config, lang: str | None = None):
    """The spelling rule's context for this config (healthlint.ruleset.rule.RuleContext)."""
    return _spelling_engine(config, lang or config.lang)._contexts[SPELLING]


def _word_finder(config, lang: str, bounds):
    """A function from an article's path to (shown path, a line saying why it was skipped or
    None, its unknown words as (text, line, column, reported by the rule, a name) or None when
    it was not read): made once per process, as `check` makes its linter."""
    from healthlint.document import DEFAULT_MAX_FILE_SIZE
    from healthlint.files import boundary
    from healthlint.files.discover import display_path, relative_to_root
    from healthlint.run import limits

    engine = _spelling_engine(config, lang)
    inside = boundary.of(config)
    max_size = config.max_file_size or DEFAULT_MAX_FILE_SIZE

    def find(path: Path):
        shown = display_path(path)
        if not engine.is_enabled(SPELLING, relative_to_root(path, config.site_root)):
            return shown, None, None  # per-file-ignores leave the rule out here
        try:
            found = limits.call(bounds, _words_of, engine, shown, path, max_size, inside)
        except limits.LimitExceeded as hit:
            found = hit.failure()
        if isinstance(found, list):
            return shown, None, found
        if isinstance(found, Exception):
            diagnostic = engine._internal_error(shown, engine.enabled[SPELLING], found)
            return shown, _diagnostic_line(shown, diagnostic, lang), None
        return shown, _diagnostic_line(shown, found, lang), None

    return find


def _words_of(engine, shown: str, path: Path, max_size: int, inside):
    """The article's unknown words, the LoadFailure that kept it from being read, or the
    exception the rule raised (reported as `check` reports it, HL010)."""
    from healthlint import suppress
    from healthlint.checks.spelling import unknown_words
    from healthlint.diagnostic import Violation
    from healthlint.document import Document, LoadFailure
    from healthlint.run import pipeline

    data = pipeline.read_file(path, max_size, inside)
    doc = data if isinstance(data, LoadFailure) else Document.from_bytes(shown, data)
    if isinstance(doc, LoadFailure):
        return doc
    ctx = engine._contexts[SPELLING]
    try:
        unknown = list(unknown_words(doc, ctx))
        # What the rule reports (likely typos, rejected words) is its own to say, at the word's place.
        reported = {(v.span.line, v.span.column) for v in engine.enabled[SPELLING].check(doc, ctx)}
        # A word in a passage where a comment turns the rule off is not the rule's concern.
        kept = suppress.apply(
            [engine.diagnostic(shown, SPELLING, Violation(u.word.span, u.word.text)) for u in unknown], suppress.parse(doc)
        )
    except MemoryError:
        raise  # past the per-file memory limit (healthlint.run.limits)
    except Exception as error:
        return error
    spoken = {(d.span.line, d.span.column) for d in kept}
    return [
        (u.word.text, u.word.line, u.word.column, (u.word.line, u.word.column) in reported, u.name)
        for u in unknown
        if (u.word.line, u.word.column) in spoken
    ]


def _diagnostic_line(shown: str, found, lang: str) -> str:
    """`path:line:column: CODE message`, as `check --format concise` writes a problem."""
    from healthlint.i18n import render
    from healthlint.report.escape import visible

    return f"{visible(shown)}:{found.span.line}:{found.span.column}: {found.code} {visible(render(found.message, lang))}"


def render_text(listing: WordList) -> str:
    """A table, a word a line, then what it means and what to do."""
    from healthlint.report.escape import visible

    lang = listing.lang
    rows = []
    for word in listing.words:
        path, line, column = word.first
        rows.append((str(word.count), visible(word.word), say(lang, "files", files=len(word.files)), f"{visible(path)}:{line}:{column}"))
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
    widths[0] = max(widths[0], 4)
    lines = [f"{count:>{widths[0]}}  {word:<{widths[1]}}  {files:<{widths[2]}}  {first}" for count, word, files, first in rows]
    if lines:
        lines.append("")
    if listing.words:
        lines.append(say(lang, "listed", files=listing.files, words=len(listing.words)))
    elif listing.min_count > 1:
        lines.append(say(lang, "none-often", files=listing.files, min_count=listing.min_count))
    else:
        lines.append(say(lang, "none", files=listing.files))
    if listing.likely_typos:
        lines.append(say(lang, "typos", typos=listing.likely_typos))
    if listing.words:
        lines.append(say(lang, "hint"))
    return "".join(line + "\n" for line in lines)


def render_json(listing: WordList) -> str:
    from healthlint.report.escape import valid_json

    document = {
        "words": [
            {
                "word": word.word,
                "count": word.count,
                "files": list(word.files),
                "first": {"path": word.first[0], "line": word.first[1], "column": word.first[2]},
                "name": word.name,
            }
            for word in listing.words
        ],
        "likely_typos": listing.likely_typos,
    }
    return valid_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


__all__ = ["UnknownWord", "WordList", "WordsError", "find_words", "render_json", "render_text", "spelling_context"]
