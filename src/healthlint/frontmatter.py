"""The frontmatter block: YAML read safely (no tags, aliases or huge input), every key with its
value and where both stand in the file, or the reason it cannot be read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from healthlint.diagnostic import Span
from healthlint.i18n import Messages

# Frontmatter is a handful of keys; anything far beyond this is hostile or broken.
MAX_FRONTMATTER_CHARS = 64_000
MAX_YAML_NESTING = 50
MAX_YAML_NODES = 10_000

# Read when a document is made, before the run's language is known: i18n.Text, rendered later.
MESSAGES = Messages(
    {
        "unclosed": {
            "en": "The frontmatter opens with `---` on line 1 but never closes: the whole article is read "
            "as settings, so the page has no text. Add a line with `---` after the last setting.",
            "da": "Frontmatter åbner med `---` på linje 1, men lukkes aldrig: hele artiklen læses som "
            "indstillinger, så siden har ingen tekst. Tilføj en linje med `---` efter den sidste indstilling.",
        },
        "empty-frontmatter": {
            "en": "The frontmatter is empty: the page has no title, dates or meta title.",
            "da": "Frontmatter er tom: siden har ingen titel, datoer eller metatitel.",
        },
        "too-large": {
            "en": "The frontmatter is too large or too deeply nested to be real article settings "
            "(limits: {chars} characters, {levels} levels); it was not read.",
            "da": "Frontmatter er for stor eller for dybt indlejret til at være rigtige artikelindstillinger "
            "(grænser: {chars} tegn, {levels} niveauer); den blev ikke læst.",
        },
        "not-yaml": {
            "en": "The frontmatter is not valid YAML: {problem}{context}. The site cannot read any setting "
            "in it; a common cause is a value with `:` that needs quotes.",
            "da": 'Frontmatter er ikke gyldig YAML (YAML-læseren melder: "{problem}{context}"). Sitet kan ikke '
            "læse nogen af indstillingerne; en almindelig årsag er en værdi med `:`, der skal stå i anførselstegn.",
        },
        "does-not-parse": {"en": "it does not parse", "da": "den kan ikke fortolkes"},
        "not-yaml-error": {
            "en": "The frontmatter is not valid YAML ({error}).",
            "da": "Frontmatter er ikke gyldig YAML ({error}).",
        },
        "not-mapping": {
            "en": "The frontmatter is not a list of `key: value` settings, so the page has no title or dates. "
            'Write one setting per line, such as `title: "Hekseskud i lænden"`.',
            "da": "Frontmatter er ikke en række `nøgle: værdi`-indstillinger, så siden har ingen titel eller datoer. "
            'Skriv én indstilling pr. linje, fx `title: "Hekseskud i lænden"`.',
        },
        "aliases": {
            "en": "The frontmatter expands to more than {nodes} values (YAML aliases such as `*a` "
            "repeat data); it was not read. Article settings never need aliases.",
            "da": "Frontmatter folder sig ud til mere end {nodes} værdier (YAML-aliaser som `*a` "
            "gentager data); den blev ikke læst. Artikelindstillinger har aldrig brug for aliaser.",
        },
        "unsafe": {
            "en": "The frontmatter uses a YAML feature the site cannot read: {problem}. "
            "Use plain `key: value` settings; YAML tags such as `!!python/object` are never run.",
            "da": 'Frontmatter bruger en YAML-funktion, som sitet ikke kan læse (YAML-læseren melder: "{problem}"). '
            "Brug almindelige `nøgle: værdi`-indstillinger; YAML-tags som `!!python/object` bliver aldrig kørt.",
        },
        "value-unreadable": {
            "en": "A frontmatter value cannot be read ({error}).",
            "da": "En værdi i frontmatter kan ikke læses ({error}).",
        },
    },
    __name__,
)

class Field(NamedTuple):
    """One top-level frontmatter key with its value and where both stand in the file."""

    key: str
    value: Any
    key_span: Span
    value_span: Span | None  # None when the key has no value at all (`title:`)
    quoted: bool = False
    # For list and mapping values: the same shape as `value`, with the Span of each scalar.
    inner: Any = None


class FrontMatterError(NamedTuple):
    kind: str  # "unclosed" | "syntax" | "not-mapping" | "unsafe"
    message: str
    span: Span


@dataclass
class FrontMatter:
    present: bool = False
    start_line: int = 0  # line of the opening `---`
    end_line: int = 0  # line of the closing `---` (0 when it never closes)
    fields: dict[str, Field] = field(default_factory=dict)
    duplicates: list[Field] = field(default_factory=list)
    error: FrontMatterError | None = None

    def get(self, key: str, default: Any = None) -> Any:
        found = self.fields.get(key)
        return default if found is None else found.value


_YAML_LOADER = None


def _yaml_loader_class():
    # libyaml's loader is several times faster on frontmatter; fall back when it is missing.
    global _YAML_LOADER
    if _YAML_LOADER is None:
        import yaml

        _YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _YAML_LOADER


def _boundary_re() -> re.Pattern:
    # python-frontmatter's own boundary: a line of three or more dashes.
    import frontmatter

    return frontmatter.YAMLHandler.FM_BOUNDARY


_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


class _Budget(Exception):
    pass


class _Start:
    index = 0  # a YAML mark at the start of the frontmatter


_START = _Start()


def _nesting_depth(text: str) -> int:
    """An upper bound of the YAML nesting, found without parsing (libyaml recurses in C)."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    indents = {len(line) - len(line.lstrip(" -")) for line in text.split("\n") if line.strip()}
    return max(deepest, len(indents))


