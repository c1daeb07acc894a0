"""Small rules that exist only in tests, so engine behaviour is tested apart from the real families.

`use_fake_rules(monkeypatch)` makes the built-in rule set the engine's own HL0xx rules plus these.
"""

from __future__ import annotations

from healthlint.checks.files import RULES as ENGINE_RULES
from healthlint.diagnostic import Edit, Fix, Severity, Span, Violation
from healthlint.ruleset import registry
from healthlint.ruleset.rule import rule, site_rule


@rule("HL901", "marked-word", Severity.WARNING, tags=("testing",), options={"word": "FLAG"}, fixable=True)
def marked_word(doc, ctx):
    """Flags every occurrence of a marker word (test-only).

    **Why this matters**: it gives the engine tests a diagnostic at a known place.

    **Example**: `FLAG`

    **Instead**: `flag`

    **Fix safety**: safe: lowercases the word.
    """
    word = ctx.options["word"]
    for number, line in enumerate(doc.lines, start=1):
        start = line.find(word)
        while start != -1:
            span = Span(number, start + 1, number, start + 1 + len(word))
            fix = Fix((Edit(span, word.lower()),), safe=True, description="lowercase the marker")
            yield Violation(span, f"The marker `{word}` is here.", fix)
            start = line.find(word, start + 1)


@rule("HL902", "always-crashes", Severity.ERROR, tags=("testing", "crashing"))
def always_crashes(doc, ctx):
    """Fails on every file (test-only).

    **Why this matters**: it proves a crashing rule does not stop the others.

    **Fix safety**: no automatic fix.
    """
    yield Violation(Span.point(1), "This one is yielded before the crash.")
    raise ZeroDivisionError("boom in the test rule")


@rule("HL903", "error-on-error", Severity.ERROR, tags=("testing",))
def error_word(doc, ctx):
    """Flags the word ERROR as an error (test-only).

    **Why this matters**: it gives the engine tests an error-severity diagnostic.

    **Fix safety**: no automatic fix.
    """
    for number, line in enumerate(doc.lines, start=1):
        start = line.find("ERROR")
        if start != -1:
            yield Violation(Span(number, start + 1, number, start + 6), "The word ERROR is here.")


@site_rule("HL904", "site-crashes", Severity.ERROR, tags=("site-testing",))
def site_crashes(site, ctx):
    """Fails on every site (test-only).

    **Why this matters**: it proves a crashing site rule becomes one internal error.

    **Fix safety**: no automatic fix.
    """
    raise RuntimeError("site boom")
    yield  # pragma: no cover - makes this a generator


FAKE_RULES = (marked_word, always_crashes, error_word)


def use_fake_rules(monkeypatch, *extra) -> tuple:
    rules = tuple(sorted(ENGINE_RULES + FAKE_RULES + tuple(extra), key=lambda r: r.code))
    fake = registry.RuleSet(rules)
    # The built-in rule set is where a config without packs takes its rules from.
    monkeypatch.setattr(registry, "builtin", lambda: fake)
    return rules
