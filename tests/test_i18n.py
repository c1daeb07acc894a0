"""Messages in Danish: `lang = "da"` in config or `--lang da` on the command line.

English stays the default (the other test files assert its exact text). Here: every message
has both languages with the same placeholders, every rule a Danish summary, every fixture
gives the same problems in Danish with Danish words, and the CLI and config choose the language.
"""

from __future__ import annotations

import importlib
import json
import re
import string
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, SEED

from healthlint import cli, i18n
from healthlint.api import lint_text
from healthlint.config import Config
from healthlint.ruleset.packs import RulePackError, builtin_pack_dir, parse_pack
from healthlint.ruleset.registry import RULE_MODULES, all_rules
from healthlint.run.engine import Engine

TODAY = date(2026, 1, 1)

# Modules that say something to the writer; each keeps its messages in a MESSAGES table.
MESSAGE_MODULES = (
    *[m for m in RULE_MODULES if m != "healthlint.checks.files"],
    "healthlint.dates",
    "healthlint.document",
    "healthlint.run.pipeline",
    "healthlint.run.engine",
    "healthlint.suppress",
    "healthlint.report.text",
    "healthlint.report.full",
)


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# -- completeness --------------------------------------------------------------------------


@pytest.mark.parametrize("module_name", MESSAGE_MODULES)
def test_every_message_has_english_and_danish_with_the_same_placeholders(module_name):
    table = importlib.import_module(module_name).MESSAGES
    assert table.table, module_name
    assert i18n.problems([(module_name, table)]) == []
    for message_id, templates in table.table.items():
        assert set(templates) == {"en", "da"}, message_id
        assert templates["en"] != templates["da"] or not fields(templates["en"]) and len(templates["en"]) < 4, message_id


def test_every_table_made_anywhere_is_complete():
    for name in MESSAGE_MODULES:
        importlib.import_module(name)
    assert i18n.problems() == []
    owners = {owner for owner, _ in i18n.tables()}
    assert set(MESSAGE_MODULES) <= owners


def test_the_completeness_check_finds_a_missing_language_and_a_placeholder_mismatch():
    table = i18n.Messages({"a": {"en": "{x} is wrong"}, "b": {"en": "{x} is wrong", "da": "{y} er forkert"}}, "fake")
    found = i18n.problems([("fake", table)])
    assert found == [
        "fake: 'a' has no da text",
        "fake: 'b': placeholders differ: en ['x']; da ['y']",
    ]


def test_every_rule_has_a_danish_summary():
    missing = [rule.code for rule in all_rules() if not rule.summary_da.strip()]
    assert missing == []
    same = [rule.code for rule in all_rules() if rule.summary_da == rule.summary]
    assert same == []
    assert all(rule.summary_in("en") == rule.summary for rule in all_rules())


