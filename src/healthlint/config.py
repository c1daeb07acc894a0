"""Configuration: defaults, finding the file, strict validation, one `ConfigError`.

Precedence: `--config FILE`, else the nearest `healthlint.toml` or `pyproject.toml` with a
`[tool.healthlint]` table, walking up from the linted path; then command-line flags on top.
Keys may be written with `-` or `_` (`per-file-ignores` or `per_file_ignores`).

On a pull request the config is whatever the branch committed, so every value is checked
before any file is read: numbers are finite and within the bounds below, globs compile, and
the config file and every file it names (rule packs, word lists) are read through
`healthlint.files.safe_read`. A problem is a `ConfigError` naming the file and the key (exit 2).
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from healthlint.diagnostic import Severity
from healthlint.files.globs import glob_problem
from healthlint.files.safe_read import NamedFileError, read_named_file

DEFAULT_INCLUDE = ("*.md", "*.markdown")

# Bounds of the numbers a config may set, far above any useful setting and far below where a
# number stops being usable (a timer of 1e300 s, an address-space limit past 2**63 bytes).
MAX_TIME_LIMIT = 3600  # seconds per file: an hour
MAX_MEMORY_LIMIT = 1_048_576  # megabytes per file: 1 TB
MAX_FILE_SIZE = 1_000_000_000  # bytes: 1 GB; an article is a few kilobytes
MAX_OPTION_NUMBER = 10_000  # a rule's number option: characters, words, pixels, months, LIX

# Rule options that name files, relative to the config's folder: the kind of file each holds.
_FILE_OPTIONS = {"words-files": "word list"}


class ConfigError(Exception):
    """A problem in the configuration; names the file and the key."""

    def __init__(self, source: str, key: str, message: str):
        self.source, self.key, self.message = source, key, message
        where = f"{source}: " if source else ""
        at = f"`{key}`: " if key else ""
        # Keys and values come from a committed file: a control character in one (a NUL, a
        # terminal escape) is shown as an escape, never written to the terminal as it is.
        super().__init__(_printable(f"{where}{at}{message}"))


def _printable(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


@dataclass
class RuleSetting:
    severity: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    source: str = ""  # the file it came from, "" for the defaults
    root: Path = field(default_factory=Path.cwd)  # the site: the config's folder or the common parent
    # The default rule set: every rule that meets its precision target (see Rule.default).
    select: list[str] = field(default_factory=lambda: ["default"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    # Rule options for some files: {glob or "kind:NAME": {rule code: {option: value}}}; later
    # entries win over earlier ones, all over `rules`.
    per_file_options: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    content_root: str | None = None
    respect_gitignore: bool = True
    max_file_size: int = 5_000_000
    fail_on: str = "error"
    rules: dict[str, RuleSetting] = field(default_factory=dict)  # keyed by rule code
    profile: Any = None  # healthlint.site.profile.Profile; None: the default profile
    docs_url: str | None = None  # rule docs for SARIF's helpUri: `{code}` and `{name}` are filled in
    time_limit: float = 10.0  # seconds per file (healthlint.run.limits); 0: no limit
    memory_limit: int = 1024  # MB per file (healthlint.run.limits); 0: no limit
    lang: str = "en"  # the language of messages, summaries and notes: "en" or "da"
    ruleset: Any = None  # healthlint.ruleset.registry.RuleSet with the project's packs; None: the built-in set

    @property
    def rule_set(self):
        """The rules this config knows: the built-in set and the project's own packs."""
        from healthlint.ruleset import registry

        return self.ruleset or registry.builtin()

    @property
    def site_profile(self):
        from healthlint.site.profile import Profile

        return self.profile or Profile()

    @property
    def site_root(self) -> Path:
        return (self.root / self.content_root).resolve() if self.content_root else self.root


