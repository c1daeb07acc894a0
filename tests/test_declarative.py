"""YAML rule packs: strict validation with file and line, the four kinds, positions, the shipped pack."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from helpers import lint_alone

from healthlint.diagnostic import Severity, Span
from healthlint.document import Document
from healthlint.ruleset import packs as declarative
from healthlint.ruleset.packs import (
    PatternTimeout,
    RulePackError,
    load_pack,
    parse_pack,
    passages,
)
from healthlint.ruleset.registry import (
    all_rules,
    python_rules,
    rule_by_selector,
)
from healthlint.ruleset.rule import RuleContext

SEED = Path(__file__).parent / "data" / "seed-article.md"


def load_user_packs(paths, root):
    """The project's own rules of a rule set made with these packs."""
    from healthlint.ruleset.registry import RuleSet, builtin

    return tuple(rule for rule in RuleSet.with_project_packs(paths, root).rules if rule not in builtin().rules)


def pack(text: str, path: str = "pack.yaml"):
    return parse_pack(textwrap.dedent(text), path)


def run(rule, text: str, *, rel_path: str = "article.md", options=None):
    doc = Document("article.md", textwrap.dedent(text))
    doc.rel_path = rel_path
    merged = dict(rule.options)
    merged.update(options or {})
    return list(rule.check(doc, RuleContext(options=merged, today=date(2026, 1, 1))))


def positions(violations):
    return [(v.span.line, v.span.column) for v in violations]


EXISTENCE = """\
rules:
  - code: HL590
    name: test-claim
    extends: existence
    level: warning
    message: "“{match}” is a claim."
    why: Claims mislead.
    patterns:
      - 'virker altid'
      - 'mirakel\\w*'
"""


# ---------------------------------------------------------------------------------------
# Validation: every error names the file and the line


def error_of(text: str, path: str = "pack.yaml") -> RulePackError:
    with pytest.raises(RulePackError) as caught:
        pack(text, path)
    return caught.value


def test_a_valid_pack_builds_rules_with_level_tags_and_doc():
    (rule,) = pack(EXISTENCE)
    assert (rule.code, rule.name, rule.severity, rule.kind) == ("HL590", "test-claim", Severity.WARNING, "file")
    assert rule.summary == "“…” is a claim."
    assert "**Why this matters**: Claims mislead." in rule.doc
    assert "**Fix safety**: no automatic fix." in rule.doc


def test_unknown_key_names_its_line():
    error = error_of(EXISTENCE + "    colour: red\n")
    assert (error.path, error.line) == ("pack.yaml", 11)
    assert "unknown key `colour`" in error.message
    assert str(error).startswith("pack.yaml:11: ")


def test_key_of_another_kind_is_unknown():
    error = error_of(EXISTENCE + "    within: article\n")
    assert error.line == 11 and "unknown key `within` for an `existence` rule" in error.message


def test_bad_regex_names_the_pattern_line():
    error = error_of(EXISTENCE.replace("'virker altid'", "'virker (altid'"))
    assert error.line == 9
    assert "`virker (altid`" in error.message and "not a valid regular expression" in error.message


def test_nested_quantifier_is_refused():
    error = error_of(EXISTENCE.replace("'virker altid'", "'(?:virker )+altid'").replace("'mirakel\\w*'", "'(a+)+b'"))
    assert error.line == 10 and "repeats a repeat" in error.message


def test_bounded_repeat_of_a_repeat_is_allowed():
    (rule,) = pack(EXISTENCE.replace("'virker altid'", "'søg(?: \\w+){0,3} læge'"))
    assert positions(run(rule, "Søg straks din egen læge.\n")) == [(1, 1)]


def test_pattern_that_matches_empty_text_is_refused():
    error = error_of(EXISTENCE.replace("'virker altid'", "'(?:virker)?'"))
    assert error.line == 9 and "empty text" in error.message


def test_missing_field_names_the_rule_line():
    error = error_of(EXISTENCE.replace("    why: Claims mislead.\n", ""))
    assert error.line == 2 and "no `why`" in error.message


def test_missing_kind_field_names_the_rule_line():
    text = EXISTENCE.split("    patterns:")[0]
    error = error_of(text)
    assert error.line == 2 and "needs `patterns`" in error.message


def test_duplicate_code_in_one_pack():
    second = EXISTENCE.split("rules:\n", 1)[1].replace("test-claim", "other-claim")
    error = error_of(EXISTENCE + second)
    assert error.line == 11 and "`HL590` is already used by the rule on line 2" in error.message


