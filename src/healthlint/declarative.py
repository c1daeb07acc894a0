"""Rules that are data: YAML rule packs from `rules/`, each rule extending one of four kinds.

A pack is a YAML file with one key, `rules`, a list of rules. Each rule `extends` one kind:

- `existence`: every match of `patterns` in `scope` is a problem.
- `substitution`: `swap: {pattern: replacement}`; a match is a problem, and with
  `fix: safe` (or `unsafe`) the diagnostic carries the replacement as a fix. The
  replacement may use groups of its pattern (`\\1`); the case of the first letter and of
  all-capital matches is kept.
- `required`: at least one passage in `scope` must match `patterns`. When none does, one
  diagnostic points at the first passage of the scope (the text that should have said it),
  else at the frontmatter `title`, else at line 1.
- `conditional`: when the `if` patterns match in `scope`, the `then` patterns must match
  in `then-scope` (default: `prose`) `within` the same `paragraph`, `section` or `article`.
  One diagnostic per unit that lacks them, at the first `if` match in that unit.

A conditional rule's `then` may hold `all:` items, a list of groups (each a list of
patterns) that must all match in one then-passage; with `then-scope: sentence`, a sentence
ending in `:` is read together with the list items right after it. `within: sentence` pairs a
trigger with the same sentence (scope and then-scope both `sentence`). `alternatives` (each
`found`, `message`, `message-da`) give the message when `then` fails but `found` holds in the
unit. `unless` (`scope`, `patterns`) turns the rule off for an article where the patterns
match in those scopes. `exceptions` remove trigger matches; `report: each-match` reports every distinct trigger
of a unit rather than the first, one per sentence.

More fields, for every kind unless said: `not-in` (`myths`, `faq`: sections whose heading or a
heading above it names them; `questions`: matches in a sentence or heading ending in `?`),
`once-per` (existence: `section` or `article`, one finding per distinct match there),
`default` (false: off in the default rule set), `examples` (a list of `bad:`/`good:` article
bodies the rule must flag or not; tests/test_declarative_scopes.py runs them all).

Fields of a rule: `code` (HL + three digits, unique across all rules), `name` (kebab-case),
`extends`, `level` (error, warning, info), `message` (may quote the match as `{match}`,
substitutions also `{replacement}`), `why`; optional `summary` (the one-line description;
defaults to the message's first sentence), `message-da` and `summary-da` (the same in Danish,
shown with `lang = "da"`; `message-da` must quote the same placeholders as `message`, and a
rule without it speaks English in Danish runs too), `example`, `instead`, `tags`, `scope`,
`globs` (gitignore-style, relative to the site; the rule's `globs` option, so config may
override it), `exceptions` (patterns; a match inside an exception's match is not a problem).

Scopes: `paragraph` (not in a list), `list-item`, `table-cell` (header and body cells),
`heading`, `sentence` (sentences of paragraphs, list items and cells, split by
`healthlint.language.tokenize` when it is installed, else by a simple splitter that knows
the common Danish abbreviations), `title`,
`meta-title`, `description` (frontmatter values), and the groups `prose` (paragraph,
list-item, table-cell) and `body` (prose and headings). For `within`, the paragraph of a
table cell is its row, and a section runs from a heading to the next heading of any level.

Patterns are regular expressions in Python's syntax, matched case-insensitively and only
as whole words: each is wrapped in lookarounds on `[\\wæøåÆØÅ]`, so `akut` does not match in
`akutmodtagelse`. Inline Markdown (emphasis, code ticks, link targets, HTML tags) is removed
before matching and line breaks inside a paragraph count as spaces, so `Søg **straks** læge`
reads as `Søg straks læge`. Patterns whose quantifiers nest under an unbounded repeat
(`(a+)+`) are refused at load, and every match call runs with a time limit. Patterns that
would cost much to compile are refused at load too, since the `regex` module writes a counted
repeat out in full: a pattern longer than MAX_PATTERN_CHARS, a counted repeat (`{m}`, `{m,n}`)
over MAX_REPEAT_COUNT, a pattern whose counted repeats multiply out to more than
MAX_PATTERN_WEIGHT pieces, and packs whose patterns together weigh more than MAX_TOTAL_WEIGHT.

Everything a pack says is validated when it is loaded; a problem raises `RulePackError`
naming the file and line.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Sequence

from healthlint.diagnostic import Edit, Fix, Severity, Span, Violation
from healthlint.rule import CODE_RE, NAME_RE, Rule

# A pattern that needs longer than this on one passage is broken; the engine reports it.
MATCH_TIMEOUT = 0.25
# A pack file is a few kilobytes of rules; refuse anything far larger before parsing it.
MAX_PACK_BYTES = 1_000_000
# What a project pack's pattern may cost to compile (the shipped packs are far inside these).
MAX_PATTERN_CHARS = 2_000
MAX_REPEAT_COUNT = 1_000  # `{m}` and `{m,n}`: m and n at most this
MAX_PATTERN_WEIGHT = 10_000  # pieces once counted repeats are written out: a few MB compiled
MAX_TOTAL_WEIGHT = 100_000  # all patterns of the packs loaded together (the shipped pack: under 2,000)

_WORD = r"[\wæøåÆØÅ]"
KINDS = ("existence", "substitution", "required", "conditional")
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
SCOPES = ("paragraph", "list-item", "table-cell", "heading", "sentence", "title", "meta-title", "description")
SCOPE_GROUPS = {
    "prose": ("paragraph", "list-item", "table-cell"),
    "body": ("paragraph", "list-item", "table-cell", "heading"),
}
WITHIN = ("sentence", "paragraph", "section", "article")
# Kinds of section a rule may leave out with `not-in` (see _section_kinds): text in a myths
# section states what it refutes; questions ask rather than claim.
SECTION_KINDS = ("myths", "faq", "questions")
_MYTHS_HEADING = re.compile(r"(?<![\wæøå])(?:myte|myten|myter|myterne|misforståelse|misforståelser|misforståelserne)(?![\wæøå])", re.IGNORECASE)
_FAQ_HEADING = re.compile(r"ofte stillede spørgsmål|spørgsmål og svar|(?<![\wæøå])faq(?![\wæøå])", re.IGNORECASE)
ONCE_PER = ("section", "article")
REPORTS = ("first", "each-match")
FIX_CHOICES = ("safe", "unsafe", "none")

_COMMON_KEYS = {
    "code", "name", "extends", "level", "message", "message-da", "why", "summary", "summary-da", "example", "instead",
    "tags", "scope", "globs", "default", "examples", "not-in",
}
_KIND_KEYS = {
    "existence": {"patterns", "exceptions", "once-per"},
    "substitution": {"swap", "fix", "exceptions"},
    "required": {"patterns"},
    "conditional": {"if", "then", "within", "then-scope", "exceptions", "alternatives", "report", "unless"},
}
_REQUIRED_KEYS = {
    "existence": ("patterns",),
    "substitution": ("swap",),
    "required": ("patterns",),
    "conditional": ("if", "then", "within"),
}
_DEFAULT_SCOPE = {
    "existence": ("prose",),
    "substitution": ("body",),
    "required": ("body",),
    "conditional": ("prose",),
}
_FRONTMATTER_SCOPES = {"title": "title", "meta-title": "metaTitle", "description": "description"}


class RulePackError(Exception):
    """A rule pack that cannot be used; names the file and the line (1-based)."""

    def __init__(self, path: str, line: int, message: str):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{self.path}:{line}: {message}")


class PatternTimeout(Exception):
    """A pack's pattern took longer than MATCH_TIMEOUT on one passage of an article."""


