"""The README's rule table is generated from the rules; it must be current."""

from pathlib import Path

from healthlint.ruleset.registry import all_rules, rules_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_rule_table_is_current():
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- rules-table:start -->\n", 1)[1].split("<!-- rules-table:end -->", 1)[0]
    assert table == rules_table(), "run `python tools/update_readme.py` to regenerate the README's rule table"


def test_every_rule_has_documentation_sections():
    for rule in all_rules():
        assert rule.summary, rule.code
        assert "**Why this matters**" in rule.doc, f"{rule.code} has no 'Why this matters' section"
        assert "**Fix safety**" in rule.doc, f"{rule.code} has no 'Fix safety' section"