def test_duplicate_name_in_one_pack():
    second = EXISTENCE.split("rules:\n", 1)[1].replace("HL590", "HL591")
    error = error_of(EXISTENCE + second)
    assert error.line == 11 and "`test-claim` is already used" in error.message


def test_duplicate_code_of_a_python_rule(tmp_path):
    taken = next(rule for rule in all_rules() if rule.check is not None and rule.code.startswith("HL1"))
    path = tmp_path / "user.yaml"
    path.write_text(EXISTENCE.replace("HL590", taken.code), encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_user_packs([path.name], tmp_path)
    assert caught.value.path == str(path) and caught.value.line == 2
    assert f"the built-in rule {taken.code} {taken.name}" in caught.value.message


def test_user_pack_cannot_reuse_a_shipped_yaml_code(tmp_path):
    path = tmp_path / "user.yaml"
    path.write_text(EXISTENCE.replace("HL590", "HL503"), encoding="utf-8")
    with pytest.raises(RulePackError, match=r"user.yaml:2: `HL503` is already used by the built-in rule HL503 absolute-claim"):
        load_user_packs(["user.yaml"], tmp_path)


def test_a_user_pack_loads(tmp_path):
    (tmp_path / "user.yaml").write_text(EXISTENCE, encoding="utf-8")
    (rule,) = load_user_packs(["user.yaml"], tmp_path)
    assert rule.code == "HL590"


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("level: warning", "level: fatal", 5, "`level` must be one of error, warning, info"),
        ("extends: existence", "extends: occurrence", 4, "`extends` must be one of"),
        ("code: HL590", "code: HL59", 2, "must be HL followed by three digits"),
        ("name: test-claim", "name: Test_Claim", 3, "must be kebab-case"),
        ("message: \"“{match}” is a claim.\"", "message: \"“{word}” is a claim.\"", 6, "may use only {match}"),
        ("message: \"“{match}” is a claim.\"", "message: \"“{match” is a claim.\"", 6, "unbalanced brace"),
        ("    patterns:", "    scope: footnote\n    patterns:", 8, "unknown scope `footnote`"),
        ("    patterns:", "    tags: {a: b}\n    patterns:", 8, "`tags` must be a non-empty list of text"),
        ("    why: Claims mislead.", "    why: Claims mislead.\n    why: Twice.", 8, "`why` is given twice"),
        ("    why: Claims mislead.", "    why:", 7, "`why` must be text"),
    ],
)
def test_field_errors(old, new, line, fragment):
    assert old in EXISTENCE
    error = error_of(EXISTENCE.replace(old, new))
    assert error.line == line and fragment in error.message


def test_yaml_syntax_error_names_its_line():
    error = error_of(EXISTENCE.replace("    level: warning", "    level: [warning"))
    assert error.line >= 5 and "not valid YAML" in error.message


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "is empty"),
        ("rules: []\n", 1, "at least one rule"),
        ("rules:\n  - just text\n", 2, "a rule must be a mapping"),
        ("version: 2\nrules: []\n", 1, "unknown key `version`"),
        ("- code: HL590\n", 1, "the pack must be a mapping"),
    ],
)
def test_pack_shape_errors(text, line, fragment):
    error = error_of(text)
    assert error.line == line and fragment in error.message


def test_substitution_replacement_group_must_exist():
    text = """\
    rules:
      - code: HL591
        name: test-term
        extends: substitution
        level: info
        message: Write {replacement}.
        why: One spelling.
        swap:
          'isjias': 'iskias\\1'
    """
    error = error_of(text)
    assert error.line == 9 and "refers to group 1" in error.message