# key → (attribute, expected type, description of the type for messages)
_TOP_LEVEL = {
    "select": ("select", "selectors"),
    "ignore": ("ignore", "selectors"),
    "extend-select": ("extend_select", "selectors"),
    "per-file-ignores": ("per_file_ignores", "globs-to-selectors"),
    "per-file-options": ("per_file_options", "globs-to-options"),
    "include": ("include", "strings"),
    "exclude": ("exclude", "strings"),
    "content-root": ("content_root", "string"),
    "respect-gitignore": ("respect_gitignore", "bool"),
    "max-file-size": ("max_file_size", "int"),
    "fail-on": ("fail_on", "level"),
    "rules": ("rules", "rules"),
    "site": ("profile", "profile"),
    "spelling": ("rules", "spelling"),  # `[tool.healthlint.spelling]` = the spelling rule's options
    "rule-packs": (None, "packs"),  # read first and given to the rule set (ruleset.registry)
    "docs-url": ("docs_url", "string"),
    "time-limit": ("time_limit", "limit"),
    "memory-limit": ("memory_limit", "limit"),
    "lang": ("lang", "lang"),
}


def _norm(key: str) -> str:
    return key.replace("_", "-")


def find_config_file(start: Path) -> tuple[Path, dict] | None:
    """The nearest config walking up from `start`: (file, the healthlint table)."""
    start = start if start.is_dir() else start.parent
    for folder in (start, *start.parents):
        # Whatever is there under the name is read, or refused with a reason (a link to a
        # device, a pipe, a folder): never quietly passed over for a config further up.
        candidate = folder / "healthlint.toml"
        if os.path.lexists(candidate):
            return candidate, _read_toml(candidate)
        candidate = folder / "pyproject.toml"
        if os.path.lexists(candidate):
            table = _read_toml(candidate).get("tool", {}).get("healthlint")
            if table is not None:
                return candidate, table
    return None


def _read_toml(path: Path) -> dict:
    try:
        data = tomllib.loads(read_named_file(path, "config file"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), "", f"not valid TOML: {error}") from None
    except NamedFileError as error:
        raise ConfigError(error.path, "", error.reason) from None
    if path.name == "pyproject.toml" and "tool" in data and "healthlint" in data["tool"]:
        if not isinstance(data["tool"]["healthlint"], dict):
            raise ConfigError(str(path), "tool.healthlint", "must be a table")
    return data


def load_config(explicit: Path | None, start: Path, fallback_root: Path) -> Config:
    """Find and validate the configuration for a run."""
    if explicit is not None:
        if not os.path.lexists(explicit):
            raise ConfigError(str(explicit), "", "the config file does not exist")
        data = _read_toml(explicit)
        table = data.get("tool", {}).get("healthlint", {}) if explicit.name == "pyproject.toml" else data
        return parse_config(table, str(explicit), explicit.resolve().parent)
    found = find_config_file(start)
    if found is None:
        return Config(root=fallback_root)
    path, table = found
    return parse_config(table, str(path), path.resolve().parent)


