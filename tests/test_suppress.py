"""Inline suppression comments, with test-only rules: HL901 flags `FLAG`, HL903 flags `ERROR`."""

from __future__ import annotations

from datetime import date

import pytest
from fakerules import use_fake_rules

from healthlint import api, cli

SELECT = ["HL901", "HL903", "HL020"]


@pytest.fixture(autouse=True)
def fake_rules(monkeypatch):
    use_fake_rules(monkeypatch)


def lint(text: str, select=SELECT):
    return [(d.code, d.span.line, d.span.column) for d in api.lint_text(text, today=date(2026, 1, 1), select=select)]


def test_disable_until_enable():
    text = "FLAG\n<!-- healthlint-disable HL901 -->\nFLAG ERROR\nFLAG\n<!-- healthlint-enable -->\nFLAG\n"
    assert lint(text) == [("HL901", 1, 1), ("HL903", 3, 6), ("HL901", 6, 1)]


def test_disable_without_enable_runs_to_the_end():
    assert lint("FLAG\n<!-- healthlint-disable HL901 -->\n\nFLAG\n\nFLAG\n") == [("HL901", 1, 1)]


def test_enable_with_a_code_closes_only_that_range():
    text = (
        "<!-- healthlint-disable HL901 -->\n"
        "<!-- healthlint-disable HL903 -->\n"
        "FLAG ERROR\n"
        "<!-- healthlint-enable HL903 -->\n"
        "FLAG ERROR\n"
    )
    assert lint(text) == [("HL903", 5, 6)]


def test_disable_line():
    text = "FLAG <!-- healthlint-disable-line HL901 -->\nFLAG\n"
    assert lint(text) == [("HL901", 2, 1)]


def test_disable_next_line():
    text = "<!-- healthlint-disable-next-line HL901 -->\nFLAG\nFLAG\n"
    assert lint(text) == [("HL901", 3, 1)]


def test_disable_file_anywhere_in_the_file():
    text = "FLAG\nERROR\n\n<!-- healthlint-disable-file HL901 -->\nFLAG\n"
    assert lint(text) == [("HL903", 2, 1)]


def test_no_code_means_every_rule():
    assert lint("<!-- healthlint-disable-next-line -->\nFLAG ERROR\nFLAG\n") == [("HL901", 3, 1)]
    assert lint("<!-- healthlint-disable-file -->\nFLAG ERROR\nFLAG\n") == []


def test_rule_names_and_several_codes():
    assert lint("<!-- healthlint-disable-next-line marked-word -->\nFLAG ERROR\n") == [("HL903", 2, 6)]
    assert lint("<!-- healthlint-disable-next-line HL901, error-on-error -->\nFLAG ERROR\n") == []
    assert lint("<!-- healthlint-disable-next-line hl901 -->\nFLAG\n") == []


def test_frontmatter_yaml_comment():
    text = (
        "---\n"
        "# healthlint-disable-next-line HL901\n"
        "title: FLAG\n"
        "metaTitle: FLAG\n"
        "description: FLAG  # healthlint-disable-line HL901\n"
        "---\n"
        "FLAG\n"
    )
    assert lint(text) == [("HL901", 4, 12), ("HL901", 7, 1)]


def test_html_comment_syntax_in_frontmatter_is_not_a_directive():
    text = "---\ntitle: x\n<!-- healthlint-disable-file -->\n---\nFLAG\n"
    # inside YAML this is not a comment at all; the frontmatter family reports the YAML itself
    assert ("HL901", 5, 1) in lint(text)


def test_unused_suppression_is_hl020_at_the_comment():
    text = "Tekst.\n  <!-- healthlint-disable-next-line HL901 -->\nIntet.\n"
    diagnostics = api.lint_text(text, today=date(2026, 1, 1), select=SELECT)
    assert [(d.code, d.span.line, d.span.column, d.span.end_column) for d in diagnostics] == [("HL020", 2, 3, 46)]
    [unused] = diagnostics
    assert unused.severity.label == "info" and unused.name == "unused-suppression"
    assert "hides no problem" in unused.message and "HL901" in unused.message


def test_unused_code_within_a_used_comment():
    text = "Tekst <!-- healthlint-disable-line HL901 HL903 --> FLAG\n"
    diagnostics = api.lint_text(text, today=date(2026, 1, 1), select=SELECT)
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics] == [("HL020", 1, 7)]
    assert diagnostics[0].message.startswith("`HL903` in this `healthlint-disable-line` comment hides no problem")


def test_unused_in_frontmatter_points_at_the_yaml_comment():
    text = "---\ntitle: x   # healthlint-disable-line HL901\n---\nTekst.\n"
    assert lint(text) == [("HL020", 2, 12)]


def test_unused_suppressions_are_not_reported_when_hl020_is_off():
    text = "<!-- healthlint-disable-next-line HL901 -->\nIntet.\n"
    assert lint(text, select=["HL901"]) == []
    assert lint(text, select=["HL901", "HL020"]) == [("HL020", 1, 1)]


def test_directives_inside_code_are_ignored():
    text = "```\n<!-- healthlint-disable-file -->\n```\n\n    <!-- healthlint-disable-file -->\n\nFLAG\n"
    assert lint(text) == [("HL901", 7, 1)]


def test_two_comments_on_one_line():
    text = "FLAG ERROR <!-- healthlint-disable-line HL901 --><!-- healthlint-disable-line HL903 -->\n"
    assert lint(text) == []


def test_suppressions_through_the_cli(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("ERROR <!-- healthlint-disable-line HL903 -->\n<!-- healthlint-disable-line -->\n", "utf-8")
    assert cli.main(["check", "a.md", "--select", "HL903,HL020", "--format", "concise"]) == 0
    assert capsys.readouterr().out == (
        "a.md:2:1: HL020 This `healthlint-disable-line` comment (all rules) hides no problem; "
        "remove it so real problems are not hidden later.\n"
        "Checked 1 file: 0 errors, 0 warnings, 1 info.\n"
    )


def test_codes_of_rules_that_did_not_run_are_not_called_unused():
    # `--select` or per-file-ignores left HL903 out: nobody knows whether its comment hides something
    text = "<!-- healthlint-disable-next-line HL903 -->\nERROR\n<!-- healthlint-disable-next-line HL901 HL903 -->\nIntet.\n"
    diagnostics = api.lint_text(text, today=date(2026, 1, 1), select=["HL901", "HL020"])
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics] == [("HL020", 3, 1)]
    assert diagnostics[0].message.startswith("`HL901` in this `healthlint-disable-next-line` comment hides no problem")


def test_unknown_codes_in_a_comment_are_unused():
    assert lint("<!-- healthlint-disable-next-line HL9999 -->\nFLAG\n") == [("HL020", 1, 1), ("HL901", 2, 1)]


def test_per_file_ignored_rule_in_a_comment_is_not_called_unused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text('[per-file-ignores]\n"drafts/*" = ["HL903"]\n', "utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("<!-- healthlint-disable-next-line HL903 -->\nERROR\n", "utf-8")
    assert cli.main(["check", ".", "--select", "HL903,HL020", "--format", "concise", "-q"]) == 0
    assert capsys.readouterr().out == ""
