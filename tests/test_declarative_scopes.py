"""The pack format's finer tools: `all` groups in one sentence, a sentence with its list,
`within: sentence`, alternative messages, exceptions on conditional rules, `not-in` (myths,
FAQ, questions), `once-per`, `report: each-match`, image alt text, `default` and `examples`."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from healthlint.document import Document
from healthlint.ruleset.packs import RulePackError, parse_pack
from healthlint.ruleset.registry import all_rules
from healthlint.ruleset.rule import RuleContext


def rule_of(text: str):
    (rule,) = parse_pack(textwrap.dedent(text), "pack.yaml")
    return rule


def run(rule, body: str, lang: str = "en"):
    # An example that starts with frontmatter is a whole article (a rule that reads the title).
    text = textwrap.dedent(body)
    doc = Document("article.md", text if text.startswith("---\n") else '---\ntitle: "Knæ"\n---\n\n' + text)
    doc.rel_path = "article.md"
    return list(rule.check(doc, RuleContext(options=dict(rule.options), today=date(2026, 1, 1), lang=lang)))


def found(rule, body: str, lang: str = "en"):
    return [(v.span.line, v.span.column, v.message) for v in run(rule, body, lang)]


URGENT = """\
rules:
  - code: HL591
    name: test-urgent
    extends: conditional
    level: error
    message: "“{match}”: no urgent advice."
    message-da: "“{match}”: intet akut råd."
    why: Readers need it.
    scope: heading
    if: ['symptomer']
    within: article
    then-scope: sentence
    then:
      - all:
          - ['søg', 'kontakt', 'ring']
          - ['læge', 'hjælp', '112']
          - ['straks', 'omgående', 'feber']
    alternatives:
      - found: ['læge']
        message: "“{match}”: only routine advice."
        message-da: "“{match}”: kun et rutineråd."
"""


def test_all_groups_must_match_in_one_sentence():
    rule = rule_of(URGENT)
    assert found(rule, "## Symptomer\n\nSøg omgående hjælp ved feber.\n") == []
    # Action, care and urgency spread over two sentences are not one piece of advice.
    assert found(rule, "## Symptomer\n\nSøg hjælp hos os. Det haster omgående.\n") == [(5, 4, "“Symptomer”: no urgent advice.")]


def test_a_sentence_ending_in_a_colon_reads_with_its_list():
    rule = rule_of(URGENT)
    body = "## Symptomer\n\nHar du ondt. Kontakt straks din læge, hvis du får:\n\n- feber\n- lammelser\n"
    assert found(rule, body) == []


def test_an_alternative_message_says_what_the_article_has_instead():
    rule = rule_of(URGENT)
    body = "## Symptomer\n\nKontakt din læge, hvis det ikke går over efter nogle uger.\n"
    assert found(rule, body) == [(5, 4, "“Symptomer”: only routine advice.")]
    assert found(rule, body, lang="da") == [(5, 4, "“Symptomer”: kun et rutineråd.")]
    assert found(rule, "## Symptomer\n\nDet gør ondt.\n", lang="da") == [(5, 4, "“Symptomer”: intet akut råd.")]


MEDICINE = """\
rules:
  - code: HL592
    name: test-medicine
    extends: conditional
    level: warning
    message: "“{match}” without advice."
    why: Doses differ.
    if: ['ibuprofen', 'kortison\\w*']
    exceptions: ['kortisoninjektion\\w*']
    within: section
    report: each-match
    then: ['spørg (?:\\w+ ){0,3}(?:læge|apotek)\\w*']
"""


def test_conditional_exceptions_and_one_finding_per_section_and_match():
    rule = rule_of(MEDICINE)
    body = (
        "## Behandling\n\nIbuprofen hjælper. Tag ibuprofen igen i morgen. Kortison virker også.\n\n"
        "En kortisoninjektion gives af lægen.\n\n## Mere\n\nIbuprofen igen.\n"
    )
    assert [(line, column) for line, column, _ in found(rule, body)] == [(7, 1), (7, 49), (13, 1)]


def test_within_sentence_needs_sentence_scopes():
    with pytest.raises(RulePackError) as caught:
        rule_of(MEDICINE.replace("within: section", "within: sentence"))
    assert caught.value.line == 10
    assert "`within: sentence` needs `scope: sentence` and `then-scope: sentence`" in caught.value.message


def test_within_sentence_pairs_trigger_and_answer_in_the_same_sentence():
    text = MEDICINE.replace("within: section", "within: sentence\n    scope: sentence\n    then-scope: sentence")
    rule = rule_of(text)
    body = "Tag ibuprofen, men spørg på apoteket først. Ibuprofen kan også give mavesår.\n"
    assert [(line, column) for line, column, _ in found(rule, body)] == [(5, 45)]


CLAIM = """\
rules:
  - code: HL593
    name: test-claim
    extends: existence
    level: warning
    message: "“{match}” is a claim."
    why: Claims mislead.
    scope: body
    not-in: [myths, questions]
    once-per: section
    patterns: ['helbreder', 'virker altid']