def parse_config(table: dict, source: str, root: Path) -> Config:
    config = Config(source=source, root=root)
    prefix = "tool.healthlint." if source.endswith("pyproject.toml") else ""
    _load_project_packs(config, table, source, prefix)
    rule_by_selector = config.rule_set.by_selector  # the project's packs are named like any rule
    for raw_key, value in table.items():
        key = _norm(raw_key)
        if key not in _TOP_LEVEL:
            known = ", ".join(sorted(_TOP_LEVEL))
            raise ConfigError(source, prefix + raw_key, f"unknown setting (known settings: {known})")
        attribute, kind = _TOP_LEVEL[key]
        name = prefix + raw_key
        if kind == "selectors":
            setattr(config, attribute, _selectors(value, source, name, config.rule_set))
        elif kind == "strings":
            setattr(config, attribute, _strings(value, source, name))
            if attribute in ("include", "exclude"):
                _check_globs(getattr(config, attribute), source, name)
        elif kind == "string":
            if not isinstance(value, str):
                raise ConfigError(source, name, f"must be a string, not {_type_name(value)}")
            _no_nul(value, source, name)
            if attribute == "content_root":
                _inside_project(root / value, root, source, name)
            setattr(config, attribute, value)
        elif kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(source, name, f"must be true or false, not {_type_name(value)}")
            setattr(config, attribute, value)
        elif kind == "int":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_FILE_SIZE:
                raise ConfigError(
                    source,
                    name,
                    f"must be a positive whole number of bytes, at most {MAX_FILE_SIZE:,} (1 GB); "
                    "a health article is a few kilobytes",
                )
            setattr(config, attribute, value)
        elif kind == "level":
            if value not in ("error", "warning", "info"):
                raise ConfigError(source, name, 'must be "error", "warning" or "info"')
            setattr(config, attribute, value)
        elif kind == "lang":
            if value not in ("en", "da"):
                raise ConfigError(source, name, 'must be "en" (English) or "da" (Danish)')
            setattr(config, attribute, value)
        elif kind == "limit":
            problem = limit_problem(attribute, value)
            if problem:
                raise ConfigError(source, name, problem)
            setattr(config, attribute, value)
        elif kind == "globs-to-selectors":
            if not isinstance(value, dict):
                raise ConfigError(source, name, "must be a table of glob = [rule codes]")
            for glob in value:
                _check_globs([glob], source, f"{name}.{glob}")
            config.per_file_ignores = {
                glob: _selectors(selectors, source, f"{name}.{glob}", config.rule_set) for glob, selectors in value.items()
            }
        elif kind == "globs-to-options":
            if not isinstance(value, dict):
                raise ConfigError(source, name, 'must be a table of glob (or "kind:NAME") = { rule = { option = value } }')
            config.per_file_options = {}
            for where, by_rule in value.items():
                if not where.startswith("kind:"):
                    _check_globs([where], source, f"{name}.{where}")
                elif not where[5:]:
                    raise ConfigError(source, f"{name}.{where}", 'names no page kind: write "kind:ordbog"')
                if not isinstance(by_rule, dict):
                    raise ConfigError(source, f"{name}.{where}", "must be a table of rule = { option = value }")
                options = {}
                for selector, settings in by_rule.items():
                    rule = rule_by_selector(selector)
                    if rule is None:
                        raise ConfigError(source, f"{name}.{where}.{selector}", "no rule has this code or name")
                    setting = _rule_setting(rule, settings, source, f"{name}.{where}.{selector}", root)
                    if setting.severity is not None:
                        raise ConfigError(source, f"{name}.{where}.{selector}", "sets options only; a rule's severity is set in `rules`")
                    options[rule.code] = setting.options
                config.per_file_options[where] = options
        elif kind == "packs":
            continue  # read first, so the rules table and selectors may name the packs' rules
        elif kind == "spelling":
            rule = rule_by_selector("spelling")
            config.rules[rule.code] = _rule_setting(rule, value, source, name, root)
        elif kind == "profile":
            from healthlint.site.profile import ProfileError, parse_profile

            try:
                config.profile = parse_profile(value)
            except ProfileError as error:
                raise ConfigError(source, prefix + error.key, error.message) from None
            for index, page in enumerate(config.profile.kinds):
                _check_globs([page.glob], source, f"{name}.pages[{index}].glob")
        elif kind == "rules":
            if not isinstance(value, dict):
                raise ConfigError(source, name, "must be a table of rule settings")
            for selector, settings in value.items():
                rule = rule_by_selector(selector)
                if rule is None:
                    raise ConfigError(source, f"{name}.{selector}", "no rule has this code or name")
                config.rules[rule.code] = _rule_setting(rule, settings, source, f"{name}.{selector}", root)
    return config


