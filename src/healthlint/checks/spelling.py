"""HL610: spelling, against the Danish dictionary (Stavekontrolden) with compound splitting."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from healthlint.diagnostic import Severity, Violation
from healthlint.i18n import Messages
from healthlint.rule import rule

TAGS = ("language", "spelling")


@lru_cache(maxsize=None)  # two lists are asked for in turn: one slot would reload both on every file
def _shipped(name: str) -> frozenset[str]:
    from healthlint.declarative import builtin_pack_dir

    return _read_words(builtin_pack_dir() / "words" / name)


def _read_words(path: Path) -> frozenset[str]:
    from healthlint.safe_read import NamedFileError, read_named_file

    # A project's lists were checked when the config was read (a bad one is a config error);
    # one that went bad since then is left out rather than stopping the rule.
    try:
        text = read_named_file(path, "word list")
    except NamedFileError:
        return frozenset()
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def _word_lists(ctx) -> "_Lists":
    root = ctx.root or Path.cwd()
    return _lists(
        tuple(ctx.options["words"]),
        tuple(_stamped((root / name).resolve()) for name in ctx.options["words-files"]),
        tuple(ctx.options["reject"]),
    )


def _stamped(path: Path) -> tuple[Path, int, int]:
    """A word file with its mtime and size: an edited list is read again in a long-lived process."""
    try:
        info = path.stat()
        return path, info.st_mtime_ns, info.st_size
    except OSError:
        return path, 0, -1


class _Lists:
    """The accepted and rejected words of one configuration, with the verdicts and
    suggestions found so far: an article repeats most words of the one before it."""

    def __init__(self, accepted: frozenset[str], rejected: frozenset[str]):
        self.accepted = accepted
        self.rejected = rejected
        # Vocabulary words that may start a compound (`corestabilitet`), longest first.
        self.prefixes = tuple(sorted((word for word in accepted if len(word) >= 3), key=lambda w: (-len(w), w)))
        self.verdicts: dict[str, bool] = {}
        self.suggestions: dict[str, list[str]] = {}


@lru_cache(maxsize=8)
def _lists(words: tuple[str, ...], files: tuple[tuple[Path, int, int], ...], reject: tuple[str, ...]) -> _Lists:
    accepted = set(_shipped("medical-da.txt"))
    accepted.update(word.lower() for word in words)
    for path, _, _ in files:
        accepted.update(_read_words(path))
    rejected = set(_shipped("reject-da.txt"))
    rejected.update(word.lower() for word in reject)
    return _Lists(frozenset(accepted), frozenset(rejected))


def _candidates(doc):
    """Prose words and heading words, with their spans."""
    from healthlint.language.tokenize import tokenize_text, words

    yield from words(doc)
    for heading in doc.headings:
        if heading.text and heading.span.line == heading.span.end_line:
            yield from tokenize_text(heading.text, heading.span.line, heading.span.column, markdown=True).words


MESSAGES = Messages(
    {
        "unknown-word": {
            "en": "“{word}” is not in the Danish dictionary.{advice} If it is a name or a correct term, add it to the "
            "project's word list (`words` of the spelling rule).",
            "da": "“{word}” står ikke i den danske ordbog.{advice} Hvis det er et navn eller en korrekt fagterm, så "
            "føj det til projektets ordliste (`words` under stavereglen).",
        },
        "did-you-mean": {"en": " Did you mean {words}?", "da": " Mente du {words}?"},
        "or": {"en": " or ", "da": " eller "},
    },
    __name__,
)
say = MESSAGES.say


def _alternatives(words: list[str], lang: str) -> str:
    """English repeats "or" (“a” or “b” or “c”); Danish lists with commas: “a”, “b” eller “c”."""
    if lang == "da" and len(words) > 2:
        return ", ".join(words[:-1]) + say(lang, "or") + words[-1]
    return say(lang, "or").join(words)


@rule(
    "HL610",
    "spelling",
    Severity.WARNING,
    summary_da="Et ord står ikke i den danske ordbog og er heller ikke sammensat af ord, der gør.",
    tags=TAGS,
    options={"words": [], "words-files": [], "reject": [], "suggest": True},
    # Off: on a real site 1.9 % of its findings were misspellings (English exercise names,
    # Latin, abbreviations and valid compounds made up the rest). On again when it meets its target.
    default=False,
)
def spelling(doc, ctx):
    """
    A word is not in the Danish dictionary, nor a compound of words that are.

    **Why this matters**: spelling mistakes cost trust in health advice, and a misspelt
    medical term is not the word readers search for. The dictionary is Stavekontrolden's
    (about 750,000 word forms); Danish compounds (`genoptræningsforløb`) are accepted when
    they split into known words of at least four letters, with an optional linking `s` or `e`.
    ALL-CAPS acronyms, code, links and numbers are not checked.

    **Example**: "udstråling i benet (isjias)".

    **Instead**: "iskias". Names and brand words belong in the project's word list:
    `[tool.healthlint.rules.spelling] words = ["FysFinder"]` or `words-files = ["ordliste.txt"]`
    (one word per line, relative to the config's folder); `reject` lists words always flagged.
    A medical and physiotherapy vocabulary ships with healthlint.

    **Fix safety**: no automatic fix; the message suggests words one or two edits away.
    """
    from healthlint.language.dictionary import Dictionary

    dictionary = Dictionary.load()
    lists = _word_lists(ctx)
    accepted, rejected, verdicts, suggestions = lists.accepted, lists.rejected, lists.verdicts, lists.suggestions
    for word in _candidates(doc):
        text = word.text
        known = verdicts.get(text)
        if known is None:
            lower = text.lower().replace("’", "'")
            if lower in rejected:
                known = False
            elif len(text) > 1 and text.isupper():
                known = True  # an acronym
            else:
                known = _known(text, lower, dictionary, accepted, lists.prefixes)
            verdicts[text] = known
        if known:
            continue
        # Keyed by the form as written: suggestions follow its casing ("Body" → "Bod", "body"
        # → "bod"), and a key by lowercase would keep whichever casing a process met first.
        if ctx.options["suggest"] and text not in suggestions:
            suggestions[text] = [s for s in dictionary.suggest(text, limit=3) if s.lower() not in rejected]
        hint = suggestions.get(text) or [] if ctx.options["suggest"] else []
        lang = ctx.lang
        advice = say(lang, "did-you-mean", words=_alternatives([f"“{s}”" for s in hint], lang)) if hint else ""
        yield Violation(word.span, say(lang, "unknown-word", word=text, advice=advice))


def _known(text: str, lower: str, dictionary, accepted: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    if lower in accepted or dictionary.check(text):
        return True
    # Hyphenated words and compounds may use vocabulary words as parts (`NSAID-behandling`, `corestabilitet`).
    parts = [part for part in lower.split("-") if part]
    if len(parts) > 1:
        return all(part in accepted or part.isupper() or dictionary.check(part) for part in parts)
    for known_word in _prefixes(lower, prefixes):
        rest = lower[len(known_word) :]
        if rest.startswith(("s", "e")) and dictionary.check(rest[1:]) and len(rest) > 4:
            return True
        if len(rest) >= 4 and dictionary.check(rest):
            return True
    return False


def _prefixes(lower: str, prefixes: tuple[str, ...]):
    return (word for word in prefixes if lower.startswith(word) and len(lower) > len(word))


RULES = (spelling,)
