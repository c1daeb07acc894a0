"""Every rule healthlint knows, registered explicitly, and selection by code, prefix, name or tag."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import NamedTuple
from pathlib import Path

from healthlint.i18n import Messages
from healthlint.ruleset.rule import Rule

MESSAGES = Messages(
    {
        "why-off": {
            "en": "Rules marked off are left out of the default rule set (`select = [\"default\"]`): fewer than "
            "90 % of their findings were right on realistic Danish health content, and a linter whose findings "
            "are mostly wrong gets switched off. Turn one on with `extend-select = [\"{code}\"]`; `select = [\"ALL\"]` "
            "turns on every rule.",
            "da": "Regler markeret fra er ikke med i standardsættet (`select = [\"default\"]`): under 90 % af "
            "deres fund var rigtige på realistiske danske sundhedstekster, og en linter, hvis fund for det meste er "
            "forkerte, bliver slået fra. Slå en til med `extend-select = [\"{code}\"]`; `select = [\"ALL\"]` slår "
            "alle regler til.",
        },
        "all-turned-on": {
            "en": "`select` names ALL, so this run also checks {rules}, off by default because too few of "
            "their findings are ones a writer acts on (`healthlint rules` says why for each); expect false alarms "
            "and notes among them. `select = [\"default\"]` leaves them out.",
            "da": "`select` nævner ALL, så denne kørsel tjekker også {rules}, som er slået fra som standard, fordi "
            "for få af deres fund er nogen, en skribent handler på (`healthlint rules` siger hvorfor for hver); forvent "
            "falske alarmer og noter blandt dem. `select = [\"default\"]` udelader dem.",
        },
        "rule-off": {
            "en": "Off by default: fewer than 90 % of its findings were right on realistic Danish health content. "
            "Turn it on with `extend-select = [\"{code}\"]`.",
            "da": "Slået fra som standard: under 90 % af dens fund var rigtige på realistiske danske sundhedstekster. "
            "Slå den til med `extend-select = [\"{code}\"]`.",
        },
        "on": {"en": "on", "da": "til"},
        "off": {"en": "off", "da": "fra"},
    }
)

# A plain list: adding a rule family means adding its module here. The shipped YAML packs
# (healthlint/rules/*.yaml) are loaded after them and may not reuse their codes or names.
RULE_MODULES = (
    "healthlint.checks.files",
    "healthlint.checks.frontmatter",
    "healthlint.checks.dates",
    "healthlint.checks.titles",
    "healthlint.checks.descriptions",
    "healthlint.checks.topic",
    "healthlint.checks.duplicates",
    "healthlint.checks.related",
    "healthlint.checks.links",
    "healthlint.checks.headings",
    "healthlint.checks.tables",
    "healthlint.checks.readability",
    "healthlint.checks.spelling",
)


@lru_cache(maxsize=1)
def python_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for name in RULE_MODULES:
        rules.extend(importlib.import_module(name).RULES)
    codes = [rule.code for rule in rules]
    names = [rule.name for rule in rules]
    duplicated = {item for item in codes + names if codes.count(item) + names.count(item) > 1}
    if duplicated:
        raise RuntimeError(f"rule codes or names registered twice: {sorted(duplicated)}")
    return tuple(rules)


@lru_cache(maxsize=1)
def builtin() -> "RuleSet":
    """The built-in rule set: the Python rules and the shipped packs, which may not reuse a
    Python rule's code or name."""
    from healthlint.ruleset import packs as rule_packs

    reserved = {}
    for rule in python_rules():
        reserved[rule.code] = reserved[rule.name] = f"{rule.code} {rule.name} in {rule.check.__module__ if rule.check else 'the engine'}"
    folder = rule_packs.builtin_pack_dir()
    packs = rule_packs.load_packs(sorted(folder.glob("*.yaml")), reserved=reserved, shipped=True) if folder.is_dir() else ()
    return RuleSet(tuple(sorted(python_rules() + tuple(packs), key=lambda rule: rule.code)))