def test_the_shipped_packs_say_every_message_and_summary_in_danish():
    for path in sorted(builtin_pack_dir().glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            assert entry.get("summary-da", "").strip(), (path.name, entry["code"])
            assert entry.get("message-da", "").strip(), (path.name, entry["code"])
            assert fields(entry["message-da"]) == fields(entry["message"]), (path.name, entry["code"])


# -- formatting ------------------------------------------------------------------------------


def test_numbers_and_plurals_read_the_danish_way():
    table = i18n.Messages({"n": {"en": "{size:,} bytes, {lix:.1f}, {m} months", "da": "{size:,} bytes, {lix:.1f}, {m:|måned|måneder}"}}, "test")
    assert table.say("en", "n", size=5_000_001, lix=47.55, m=1) == "5,000,001 bytes, 47.5, 1 months"
    assert table.say("da", "n", size=5_000_001, lix=47.55, m=1) == "5.000.001 bytes, 47,5, 1 måned"
    assert table.say("da", "n", size=12, lix=3.0, m=13) == "12 bytes, 3,0, 13 måneder"


def test_a_text_made_before_the_language_is_known_is_english_and_renders_in_danish():
    from healthlint.dates import parse_date

    problem = parse_date("31/02/2025").problem
    assert problem == "februar 2025 has 28 days, not 31"
    assert i18n.render(problem, "da") == "februar 2025 har 28 dage, ikke 31"
    import pickle

    assert pickle.loads(pickle.dumps(problem)).render("da") == "februar 2025 har 28 dage, ikke 31"


# -- every fixture in Danish -------------------------------------------------------------------

ALL_FIXTURES = sorted(FIXTURES.glob("*/*.md"))


def lint(path: Path, lang: str):
    tag = path.parent.name
    engine = Engine(Config(root=path.parent, lang=lang), today=TODAY, select=[tag])
    result = engine.lint_bytes(str(path), path.name, path.read_bytes())
    return engine.finish([result])


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_fixture_gives_the_same_problems_in_danish_with_danish_text(path):
    english = lint(path, "en")
    danish = lint(path, "da")
    assert [(d.code, d.span) for d in danish] == [(d.code, d.span) for d in english]
    for en, da in zip(english, danish):
        assert da.message != en.message, (en.code, en.message)
    # No English message, even a fragment, slipped through (quoted text is the article's or YAML's own).
    for d in danish:
        lowered = " " + re.sub(r'"[^"]*"|“[^”]*”|`[^`]*`', "", d.message.lower()) + " "
        assert not any(word in lowered for word in (" the ", " is ", " and ", " this ", " should ")), d.message


def test_engine_messages_in_danish(tmp_path):
    (tmp_path / "tom.md").write_text("  \n")
    (tmp_path / "binær.md").write_bytes(b"ab\x00cd")
    (tmp_path / "latin1.md").write_bytes("## Lænden\n\nOndt i lænden.\n".encode("cp1252"))
    (tmp_path / "ubrugt.md").write_text("Tekst her.\n<!-- healthlint-disable-next-line HL301 -->\nMere tekst.\n")
    engine = Engine(Config(root=tmp_path, lang="da"), today=TODAY, select=["HL0", "HL301"])
    messages = {}
    for path in sorted(tmp_path.iterdir()):
        result = engine.lint_bytes(str(path), path.name, path.read_bytes())
        for d in engine.finish([result]):
            messages[path.name] = d.message
    assert messages == {
        "tom.md": "Filen er tom: der er hverken frontmatter eller artikeltekst at udgive.",
        "binær.md": "Filen indeholder binære data (en NUL-byte ved byte-position 2), så den er ikke en "
        "Markdown-artikel. Tjek, at det er den rigtige fil, der er gemt med endelsen .md.",
        "latin1.md": "Filen er ikke gyldig UTF-8: byten 0xE6 ved byte-position 4 kan ikke afkodes (den ser ud til "
        "at være Latin-1/Windows-1252, hvor den byte er 'æ'). Siden ville vise ødelagte bogstaver; gem filen som UTF-8.",
        "ubrugt.md": "Denne `healthlint-disable-next-line`-kommentar (HL301) skjuler ingen problemer; fjern den, så "
        "den ikke senere skjuler et reelt problem.",
    }


def test_a_project_pack_may_give_message_da_with_the_same_placeholders():
    pack = """
rules:
  - code: HL590
    name: test-claim
    extends: existence
    level: warning
    patterns: ['virker altid']
    message: '“{match}” is a claim.'
    message-da: '“{match}” er en påstand.'
    why: Claims mislead.
"""
    rules = parse_pack(pack, "pack.yaml")
    assert rules[0].summary_da == "“…” er en påstand."
    text = "---\ntitle: Test\n---\n\nDenne øvelse virker altid.\n"
    import healthlint.ruleset.registry as registry

    check = rules[0].check
    from healthlint.document import Document
    from healthlint.ruleset.rule import RuleContext

    doc = Document("a.md", text)
    doc.rel_path = "a.md"
    for lang, expected in (("en", "“virker altid” is a claim."), ("da", "“virker altid” er en påstand.")):
        found = list(check(doc, RuleContext(options={"globs": []}, today=TODAY, lang=lang)))
        assert [v.message for v in found] == [expected]
    assert registry  # the pack is not registered: only its rule is used here

    wrong = pack.replace("'“{match}” er en påstand.'", "'Det er en påstand.'")
    with pytest.raises(RulePackError) as caught:
        parse_pack(wrong, "pack.yaml")
    assert caught.value.line == 9
    assert "`message-da` quotes none but `message` quotes {match}" in caught.value.message


# -- the command line and config ---------------------------------------------------------------


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", "--no-cache", "--today", "2026-01-01", "--format", "concise", *args])
    out, err = capsys.readouterr()
    return code, out, err


EXACT = {
    "frontmatter/dates-stale.md": (
        "HL126 `lastUpdated` er 12. oktober 2024, 14 måneder siden; sundhedsartikler bør gennemgås mindst "
        "hver 12. måned. Gennemgå rådene, og sæt `lastUpdated` til datoen for gennemgangen."
    ),
    "headings/heading-level-skipped.md": (
        'HL301 Overskriften "Øvelser mod hekseskud" går fra H2 til H4 og springer H3 over: dispositionen, '
        "som skærmlæsere og søgemaskiner følger, har et hul. Gør den til `###`, eller tilføj det manglende "
        "niveau over den."
    ),
    "tables/column-count.md": (
        "HL401 Denne række har 1 celle, overskriftsrækken har 3: siden fylder rækken op med 2 tomme celler "
        "til sidst, så hvis en `|` er faldet ud, står værdierne nu i de forkerte kolonner. Tilføj de "
        "manglende celler, eller tilføj tomme celler med vilje."
    ),
    "readability/long-word.md": (
        'HL605 "genoptræningsforløbsplanlægning" har 31 bogstaver og står 1 gang i artiklen; overvej at sige det med '
        "flere, kortere ord."
    ),
    "seo/image-missing-alt.md": (
        "HL230 Billedet `oevelse.png` har ingen alt-tekst. Beskriv, hvad det viser, i de firkantede parenteser: "
        "`![…](oevelse.png)`."
    ),
    "medical/hl503-absolute-claims.md": (
        "HL503 “helbreder” er en absolut påstand om en virkning. Behandlinger hjælper mange, ikke alle; "
        "skriv i stedet, hvad der er sandsynligt og dokumenteret, fx “hjælper ofte”, “kan lindre” eller "
        "“de fleste oplever bedring inden for …”."
    ),
    "spelling/typos.md": (
        "HL610 “Behandlng” ligner en stavefejl: det står hverken i den danske ordbog eller i ordlisterne, og et "
        "kendt ord ligger tæt på. Mente du “Behandling”? En stavefejl koster læserens tillid og er ikke det ord, "
        "folk søger på. Er det stavet, som det skal, så tilføj det: `healthlint words --add Behandlng`."
    ),
}


@pytest.mark.parametrize("fixture", sorted(EXACT))
def test_lang_da_on_the_command_line_for_each_rule_family(capsys, fixture):
    path = FIXTURES / fixture
    code, out, _ = check(capsys, "--lang", "da", "--select", path.parent.name, str(path))
    lines = out.splitlines()
    assert EXACT[fixture] in [line.split(": ", 1)[1] for line in lines if ": HL" in line]
    assert lines[-1].startswith("Tjekkede 1 fil: ")
    english_code, english, _ = check(capsys, "--select", path.parent.name, str(path))
    assert english_code == code
    assert EXACT[fixture] not in english and english.splitlines()[-1].startswith("Checked 1 file: ")


def test_the_summary_line_and_fix_hint_in_danish(capsys, tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: Test\n---\n\n## Behandling:\n\nTekst.\n\n## Mere\n\nTekst.\n")
    code = cli.main(["check", "--no-cache", "--lang", "da", "--select", "HL304,HL303", str(article)])
    out = capsys.readouterr().out
    assert code == 0
    assert "HL304 heading-trailing-punctuation [warning] [*] kan rettes" in out
    assert "Overskriften \"Behandling:\" slutter med kolon (`:`)" in out
    assert out.splitlines()[-2:] == ["Tjekkede 1 fil: 0 fejl, 1 advarsel, 0 info.", "[*] 1 kan rettes med --fix."]
    cli.main(["check", "--no-cache", "--lang", "da", "--select", "HL303", str(article)])
    assert capsys.readouterr().out == "Tjekkede 1 fil: ingen problemer fundet.\n"


def test_config_lang_da_and_the_flag_over_it(capsys, tmp_path):
    (tmp_path / "healthlint.toml").write_text('lang = "da"\n')
    (tmp_path / "tom.md").write_text("")
    code, out, _ = check(capsys, "--select", "HL0", str(tmp_path / "tom.md"))
    assert code == 0
    assert out.splitlines() == [
        f"{tmp_path / 'tom.md'}:1:1: HL005 Filen er tom: der er hverken frontmatter eller artikeltekst at udgive.",
        "Tjekkede 1 fil: 0 fejl, 1 advarsel, 0 info.",
    ]
    _, out, _ = check(capsys, "--lang", "en", "--select", "HL0", str(tmp_path / "tom.md"))
    assert out.splitlines()[-1] == "Checked 1 file: 0 errors, 1 warning, 0 infos."


def test_the_cache_keeps_each_language_apart(capsys, tmp_path):
    (tmp_path / "healthlint.toml").write_text("")
    (tmp_path / "tom.md").write_text("")
    for lang, expected in (("en", "The file is empty"), ("da", "Filen er tom"), ("en", "The file is empty")):
        cli.main(["check", "--lang", lang, "--format", "concise", "--select", "HL0", str(tmp_path / "tom.md")])
        assert expected in capsys.readouterr().out
    assert (tmp_path / ".healthlint_cache").is_dir()


def test_unknown_lang_is_a_config_error(capsys, tmp_path):
    (tmp_path / "healthlint.toml").write_text('lang = "de"\n')
    (tmp_path / "a.md").write_text("Tekst.\n")
    code, out, err = check(capsys, str(tmp_path / "a.md"))
    assert code == 2 and out == ""
    assert err == f'healthlint: config error: {tmp_path / "healthlint.toml"}: `lang`: must be "en" (English) or "da" (Danish)\n'


def test_unknown_lang_on_the_command_line_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as exited:
        cli.main(["check", "--lang", "de", str(tmp_path)])
    assert exited.value.code == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err


def test_rules_lists_danish_summaries(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["rules", "--lang", "da"]) == 0
    out = capsys.readouterr().out
    assert "HL126  stale-article" in out
    assert "Artiklen er ikke blevet gennemgået i længere tid end gennemgangsintervallet (som standard 12 måneder)." in out
    (tmp_path / "healthlint.toml").write_text('lang = "da"\n')
    assert cli.main(["rules", "--format", "json"]) == 0
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["HL504"]["summary"] == "En medicinsk term er stavet i en form, der ikke er den foretrukne (isjias for iskias)."
    assert cli.main(["rules", "--lang", "en"]) == 0
    assert "The article has not been reviewed for longer than the review interval" in capsys.readouterr().out


def test_site_rules_and_notes_in_danish(tmp_path):
    from healthlint.api import Options, lint_paths

    (tmp_path / "healthlint.toml").write_text('lang = "da"\n')
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text('---\ntitle: "Hekseskud i lænden"\n---\n\nTekst.\n')
    report = lint_paths([tmp_path], Options(select=["HL221"], cache=False, today=TODAY))
    assert [d.message for d in report.diagnostics] == [
        'Titlen "Hekseskud i lænden" bruges også af b.md. Giv hver artikel sin egen titel.',
        'Titlen "Hekseskud i lænden" bruges også af a.md. Giv hver artikel sin egen titel.',
    ]
    assert report.lang == "da"


def test_lint_text_with_a_danish_config_and_the_seed():
    found = lint_text(SEED.read_text(encoding="utf-8"), today=date(2026, 11, 28), config=Config(lang="da"), select=["HL126"])
    assert [d.message for d in found] == [
        "`lastUpdated` er 12. oktober 2025, 13 måneder siden; sundhedsartikler bør gennemgås mindst hver "
        "12. måned. Gennemgå rådene, og sæt `lastUpdated` til datoen for gennemgangen."
    ]


def test_fix_lines_and_limit_messages_in_danish(tmp_path, capsys):
    from healthlint.cli import main
    from healthlint.i18n import render
    from healthlint.run.limits import memory_message, time_message

    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "x"\ndatePublished: "7/09/2025"\nlastUpdated: "12/10/2025"\n---\n\nTekst.\n', "utf-8")
    assert main(["check", str(path), "--diff", "--lang", "da", "--select", "HL121", "--no-cache"]) == 1
    assert capsys.readouterr().err == "Ville rette 1 problem i 1 fil.\n"
    assert main(["check", str(path), "--fix", "--lang", "da", "--select", "HL121", "--no-cache", "--format", "concise"]) == 0
    assert capsys.readouterr().out.endswith("Rettede 1 problem i 1 fil.\n")
    assert render(time_message(10), "da").startswith("Tjekket af denne fil tog mere end 10 s (`time-limit`)")
    assert render(memory_message(1024), "da").startswith("Tjekket af denne fil krævede mere end 1024 MB hukommelse")
    assert str(time_message(10)).startswith("Checking this file took longer than 10 s (`time-limit`)")


def test_markdown_run_summary_in_danish(tmp_path):
    from healthlint.cli import main

    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "x"\ndatePublished: "7/09/2025"\nlastUpdated: "12/10/2025"\n---\n\nTekst.\n', "utf-8")
    summary = tmp_path / "summary.md"
    main(["check", str(path), "--lang", "da", "--select", "HL121", "--no-cache", "--format", "concise", "--summary", str(summary)])
    text = summary.read_text("utf-8")
    assert "### Problemer pr. regel" in text and "| regel | navn | alvor | problemer |" in text
    assert "### Problemer pr. artikel" in text


def test_the_fast_fill_gives_what_the_formatter_gives_for_every_message():
    import string

    from healthlint.i18n import _FORMATTERS, LANGUAGES, fill, tables

    checked = 0
    for _, messages in tables():
        for by_lang in messages.table.values():
            for lang in LANGUAGES:
                template = by_lang.get(lang)
                if template is None:  # a table some test made incomplete on purpose
                    continue
                fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name]
                params = {name: (12345 if spec else "værdi") for name, spec in fields}
                assert fill(template, lang, params) == _FORMATTERS[lang].vformat(template, (), params), template
                checked += 1
    assert checked > 200
    assert fill("{n:,} ord, {lix:.1f}", "da", {"n": 5000, "lix": 47.5}) == "5.000 ord, 47,5"
    assert fill("{n:,} ord, {lix:.1f}", "en", {"n": 5000, "lix": 47.5}) == "5,000 ord, 47.5"
    assert fill("{n:|måned|måneder}", "da", {"n": 1}) == "1 måned"