# ---------------------------------------------------------------------------------------
# Compiled rules


class _Pattern:
    """A pack's pattern, validated at load and compiled on first use.

    A user pack's pattern runs under the `regex` module with a time limit per passage, since a
    careless pattern can backtrack for minutes. The shipped packs' patterns are ours, reviewed
    and tested on hostile input, so they run on Python's `re`, which is faster and needs no limit.
    """

    __slots__ = ("source", "where", "groups", "shipped", "_compiled")

    def __init__(self, source: str, where: str, groups: int, shipped: bool = False):
        self.source, self.where, self.groups, self.shipped = source, where, groups, shipped
        self._compiled = None

    @property
    def compiled(self):
        if self._compiled is None:
            wrapped = f"(?<!{_WORD})(?:{self.source})(?!{_WORD})"
            if self.shipped:
                self._compiled = re.compile(wrapped, re.IGNORECASE)
            else:
                import regex

                self._compiled = regex.compile(wrapped, regex.IGNORECASE | regex.VERSION0)
        return self._compiled

    def finditer(self, text: str) -> Iterator:
        if self.shipped:
            return self.compiled.finditer(text)
        return self._finditer_limited(text)

    def _finditer_limited(self, text: str) -> Iterator:
        try:
            yield from self.compiled.finditer(text, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._too_slow() from None

    def _too_slow(self) -> PatternTimeout:
        return PatternTimeout(
            f"the pattern {self.source!r} ({self.where}) took more than {MATCH_TIMEOUT} s on one "
            "passage; simplify it (avoid nested or overlapping repeats)"
        )

    def search(self, text: str) -> bool:
        if self.shipped:
            return self.compiled.search(text) is not None
        try:
            return self.compiled.search(text, timeout=MATCH_TIMEOUT) is not None
        except TimeoutError:
            raise self._too_slow() from None


class _Patterns:
    """Several patterns searched together: one combined search first, so most passages cost one call."""

    __slots__ = ("items", "_any", "_joinable")

    def __init__(self, items: Sequence[_Pattern]):
        self.items = tuple(items)
        self._any: _Pattern | None = None
        # Joined patterns renumber their groups, which would break a backreference.
        self._joinable = len(self.items) > 1 and not any(re.search(r"\\\d|\(\?P=", p.source) for p in self.items)

    def __len__(self) -> int:
        return len(self.items)

    def _combined(self) -> _Pattern | None:
        if self._joinable and self._any is None:
            source = "|".join(f"(?:{p.source})" for p in self.items)
            where = ", ".join(dict.fromkeys(p.where for p in self.items))
            self._any = _Pattern(source, where, 0, shipped=all(p.shipped for p in self.items))
        return self._any

    def search(self, text: str) -> bool:
        combined = self._combined()
        if combined is not None:
            return combined.search(text)
        return any(p.search(text) for p in self.items)

    def finditer(self, text: str) -> list[tuple[int, Any]]:
        """(index of the pattern, match) for every match of every pattern."""
        if not self.items or (len(self.items) > 1 and not self.search(text)):
            return []
        return [(index, m) for index, p in enumerate(self.items) for m in p.finditer(text)]


class _Condition:
    """What `then` asks for: any of the plain patterns, or every group of an `all` item (each
    group any of its patterns) in the same passage: `all: [[søg, kontakt], [læge, 112]]`."""

    __slots__ = ("any", "all_of", "_gate", "_plain")

    def __init__(self, any_: _Patterns, all_of: Sequence[Sequence[_Patterns]] = ()):
        self.any = any_
        self.all_of = tuple(tuple(groups) for groups in all_of)
        # One search that must match for the condition to hold: a plain pattern or the first
        # group of an `all` item. Most passages fail it, and then cost one search, not several.
        self._gate = _Patterns([*self.any.items, *(p for groups in self.all_of for p in groups[0].items)])
        self._plain = bool(self.any.items)

    def search(self, text: str) -> bool:
        if not self._gate.search(text):
            return False
        if self._plain and self.any.search(text):
            return True
        return any(all(group.search(text) for group in groups) for groups in self.all_of)


class _Spec(NamedTuple):
    kind: str
    code: str
    message: str
    scopes: tuple[str, ...]
    message_da: str = ""  # the message in Danish; "" falls back to `message`
    patterns: _Patterns = _Patterns(())
    exceptions: _Patterns = _Patterns(())
    replacements: tuple[str, ...] = ()  # for substitution: the replacement of each pattern
    fix: str = "none"
    then: "_Condition | None" = None
    then_scopes: tuple[str, ...] = ()
    within: str = "paragraph"
    not_in: frozenset[str] = frozenset()
    once_per: str = ""  # existence: "section" or "article", one finding per distinct match there
    report: str = "first"  # conditional: "first" trigger of a unit, or "each-match" (each distinct one)
    # conditional: (condition, message, message in Danish) used instead of `message` when the
    # condition holds in the unit's then-passages (the unit says something, just not enough).
    alternatives: tuple[tuple["_Condition", str, str], ...] = ()
    # conditional: the rule does not apply to an article where these match in their scopes
    # (an anatomy page, named so in its title, is not about the reader's symptoms).
    unless: tuple[tuple[str, ...], _Patterns] | None = None


# ---------------------------------------------------------------------------------------
# Loading and validation


def builtin_pack_dir() -> Path:
    """The shipped packs: `healthlint/rules` in a wheel, the repository's `rules/` in a checkout."""
    # Plain paths, not importlib.resources: its import alone costs the hook start-up time.
    packaged = Path(__file__).resolve().parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def load_pack(
    path: str | Path,
    *,
    reserved: Mapping[str, str] | None = None,
    shipped: bool = False,
    budget: list[int] | None = None,
) -> tuple[Rule, ...]:
    """Read and validate one pack; `reserved` maps codes and names already taken to their origin;
    `budget` holds what the patterns may still weigh, shared by packs loaded together."""
    from healthlint.safe_read import NamedFileError, read_named_file

    try:
        text = read_named_file(path, "rule pack", MAX_PACK_BYTES)
    except NamedFileError as error:
        raise RulePackError(error.path, 1, error.reason) from None
    return parse_pack(text, str(path), reserved=reserved, shipped=shipped, budget=budget)


def load_packs(
    paths: Iterable[str | Path], *, reserved: Mapping[str, str] | None = None, shipped: bool = False
) -> tuple[Rule, ...]:
    """Load several packs; a code or name may appear only once across them and `reserved`."""
    taken = dict(reserved or {})
    rules: list[Rule] = []
    budget = [MAX_TOTAL_WEIGHT]
    for path in paths:
        loaded = load_pack(path, reserved=taken, shipped=shipped, budget=budget)
        for rule in loaded:
            where = f"{path}"
            taken[rule.code] = where
            taken[rule.name] = where
        rules.extend(loaded)
    return tuple(rules)


def parse_pack(
    text: str,
    path: str,
    *,
    reserved: Mapping[str, str] | None = None,
    shipped: bool = False,
    budget: list[int] | None = None,
) -> tuple[Rule, ...]:
    """Validate a pack's text and build its rules. Errors name `path` and a line."""
    import yaml

    reserved = dict(reserved or {})
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise RulePackError(path, mark.line + 1 if mark else 1, f"is not valid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise RulePackError(path, 1, f"is not valid YAML: {error}") from None
    if root is None:
        raise RulePackError(path, 1, "is empty; a pack needs `rules:` with at least one rule")
    top = _mapping(root, path, "the pack")
    if set(top) != {"rules"}:
        extra = sorted(set(top) - {"rules"})
        if extra:
            key_node = top[extra[0]][0]
            raise RulePackError(path, _line(key_node), f"unknown key `{extra[0]}` at the top of the pack (only `rules` is allowed)")
        raise RulePackError(path, _line(root), "has no `rules:` list")
    rules_node = top["rules"][1]
    if not isinstance(rules_node, yaml.SequenceNode) or not rules_node.value:
        raise RulePackError(path, _line(rules_node), "`rules` must be a list with at least one rule")
    built = []
    budget = [MAX_TOTAL_WEIGHT] if budget is None else budget  # what patterns may still weigh (see _compile)
    for node in rules_node.value:
        rule = _build_rule(node, path, shipped, budget)
        for key in (rule.code, rule.name):
            if key in reserved:
                raise RulePackError(path, _line(node), f"`{key}` is already used by {reserved[key]}")
        reserved[rule.code] = reserved[rule.name] = f"the rule on line {_line(node)} of {path}"
        built.append(rule)
    return tuple(built)


def _line(node) -> int:
    return node.start_mark.line + 1


def _mapping(node, path: str, what: str) -> dict[str, tuple[Any, Any]]:
    """A mapping node as {key: (key_node, value_node)}; duplicate and non-text keys are errors."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise RulePackError(path, _line(node), f"{what} must be a mapping of `key: value`")
    result: dict[str, tuple[Any, Any]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise RulePackError(path, _line(key_node), f"a key in {what} must be plain text")
        key = key_node.value
        if key in result:
            raise RulePackError(path, _line(key_node), f"`{key}` is given twice in {what}")
        result[key] = (key_node, value_node)
    return result


def _text(node, path: str, key: str) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        raise RulePackError(path, _line(node), f"`{key}` must be text")
    value = node.value.strip()
    if not value:
        raise RulePackError(path, _line(node), f"`{key}` must not be empty")
    return value


def _texts(node, path: str, key: str) -> list[tuple[str, Any]]:
    """A list of text items (or one text) as (value, node) pairs."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return [(_text(node, path, key), node)]
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise RulePackError(path, _line(node), f"`{key}` must be a non-empty list of text")
    return [(_text(item, path, key), item) for item in node.value]


def _scopes(node, path: str, key: str) -> tuple[str, ...]:
    scopes: list[str] = []
    for value, item in _texts(node, path, key):
        if value in SCOPE_GROUPS:
            scopes.extend(SCOPE_GROUPS[value])
        elif value in SCOPES:
            scopes.append(value)
        else:
            known = ", ".join([*SCOPES, *SCOPE_GROUPS])
            raise RulePackError(path, _line(item), f"unknown scope `{value}` in `{key}` (known: {known})")
    return tuple(dict.fromkeys(scopes))


def _choice(node, path: str, key: str, choices: Sequence[str]) -> str:
    value = _text(node, path, key)
    if value not in choices:
        raise RulePackError(path, _line(node), f"`{key}` must be one of {', '.join(choices)}, not `{value}`")
    return value


def _build_rule(node, path: str, shipped: bool = False, budget: list[int] | None = None) -> Rule:
    fields = _mapping(node, path, "a rule")
    here = _line(node)
    for key in ("extends", "code", "name", "level", "message", "why"):
        if key not in fields:
            raise RulePackError(path, here, f"the rule has no `{key}` (every rule needs code, name, extends, level, message and why)")
    value = {key: pair[1] for key, pair in fields.items()}
    kind = _choice(value["extends"], path, "extends", KINDS)
    allowed = _COMMON_KEYS | _KIND_KEYS[kind]
    for key, (key_node, _) in fields.items():
        if key not in allowed:
            raise RulePackError(path, _line(key_node), f"unknown key `{key}` for an `{kind}` rule (allowed: {', '.join(sorted(allowed))})")
    for key in _REQUIRED_KEYS[kind]:
        if key not in fields:
            raise RulePackError(path, here, f"an `{kind}` rule needs `{key}`")

    code = _text(value["code"], path, "code")
    if not CODE_RE.match(code):
        raise RulePackError(path, _line(value["code"]), f"code `{code}` must be HL followed by three digits")
    name = _text(value["name"], path, "name")
    if not NAME_RE.match(name):
        raise RulePackError(path, _line(value["name"]), f"name `{name}` must be kebab-case (such as `absolute-claim`)")
    severity = LEVELS[_choice(value["level"], path, "level", tuple(LEVELS))]
    message = _text(value["message"], path, "message")
    placeholders = {"match", "replacement"} if kind == "substitution" else {"match"}
    _check_placeholders(message, placeholders, path, _line(value["message"]))
    message_da = ""
    if "message-da" in value:
        message_da = _text(value["message-da"], path, "message-da")
        _check_placeholders(message_da, placeholders, path, _line(value["message-da"]), "message-da")
        used, used_da = _placeholders(message), _placeholders(message_da)
        if used != used_da:
            shown = lambda names: ", ".join("{" + n + "}" for n in sorted(names)) or "none"
            raise RulePackError(
                path,
                _line(value["message-da"]),
                f"`message-da` quotes {shown(used_da)} but `message` quotes {shown(used)}; both languages must quote the same",
            )
    why = _text(value["why"], path, "why")
    summary = _text(value["summary"], path, "summary") if "summary" in value else _first_sentence(message)
    if "summary-da" in value:
        summary_da = _text(value["summary-da"], path, "summary-da")
    else:
        summary_da = _first_sentence(message_da) if message_da else ""
    example = _text(value["example"], path, "example") if "example" in value else ""
    instead = _text(value["instead"], path, "instead") if "instead" in value else ""
    tags = tuple(item for item, _ in _texts(value["tags"], path, "tags")) if "tags" in value else ()
    globs = [item for item, _ in _texts(value["globs"], path, "globs")] if "globs" in value else []
    if globs and not shipped:
        from healthlint.globs import glob_problem

        problem = glob_problem(globs)
        if problem:
            raise RulePackError(path, _line(value["globs"]), f"`globs` of rule {code} {name}: {problem}")
    scopes = _scopes(value["scope"], path, "scope") if "scope" in value else tuple(
        s for group in _DEFAULT_SCOPE[kind] for s in SCOPE_GROUPS.get(group, (group,))
    )

    rule_id = f"{code} {name}"

    def patterns_of(key: str, node) -> _Patterns:
        return _Patterns([_compile(item, path, key, _line(item_node), shipped, rule_id, budget) for item, item_node in _texts(node, path, key)])

    def patterns(key: str) -> _Patterns:
        return patterns_of(key, value[key])

    def condition(key: str, node) -> _Condition:
        """Plain patterns, and `all:` items whose groups must all match in one passage."""
        import yaml

        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if not items:
            raise RulePackError(path, _line(node), f"`{key}` must be a non-empty list of patterns")
        plain, all_of = [], []
        for item in items:
            if isinstance(item, yaml.MappingNode):
                fields_ = _mapping(item, path, f"an item of `{key}`")
                if set(fields_) != {"all"}:
                    raise RulePackError(path, _line(item), f"an item of `{key}` is a pattern or `all: [[…], […]]`, a list of groups that must all match")
                groups_node = fields_["all"][1]
                if not isinstance(groups_node, yaml.SequenceNode) or len(groups_node.value) < 2:
                    raise RulePackError(path, _line(groups_node), f"`all` in `{key}` needs at least two groups of patterns")
                all_of.append([patterns_of(key, group) for group in groups_node.value])
            else:
                text = _text(item, path, key)
                plain.append(_compile(text, path, key, _line(item), shipped, rule_id, budget))
        return _Condition(_Patterns(plain), all_of)

    spec_fields: dict[str, Any] = {}
    fix = "none"
    if kind in ("existence", "required"):
        spec_fields["patterns"] = patterns("patterns")
    if kind in ("existence", "substitution") and "exceptions" in value:
        spec_fields["exceptions"] = patterns("exceptions")
    if kind == "substitution":
        swap = _mapping(value["swap"], path, "`swap`")
        if not swap:
            raise RulePackError(path, _line(value["swap"]), "`swap` must map at least one pattern to its replacement")
        pairs = []
        for key, (key_node, replacement_node) in swap.items():
            pattern = _compile(key, path, "swap", _line(key_node), shipped, rule_id, budget)
            replacement = _text(replacement_node, path, f"swap.{key}")
            try:
                groups = pattern.groups if not shipped else 99  # shipped packs: checked by a test
                for ref in re.findall(r"\\(\d+)|\\g<(\d+)>", replacement):
                    number = int(ref[0] or ref[1])
                    if number > groups:
                        raise ValueError(f"refers to group {number}, but the pattern has {groups}")
            except ValueError as error:
                raise RulePackError(path, _line(replacement_node), f"the replacement `{replacement}` {error}") from None
            pairs.append((pattern, replacement))
        spec_fields["patterns"] = _Patterns([pattern for pattern, _ in pairs])
        spec_fields["replacements"] = tuple(replacement for _, replacement in pairs)
        if "fix" in value:
            fix = _choice(value["fix"], path, "fix", FIX_CHOICES)
        spec_fields["fix"] = fix
    if kind == "conditional":
        spec_fields["patterns"] = patterns("if")
        spec_fields["within"] = _choice(value["within"], path, "within", WITHIN)
        spec_fields["then_scopes"] = (
            _scopes(value["then-scope"], path, "then-scope") if "then-scope" in value else SCOPE_GROUPS["prose"]
        )
        if spec_fields["within"] == "sentence" and not (set(scopes) == set(spec_fields["then_scopes"]) == {"sentence"}):
            raise RulePackError(path, _line(value["within"]), "`within: sentence` needs `scope: sentence` and `then-scope: sentence`")

    if kind == "existence" and "once-per" in value:
        spec_fields["once_per"] = _choice(value["once-per"], path, "once-per", ONCE_PER)
    if kind == "conditional":
        spec_fields["then"] = condition("then", value["then"])
        if "exceptions" in value:
            spec_fields["exceptions"] = patterns("exceptions")
        if "report" in value:
            spec_fields["report"] = _choice(value["report"], path, "report", REPORTS)
        if "unless" in value:
            unless = _mapping(value["unless"], path, "`unless`")
            if set(unless) != {"scope", "patterns"}:
                raise RulePackError(path, _line(value["unless"]), "`unless` needs `scope` and `patterns`, and nothing else")
            spec_fields["unless"] = (_scopes(unless["scope"][1], path, "unless.scope"), patterns_of("unless.patterns", unless["patterns"][1]))
        if "alternatives" in value:
            spec_fields["alternatives"] = tuple(_alternatives(value["alternatives"], path, placeholders, condition))
    if "not-in" in value:
        spec_fields["not_in"] = frozenset(_choice(item, path, "not-in", SECTION_KINDS) for _, item in _texts(value["not-in"], path, "not-in"))
    default = _flag(value["default"], path, "default") if "default" in value else True
    examples = _examples(value["examples"], path) if "examples" in value else ()

    spec = _Spec(kind=kind, code=code, message=message, message_da=message_da, scopes=scopes, **spec_fields)
    doc = _doc(summary, why, example, instead, fix, kind, path, here)

    def check(doc_, ctx):
        selected = ctx.options.get("globs") or []
        if selected:
            from healthlint.globs import matches_any

            if not matches_any(selected, doc_.rel_path):
                return ()
        return _run(spec, doc_, ctx.lang)

    return Rule(
        code=code,
        name=name,
        severity=severity,
        doc=doc,
        tags=tags,
        options={"globs": globs},
        fixable=fix != "none",
        kind="file",
        check=check,
        summary_da=summary_da,
        default=default,
        examples=examples,
    )


def _flag(node, path: str, key: str) -> bool:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
        raise RulePackError(path, _line(node), f"`{key}` must be true or false")
    return node.value.lower() in ("true", "yes", "on", "y")


def _examples(node, path: str) -> tuple[tuple[str, str], ...]:
    """`examples: [{bad: "…"}, {good: "…"}]`: article bodies the rule must flag, or must not."""
    import yaml

    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise RulePackError(path, _line(node), "`examples` must be a list of `bad: …` and `good: …` passages")
    examples = []
    for item in node.value:
        fields = _mapping(item, path, "an example")
        if len(fields) != 1 or not set(fields) <= {"bad", "good"}:
            raise RulePackError(path, _line(item), "an example is one `bad: …` or `good: …` passage")
        (which, (_, text_node)), = fields.items()
        examples.append((which, _text(text_node, path, which)))
    return tuple(examples)


def _alternatives(node, path: str, placeholders: set[str], condition) -> Iterator[tuple[_Condition, str, str]]:
    """`alternatives: [{found: [...], message: …, message-da: …}]` of a conditional rule."""
    import yaml

    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise RulePackError(path, _line(node), "`alternatives` must be a list of `found`, `message` and `message-da`")
    for item in node.value:
        fields = _mapping(item, path, "an alternative")
        for key in fields:
            if key not in ("found", "message", "message-da"):
                raise RulePackError(path, _line(fields[key][0]), f"unknown key `{key}` in an alternative (allowed: found, message, message-da)")
        if "found" not in fields or "message" not in fields:
            raise RulePackError(path, _line(item), "an alternative needs `found` (patterns) and `message`")
        message = _text(fields["message"][1], path, "message")
        _check_placeholders(message, placeholders, path, _line(fields["message"][1]))
        message_da = _text(fields["message-da"][1], path, "message-da") if "message-da" in fields else ""
        if message_da:
            _check_placeholders(message_da, placeholders, path, _line(fields["message-da"][1]), "message-da")
        yield condition("found", fields["found"][1]), message, message_da


def _check_placeholders(message: str, allowed: set[str], path: str, line: int, key: str = "message") -> None:
    import string

    try:
        for _, field_name, spec, conversion in string.Formatter().parse(message):
            if field_name is None:
                continue
            if field_name not in allowed or spec or conversion:
                raise RulePackError(
                    path, line, f"`{key}` uses `{{{field_name}}}`; it may use only {', '.join('{' + a + '}' for a in sorted(allowed))} (write `{{{{` for a brace)"
                )
    except ValueError as error:
        raise RulePackError(path, line, f"`{key}` has an unbalanced brace ({error}); write `{{{{` for a brace") from None


def _placeholders(message: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}


def _first_sentence(message: str) -> str:
    plain = message.replace("{match}", "…").replace("{replacement}", "…")
    match = re.search(r"[.!?](\s|$)", plain)
    return plain[: match.start() + 1] if match else plain


def _doc(summary, why, example, instead, fix, kind, path, line) -> str:
    parts = [summary.strip(), f"**Why this matters**: {why.strip()}"]
    if example:
        parts.append(f"**Example**: {example.strip()}")
    if instead:
        parts.append(f"**Instead**: {instead.strip()}")
    safety = {
        "safe": "safe; `--fix` puts in the replacement, keeping a capital first letter.",
        "unsafe": "unsafe; the replacement is applied only when unsafe fixes are asked for, because it may change the meaning.",
        "none": "no automatic fix.",
    }[fix]
    parts.append(f"**Fix safety**: {safety}")
    parts.append(f"**Defined in**: `{Path(path).name}` line {line}, a declarative `{kind}` rule; its patterns are listed there.")
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------------------
# Patterns


def _compile(
    source: str, path: str, key: str, line: int, shipped: bool = False, rule: str = "", budget: list[int] | None = None
) -> _Pattern:
    if shipped:
        # The shipped packs pass every check below in a test (test_declarative); skipping
        # them saves the hook a few hundredths of a second on every commit.
        return _Pattern(source, f"{Path(path).name}:{line}", 0, True)
    of_rule = f" of rule {rule}" if rule else ""
    if len(source) > MAX_PATTERN_CHARS:
        raise RulePackError(
            path,
            line,
            f"the pattern `{source[:40]}…` in `{key}`{of_rule} is {len(source):,} characters long, over the "
            f"limit of {MAX_PATTERN_CHARS:,}; split it into several shorter patterns",
        )
    # Parsing is enough to validate (about 0.1 ms a pattern); compiling waits for the first match.
    try:
        parsed = _parse(source)
    except re.error as error:
        raise RulePackError(path, line, f"the pattern `{source}` in `{key}` is not a valid regular expression: {error}") from None
    if parsed is None:
        return _Pattern(source, f"{Path(path).name}:{line}", re.compile(source).groups, shipped)
    if _nested_repeat(parsed):
        raise RulePackError(
            path,
            line,
            f"the pattern `{source}` in `{key}` repeats a repeat (such as `(a+)+`), which can take "
            "exponential time; use a bounded repeat such as `(?:\\w+ ){0,3}`",
        )
    weight, costly = _compile_cost(parsed)
    if costly:
        raise RulePackError(path, line, f"the pattern `{source}` in `{key}`{of_rule} {costly}")
    if budget is not None:
        budget[0] -= weight
        if budget[0] < 0:
            raise RulePackError(
                path,
                line,
                f"the project's rule patterns, up to this one in `{key}`{of_rule}, write out to more than "
                f"{MAX_TOTAL_WEIGHT:,} pieces together once their counted repeats are multiplied out, which "
                "is costly to compile; use fewer or smaller counted repeats (`{m,n}`), or `+` or `*`",
            )
    if parsed.getwidth()[0] == 0:
        raise RulePackError(path, line, f"the pattern `{source}` in `{key}` can match empty text, so it would match everywhere")
    return _Pattern(source, f"{Path(path).name}:{line}", parsed.state.groups - 1, shipped)


def _compile_cost(parsed) -> tuple[int, str | None]:
    """The pattern's weight, and why compiling it would cost too much memory or time (or None).

    The `regex` module writes out a counted repeat in full: `a{4294967294}` needs gigabytes, and
    nested counts multiply (`((ab{16}){16}){16}` is 4,096 copies of `b`). Each piece of the
    pattern is weighed by the counts around it: by `n` for `{m,n}`, by `m` for `{m,}`.
    """
    from re import _constants as constants

    repeats = _repeat_ops()
    unbounded = constants.MAXREPEAT
    children = _subpatterns

    def weigh(items) -> int:
        total = 0
        for op, av in items:
            if op in repeats:
                low, high, sub = av
                if low > MAX_REPEAT_COUNT or (high != unbounded and high > MAX_REPEAT_COUNT):
                    count = f"{{{low}}}" if low == high else f"{{{low},{'' if high == unbounded else high}}}"
                    raise _TooCostly(
                        f"repeats {count} times; a counted repeat may be "
                        f"at most {MAX_REPEAT_COUNT:,}, since a large count makes the pattern costly to "
                        "compile. Use a smaller count, or `+` or `*`"
                    )
                times = high if high != unbounded else low
                total += 1 + max(times, 1) * weigh(sub)
            else:
                total += 1 + sum(weigh(child) for child in children(av))
            if total > MAX_PATTERN_WEIGHT:
                raise _TooCostly(
                    f"writes out to more than {MAX_PATTERN_WEIGHT:,} pieces once its counted repeats are "
                    "multiplied out, which is costly to compile; use fewer or smaller counted repeats "
                    "(nested counts multiply), or `+` or `*`"
                )
        return total

    try:
        return weigh(parsed), None
    except _TooCostly as error:
        return 0, str(error)


class _TooCostly(Exception):
    pass


def _repeat_ops() -> set:
    """The opcodes of a repeat in Python's parsed patterns (possessive ones since 3.11)."""
    from re import _constants as constants

    return {constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None)}


def _subpatterns(av) -> Iterator:
    """The sub-patterns inside an opcode's argument (groups, branches, lookarounds)."""
    from re import _parser as parser

    if isinstance(av, parser.SubPattern):
        yield av
    elif isinstance(av, (list, tuple)):
        for item in av:
            yield from _subpatterns(item)


def _parse(source: str):
    """The parsed pattern (Python's own parser), or None where that private parser is missing."""
    try:
        from re import _parser as parser
    except ImportError:
        re.compile(source)
        return None
    try:
        return parser.parse(source)
    except (OverflowError, RecursionError) as error:
        raise re.error(str(error)) from None


def _nested_repeat(parsed) -> bool:
    """True when a repeat that may run many times contains another repeat: `(a+)+`, `(a*){20,}`."""
    repeats = _repeat_ops()
    children = _subpatterns

    def walk(items, inside_unbounded: bool) -> bool:
        for op, av in items:
            if op in repeats:
                _, high, sub = av
                if high > 1 and inside_unbounded:
                    return True
                if walk(sub, inside_unbounded or high > 16):
                    return True
            else:
                for child in children(av):
                    if walk(child, inside_unbounded):
                        return True
        return False

    return walk(parsed, False)


# ---------------------------------------------------------------------------------------
# Passages: the text a rule searches, with a way back to file positions


class _Passage(NamedTuple):
    scope: str
    text: str  # markup removed, line breaks as spaces: what patterns see
    offsets: tuple[int, ...]  # for each character of `text`, its offset in `raw`
    raw: str
    starts: tuple[tuple[int, int], ...]  # for each line of `raw`: (file line, 1-based column)
    section: int
    unit: tuple

    def span(self, start: int, end: int) -> Span:
        raw_start = self.offsets[start]
        raw_end = self.offsets[end - 1] + 1
        line, column = self._position(raw_start)
        end_line, end_column = self._position(raw_end)
        return Span(line, column, end_line, end_column)

    def raw_slice(self, start: int, end: int) -> str:
        return self.raw[self.offsets[start] : self.offsets[end - 1] + 1]

    def _position(self, raw_offset: int) -> tuple[int, int]:
        index = self.raw.count("\n", 0, raw_offset)
        line_start = self.raw.rfind("\n", 0, raw_offset) + 1
        file_line, column = self.starts[index]
        return file_line, column + raw_offset - line_start

    def sub(self, start: int, end: int, scope: str) -> "_Passage":
        return _Passage(scope, self.text[start:end], self.offsets[start:end], self.raw, self.starts, self.section, self.unit)


# Inline Markdown that is not text: link targets, link brackets, emphasis, code ticks, HTML tags.
_MARKUP = re.compile(
    r"!\[[^\]\n]*\]\([^()\s]*(?:\s+\"[^\"]*\")?\)"  # an image: its alt text describes a picture, it is not prose
    r"|\]\([^()\s]*(?:\s+\"[^\"]*\")?\)"
    r"|!?\[|\]"
    r"|\*+|`+|~~"
    r"|(?<![\wæøåÆØÅ])_+|_+(?![\wæøåÆØÅ])"
    r"|<[A-Za-z/!][^<>\n]*>"
)
def _spaces(text: str) -> str:
    """Line breaks, tabs and no-break spaces as plain spaces (same length, so offsets hold)."""
    return text.replace("\n", " ").replace("\t", " ").replace("\u00a0", " ").replace("\u202f", " ")


def _clean(raw: str) -> tuple[str, tuple[int, ...]]:
    if not any(ch in raw for ch in "*`[]<_~"):
        return _spaces(raw), tuple(range(len(raw)))
    kept: list[str] = []
    offsets: list[int] = []
    position = 0
    for markup in _MARKUP.finditer(raw):
        kept.append(raw[position : markup.start()])
        offsets.extend(range(position, markup.start()))
        position = markup.end()
    kept.append(raw[position:])
    offsets.extend(range(position, len(raw)))
    return _spaces("".join(kept)), tuple(offsets)


def _passage(scope: str, raw: str, starts, section: int, unit: tuple) -> _Passage:
    text, offsets = _clean(raw)
    return _Passage(scope, text, offsets, raw, tuple(starts), section, unit)


def _content_starts(doc, first_line: int, content: str) -> list[tuple[int, int]]:
    """Where each line of a paragraph's content starts in the file (markers and indent stripped)."""
    starts = []
    for index, piece in enumerate(content.split("\n")):
        line = first_line + index
        source = doc.line_text(line)
        wanted = piece.rstrip()
        visible = source.rstrip()
        if wanted and visible.endswith(wanted):
            column = len(visible) - len(wanted) + 1
        else:
            found = source.find(wanted) if wanted else -1
            column = found + 1 if found != -1 else 1
        starts.append((line, column))
    return starts


def _passages(doc) -> dict[str, tuple[_Passage, ...]]:
    # Several rules ask for the same passages; keep them on the document for this run.
    cached = getattr(doc, "_declarative_passages", None)
    if cached is None:
        cached = _collect_passages(doc)
        try:
            doc._declarative_passages = cached
        except AttributeError:
            pass
    return cached


def _collect_passages(doc) -> dict[str, tuple[_Passage, ...]]:
    heading_lines = [heading.line for heading in doc.headings]

    def section(line: int) -> int:
        return bisect.bisect_right(heading_lines, line)

    found: dict[str, list[_Passage]] = {scope: [] for scope in SCOPES}
    for key_scope, key in _FRONTMATTER_SCOPES.items():
        field = doc.frontmatter.fields.get(key)
        if field is None or not isinstance(field.value, str) or not field.value.strip() or field.value_span is None:
            continue
        span = field.value_span
        written = doc.line_text(span.line)[span.column - 1 : span.end_column - 1]
        if span.line == span.end_line and written == field.value:
            found[key_scope].append(_passage(key_scope, field.value, [(span.line, span.column)], 0, ("fm", key)))
        else:
            # Folded, escaped or multi-line values: every match points at the value's start.
            text = _spaces(field.value)
            found[key_scope].append(
                _Passage(key_scope, text, (0,) * len(text), " ", ((span.line, span.column),), 0, ("fm", key))
            )

    for heading in doc.headings:
        lines = heading.text.split("\n")
        starts = [(heading.span.line, heading.span.column)] + _content_starts(doc, heading.line + 1, "\n".join(lines[1:]))[: len(lines) - 1]
        found["heading"].append(_passage("heading", heading.text, starts, section(heading.line), ("h", heading.line)))

    unparsed_tables = {table.start_line for table in doc.tables if not table.parsed}
    for paragraph in doc.paragraphs:
        if paragraph.start_line in unparsed_tables:
            continue  # a pipe block that failed to parse as a table: its cells are read below
        scope = "list-item" if paragraph.in_list else "paragraph"
        starts = _content_starts(doc, paragraph.start_line, paragraph.content)
        found[scope].append(
            _passage(scope, paragraph.content, starts, section(paragraph.start_line), ("p", paragraph.start_line))
        )

    for table in doc.tables:
        for row in (table.header, *table.rows):
            for cell in row.cells:
                if cell.text:
                    found["table-cell"].append(
                        _passage("table-cell", cell.text, [(cell.span.line, cell.span.column)], section(row.line), ("row", row.line))
                    )

    del found["sentence"]  # split only when a rule asks for sentences: see _scope
    passages = {scope: tuple(sorted(items, key=lambda p: (p.starts[0], p.offsets[:1]))) for scope, items in found.items()}
    passages[_HEADINGS_KEY] = tuple(doc.headings)
    return passages


_KINDS_KEY = "section-kinds"  # beside the scopes: the kinds of each section, by its number (made when asked)
_HEADINGS_KEY = "headings"


def _section_kinds(headings) -> tuple[frozenset[str], ...]:
    """For section 0 (before the first heading) and each heading's section: `myths` and `faq`
    when it or a heading above it names them (`## 5 myter om whiplash`, `### Myte: …`)."""
    kinds: list[frozenset[str]] = [frozenset()]
    above: list[tuple[int, frozenset[str]]] = []  # (level, kinds) of the enclosing headings
    for heading in headings:
        while above and above[-1][0] >= heading.level:
            above.pop()
        lower = heading.text.lower()
        own = set()
        if ("myt" in lower or "misforst" in lower) and _MYTHS_HEADING.search(heading.text):
            own.add("myths")
        if ("spørgsmål" in lower or "faq" in lower) and _FAQ_HEADING.search(heading.text):
            own.add("faq")
        inherited = above[-1][1] if above else frozenset()
        current = frozenset(own) | inherited
        above.append((heading.level, current))
        kinds.append(current)
    return tuple(kinds)


def _scope(passages: dict[str, tuple[_Passage, ...]], scope: str) -> tuple[_Passage, ...]:
    if scope == "sentence" and scope not in passages:
        passages[scope] = tuple(
            passage.sub(start, end, "sentence")
            for prose in ("paragraph", "list-item", "table-cell")
            for passage in passages[prose]
            for start, end in _sentence_bounds(passage.text)
        )
    return passages[scope]


# Danish abbreviations that end with a full stop but do not end a sentence.
_ABBREVIATIONS = frozenset(
    "fx f.eks bl.a ca dvs evt osv mv pga jf mht inkl ekskl nr kl dr hhv vha iflg ift ang bla el".split()
)
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of one passage's text (one line: line breaks are already spaces)."""
    try:
        from healthlint.language.tokenize import tokenize_text
    except ImportError:
        return _simple_sentence_bounds(text)
    return [
        (sentence.span.column - 1, sentence.span.end_column - 1)
        for sentence in tokenize_text(text).sentences
        if sentence.span.line == sentence.span.end_line == 1
    ]


def _simple_sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Without the Danish tokenizer: ends at `.`, `!`, `?`, `:` before a space, not after an abbreviation or in `17. maj`."""
    bounds = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        before = re.search(r"([\wæøåÆØÅ.]+)$", text[start : end.start()])
        word = before.group(1).lower() if before else ""
        following = text[end.end() :].lstrip()
        if end.group() == "." and (word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS):
            continue
        if end.group() == "." and word.isdigit() and following[:1].islower():
            continue  # an ordinal: "17. maj"
        bounds.append((start, end.end()))
        start = end.end()
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text) and text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


# ---------------------------------------------------------------------------------------
# Running a rule


def _run(spec: _Spec, doc, lang: str = "en") -> Iterator[Violation]:
    passages = _passages(doc)
    if spec.unless is not None:
        scopes, unless = spec.unless
        if any(unless.search(p.text) for p in _in_scopes(passages, scopes)):
            return
    chosen = _in_scopes(passages, spec.scopes)
    if spec.not_in & {"myths", "faq"}:
        kinds = passages.get(_KINDS_KEY)
        if kinds is None:
            kinds = passages[_KINDS_KEY] = _section_kinds(passages[_HEADINGS_KEY])
        chosen = [p for p in chosen if p.scope in _FRONTMATTER_SCOPES or not (kinds[p.section] & spec.not_in)]
    if lang == "da":
        spec = spec._replace(
            message=spec.message_da or spec.message,
            alternatives=tuple((found, da or en, da) for found, en, da in spec.alternatives),
        )
    if spec.kind == "existence":
        yield from _existence(spec, chosen)
    elif spec.kind == "substitution":
        yield from _substitution(spec, chosen)
    elif spec.kind == "required":
        yield from _required(spec, chosen, doc)
    else:
        yield from _conditional(spec, chosen, passages)


def _in_scopes(passages, scopes) -> list[_Passage]:
    items = [p for scope in scopes for p in _scope(passages, scope)]
    return sorted(items, key=lambda p: (p.starts[0], p.offsets[:1]))


def _matches(patterns: _Patterns, passage: _Passage, exceptions: _Patterns | None = None, not_in: frozenset[str] = frozenset()) -> list:
    """Non-overlapping matches of any of `patterns`, earliest (then longest) first, minus
    exceptions and, with `questions` in `not_in`, matches in a sentence that asks."""
    found = [(m.start(), -m.end(), index, m) for index, m in patterns.finditer(passage.text) if m.end() > m.start()]
    if exceptions and found:
        excepted = [(m.start(), m.end()) for _, m in exceptions.finditer(passage.text)]
        found = [item for item in found if not any(s <= item[0] and -item[1] <= e for s, e in excepted)]
    if "questions" in not_in and found and "?" in passage.text:
        found = [item for item in found if not _in_question(passage, item[0])]
    found.sort(key=lambda item: item[:3])
    kept = []
    last_end = -1
    for start, negative_end, index, match in found:
        if start >= last_end:
            kept.append((index, match))
            last_end = -negative_end
    return kept


def _in_question(passage: _Passage, offset: int) -> bool:
    """Is the text at `offset` in a sentence (or heading) that ends with a question mark?"""
    if passage.scope == "heading":
        return passage.text.rstrip().endswith("?")
    for start, end in _sentence_bounds(passage.text):
        if start <= offset < end:
            return passage.text[start:end].rstrip().endswith("?")
    return False


def _as_said(match) -> str:
    """A match as one finding names it: `Ibuprofen` and `ibuprofen` are one medicine."""
    return " ".join(match.group().lower().split())


def _format(message: str, **values: str) -> str:
    return message.format_map({key: _quote(value) for key, value in values.items()})


def _quote(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 80 else value[:77] + "…"


def _existence(spec: _Spec, passages) -> Iterator[Violation]:
    said: set[tuple] = set()  # with `once-per`: (section or article, the match in lower case)
    for passage in passages:
        for _, match in _matches(spec.patterns, passage, spec.exceptions, spec.not_in):
            if spec.once_per:
                key = (passage.section if spec.once_per == "section" else 0, _as_said(match))
                if key in said:
                    continue
                said.add(key)
            yield Violation(passage.span(match.start(), match.end()), _format(spec.message, match=match.group()))


def _substitution(spec: _Spec, passages) -> Iterator[Violation]:
    for passage in passages:
        for index, match in _matches(spec.patterns, passage, spec.exceptions, spec.not_in):
            replacement = _keep_case(match.group(), match.expand(spec.replacements[index]))
            if replacement == match.group():
                continue
            span = passage.span(match.start(), match.end())
            fix = None
            if spec.fix != "none" and passage.raw_slice(match.start(), match.end()) == match.group():
                fix = Fix((Edit(span, replacement),), safe=spec.fix == "safe", description=f"Replace with “{replacement}”")
            message = _format(spec.message, match=match.group(), replacement=replacement)
            yield Violation(span, message, fix)


def _keep_case(found: str, replacement: str) -> str:
    if len(found) > 1 and found.isupper():
        return replacement.upper()
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _required(spec: _Spec, passages, doc) -> Iterator[Violation]:
    if any(spec.patterns.search(p.text) for p in passages):
        return
    if passages:
        first = passages[0]
        span = first.span(0, len(first.text.rstrip()) or 1) if first.text else Span.point(first.starts[0][0], first.starts[0][1])
    else:
        title = doc.frontmatter.fields.get("title")
        span = title.value_span if title is not None and title.value_span is not None else Span.point(1, 1)
    yield Violation(span, _format(spec.message, match=""))


class _Unit(NamedTuple):
    """Text a `then` condition is searched in: a then-passage, or a sentence ending in `:`
    together with the list right after it ("Søg straks læge, hvis du får:" + its items)."""

    text: str
    section: int
    unit: tuple
    key: tuple  # the sentence's own key, for `within: sentence`


def _sentence_key(passage: _Passage) -> tuple:
    return (passage.unit, passage.offsets[:1])


def _then_units(spec: _Spec, passages, condition: _Condition, start: tuple = ()) -> Iterator[_Unit]:
    """The units `condition` may hold in, in order. For a sentence then-scope the prose is
    split only where the condition holds in the whole passage: a sentence is part of its
    passage, so elsewhere no sentence can hold it, and splitting every paragraph of a site
    into sentences would cost more than all the rules' matching."""
    if "sentence" not in spec.then_scopes or spec.within == "sentence":
        for passage in _in_scopes(passages, spec.then_scopes):
            yield _Unit(passage.text, passage.section, passage.unit, _sentence_key(passage))
        return
    scopes = dict.fromkeys([scope for scope in spec.then_scopes if scope != "sentence"] + ["paragraph", "list-item", "table-cell"])
    prose = _in_scopes(passages, list(scopes))
    if start:
        # Advice mostly follows what calls for it: look there first, then before it.
        first = bisect.bisect_left([p.starts[0] for p in prose], start)
        prose = prose[first:] + prose[:first]
    index = 0
    while index < len(prose):
        passage = prose[index]
        index += 1
        text = passage.text
        tail = ""
        if passage.scope == "paragraph" and text.rstrip().endswith(":"):
            # The list items that follow at once (the next passages, in the same section).
            while index < len(prose) and prose[index].scope == "list-item" and prose[index].section == passage.section:
                tail += " " + prose[index].text
                index += 1
        if not condition.search(text + tail):
            continue
        # The quick splitter: it knows the abbreviations advice is written with, and the
        # Danish tokenizer here would cost a tenth of a cold run.
        bounds = _simple_sentence_bounds(text) if passage.scope != "heading" else [(0, len(text))]
        for number, (start, end) in enumerate(bounds):
            sentence = text[start:end]
            if number == len(bounds) - 1 and tail and sentence.rstrip().endswith(":"):
                sentence += tail
            yield _Unit(sentence, passage.section, passage.unit, (passage.unit, passage.offsets[start : start + 1]))


def _conditional(spec: _Spec, passages, all_passages) -> Iterator[Violation]:
    def key_of(section: int, unit: tuple, sentence: tuple):
        if spec.within == "article":
            return ()
        if spec.within == "section":
            return section
        if spec.within == "sentence":
            return sentence
        return unit

    triggers: dict[Any, list[tuple[_Passage, Any]]] = {}
    seen: set[tuple] = set()
    for passage in passages:
        key = key_of(passage.section, passage.unit, _sentence_key(passage))
        if spec.report == "first" and key in triggers:
            continue
        found = _matches(spec.patterns, passage, spec.exceptions, spec.not_in)
        sentences = _simple_sentence_bounds(passage.text) if spec.report == "each-match" and len(found) > 1 else []
        said_in: set[int] = set()  # sentences of this passage that have a finding
        for _, match in found:
            if spec.report == "each-match":
                what = (key, _as_said(match))
                # One finding per distinct trigger, and one per sentence: "Ibuprofen og andre
                # NSAID'er" lacks one piece of advice, not two.
                sentence = next((i for i, (start, end) in enumerate(sentences) if start <= match.start() < end), -1)
                if what in seen or (sentence >= 0 and sentence in said_in):
                    continue
                seen.add(what)
                said_in.add(sentence)
            triggers.setdefault(key, []).append((passage, match))
            if spec.report == "first":
                break
    if not triggers:
        return

    # Where the first trigger stands: the order then-units are read in (not what they say).
    start = min(passage.starts[0] for found in triggers.values() for passage, _ in found)

    def holds(condition: _Condition) -> set:
        """The trigger units in which `condition` holds in some then-unit."""
        found = set()
        for unit in _then_units(spec, all_passages, condition, start):
            key = key_of(unit.section, unit.unit, unit.key)
            if key in triggers and key not in found and condition.search(unit.text):
                found.add(key)
                if len(found) == len(triggers):
                    break
        return found

    satisfied = holds(spec.then)
    missing = [key for key in triggers if key not in satisfied]
    if not missing:
        return
    messages = {key: spec.message for key in missing}
    for condition, message, _ in spec.alternatives:
        for key in holds(condition):
            if messages.get(key) == spec.message:
                messages[key] = message
    for key in missing:
        for passage, match in triggers[key]:
            yield Violation(passage.span(match.start(), match.end()), _format(messages[key], match=match.group()))
