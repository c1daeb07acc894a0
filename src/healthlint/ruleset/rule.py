"""The `Rule`: a code, a name, a default severity, options, and a pure check function.

A rule's docstring is its documentation: a one-line summary, then the sections
"Why this matters", "Example", "Instead" and "Fix safety". `healthlint rule CODE`
prints it and the reporters quote it.
"""

from __future__ import annotations

import inspect
import re
from datetime import date
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from healthlint.diagnostic import Severity, Violation

# Tags the engine reads. A "page" rule is about the page the site makes of a file (its
# frontmatter and result page): it does not run on a fragment kind of the site profile. A
# "result-page" rule is about the search result: it does not run on a page kept out of
# search results by the profile's noindex key.
PAGE_TAG = "page"
RESULT_PAGE_TAG = "result-page"

CODE_RE = re.compile(r"^HL\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class RuleContext(NamedTuple):
    """What a rule may know besides the document: its options and the date that counts as today."""

    options: Mapping[str, Any]
    today: date
    profile: Any = None  # healthlint.site.profile.Profile: how the site renders titles and descriptions
    root: Any = None  # the config's folder (a Path), for files named in options
    lang: str = "en"  # the language of messages: "en" or "da" (healthlint.i18n)


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    doc: str
    tags: tuple[str, ...] = ()
    options: Mapping[str, Any] = MappingProxyType({})  # read-only: shared by rules without options
    fixable: bool = False
    # "file" rules see one Document; "site" rules see the facts of every file of the site;
    # "engine" rules are reported by the loader or engine itself (unreadable file, crash).
    kind: str = "file"
    check: Callable[..., Iterable[Violation]] | None = None
    summary_da: str = ""  # the one-line summary in Danish, for `healthlint rules` with lang = "da"
    # On in the default rule set (`select = ["default"]`). A rule is on by default only when it
    # meets its precision target on realistic content (tests/realistic, bench/precision).
    default: bool = True
    # Codes of rules that report the same problem better: a finding of this rule at the same
    # place as one of theirs is dropped, so one problem gets one report.
    yields_to: tuple[str, ...] = ()
    # A pack rule's own examples: (("bad" | "good", Markdown body), ...), run by one generic test.
    examples: tuple[tuple[str, str], ...] = ()
    # Why the rule is off by default, when the general reason (under 90 % right) is not the
    # whole story: {"en": ..., "da": ...}, shown by `healthlint rules` and `healthlint rule`.
    why_off: Mapping[str, str] = MappingProxyType({})
    # Hooks the run calls when the rule is enabled, so no core module names a rule:
    # `metrics(doc) -> dict`, figures kept with the file's result (the JSON report, the
    # summaries); `notes(profile, facts, lang) -> list[str]`, said once per run.
    metrics: Callable[..., dict] | None = None
    notes: Callable[..., list] | None = None

    def off_reason(self, lang: str) -> str:
        return self.why_off.get(lang) or self.why_off.get("en", "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    def summary_in(self, lang: str) -> str:
        return self.summary_da if lang == "da" and self.summary_da else self.summary

    @property
    def family(self) -> str:
        return self.code[:3]


def _make(kind: str, code: str, name: str, severity: Severity, tags, options, fixable, summary_da, default=True, yields_to=(), why_off=None, metrics=None, notes=None):
    if not CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must be HL followed by three digits")
    if not NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")

    def decorate(fn: Callable) -> Rule:
        doc = inspect.cleandoc(fn.__doc__ or "")
        if not doc:
            raise ValueError(f"rule {code} needs a docstring: it is the rule's documentation")
        return Rule(
            code=code,
            name=name,
            severity=severity,
            doc=doc,
            tags=tuple(tags),
            options=dict(options or {}),
            fixable=fixable,
            kind=kind,
            check=fn,
            summary_da=summary_da,
            default=default and not why_off,
            yields_to=tuple(yields_to),
            why_off=MappingProxyType(dict(why_off or {})),
            metrics=metrics,
            notes=notes,
        )

    return decorate


def rule(code, name, severity, *, tags=(), options=None, fixable=False, summary_da="", default=True, yields_to=(), why_off=None, metrics=None, notes=None):
    """Declare a rule that checks one document: `check(doc, ctx) -> Iterable[Violation]`."""
    return _make("file", code, name, severity, tags, options, fixable, summary_da, default, yields_to, why_off, metrics, notes)


def site_rule(code, name, severity, *, tags=(), options=None, fixable=False, summary_da="", default=True, yields_to=(), why_off=None):
    """Declare a rule over the whole site: `check(site, ctx) -> Iterable[(path, Violation)]`."""
    return _make("site", code, name, severity, tags, options, fixable, summary_da, default, yields_to, why_off)


def engine_rule(code: str, name: str, severity: Severity, doc: str, tags=(), summary_da: str = "") -> Rule:
    """Declare a diagnostic that the loader or engine reports itself (no check function)."""
    return Rule(
        code=code, name=name, severity=severity, doc=inspect.cleandoc(doc), tags=tuple(tags), kind="engine", summary_da=summary_da
    )