def test_unreadable_and_non_utf8_pack_files(tmp_path):
    with pytest.raises(RulePackError, match=r"missing.yaml:1: cannot be read"):
        load_pack(tmp_path / "missing.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("rules:\n  - name: sm\xe6rte\n".encode("latin-1"))
    with pytest.raises(RulePackError, match=r"latin.yaml:1: is not UTF-8"):
        load_pack(latin)


# ---------------------------------------------------------------------------------------
# The kinds and their positions


def test_existence_points_at_each_match_in_multiline_list_items_and_quotes():
    (rule,) = pack(EXISTENCE)
    text = """\
    Første linje, og øvelsen
    virker  altid? Nej: den virker altid.

    - Et punkt
      med en mirakelkur.
    > Citat om mirakelkure
    """
    found = run(rule, text)
    assert positions(found) == [(2, 25), (5, 10), (6, 12)]
    assert found[0].span == Span(2, 25, 2, 37)
    assert found[0].message == "“virker altid” is a claim."


def test_existence_matches_whole_words_only_with_danish_letters():
    (rule,) = pack(EXISTENCE.replace("'virker altid'", "'akut'"))
    assert positions(run(rule, "akutmodtagelse, påakut, akut, Akut.\n")) == [(1, 25), (1, 31)]


def test_inline_markup_and_line_breaks_do_not_hide_a_match():
    (rule,) = pack(EXISTENCE)
    found = run(rule, "Den **virker\naltid** og [mirakelkuren](https://mirakel.dk) er `kode`.\n")
    assert positions(found) == [(1, 7), (2, 13)]
    assert found[0].span == Span(1, 7, 2, 6)
    assert found[1].message == "“mirakelkuren” is a claim."


def test_exceptions_drop_matches_inside_them():
    text = EXISTENCE + "    exceptions:\n      - 'ikke altid virker|næsten altid virker'\n"
    (rule,) = pack(text.replace("'virker altid'", "'altid virker'"))
    assert positions(run(rule, "Det næsten altid virker. Det altid virker.\n")) == [(1, 30)]


def test_scopes_heading_table_cell_title_and_sentence():
    (rule,) = pack(EXISTENCE.replace("    patterns:", "    scope: [heading, title, table-cell]\n    patterns:"))
    text = """\
    ---
    title: "En mirakelkur"
    ---
    ## Øvelsen der virker altid
    Mirakel i en paragraf tæller ikke her.

    | Behandling | Effekt |
    |---|---|
    | Massage | Et mirakel |
    """
    assert positions(run(rule, text)) == [(2, 12), (4, 16), (9, 16)]


def test_unparsed_pipe_block_is_read_once_as_cells():
    (rule,) = pack(EXISTENCE.replace("    patterns:", "    scope: [paragraph, table-cell]\n    patterns:"))
    text = "| a | b |\n|---|\n| mirakel | x |\n"
    assert positions(run(rule, text)) == [(3, 3)]


def test_globs_limit_the_files_and_config_may_override_them():
    text = EXISTENCE.replace("    patterns:", "    globs: ['blog/**']\n    patterns:")
    (rule,) = pack(text)
    assert rule.options == {"globs": ["blog/**"]}
    assert run(rule, "Mirakel.\n", rel_path="ordbog/x.md") == []
    assert positions(run(rule, "Mirakel.\n", rel_path="blog/x.md")) == [(1, 1)]
    assert positions(run(rule, "Mirakel.\n", rel_path="ordbog/x.md", options={"globs": []})) == [(1, 1)]


SUBSTITUTION = """\
rules:
  - code: HL592
    name: test-term
    extends: substitution
    level: info
    message: Write “{replacement}”, not “{match}”.
    why: One spelling.
    swap:
      'isjias([\\wæøå]*)': 'iskias\\1'
    fix: safe
"""


def test_substitution_keeps_case_and_offers_a_safe_fix():
    (rule,) = pack(SUBSTITUTION)
    found = run(rule, "Isjias og isjiasnerven, ISJIAS og iskias.\n")
    assert positions(found) == [(1, 1), (1, 11), (1, 25)]
    assert [v.fix.edits[0].new_text for v in found] == ["Iskias", "iskiasnerven", "ISKIAS"]
    assert found[1].fix.safe and found[1].fix.edits[0].span == Span(1, 11, 1, 23)
    assert found[1].message == "Write “iskiasnerven”, not “isjiasnerven”."
    assert rule.fixable and "**Fix safety**: safe" in rule.doc


def test_substitution_without_fix_and_with_markup_inside_the_match():
    (rule,) = pack(SUBSTITUTION.replace("    fix: safe\n", ""))
    assert not rule.fixable and run(rule, "isjias\n")[0].fix is None
    (fixing,) = pack(SUBSTITUTION)
    found = run(fixing, "is*jias*\n")  # the markup would be lost, so no fix is offered
    assert positions(found) == [(1, 1)] and found[0].fix is None


REQUIRED = """\
rules:
  - code: HL593
    name: test-source-missing
    extends: required
    level: warning
    scope: paragraph
    message: The article names no source.
    why: Readers check.
    patterns: ['kilde(?:r|n)?']
"""


def test_required_passes_when_one_passage_matches():
    (rule,) = pack(REQUIRED)
    assert run(rule, "## Om\nTekst.\n\nKilde: sundhed.dk\n") == []


def test_required_points_at_the_first_passage_of_its_scope_else_the_title_else_line_1():
    (rule,) = pack(REQUIRED)
    found = run(rule, "---\ntitle: Ryg\n---\n## Om\n  Tekst uden noget.\n")
    assert [v.span for v in found] == [Span(5, 3, 5, 20)]
    assert found[0].message == "The article names no source."
    assert positions(run(rule, "---\ntitle: Ryg\n---\n## Om\n")) == [(2, 8)]
    assert positions(run(rule, "## Om\n")) == [(1, 1)]


CONDITIONAL = """\
rules:
  - code: HL594
    name: test-advice-missing
    extends: conditional
    level: warning
    message: “{match}” without advice.
    why: Readers act.
    if: ['ibuprofen']
    then: ['apotek\\w*']
    within: {within}
"""


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        ("paragraph", [(2, 1), (7, 1), (10, 3), (14, 1)]),
        ("section", [(14, 1)]),
        ("article", []),
    ],
)
def test_conditional_within_paragraph_section_article(within, expected):
    (rule,) = pack(CONDITIONAL.replace("{within}", within))
    text = """\
    ## Et
    Ibuprofen dæmper smerten.

    Spørg på apoteket.

    ## To
    Ibuprofen igen. Og ibuprofen.
    | Middel | Råd |
    |---|---|
    | Ibuprofen | Se ovenfor |
    | Andet | Spørg på apoteket |

    ## Tre
    Ibuprofen uden råd.
    """
    # In "paragraph", the row is the table cell's paragraph: the advice in the next row does not count.
    assert positions(run(rule, text)) == expected


