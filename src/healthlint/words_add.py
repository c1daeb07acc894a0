"""`healthlint words --add`: the words spelt right go into the project's word list (the first
file of the spelling rule's `words-files`, else `ordliste.txt` beside the config, named in the
config by a text edit that leaves every other byte of it as it was). Targets outside the
project are refused, as `--fix` refuses them."""

from __future__ import annotations

import copy
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from healthlint.i18n import Messages
from healthlint.words_command import (
    DEFAULT_CONFIG,
    DEFAULT_LIST,
    SPELLING,
    WORDS_FILES,
    WordsError,
    spelling_context,
)

MESSAGES = Messages(
    {
        "added": {
            "en": "Added {count:|word|words} to {path}: {words}",
            "da": "Tilføjede {count:|ord|ord} til {path}: {words}",
        },
        "already": {"en": "Already in {path}: {words}", "da": "Står allerede i {path}: {words}"},
        "bad-word": {
            "en": "{word} cannot go in a word list: {why}. Give one word at a time, as it is written in the articles",
            "da": "{word} kan ikke stå i en ordliste: {why}. Angiv ét ord ad gangen, som det står i artiklerne",
        },
        "cannot-edit": {
            "en": "{config} cannot be edited safely to name the word list ({why}), so nothing was written. "
            "Set {setting} under [{table}] yourself, then run the command again",
            "da": "{config} kan ikke rettes sikkert, så den nævner ordlisten ({why}), så intet blev skrevet. "
            "Sæt selv {setting} under [{table}], og kør så kommandoen igen",
        },
        "cannot-write": {
            "en": "cannot write {path}: {reason}",
            "da": "kan ikke skrive {path}: {reason}",
        },
        "changed": {
            "en": "{path} changed while healthlint words ran; nothing more was written. Run the command again",
            "da": "{path} blev ændret, mens healthlint words kørte; der blev ikke skrevet mere. Kør kommandoen igen",
        },
        "config-created": {
            "en": "Created {config} with {setting} under [{table}], so the spelling rule reads {path}.",
            "da": "Oprettede {config} med {setting} under [{table}], så stavereglen læser {path}.",
        },
        "config-edited": {
            "en": "Added {setting} under [{table}] in {config}, so the spelling rule reads {path}.",
            "da": "Tilføjede {setting} under [{table}] i {config}, så stavereglen læser {path}.",
        },
        "in-git": {
            "en": "{path} is inside a .git folder, which holds the repository's settings, so healthlint does not "
            "write to it. Name another word list in `words-files`",
            "da": "{path} ligger i en .git-mappe, som rummer repositoriets indstillinger, så healthlint skriver "
            "ikke i den. Angiv en anden ordliste under `words-files`",
        },
        "outside": {
            "en": "{path} leads outside the project ({root}), so healthlint does not write to it: a setting committed "
            "to the repository could otherwise make it write files elsewhere. Name a word list inside the project "
            "in `words-files`",
            "da": "{path} fører uden for projektet ({root}), så healthlint skriver ikke i den: en indstilling i "
            "repositoriet kunne ellers få den til at skrive filer andre steder. Angiv en ordliste i projektet "
            "under `words-files`",
        },
        "unreadable-list": {
            "en": "the word list {path} {reason}",
            "da": "ordlisten {path} kan ikke bruges ({reason})",
        },
        "why-comment": {"en": "a line starting with # is a comment", "da": "en linje, der starter med #, er en kommentar"},
        "why-control": {"en": "it holds a control character", "da": "det indeholder et kontroltegn"},
        "why-empty": {"en": "it is empty", "da": "det er tomt"},
        "why-inline": {
            "en": "the spelling rule's settings are not a [table] of their own",
            "da": "stavereglens indstillinger står ikke i en egen [tabel]",
        },
        "why-result": {
            "en": "the edited file would not read as intended",
            "da": "den rettede fil ville ikke blive læst som tilsigtet",
        },
        "why-set": {
            "en": "the spelling rule's table sets `words-files` already, to no file",
            "da": "stavereglens tabel sætter allerede `words-files`, men uden nogen fil",
        },
        "why-space": {"en": "it holds a space or a line break", "da": "det indeholder et mellemrum eller et linjeskift"},
    },
    __name__,
)
say = MESSAGES.say


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
    from healthlint.run import pipeline

    config = pipeline.resolve_config([Path.cwd()], api.Options(config_file=config_file))
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
    from healthlint.files.discover import display_path
    from healthlint.report.escape import visible

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
    from healthlint.files.boundary import Boundary
    from healthlint.files.discover import display_path

    refusal = Boundary(root).confines(target)
    if refusal == "outside":
        raise WordsError(say(lang, "outside", path=display_path(target), root=Path(os.path.abspath(root)).as_posix()))
    if refusal == "git":
        raise WordsError(say(lang, "in-git", path=display_path(target)))


def _read_list(path: Path, lang: str) -> bytes | None:
    """The word list's bytes as they are (BOM, line endings); None when it does not exist yet."""
    from healthlint.files.discover import display_path
    from healthlint.files.safe_read import NamedFileError, read_named_file

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
    from healthlint.files.discover import display_path
    from healthlint.run.atomic import write_atomic

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
    from healthlint.files.discover import display_path

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
    from healthlint.ruleset.registry import rule_by_selector

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
