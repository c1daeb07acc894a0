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

import copy
import json
import os
import tomllib
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
        "added": {
            "en": "Added {count:|word|words} to {path}: {words}",
            "da": "Tilføjede {count:|ord|ord} til {path}: {words}",
        },
        "skipped": {"en": "skipped {line}", "da": "sprang over {line}"},
        "already": {"en": "Already in {path}: {words}", "da": "Står allerede i {path}: {words}"},
        "config-created": {
            "en": "Created {config} with {setting} under [{table}], so the spelling rule reads {path}.",
            "da": "Oprettede {config} med {setting} under [{table}], så stavereglen læser {path}.",
        },
        "config-edited": {
            "en": "Added {setting} under [{table}] in {config}, so the spelling rule reads {path}.",
            "da": "Tilføjede {setting} under [{table}] i {config}, så stavereglen læser {path}.",
        },
        "bad-word": {
            "en": "{word} cannot go in a word list: {why}. Give one word at a time, as it is written in the articles",
            "da": "{word} kan ikke stå i en ordliste: {why}. Angiv ét ord ad gangen, som det står i artiklerne",
        },
        "why-space": {"en": "it holds a space or a line break", "da": "det indeholder et mellemrum eller et linjeskift"},
        "why-comment": {"en": "a line starting with # is a comment", "da": "en linje, der starter med #, er en kommentar"},
        "why-control": {"en": "it holds a control character", "da": "det indeholder et kontroltegn"},
        "why-empty": {"en": "it is empty", "da": "det er tomt"},
        "outside": {
            "en": "{path} leads outside the project ({root}), so healthlint does not write to it: a setting committed "
            "to the repository could otherwise make it write files elsewhere. Name a word list inside the project "
            "in `words-files`",
            "da": "{path} fører uden for projektet ({root}), så healthlint skriver ikke i den: en indstilling i "
            "repositoriet kunne ellers få den til at skrive filer andre steder. Angiv en ordliste i projektet "
            "under `words-files`",
        },
        "in-git": {
            "en": "{path} is inside a .git folder, which holds the repository's settings, so healthlint does not "
            "write to it. Name another word list in `words-files`",
            "da": "{path} ligger i en .git-mappe, som rummer repositoriets indstillinger, så healthlint skriver "
            "ikke i den. Angiv en anden ordliste under `words-files`",
        },
        "unreadable-list": {
            "en": "the word list {path} {reason}",
            "da": "ordlisten {path} kan ikke bruges ({reason})",
        },
        "cannot-edit": {
            "en": "{config} cannot be edited safely to name the word list ({why}), so nothing was written. "
            "Set {setting} under [{table}] yourself, then run the command again",
            "da": "{config} kan ikke rettes sikkert, så den nævner ordlisten ({why}), så intet blev skrevet. "
            "Sæt selv {setting} under [{table}], og kør så kommandoen igen",
        },
        "why-inline": {
            "en": "the spelling rule's settings are not a [table] of their own",
            "da": "stavereglens indstillinger står ikke i en egen [tabel]",
        },
        "why-set": {
            "en": "the spelling rule's table sets `words-files` already, to no file",
            "da": "stavereglens tabel sætter allerede `words-files`, men uden nogen fil",
        },
        "why-result": {
            "en": "the edited file would not read as intended",
            "da": "den rettede fil ville ikke blive læst som tilsigtet",
        },
        "changed": {
            "en": "{path} changed while healthlint words ran; nothing more was written. Run the command again",
            "da": "{path} blev ændret, mens healthlint words kørte; der blev ikke skrevet mere. Kør kommandoen igen",
        },
        "cannot-write": {
            "en": "cannot write {path}: {reason}",
            "da": "kan ikke skrive {path}: {reason}",
        },
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
    from healthlint import api, runner
    from healthlint.discover import display_path
    from healthlint.document import LoadFailure

    planned = api.plan(paths, options)
    config = planned.config
    lang = options.lang or config.lang
    find = partial(_word_finder, config, lang, api.file_limits(config, options))
    jobs = options.jobs or runner.default_jobs()
    skipped = [
        _diagnostic_line(display_path(folder), LoadFailure("HL001", api.MESSAGES.text("folder-unreadable", reason=reason)), lang)
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

    return api._engine(replace(config, ignore=[]), api.Options(select=[SPELLING], lang=lang))


def spelling_context(config, lang: str | None = None):
    """The spelling rule's context for this config (healthlint.rule.RuleContext)."""
    return _spelling_engine(config, lang or config.lang)._contexts[SPELLING]


def _word_finder(config, lang: str, bounds):
    """A function from an article's path to (shown path, a line saying why it was skipped or
    None, its unknown words as (text, line, column, reported by the rule, a name) or None when
    it was not read): made once per process, as `check` makes its linter."""
    from healthlint import boundary, limits
    from healthlint.discover import display_path, relative_to_root
    from healthlint.document import DEFAULT_MAX_FILE_SIZE

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
    from healthlint import api, suppress
    from healthlint.checks.spelling import unknown_words
    from healthlint.diagnostic import Violation
    from healthlint.document import Document, LoadFailure

    data = api.read_file(path, max_size, inside)
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
        raise  # past the per-file memory limit (healthlint.limits)
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
    from healthlint.reporters.escape import visible

    return f"{visible(shown)}:{found.span.line}:{found.span.column}: {found.code} {visible(render(found.message, lang))}"


def render_text(listing: WordList) -> str:
    """A table, a word a line, then what it means and what to do."""
    from healthlint.reporters.escape import visible

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
    from healthlint.reporters.escape import valid_json

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


# ---------------------------------------------------------------------------------------
# Adding words


@dataclass(frozen=True)
class Added:
    """What `--add` did: the word list, the words added and those already there, and the
    config file that was made or edited to name the list (None: it named it already)."""

    path: Path
    added: tuple[str, ...]
    already: tuple[str, ...]
    config: Path | None = None
    config_created: bool = False
    table: str = ""
    lang: str = "en"


def add_words(words: list[str], config_file: Path | None = None, lang: str | None = None) -> Added:
    """Append `words` to the project's word list, naming it in the config if it is not named
    yet. Raises WordsError (nothing written) when that cannot be done safely."""
    from healthlint import api

    config = api.resolve_config([Path.cwd()], api.Options(config_file=config_file))
    lang = lang or config.lang
    words = _checked_words(words, lang)
    named = list(spelling_context(config, lang).options[WORDS_FILES])
    edit = None
    if named:
        root = Path(config.root)
        target = root / named[0]
    else:
        edit = _config_edit(config, lang)
        root = edit.path.parent
        target = root / DEFAULT_LIST
    _inside(target, root, lang)
    real = Path(os.path.realpath(target))  # a link inside the project stays a link; its file is written
    before = _read_list(real, lang)
    added, already = _new_words(words, before)
    if added:
        _write(real, _appended(before, added), before, lang)
    if edit is not None:
        _write(Path(os.path.realpath(edit.path)), edit.after, edit.before, lang)
    if edit is None:
        return Added(target, tuple(added), tuple(already), lang=lang)
    return Added(target, tuple(added), tuple(already), edit.path, edit.before is None, edit.table, lang)


def render_added(result: Added) -> str:
    from healthlint.discover import display_path
    from healthlint.reporters.escape import visible

    lang = result.lang
    shown = visible(display_path(result.path))
    lines = []
    if result.added:
        lines.append(say(lang, "added", count=len(result.added), path=shown, words=", ".join(map(visible, result.added))))
    if result.already:
        lines.append(say(lang, "already", path=shown, words=", ".join(map(visible, result.already))))
    if result.config is not None:
        which = "config-created" if result.config_created else "config-edited"
        setting = _setting_line()
        lines.append(say(lang, which, config=visible(display_path(result.config)), setting=setting, table=result.table, path=shown))
    return "".join(line + "\n" for line in lines)


def _checked_words(words: list[str], lang: str) -> list[str]:
    checked = []
    for raw in words:
        word = raw.strip()
        why = (
            "why-empty" if not word
            else "why-space" if any(ch.isspace() for ch in word)
            else "why-control" if not word.isprintable()
            else "why-comment" if word.startswith("#")
            else None
        )
        if why:
            raise WordsError(say(lang, "bad-word", word=ascii(raw) if not raw.isprintable() else repr(raw), why=say(lang, why)))
        checked.append(word)
    return checked


def _inside(target: Path, root: Path, lang: str) -> None:
    """The word list must be the project's own, as the config's own check and `--fix` require:
    its real place (links followed) inside the project and not in a `.git` folder."""
    from healthlint.boundary import Boundary
    from healthlint.discover import display_path

    refusal = Boundary(root).confines(target)
    if refusal == "outside":
        raise WordsError(say(lang, "outside", path=display_path(target), root=Path(os.path.abspath(root)).as_posix()))
    if refusal == "git":
        raise WordsError(say(lang, "in-git", path=display_path(target)))


def _read_list(path: Path, lang: str) -> bytes | None:
    """The word list's bytes as they are (BOM, line endings); None when it does not exist yet."""
    from healthlint.discover import display_path
    from healthlint.safe_read import NamedFileError, read_named_file

    if not os.path.lexists(path):
        return None
    try:
        read_named_file(path, "word list")  # a folder, a device, too large or not UTF-8 is refused here
        with open(path, "rb") as handle:
            return handle.read()
    except NamedFileError as error:
        raise WordsError(say(lang, "unreadable-list", path=display_path(path), reason=error.reason)) from None
    except OSError as error:
        raise WordsError(say(lang, "unreadable-list", path=display_path(path), reason=error.strerror or str(error))) from None


def _new_words(words: list[str], before: bytes | None) -> tuple[list[str], list[str]]:
    """The words to append, in the order given, and those the list has already (case-insensitively,
    as the spelling rule reads it: one word a line, `#` starts a comment line)."""
    text = (before or b"").decode("utf-8-sig")
    known = {line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")}
    added, already = [], []
    for word in words:
        if word.lower() in known:
            if word not in already and word.lower() not in {w.lower() for w in added}:
                already.append(word)
            continue
        known.add(word.lower())
        added.append(word)
    return added, already


def _appended(before: bytes | None, words: list[str]) -> bytes:
    data = before or b""
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    if data.removeprefix(b"\xef\xbb\xbf") and not data.endswith((b"\n", b"\r")):
        data += newline
    return data + b"".join(word.encode("utf-8") + newline for word in words)


def _write(path: Path, data: bytes, expected: bytes | None, lang: str) -> None:
    """Write through a temporary file, keeping the file's permissions; refuse if the file
    appeared or changed since it was read."""
    from healthlint.atomic import write_atomic
    from healthlint.discover import display_path

    def unchanged() -> None:
        try:
            with open(path, "rb") as handle:
                current = handle.read()
        except FileNotFoundError:
            current = None
        if current != expected:
            raise WordsError(say(lang, "changed", path=display_path(path)))

    try:
        write_atomic(path, data, mode=None, check=unchanged)
    except OSError as error:
        raise WordsError(say(lang, "cannot-write", path=display_path(path), reason=error.strerror or str(error))) from None


# -- naming the list in the config ------------------------------------------------------


@dataclass(frozen=True)
class _ConfigEdit:
    path: Path
    before: bytes | None  # None: a new file
    after: bytes
    table: str  # the table the setting went under, as its header names it


def _setting_line() -> str:
    return f'{WORDS_FILES} = ["{DEFAULT_LIST}"]'


def _config_edit(config, lang: str) -> _ConfigEdit:
    """The config with `words-files = ["ordliste.txt"]` in the spelling rule's table: the table
    the config reads the rule's options from when there is one (the key goes right after its
    header), else a new `[rules.spelling]` at the end. Every other byte is kept, line endings
    and BOM too; the result is read back and must differ from the old only by that setting."""
    if not config.source:
        path = Path(os.path.abspath(DEFAULT_CONFIG))
        text = f"[rules.spelling]\n{_setting_line()}\n"
        return _ConfigEdit(path, None, text.encode("utf-8"), "rules.spelling")
    path = Path(os.path.abspath(config.source))
    with open(path, "rb") as handle:
        before = handle.read()
    bom = before.startswith(b"\xef\xbb\xbf")
    text = before.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    pyproject = path.name == "pyproject.toml"
    prefix = ("tool", "healthlint") if pyproject else ()
    data = tomllib.loads(text)
    table = _healthlint_table(data, pyproject)
    where = _spelling_table(table)
    header = ".".join(map(_quoted, prefix + (where or ("rules", "spelling"))))
    expected = copy.deepcopy(data)
    _settings_at(_healthlint_table(expected, pyproject), where or ("rules", "spelling"), create=True)[WORDS_FILES] = [DEFAULT_LIST]
    for after in _edits(text, prefix + where if where else None, prefix + ("rules", "spelling")):
        try:
            if tomllib.loads(after) == expected:
                return _ConfigEdit(path, before, (b"\xef\xbb\xbf" if bom else b"") + after.encode("utf-8"), header)
        except tomllib.TOMLDecodeError:
            continue
    from healthlint.config import _norm
    from healthlint.discover import display_path

    if where and any(_norm(key) == WORDS_FILES for key in _settings_at(table, where)):
        why = "why-set"
    else:
        why = "why-inline" if where else "why-result"
    raise WordsError(say(lang, "cannot-edit", config=display_path(path), why=say(lang, why), setting=_setting_line(), table=header))


def _healthlint_table(data: dict, pyproject: bool) -> dict:
    return data["tool"]["healthlint"] if pyproject else data


def _spelling_table(table: dict) -> tuple[str, ...] | None:
    """Where the config reads the spelling rule's options (healthlint.config.parse_config): a
    top-level `spelling` table or a `rules` entry naming the rule; the last one read wins there."""
    from healthlint.config import _norm
    from healthlint.registry import rule_by_selector

    found = None
    for key, value in table.items():
        if _norm(key) == "spelling":
            found = (key,)
        elif _norm(key) == "rules" and isinstance(value, dict):
            for selector in value:
                rule = rule_by_selector(selector)
                if rule is not None and rule.code == SPELLING:
                    found = (key, selector)
    return found


def _settings_at(table: dict, keys: tuple[str, ...], create: bool = False) -> dict:
    for key in keys:
        table = table.setdefault(key, {}) if create else table[key]
    return table


def _edits(text: str, existing: tuple[str, ...] | None, new: tuple[str, ...]):
    """Candidate texts: the key after each header line naming the existing table (the right one
    is the one that reads back as intended), or a new table appended at the end."""
    from healthlint.fix import split_lines

    nl = "\r\n" if "\r\n" in text else "\n"
    lines = split_lines(text)
    if existing is not None:
        for index, (content, ending) in enumerate(lines):
            if _header_keys(content) != existing:
                continue
            edited = list(lines)
            edited[index : index + 1] = [(content, ending or nl), (_setting_line(), ending)]
            yield "".join(c + e for c, e in edited)
        return
    separator = "" if not text.strip() else (nl if text.endswith(("\n", "\r")) else nl + nl)
    yield text + separator + f"[{'.'.join(_quoted(key) for key in new)}]{nl}{_setting_line()}{nl}"


def _header_keys(line: str) -> tuple[str, ...] | None:
    """The keys a `[table]` header line names (`[tool.healthlint."rules".spelling]  # note`), else None."""
    stripped = line.strip()
    if not stripped.startswith("[") or stripped.startswith("[["):
        return None
    inner, quote = [], ""
    escaped = False
    for ch in stripped[1:]:
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "]":
            break
        inner.append(ch)
    else:
        return None
    try:
        parsed = tomllib.loads("".join(inner) + " = 0\n")
    except tomllib.TOMLDecodeError:
        return None
    keys = []
    while isinstance(parsed, dict) and len(parsed) == 1:
        key, parsed = next(iter(parsed.items()))
        keys.append(key)
    return tuple(keys) if parsed == 0 else None


def _quoted(key: str) -> str:
    return key if key and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in key) else json.dumps(key)


__all__ = ["Added", "UnknownWord", "WordList", "WordsError", "add_words", "find_words", "render_added", "render_json", "render_text", "spelling_context"]
