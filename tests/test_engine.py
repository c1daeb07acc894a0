"""The engine: rules run per file, a crashing rule becomes one HL010, severities and selection apply."""

from __future__ import annotations

from datetime import date

import pytest
from fakerules import site_crashes, use_fake_rules

from healthlint import api
from healthlint.config import Config, RuleSetting
from healthlint.diagnostic import Severity
from healthlint.run.engine import Engine

TODAY = date(2026, 1, 1)


@pytest.fixture(autouse=True)
def fake_rules(monkeypatch):
    return use_fake_rules(monkeypatch)


def found(diagnostics):
    return [(d.path, d.code, d.span.line, d.span.column) for d in diagnostics]


def test_crashing_rule_is_one_internal_error_naming_the_rule_and_others_go_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("one FLAG\n", "utf-8")
    (tmp_path / "b.md").write_text("two\nFLAG\n", "utf-8")
    report = api.lint_paths(["."], api.Options(today=TODAY))
    assert found(report.diagnostics) == [
        ("a.md", "HL010", 1, 1),
        ("a.md", "HL902", 1, 1),  # yielded before the crash: kept
        ("a.md", "HL901", 1, 5),
        ("b.md", "HL010", 1, 1),
        ("b.md", "HL902", 1, 1),
        ("b.md", "HL901", 2, 1),
    ]
    internal = [d for d in report.diagnostics if d.code == "HL010"]
    assert all(d.name == "internal-error" and d.severity is Severity.ERROR for d in internal)
    message = internal[0].message
    assert "rule HL902 always-crashes" in message
    assert "ZeroDivisionError: boom in the test rule" in message
    assert "fakerules.py:" in message


def test_crashing_site_rule_is_reported_once(tmp_path, monkeypatch):
    use_fake_rules(monkeypatch, site_crashes)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("a\n", "utf-8")
    (tmp_path / "b.md").write_text("b\n", "utf-8")
    report = api.lint_paths(["."], api.Options(today=TODAY, select=["HL904", "HL010"]))
    assert found(report.diagnostics) == [("a.md", "HL010", 1, 1)]
    assert "rule HL904 site-crashes" in report.diagnostics[0].message


def test_rule_yielding_garbage_is_an_internal_error(monkeypatch):
    from healthlint.diagnostic import Severity as S
    from healthlint.ruleset.rule import rule

    @rule("HL905", "yields-none", S.WARNING)
    def yields_none(doc, ctx):
        """Yields something that is not a Violation (test-only)."""
        yield None

    use_fake_rules(monkeypatch, yields_none)
    diagnostics = api.lint_text("text FLAG\n", today=TODAY, select=["HL905", "HL901"])
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics] == [("HL010", 1, 1), ("HL901", 1, 6)]
    assert "rule HL905 yields-none" in diagnostics[0].message


def test_internal_error_is_reported_even_when_only_other_rules_are_selected():
    diagnostics = api.lint_text("x\n", today=TODAY, select=["HL902"])
    assert [(d.code, d.span.line) for d in diagnostics] == [("HL010", 1), ("HL902", 1)]


def test_selection_by_code_prefix_name_and_tag():
    def codes(**kwargs):
        return sorted(rule.code for rule in Engine(Config(), today=TODAY, **kwargs).rules)

    assert codes(select=["HL901"]) == ["HL901"]
    assert codes(select=["marked-word"]) == ["HL901"]
    assert codes(select=["testing"]) == ["HL901", "HL902", "HL903"]
    assert codes(select=["HL90"]) == ["HL901", "HL902", "HL903"]
    assert codes(select=["HL0"]) == ["HL001", "HL002", "HL003", "HL004", "HL005", "HL006", "HL007", "HL010", "HL020"]
    assert codes(select=["HL0"], ignore=["file"]) == []
    assert codes(select=["testing"], ignore=["crashing", "HL903"]) == ["HL901"]
    assert codes(select=["HL901"], extend_select=["error-on-error"]) == ["HL901", "HL903"]
    assert codes(select=["hl901"]) == ["HL901"]


def test_config_severity_and_options_reach_the_diagnostics():
    config = Config(rules={"HL901": RuleSetting(severity=Severity.ERROR, options={"word": "MARK"})})
    engine = Engine(config, today=TODAY, select=["HL901"])
    result = engine.lint_bytes("a.md", "a.md", b"FLAG MARK\n")
    diagnostics = engine.finish([result])
    assert [(d.code, d.span.column, d.severity) for d in diagnostics] == [("HL901", 6, Severity.ERROR)]


def test_per_file_ignores_match_the_path_relative_to_the_site():
    config = Config(per_file_ignores={"drafts/*.md": ["marked-word"]})
    engine = Engine(config, today=TODAY, select=["HL901"])
    ignored = engine.lint_bytes("drafts/a.md", "drafts/a.md", b"FLAG\n")
    kept = engine.lint_bytes("final/a.md", "final/a.md", b"FLAG\n")
    assert found(engine.finish([ignored, kept])) == [("final/a.md", "HL901", 1, 1)]


def test_diagnostics_are_sorted_by_path_line_column_code():
    engine = Engine(Config(), today=TODAY, select=["HL901", "HL903"])
    b = engine.lint_bytes("b.md", "b.md", b"ERROR FLAG\nFLAG\n")
    a = engine.lint_bytes("a.md", "a.md", b"x FLAG ERROR\n")
    assert found(engine.finish([b, a])) == [
        ("a.md", "HL901", 1, 3),
        ("a.md", "HL903", 1, 8),
        ("b.md", "HL903", 1, 1),
        ("b.md", "HL901", 1, 7),
        ("b.md", "HL901", 2, 1),
    ]


def test_lint_text_strips_a_bom_and_counts_crlf_lines_once():
    diagnostics = api.lint_text("\ufeffa\r\nb\r\nc FLAG\r\n", today=TODAY, select=["HL901"])
    assert [(d.span.line, d.span.column, d.span.end_column) for d in diagnostics] == [(3, 3, 7)]


def test_lint_bytes_reports_the_load_failure_with_its_position():
    engine = Engine(Config(), today=TODAY, select=["HL0"])
    result = engine.lint_bytes("x.md", "x.md", "linje 1\nlinje 2 æ\x00".encode("utf-8"))
    [diagnostic] = engine.finish([result])
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.column) == ("HL002", 2, 10)  # `linje 2 æ` is 9 code points, 10 bytes


def test_linting_an_article_leaves_no_reference_cycles():
    # The CLI runs the cycle collector rarely (cli._fewer_collections): an article must not
    # leave garbage that only it could free.
    import gc
    from pathlib import Path

    from healthlint.api import Options
    from healthlint.run.pipeline import engine_for as _engine
    from healthlint.run.pipeline import resolve_config

    seed = (Path(__file__).parent / "data" / "seed-article.md").read_bytes()
    engine = _engine(resolve_config([Path(__file__).parent / "data"], Options()), Options(today=date(2026, 1, 1)))
    engine.lint_bytes("seed.md", "seed.md", seed)  # first use: caches fill
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        engine.lint_bytes("seed.md", "seed.md", seed)
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()