def parse_frontmatter(text: str, position) -> tuple[FrontMatter, int]:
    """Split and parse the frontmatter; return it and the 0-based offset where the body starts.
    `position` turns an offset in `text` into the file's (line, column)."""
    fm = FrontMatter()
    if not text.startswith("---"):
        return fm, 0
    boundaries = _boundary_re().finditer(text)
    opening = next(boundaries, None)
    if opening is None or opening.start() != 0:
        return fm, 0
    fm.present = True
    fm.start_line = 1
    closing = next(boundaries, None)
    if closing is None:
        fm.error = FrontMatterError("unclosed", MESSAGES.text("unclosed"), Span(1, 1, 1, 4))
        return fm, 0
    fm.end_line = position(closing.start())[0]
    body_start = text.find("\n", closing.start())
    body_start = len(text) if body_start == -1 else body_start + 1
    start = opening.end()
    # YAML's marks count NEL, LS and PS as line breaks, which the file's lines do not: place a
    # mark by its character index instead of its line and column.
    _read_yaml(fm, text[start : closing.start()], lambda mark: position(start + mark.index))
    return fm, body_start


def _read_yaml(fm: FrontMatter, source: str, place) -> None:
    """Parse `source`; `place(mark)` is a YAML mark's (line, column) in the file."""
    import yaml

    def span_of(node) -> Span:
        return Span(*place(node.start_mark), *place(node.end_mark))

    if not source.strip():
        fm.error = FrontMatterError("not-mapping", MESSAGES.text("empty-frontmatter"), Span(1, 1, 1, 4))
        return
    if len(source) > MAX_FRONTMATTER_CHARS or _nesting_depth(source) > MAX_YAML_NESTING:
        message = MESSAGES.text("too-large", chars=MAX_FRONTMATTER_CHARS, levels=MAX_YAML_NESTING)
        fm.error = FrontMatterError("unsafe", message, Span(1, 1, 1, 4))
        return
    loader = _yaml_loader_class()(source)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = place(mark) if mark else place(_START)
        problem = error.problem or MESSAGES.text("does-not-parse")
        context = f" {error.context}" if error.context else ""
        message = MESSAGES.text("not-yaml", problem=problem, context=context)
        fm.error = FrontMatterError("syntax", message, Span.point(line, column))
        return
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        fm.error = FrontMatterError("syntax", MESSAGES.text("not-yaml-error", error=type(error).__name__), Span(1, 1, 1, 4))
        return
    finally:
        loader.dispose()

    if not isinstance(root, yaml.MappingNode):
        fm.error = FrontMatterError(
            "not-mapping", MESSAGES.text("not-mapping"), span_of(root) if root is not None else Span(1, 1, 1, 4)
        )
        return

    budget = [MAX_YAML_NODES]
    constructor = _yaml_loader_class()("")

    def scalar_span(node) -> Span:
        span = span_of(node)
        if node.style in ("'", '"') and span.line == span.end_line:
            return Span(span.line, span.column + 1, span.end_line, span.end_column - 1)
        return span

    def span_tree(node, depth: int = 0):
        if depth > MAX_YAML_NESTING:
            raise _Budget
        if isinstance(node, yaml.ScalarNode):
            return scalar_span(node)
        if isinstance(node, yaml.SequenceNode):
            return [span_tree(child, depth + 1) for child in node.value]
        return {str(key.value): span_tree(value, depth + 1) for key, value in node.value}

    def convert(node, depth: int = 0):
        budget[0] -= 1
        if budget[0] < 0 or depth > MAX_YAML_NESTING:
            raise _Budget
        if isinstance(node, yaml.ScalarNode):
            try:
                return constructor.construct_object(node, deep=True)
            except ValueError:
                # An unquoted impossible date (`2025-02-30`) is YAML's timestamp but no real date:
                # keep the text, so the date rules can point at it.
                return node.value
        if node.tag not in _PLAIN_COLLECTION_TAGS:
            raise yaml.constructor.ConstructorError(None, None, f"the tag {node.tag!r} is not allowed", node.start_mark)
        if isinstance(node, yaml.SequenceNode):
            return [convert(child, depth + 1) for child in node.value]
        result = {}
        for key_node, value_node in node.value:
            key = convert(key_node, depth + 1)
            result[key if isinstance(key, (str, int, float, bool)) else str(key)] = convert(value_node, depth + 1)
        return result

    try:
        for key_node, value_node in root.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
            key = str(key_node.value)
            value = convert(value_node)
            is_null = isinstance(value_node, yaml.ScalarNode) and value is None
            empty_plain = is_null and value_node.value == ""
            quoted = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("'", '"')
            scalar = isinstance(value_node, yaml.ScalarNode)
            value_span = None if empty_plain else (scalar_span(value_node) if scalar else span_of(value_node))
            inner = None if scalar else span_tree(value_node)
            entry = Field(key, value, span_of(key_node), value_span, quoted, inner)
            if key in fm.fields:
                fm.duplicates.append(entry)
            fm.fields[key] = entry
    except _Budget:
        fm.fields.clear()
        fm.error = FrontMatterError("unsafe", MESSAGES.text("aliases", nodes=MAX_YAML_NODES), Span(1, 1, 1, 4))
    except yaml.constructor.ConstructorError as error:
        fm.fields.clear()
        mark = error.problem_mark
        line, column = place(mark) if mark else (1, 1)
        fm.error = FrontMatterError("unsafe", MESSAGES.text("unsafe", problem=error.problem), Span.point(line, column))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as error:
        fm.fields.clear()
        fm.error = FrontMatterError("syntax", MESSAGES.text("value-unreadable", error=error), Span(1, 1, 1, 4))
    finally:
        # The loader and the two recursive helpers refer to themselves: break those cycles
        # here, so an article leaves no garbage for the cycle collector (which a run calls rarely).
        constructor.dispose()
        convert = span_tree = None  # noqa: F841