def test_conditional_sentence_scope():
    text = CONDITIONAL.replace("{within}", "paragraph").replace("    within:", "    scope: sentence\n    within:")
    (rule,) = pack(text)
    found = run(rule, "Det er fx godt. Tag ibuprofen\nefter behov. Spørg på apoteket.\n")
    assert found == []
    found = run(rule, "Det er fx godt. Tag ibuprofen\nefter behov.\n")
    assert positions(found) == [(1, 21)]


# ---------------------------------------------------------------------------------------
# Slow patterns and the engine


def test_a_pattern_that_runs_too_long_raises(monkeypatch):
    # Bounded repeats pass the load check, yet 16 × 16 of them backtrack for seconds.
    (rule,) = pack(EXISTENCE.replace("'virker altid'", "'(?:a{1,16}){1,16}b'"))
    monkeypatch.setattr(declarative.compiled, "MATCH_TIMEOUT", 0.05)
    with pytest.raises(PatternTimeout, match=r"pack.yaml:9"):
        run(rule, "a" * 60 + "\n")


def test_shipped_patterns_have_no_time_limit_so_they_must_stay_fast_on_hostile_text():
    # The shipped packs run on Python's `re` without the per-passage limit that guards user
    # packs; long runs of the letters and words their patterns repeat must still be quick.
    import time

    hostile = [
        "a" * 20000,
        "altid " * 3000,
        "søg læge " * 2000 + "x",
        "ikke " * 3000 + "virker",
        "1" * 5000 + " % " + "sikker " * 2000,
        ("ibuprofen " + "og " * 50) * 200,
    ]
    slowest = 0.0
    for rule in [rule_by_selector(code) for code in ("HL501", "HL502", "HL503", "HL504")]:
        for text in hostile:
            started = time.perf_counter()
            run(rule, "## Symptomer\n\n" + text + "\n")
            slowest = max(slowest, time.perf_counter() - started)
    assert slowest < 0.5


@pytest.mark.parametrize("split", [passages._sentence_bounds, passages._simple_sentence_bounds])
def test_sentences_split_at_danish_abbreviations_and_ordinals_correctly(split):
    text = "Fx er det godt, bl.a. om den 17. maj. Ja! Hvad: nej"
    assert [text[s:e] for s, e in split(text)] == ["Fx er det godt, bl.a. om den 17. maj.", "Ja!", "Hvad:", "nej"]


# ---------------------------------------------------------------------------------------
# The shipped pack


