"""Messages in English (the default, for CI logs) and Danish (`lang = "da"`, for the writers).

Each module keeps its messages side by side, the two languages of one message together, so
they stay in step:

    MESSAGES = Messages({
        "stale": {
            "en": "`{key}` is {date}, {months} months ago; ...",
            "da": "`{key}` er {date}, {months} måneder siden; ...",
        },
    })

and renders one where it is reported: `MESSAGES.say(ctx.lang, "stale", key=..., date=..., months=...)`.
Where the language is not known yet (the loader), `MESSAGES.text(id, ...)` gives a `Text`: a
string holding the English message that the engine renders in the run's language later. Both languages of a message name the same
placeholders; `problems()` lists every table that breaks that (a test runs it).

Two formatting helps, so numbers read right in Danish:
- a number formatted with `,` or `.` (`{size:,}`, `{lix:.1f}`) swaps them in Danish: `5.000.001`, `47,5`;
- `{n:|måned|måneder}` writes the number and the singular or plural word: `1 måned`, `13 måneder`.
"""

from __future__ import annotations

import string
from typing import Any, Mapping

LANGUAGES = ("en", "da")
DEFAULT = "en"

_TABLES: list[tuple[str, "Messages"]] = []  # every table made, for the completeness test


class _Formatter(string.Formatter):
    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: Any, spec: str) -> str:
        if spec.startswith("|"):
            singular, _, plural = spec[1:].partition("|")
            return f"{value} {singular if value == 1 else plural}"
        text = format(value, spec)
        if self.lang == "da" and isinstance(value, (int, float)) and not isinstance(value, bool) and spec:
            text = text.translate(str.maketrans(",.", ".,"))
        return text


_FORMATTERS = {lang: _Formatter(lang) for lang in LANGUAGES}
# Per (template, language): whether str.format_map gives what _Formatter gives (no plural
# spec, and in Danish no spec at all, since a number's spec swaps `,` and `.`). An article
# gets dozens of messages, and format_map is many times faster than Formatter.vformat.
_PLAIN: dict[tuple[str, str], bool] = {}


def fill(template: str, lang: str, params: Mapping[str, Any]) -> str:
    values = {key: value.render(lang) if isinstance(value, Text) else value for key, value in params.items()}
    plain = _PLAIN.get((template, lang))
    if plain is None:
        specs = [spec for _, name, spec, _ in string.Formatter().parse(template) if name is not None]
        plain = _PLAIN[(template, lang)] = not any(spec and (lang != "en" or spec.startswith("|")) for spec in specs)
    if plain:
        return template.format_map(values)
    return _FORMATTERS[lang].vformat(template, (), values)


class Messages:
    """One module's messages: id → {"en": template, "da": template}."""

    def __init__(self, table: Mapping[str, Mapping[str, str]], owner: str = ""):
        self.table = dict(table)
        self.owner = owner
        _TABLES.append((owner, self))

    def say(self, lang: str, message_id: str, /, **params: Any) -> str:
        """The message in `lang` (English when `lang` is unknown or empty)."""
        templates = self.table[message_id]
        lang = lang if lang in templates else DEFAULT
        return fill(templates[lang], lang, params)

    def text(self, message_id: str, /, **params: Any) -> "Text":
        """The message, to be rendered later in the run's language."""
        return Text(self.table[message_id], params)


class Text(str):
    """A message whose language is chosen later. It is the English text, so code that takes a
    plain message keeps working; `render(lang)` gives it in another language."""

    def __new__(cls, templates: Mapping[str, str], params: Mapping[str, Any] | None = None) -> "Text":
        params = dict(params or {})
        self = super().__new__(cls, fill(templates[DEFAULT], DEFAULT, params))
        self.templates, self.params = templates, params
        return self

    def __reduce__(self):
        return (Text, (dict(self.templates), self.params))

    def render(self, lang: str = DEFAULT) -> str:
        lang = lang if lang in self.templates else DEFAULT
        return fill(self.templates[lang], lang, self.params)


def render(message: "Text | str", lang: str = DEFAULT) -> str:
    """A message in `lang`; plain strings (from code that has no table) pass through."""
    return message.render(lang) if isinstance(message, Text) else message


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def problems(tables: list[tuple[str, Messages]] | None = None) -> list[str]:
    """Messages that lack a language or whose languages name different placeholders."""
    found = []
    for owner, table in _TABLES if tables is None else tables:
        for message_id, templates in table.table.items():
            where = f"{owner or 'messages'}: {message_id!r}"
            missing = [lang for lang in LANGUAGES if not templates.get(lang, "").strip()]
            if missing:
                found.append(f"{where} has no {', '.join(missing)} text")
                continue
            extra = set(templates) - set(LANGUAGES)
            if extra:
                found.append(f"{where} has texts in unknown languages {sorted(extra)}")
            try:
                names = {lang: placeholders(templates[lang]) for lang in LANGUAGES}
            except ValueError as error:
                found.append(f"{where}: {error}")
                continue
            if len({frozenset(n) for n in names.values()}) > 1:
                found.append(f"{where}: placeholders differ: " + "; ".join(f"{lang} {sorted(n)}" for lang, n in names.items()))
    return found


def tables() -> list[tuple[str, Messages]]:
    return list(_TABLES)