class RuleSet(NamedTuple):
    """The rules a run knows: the built-in ones and the project's own packs, each code and name
    once. A value: made once (`builtin()`, `RuleSet.with_project_packs`) and passed on, via the
    config, to the engine, the CLI and the reporters."""

    rules: tuple[Rule, ...]  # sorted by code
    packs: tuple[str, ...] = ()  # the project's pack files, whose content keys the cache

    @classmethod
    def with_project_packs(cls, paths, root=".") -> "RuleSet":
        """The built-in rules and the packs named in config (`rule-packs`), resolved against
        `root`; a pack rule may not reuse a built-in code or name (RulePackError)."""
        from healthlint.ruleset import packs as rule_packs

        base = builtin()
        reserved = {}
        for rule in base.rules:
            reserved[rule.code] = reserved[rule.name] = f"the built-in rule {rule.code} {rule.name}"
        added = rule_packs.load_packs([Path(root) / path for path in paths], reserved=reserved)
        rules = tuple(sorted(base.rules + tuple(added), key=lambda rule: rule.code))
        return cls(rules, tuple(str(Path(root) / path) for path in paths))

    def by_selector(self, selector: str) -> Rule | None:
        """The one rule named by a full code or a name."""
        for rule in self.rules:
            if selector.upper() == rule.code or selector == rule.name:
                return rule
        return None

    def is_known_selector(self, selector: str) -> bool:
        return any(matches(rule, selector) for rule in self.rules)

    def select(self, select: list[str], ignore: list[str]) -> tuple[Rule, ...]:
        """Rules matched by `select` and not by `ignore`."""
        return tuple(
            rule
            for rule in self.rules
            if any(matches(rule, s) for s in select) and not any(matches(rule, s) for s in ignore)
        )

    def off_by_default_turned_on(self, select: list[str], ignore: list[str]) -> tuple[Rule, ...]:
        """Rules left out of the default set that a selection turns on only through `ALL`."""
        if not any(s.upper() == "ALL" for s in select):
            return ()
        named = [s for s in select if s.upper() != "ALL"]
        return tuple(
            rule
            for rule in self.select(select, ignore)
            if not rule.default and not any(matches(rule, s) for s in named)
        )

    def all_turned_on_note(self, select: list[str], ignore: list[str], lang: str) -> str | None:
        """Said once per run: the off-by-default rules that `ALL` turned on, and why they are off."""
        rules = self.off_by_default_turned_on(select, ignore)
        if not rules:
            return None
        return MESSAGES.say(lang, "all-turned-on", rules=", ".join(f"{rule.code} {rule.name}" for rule in rules))

    def table(self) -> str:
        """The README's rule table, generated from the rules' own documentation."""
        lines = ["| code | name | severity | default | fix | what it finds |", "|---|---|---|---|---|---|"]
        for rule in self.rules:
            fix = "yes" if rule.fixable else ""
            on = "on" if rule.default else "**off**"
            summary = rule.summary.replace("|", "\\|")
            lines.append(f"| {rule.code} | `{rule.name}` | {rule.severity.label} | {on} | {fix} | {summary} |")
        return "\n".join(lines) + "\n"

    def digest(self) -> str:
        """A hash of the rule packs in use, so a changed pack invalidates cached results."""
        from hashlib import blake2b

        from healthlint.ruleset import packs as rule_packs

        digest = blake2b(digest_size=16)
        for path in [*sorted(rule_packs.builtin_pack_dir().glob("*.yaml")), *map(Path, self.packs)]:
            try:
                digest.update(str(path).encode() + b"\0" + path.read_bytes())
            except OSError:
                digest.update(str(path).encode())
        return digest.hexdigest()[:16]


def matches(rule: Rule, selector: str) -> bool:
    if selector.upper() == "ALL":
        return True
    if selector.lower() == "default":
        return rule.default
    if selector.upper().startswith("HL") and rule.code.startswith(selector.upper()):
        return True
    return selector == rule.name or selector in rule.tags


def all_rules() -> tuple[Rule, ...]:
    """The built-in rules (a project's packs come with its config: `config.rule_set`)."""
    return builtin().rules


def rule_by_selector(selector: str) -> Rule | None:
    """A built-in rule by its code or name."""
    return builtin().by_selector(selector)


def rules_table() -> str:
    return builtin().table()