"""


def test_not_in_myths_and_questions_and_once_per_section():
    rule = rule_of(CLAIM)
    body = (
        "## Kan motion helbreder noget?\n\nHelbreder motion alt, og virker altid godt? Nej. Motion virker altid.\n"
        "Det virker altid.\n\n## 5 myter om ryggen\n\n### Myte: Hvile helbreder\n\nHvile helbreder alt.\n\n"
        "## Fakta\n\nTræning helbreder.\n"
    )
    # The question heading and sentence ask; the myths section refutes; line 8 repeats line 7.
    assert [(line, column) for line, column, _ in found(rule, body)] == [(7, 57), (18, 9)]


def test_an_image_alt_text_is_not_prose():
    rule = rule_of(CLAIM.replace("    not-in: [myths, questions]\n", ""))
    assert found(rule, "![Pillen virker altid](/img/pille.webp) Men intet andet.\n") == []
    assert found(rule, "Se [det, der virker altid](/side) her.\n") == [(5, 14, "“virker altid” is a claim.")]


def test_default_off_and_examples_are_read_and_checked():
    text = CLAIM + "    default: false\n    examples:\n      - bad: 'Træning helbreder alt.'\n      - good: 'Kan træning helbreder noget?'\n"
    rule = rule_of(text)
    assert rule.default is False
    assert rule.examples == (("bad", "Træning helbreder alt."), ("good", "Kan træning helbreder noget?"))
    with pytest.raises(RulePackError) as caught:
        rule_of(CLAIM + "    examples:\n      - ugly: 'x'\n")
    assert caught.value.message == "an example is one `bad: …` or `good: …` passage"
    with pytest.raises(RulePackError) as caught:
        rule_of(CLAIM + "    default: maybe\n")
    assert caught.value.message == "`default` must be true or false"


def test_a_reason_to_be_off_turns_a_pack_rule_off_and_is_said():
    rule = rule_of(CLAIM + "    why-off: >-\n      under its target\n      of 95 %.\n    why-off-da: under sit mål.\n")
    assert rule.default is False
    assert (rule.off_reason("en"), rule.off_reason("da")) == ("under its target of 95 %.", "under sit mål.")
    with pytest.raises(RulePackError) as caught:
        rule_of(CLAIM + "    why-off-da: under sit mål.\n")
    assert caught.value.message == "`why-off-da` needs `why-off`"


def test_all_needs_two_groups_and_unknown_section_kinds_are_refused():
    with pytest.raises(RulePackError) as caught:
        rule_of(URGENT.replace("          - ['læge', 'hjælp', '112']\n          - ['straks', 'omgående', 'feber']\n", ""))
    assert caught.value.message == "`all` in `then` needs at least two groups of patterns"
    with pytest.raises(RulePackError) as caught:
        rule_of(CLAIM.replace("[myths, questions]", "[myths, footnotes]"))
    assert caught.value.message == "`not-in` must be one of myths, faq, questions, not `footnotes`"


PACK_EXAMPLES = [(rule, which, body) for rule in all_rules() for which, body in rule.examples]


@pytest.mark.parametrize("rule, which, body", PACK_EXAMPLES, ids=[f"{r.code}-{w}-{i}" for i, (r, w, _) in enumerate(PACK_EXAMPLES)])
def test_every_pack_example_does_what_it_says(rule, which, body):
    codes = [v for v in run(rule, body + "\n")]
    assert bool(codes) is (which == "bad"), (rule.code, which, body)


def test_unless_turns_a_rule_off_for_an_article_named_so():
    rule = rule_of(URGENT.replace("    within: article\n", "    within: article\n    unless:\n      scope: title\n      patterns: ['anatomi']\n"))
    body = "## Symptomer\n\nDet gør ondt.\n"
    doc = Document("a.md", '---\ntitle: "Knæet anatomi og fysiologi"\n---\n\n' + body)
    doc.rel_path = "a.md"
    assert list(rule.check(doc, RuleContext(options=dict(rule.options), today=date(2026, 1, 1)))) == []
    assert found(rule, body) == [(5, 4, "“Symptomer”: no urgent advice.")]
    with pytest.raises(RulePackError) as caught:
        rule_of(URGENT.replace("    within: article\n", "    within: article\n    unless:\n      scope: title\n"))
    assert caught.value.message == "`unless` needs `scope` and `patterns`, and nothing else"
