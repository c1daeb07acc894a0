"""Reading a rule pack: YAML to validated `Rule`s, every problem a `RulePackError` naming the
file and line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from healthlint.ruleset.packs.compiled import (
    _COMMON_KEYS,
    _DEFAULT_SCOPE,
    _KIND_KEYS,
    _REQUIRED_KEYS,
    FIX_CHOICES,
    KINDS,
    LEVELS,
    MAX_PACK_BYTES,
    MAX_TOTAL_WEIGHT,
    ONCE_PER,
    REPORTS,
    SCOPE_GROUPS,
    SCOPES,
    SECTION_KINDS,
    WITHIN,
    RulePackError,
    _compile,
    _Condition,
    _Patterns,
    _Spec,
)
from healthlint.ruleset.packs.run import _run
from healthlint.ruleset.rule import CODE_RE, NAME_RE, Rule

# ---------------------------------------------------------------------------------------
# Loading and validation


def builtin_pack_dir() -> Path:
    """The shipped packs: `healthlint/rules` in a wheel, the repository's `rules/` in a checkout."""
    # Plain paths, not importlib.resources: its import alone costs the hook start-up time.
    package = Path(__file__).resolve().parents[2]  # healthlint/, this module being healthlint/ruleset/packs/loader.py
    packaged = package / "rules"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "rules"


def load_pack(
    path: str | Path,
    *,
    reserved: Mapping[str, str] | None = None,
    shipped: bool = False,
    budget: list[int] | None = None,
) -> tuple[Rule, ...]:
    """Read and validate one pack; `reserved` maps codes and names already taken to their origin;
    `budget` holds what the patterns may still weigh, shared by packs loaded together."""
    from healthlint.files.safe_read import NamedFileError, read_named_file

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
        from healthlint.files.globs import glob_problem

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
    # Why a rule ships off: `healthlint rules` says it, and a reason turns the rule off.
    why_off = {lang: " ".join(_text(value[key], path, key).split()) for lang, key in (("en", "why-off"), ("da", "why-off-da")) if key in value}
    if "da" in why_off and "en" not in why_off:
        raise RulePackError(path, _line(value["why-off-da"]), "`why-off-da` needs `why-off`")
    examples = _examples(value["examples"], path) if "examples" in value else ()

    spec = _Spec(kind=kind, code=code, message=message, message_da=message_da, scopes=scopes, **spec_fields)
    doc = _doc(summary, why, example, instead, fix, kind, path, here)

    def check(doc_, ctx):
        selected = ctx.options.get("globs") or []
        if selected:
            from healthlint.files.globs import matches_any

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
        default=default and not why_off,
        examples=examples,
        why_off=MappingProxyType(why_off),
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