def test_shipped_rules_are_registered_with_the_medical_tag():
    for code in ("HL501", "HL502", "HL503", "HL504"):
        rule = rule_by_selector(code)
        assert rule is not None and "medical" in rule.tags and rule.kind == "file"
    assert rule_by_selector("red-flag-advice-missing").severity is Severity.ERROR
    assert rule_by_selector("HL502").severity is Severity.WARNING
    assert rule_by_selector("HL503").severity is Severity.WARNING
    assert rule_by_selector("HL504").severity is Severity.INFO and rule_by_selector("HL504").fixable


def test_shipped_docs_have_the_house_sections():
    for code in ("HL501", "HL502", "HL503", "HL504"):
        doc = rule_by_selector(code).doc
        for section in ("**Why this matters**", "**Example**", "**Instead**", "**Fix safety**"):
            assert section in doc, (code, section)


def test_seed_article_has_no_red_flag_medication_or_claim_problem_and_two_preferred_terms():
    found = [(d.code, d.span.line, d.span.column) for d in lint_alone(SEED, select=["medical"])]
    assert sorted(found) == [("HL504", 11, 341), ("HL504", 34, 29)]
    assert all(d.severity is Severity.INFO for d in lint_alone(SEED, select=["medical"]))


def test_seed_without_its_red_flag_passages_misses_red_flag_advice(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    paragraphs = text.split("\n")
    kept = [
        line
        for line in paragraphs
        if not any(phrase in line for phrase in ("kræver akut vurdering", "Søg læge straks", "Søg akut hjælp", "søg vurdering"))
    ]
    path = tmp_path / "seed-without-red-flags.md"
    path.write_text("\n".join(kept), encoding="utf-8")
    heading = next(i for i, line in enumerate(kept, 1) if line.startswith("### Hvilke symptomer"))
    found = [(d.code, d.span.line, d.span.column) for d in lint_alone(path, select=["HL501"])]
    # The whole heading is the trigger: "Hvilke symptomer …?" introduces the reader's symptoms.
    assert found == [("HL501", heading, 5)]


def test_seed_paragraph_without_its_pharmacy_advice_is_flagged(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace(
        "men brug altid medicin efter anbefaling fra apotek eller læge, hvis du er i tvivl", "men det varierer"
    )
    path = tmp_path / "seed-without-advice.md"
    path.write_text(text, encoding="utf-8")
    # One finding per sentence: "Almindelige smertestillende midler som paracetamol eller
    # NSAID" lacks one piece of advice, at its first medicine word.
    line = next(i for i, row in enumerate(text.split("\n"), 1) if "paracetamol" in row)
    column = text.split("\n")[line - 1].index("smertestillende midler") + 1
    found = [(d.code, d.span.line, d.span.column) for d in lint_alone(path, select=["HL502"])]
    assert found == [("HL502", line, column)]


def test_crlf_file_gets_the_same_positions(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes("## Om\r\nEn tekst om\r\nisjias og mere isjias.\r\n".encode("utf-8"))
    found = [(d.code, d.span.line, d.span.column) for d in lint_alone(path, select=["HL504"])]
    assert found == [("HL504", 3, 1), ("HL504", 3, 16)]


def test_medical_examples_before_and_after():
    examples = Path(__file__).parent.parent / "examples" / "medical"
    before = sorted((d.code, d.span.line, d.span.column) for d in lint_alone(examples / "isjias-foer.md", select=["medical"]))
    assert before == [
        ("HL501", 15, 4),
        ("HL502", 20, 1),
        ("HL503", 22, 22),
        ("HL503", 22, 58),
        ("HL504", 2, 9),
        ("HL504", 3, 13),
        ("HL504", 12, 12),
        ("HL504", 13, 1),
        ("HL504", 15, 17),
        ("HL504", 17, 56),
        ("HL504", 22, 32),
    ]
    assert lint_alone(examples / "isjias-efter.md", select=["medical"]) == []


def test_shipped_packs_pass_every_check_that_run_time_skips_for_them():
    # Loading the shipped packs skips pattern validation (packs.compiled._compile); here they
    # get the full validation a user's pack gets, so a bad shipped pattern cannot slip in.
    folder = declarative.builtin_pack_dir()
    reserved = {key: rule.code for rule in python_rules() for key in (rule.code, rule.name)}
    rules = declarative.load_packs(sorted(folder.glob("*.yaml")), reserved=reserved)
    assert [rule.code for rule in rules] == ["HL501", "HL502", "HL503", "HL504"]
