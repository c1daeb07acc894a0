"""Frontmatter and date rules beyond the fixtures: fixes, the site rule, the seed article, the CLI."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from helpers import SEED, apply_fix, lint_alone

from healthlint.api import Options, lint_paths
from healthlint.checks.frontmatter import _edit_distance, _similar_key
from healthlint.config import Config
from healthlint.document import Document


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(published: str, updated: str, title: str = "Hekseskud") -> str:
    return f'---\ntitle: "{title}"\ndatePublished: {published}\nlastUpdated: {updated}\n---\n\nTekst.\n'


def test_seed_has_no_structural_findings_on_2026_01_01():
    found = lint_alone(SEED, select=["HL1", "HL3", "HL4"], today=date(2026, 1, 1))
    assert found == []


def test_seed_is_stale_on_2026_11_28_at_last_updated():
    found = lint_alone(SEED, select=["HL1"], today=date(2026, 11, 28))
    assert [(d.code, d.span.line, d.span.column, d.span.end_column) for d in found] == [("HL126", 3, 15, 25)]
    assert "12. oktober 2025, 13 months ago" in found[0].message


def test_seed_through_the_cli_exits_zero_with_the_stale_warning():
    run = subprocess.run(
        [sys.executable, "-m", "healthlint", "check", str(SEED), "--today", "2026-11-28", "--format", "concise", "--select", "HL1"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0
    assert run.stdout.splitlines()[0].endswith(
        "seed-article.md:3:15: HL126 `lastUpdated` is 12. oktober 2025, 13 months ago; health articles should "
        "be reviewed at least every 12 months. Review the advice and set `lastUpdated` to the review date."
    )


def test_unpadded_date_fix_adds_zeros_only(tmp_path):
    path = write(tmp_path / "a.md", article('"7-06-2025"', "2025-7-12"))
    found = lint_alone(path, select=["HL121"])
    assert [(d.span.line, d.span.column) for d in found] == [(3, 17), (4, 14)]
    text = path.read_text()
    for diagnostic in found:
        assert diagnostic.fix.safe
    fixed = apply_fix(apply_fix(text, found[1].fix), found[0].fix)
    assert fixed == article('"07-06-2025"', "2025-07-12")


def test_date_format_fix_is_safe_only_when_day_and_month_cannot_be_swapped(tmp_path):
    path = write(tmp_path / "a.md", article('"13.09.2025"', "03.04.2026"))
    found = lint_alone(path, select=["HL122"])
    assert [(d.span.line, d.fix.safe) for d in found] == [(3, True), (4, False)]
    text = apply_fix(path.read_text(), found[0].fix)
    assert apply_fix(text, found[1].fix) == article('"13/09/2025"', '"03/04/2026"')


def test_accepted_formats_are_configurable(tmp_path):
    from healthlint.config import parse_config

    config = parse_config({"rules": {"date-format-not-accepted": {"formats": ["DD.MM.YYYY"]}}}, "healthlint.toml", tmp_path)
    path = write(tmp_path / "a.md", article('"13.09.2025"', '"13/10/2025"'))
    found = lint_alone(path, select=["HL122"], config=config)
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("HL122", 4, 15)]
    assert found[0].fix.edits[0].new_text == "13.10.2025"


def test_required_keys_per_glob(tmp_path):
    from healthlint.config import parse_config

    config = parse_config(
        {"rules": {"HL110": {"keys-by-glob": {"blog/**": ["title", "description"]}}}}, "healthlint.toml", tmp_path
    )
    path = write(tmp_path / "blog" / "post.md", '---\ntitle: "Nyt"\n---\n\nTekst.\n')
    report = lint_paths([path], Options(select=["HL110"]), config=config)
    assert [(d.code, d.span.line, d.span.column) for d in report.diagnostics] == [("HL110", 3, 1)]
    assert "`description`" in report.diagnostics[0].message


def test_similar_key_finds_case_and_typos_but_not_unrelated_keys():
    known = ["title", "metaTitle", "datePublished", "lastUpdated"]
    assert _similar_key("Title", known) == "title"
    assert _similar_key("lastupdated", known) == "lastUpdated"
    assert _similar_key("datePublised", known) == "datePublished"
    assert _similar_key("dtaePublished", known) == "datePublished"  # a swap counts as one edit
    assert _similar_key("author", known) is None
    assert _similar_key("tile", known) == "title"
    assert _edit_distance("abc", "abcdef", 2) == 3


def test_misspelled_key_replaces_the_missing_key_error(tmp_path):
    path = write(tmp_path / "a.md", '---\nTitle: "Hekseskud"\ndatePublished: "13/09/2025"\nlastUpdated: "12/10/2025"\n---\n\nx\n')
    found = lint_alone(path, select=["HL1"])
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("HL111", 2, 1)]
    assert apply_fix(path.read_text(), found[0].fix).startswith('---\ntitle: "Hekseskud"\n')
    assert not found[0].fix.safe


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    path = write(tmp_path / "bomb.md", "---\n" + "\n".join(lines) + "\ntitle: x\n---\n\nTekst.\n")
    found = lint_alone(path, select=["HL1"])
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("HL103", 1, 1)]
    assert "aliases" in found[0].message


def test_site_rule_flags_the_odd_date_format_in_a_folder(tmp_path):
    site = tmp_path / "site"
    for name in ("a", "b", "c"):
        write(site / "ordbog" / f"{name}.md", article('"13/09/2025"', '"12/10/2025"'))
    odd = write(site / "ordbog" / "odd.md", article("2025-09-13", '"12/10/2025"'))
    write(site / "blog" / "post.md", article('"13-09-2025"', '"12-10-2025"'))
    (site / "healthlint.toml").write_text("")
    report = lint_paths([odd], Options(select=["HL123"], today=date(2026, 1, 1)))
    assert [(d.code, d.path.endswith("odd.md"), d.span.line, d.span.column) for d in report.diagnostics] == [
        ("HL123", True, 3, 16)
    ]
    assert "7 of the 8 dates in this folder `ordbog/` are DD/MM/YYYY" in report.diagnostics[0].message
    # The blog folder has its own format and is not compared with the glossary.
    blog = lint_paths([site / "blog"], Options(select=["HL123"], today=date(2026, 1, 1)))
    assert blog.diagnostics == []


def test_default_config_lints_when_no_title_is_required(tmp_path):
    config = Config(root=tmp_path)
    path = write(tmp_path / "a.md", '---\ntitle: "x"\ndatePublished: "13/09/2025"\nlastUpdated: "12/10/2025"\n---\n')
    assert lint_alone(path, select=["HL1"], config=config) == []


def test_missing_title_names_the_title_the_site_makes_from_the_slug(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.healthlint.site.pages]]\nname = "ordbog"\nglob = "ordbog/**"\nurl = "/ordbog/{slug}"\n', encoding="utf-8"
    )
    path = write(tmp_path / "ordbog" / "hekseskud-i-laenden.md", '---\ndatePublished: "13/09/2025"\nlastUpdated: "12/10/2025"\n---\n\nx\n')
    report = lint_paths([path], Options(select=["HL110"], today=date(2026, 1, 1)))
    assert [(d.code, d.span.line, d.span.column) for d in report.diagnostics] == [("HL110", 4, 1)]
    assert '"Hekseskud i laenden"' in report.diagnostics[0].message


# -- one problem, one report ---------------------------------------------------------------


def test_a_year_first_dotted_date_is_a_real_date_in_another_format(tmp_path):
    path = write(tmp_path / "a.md", article('"2025.04.11"', '"12/10/2025"'))
    found = lint_alone(path, select=["HL12"], today=date(2026, 1, 1))
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("HL122", 3, 17)]
    assert found[0].message == (
        '`datePublished` is written as YYYY.MM.DD ("2025.04.11"); this site writes dates as DD/MM/YYYY: 11/04/2025.'
    )
    assert found[0].fix.safe  # year first: day and month cannot be mixed up
    assert apply_fix(path.read_text("utf-8"), found[0].fix).splitlines()[2] == 'datePublished: "11/04/2025"'


def test_a_format_the_site_does_not_accept_is_reported_once_not_also_as_inconsistent(tmp_path):
    site = tmp_path / "site"
    for name in ("a", "b", "c"):
        write(site / "ordbog" / f"{name}.md", article('"13/09/2025"', '"12/10/2025"'))
    odd = write(site / "ordbog" / "odd.md", article('"13.09.2025"', '"12/10/2025"'))
    (site / "healthlint.toml").write_text("")
    report = lint_paths([odd], Options(select=["HL122", "HL123"], today=date(2026, 1, 1)))
    assert [(d.code, d.span.line, d.span.column) for d in report.diagnostics] == [("HL122", 3, 17)]
    # Without HL122 the inconsistency is still said.
    alone = lint_paths([odd], Options(select=["HL123"], today=date(2026, 1, 1)))
    assert [(d.code, d.span.line, d.span.column) for d in alone.diagnostics] == [("HL123", 3, 17)]


def test_stale_reads_the_review_date_from_a_misspelt_last_updated(tmp_path):
    recent = write(tmp_path / "recent.md", '---\ntitle: "x"\ndatePublished: "05/11/2024"\nlastupdated: "26/01/2026"\n---\n\nTekst.\n')
    assert [(d.code, d.span.line) for d in lint_alone(recent, select=["HL126", "HL111"], today=date(2026, 12, 1))] == [("HL111", 4)]
    old = write(tmp_path / "old.md", '---\ntitle: "x"\ndatePublished: "05/11/2024"\nlastupdated: "26/01/2025"\n---\n\nTekst.\n')
    found = lint_alone(old, select=["HL126"], today=date(2026, 12, 1))
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("HL126", 4, 15)]
    assert found[0].message.startswith("`lastupdated` is 26. januar 2025, 22 months ago")


def test_a_yaml_only_line_break_does_not_move_positions():
    # YAML counts NEL, LS and PS as line breaks; the file's lines end only at "\n".
    doc = Document("a.md", '---\n\x85title: "Knæ"\u2028x: 1\n---\n')
    title = doc.frontmatter.fields["title"]
    assert (title.key_span.line, title.key_span.column) == (2, 2)
    assert (title.value_span.line, title.value_span.column, title.value_span.end_column) == (2, 10, 13)
    broken = Document("b.md", '---\n\x85"\n---\n').frontmatter.error
    assert (broken.kind, broken.span.line, broken.span.column) == ("syntax", 3, 1)