def limit_problem(attribute: str, value: Any) -> str | None:
    """What is wrong with a `time-limit` or `memory-limit` value (config or flag), or None."""
    if attribute == "memory_limit":
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_MEMORY_LIMIT:
            return None
        return (
            f"must be a whole number of megabytes from 0 to {MAX_MEMORY_LIMIT:,} (1 TB); "
            "0 turns the limit off"
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        if 0 <= value <= MAX_TIME_LIMIT:
            return None
    return f"must be a number of seconds from 0 to {MAX_TIME_LIMIT} (an hour); 0 turns the limit off"


def _check_globs(patterns: Any, source: str, name: str) -> None:
    problem = glob_problem(patterns)
    if problem:
        raise ConfigError(source, name, problem)


def _no_nul(value: str, source: str, name: str) -> None:
    if "\0" in value:
        raise ConfigError(source, name, f"{value!r} contains a NUL character; remove it")


def _load_project_packs(config: Config, table: dict, source: str, prefix: str) -> None:
    raw_key = next((key for key in table if _norm(key) == "rule-packs"), None)
    if raw_key is None:
        return
    paths = _strings(table[raw_key], source, prefix + raw_key)
    for path in paths:
        _no_nul(path, source, prefix + raw_key)
        _inside_project(config.root / path, config.root, source, prefix + raw_key)
    from healthlint.ruleset.packs import RulePackError
    from healthlint.ruleset.registry import RuleSet

    try:
        config.ruleset = RuleSet.with_project_packs(paths, config.root)
    except RulePackError as error:
        raise ConfigError(source, prefix + raw_key, str(error)) from None


def _inside_project(path: Path, root: Path, source: str, name: str) -> None:
    """A file the config names must be the project's own: a pull request could otherwise
    name (or link to) a secret elsewhere, and a parse error would quote it."""
    from healthlint.files.boundary import Boundary

    refusal = Boundary(root).confines(path)
    if refusal == "outside":
        raise ConfigError(source, name, f"{path}: leads outside the project ({root}); name a file inside it")
    if refusal == "git":
        raise ConfigError(source, name, f"{path}: is inside a .git folder, which holds the repository's settings; name another file")


def _rule_setting(rule, settings: Any, source: str, name: str, root: Path | None = None) -> RuleSetting:
    if not isinstance(settings, dict):
        raise ConfigError(source, name, "must be a table such as { severity = \"warning\" }")
    setting = RuleSetting()
    declared = {_norm(option): option for option in rule.options}
    for raw_key, value in settings.items():
        key = _norm(raw_key)
        if key == "severity":
            if value not in ("error", "warning", "info"):
                raise ConfigError(source, f"{name}.{raw_key}", 'must be "error", "warning" or "info"')
            setting.severity = Severity.parse(value)
            continue
        if key not in declared:
            known = ", ".join(["severity", *sorted(declared)])
            raise ConfigError(source, f"{name}.{raw_key}", f"{rule.code} has no such option (it has: {known})")
        default = rule.options[declared[key]]
        if not _same_type(default, value):
            raise ConfigError(
                source, f"{name}.{raw_key}", f"must be {_type_name(default)}, not {_type_name(value)}"
            )
        _check_option(declared[key], default, value, source, f"{name}.{raw_key}", root)
        setting.options[declared[key]] = value
    return setting


def _check_option(option: str, default: Any, value: Any, source: str, name: str, root: Path | None) -> None:
    """Beyond the type: numbers finite and in range, globs that compile, named files readable."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        whole = isinstance(default, int)
        low = 0 if default >= 0 else -MAX_OPTION_NUMBER
        if (
            not math.isfinite(value)
            or (whole and not isinstance(value, int))
            or not low <= value <= MAX_OPTION_NUMBER
        ):
            number = "a whole number" if whole else "a number"
            raise ConfigError(
                source, name, f"must be {number} from {low:,} to {MAX_OPTION_NUMBER:,} (the default is {default})"
            )
    elif option == "globs" or option.endswith("-globs"):
        _check_globs(value, source, name)
    elif option.endswith("-by-glob"):
        for glob, items in value.items():
            _check_globs([glob], source, f"{name}.{glob}")
            if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
                raise ConfigError(source, f"{name}.{glob}", "must be a list of strings")
    elif option in _FILE_OPTIONS:
        for item in value:
            _no_nul(item, source, name)
            _inside_project((root or Path.cwd()) / item, root or Path.cwd(), source, name)
            try:
                read_named_file((root or Path.cwd()) / item, _FILE_OPTIONS[option])
            except NamedFileError as error:
                raise ConfigError(source, name, f"{error.path}: {error.reason}") from None


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if isinstance(default, dict):
        return isinstance(value, dict)
    return isinstance(value, type(default))


def _type_name(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list of strings",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _strings(value: Any, source: str, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(source, name, "must be a list of strings")
    return list(value)


def _selectors(value: Any, source: str, name: str, rule_set) -> list[str]:
    selectors = _strings(value, source, name)
    for selector in selectors:
        if not rule_set.is_known_selector(selector):
            raise ConfigError(
                source, name, f"{selector!r} matches no rule code, code prefix (such as HL3), rule name or tag"
            )
    return selectors
