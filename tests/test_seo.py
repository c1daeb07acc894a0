"""SEO rules (HL2xx) on a real site profile: rendered titles and descriptions, site-wide
duplicates and links, the seed article, single-file runs that still see the whole site."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from helpers import SEED, lint_alone

from healthlint.api import Options, lint_paths, lint_text
from healthlint.config import Config
from healthlint.site.profile import parse_profile
from healthlint.site.widths import text_width

SITE = Path(__file__).parent / "sites" / "fysio"
TODAY = date(2026, 1, 1)
ORDBOG_NOTE = (
    "Page kind `ordbog`: every meta description is the site's fixed template "
    "\"Lær alt om {title_lower} - årsager, symptomer og behandlingsmuligheder.\" (SPAN characters here, "
    "outside the 120–156 the result page shows well). Writers cannot change it; only the site's template can."
)


def options(select=("HL2",)) -> Options:
    return Options(select=list(select), today=TODAY, cache=False, jobs=1)


def found(report) -> list[tuple[str, str, int, int]]:
    return [(d.path, d.code, d.span.line, d.span.column) for d in report.diagnostics]


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """A copy of the fysio site with the seed article in its glossary, as the working folder."""
    copy = tmp_path / "fysio"
    shutil.copytree(SITE, copy)
    shutil.copy(SEED, copy / "ordbog" / "hekseskud-i-laenden.md")
    monkeypatch.chdir(copy)
    return copy


# -- the seed with the default profile ----------------------------------------------------


def test_seed_with_default_profile_only_lacks_a_description_key():
    # The default profile reads the description from `description`/`metaDescription`, which
    # the seed does not have (its site uses a fixed template: see the site tests below).
    # Its metaTitle (44 characters, 442 px), topic, intro and headings all pass.
    diagnostics = lint_alone(SEED, select=["HL2"])
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics] == [("HL205", 6, 1)]


# -- HL207: a description cut from the first paragraph -------------------------------------

FIRST_PARAGRAPH = parse_profile(
    {"pages": [{"name": "ovelser", "glob": "**", "description": {"first-paragraph": True, "max-chars": 40, "suffix": "..."}}]}
)
ARTICLE = """---
title: "Squat"
metaTitle: "Squat: sådan laver du øvelsen rigtigt og sikkert"
---

- En liste før afsnittet tæller ikke.

Squat er en **grundøvelse**, der styrker [lår](/lår), baller og ryg.

## Sådan laver du en squat
Hold ryggen rank.
"""


def test_description_preview_shows_the_cut_first_paragraph():
    diagnostics = lint_text(ARTICLE, "squat.md", config=Config(profile=FIRST_PARAGRAPH), select=["HL207"], today=TODAY)
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics] == [("HL207", 8, 1)]
    assert diagnostics[0].message == (
        "The result page description is cut from this paragraph: "
        "\"Squat er en grundøvelse, der styrker lår...\" (43 characters)."
    )


def test_description_preview_is_silent_when_the_description_is_written():
    assert lint_text(ARTICLE, "squat.md", select=["HL207"], today=TODAY) == []


# -- the fysio site ---------------------------------------------------------------------

SITE_DIAGNOSTICS = [
    ("blog/knaesmerter.md", "HL221", 2, 9),  # title "Knæsmerter" also in ordbog/knae.md
    ("blog/knaesmerter.md", "HL222", 4, 15),  # description copied from blog/kontorryg.md
    ("blog/knaesmerter.md", "HL225", 14, 105),  # /ordbog/menisk: no such article
    ("blog/kontorryg.md", "HL222", 3, 15),
    ("blog/kontorryg.md", "HL204", 4, 1),  # no metaTitle: "… | Fysfinder Blog"
    ("ordbog/albueskinnebetaendelse.md", "HL220", 2, 9),  # its fallback title is tennisalbue.md's metaTitle
    ("ordbog/albueskinnebetaendelse.md", "HL204", 3, 1),
    ("ordbog/iskias.md", "HL223", 12, 11),  # slug iskias-smerter: no such article
    ("ordbog/iskias.md", "HL223", 15, 11),  # type artikler: no such folder
    ("ordbog/iskias.md", "HL224", 22, 12),  # "Bænkpres for begyndere" names another exercise than "Squat"
    ("ordbog/iskias.md", "HL225", 26, 58),  # /ordbog/prolaps
    ("ordbog/iskias.md", "HL225", 29, 56),  # ../blog/gamle-raad.md
    ("ordbog/knae.md", "HL221", 2, 9),
    ("ordbog/tennisalbue.md", "HL220", 4, 13),
    ("styrkeoevelser/ben/squat.md", "HL207", 6, 1),  # description cut from the first paragraph
    ("styrkeoevelser/ben/squat.md", "HL225", 9, 103),  # ../../ordbog/iskia.md
]


def test_site_rules_on_the_whole_site(monkeypatch):
    monkeypatch.chdir(SITE)
    report = lint_paths(["."], options())
    assert found(report) == SITE_DIAGNOSTICS
    # Valid related entries (diskusprolaps, kontorryg, squat in a subfolder), `type: page`
    # routes, app URLs, e-mail, external links and `.md` links that resolve give nothing.
    assert report.notes == [ORDBOG_NOTE.replace("SPAN", "64–79")]


def test_site_messages_name_the_other_files(monkeypatch):
    monkeypatch.chdir(SITE)
    messages = {(d.path, d.code, d.span.line): d.message for d in lint_paths(["."], options()).diagnostics}
    assert messages[("ordbog/tennisalbue.md", "HL220", 4)] == (
        "The result page title \"Albueskinnebetændelse - hvad er albueskinnebetændelse?\" is also the title of "
        "ordbog/albueskinnebetaendelse.md. Make each title distinct."
    )
    assert messages[("blog/knaesmerter.md", "HL222", 4)] == (
        "This meta description is also used by blog/kontorryg.md. Write one for this article."
    )
    assert messages[("ordbog/iskias.md", "HL223", 15)] == (
        "`related` names type `artikler`, but the site has no folder `artikler/`; the link leads nowhere."
    )
    assert messages[("ordbog/iskias.md", "HL224", 22)] == (
        "`related` calls `styrkeoevelser/squat` \"Bænkpres for begyndere\", but that article is \"Squat\": the label names "
        "something else, so readers who click it get another article than promised. Use a label that names the target."
    )
    assert messages[("ordbog/iskias.md", "HL225", 29)] == (
        "The link `../blog/gamle-raad.md` points at `blog/gamle-raad.md`, which is not a file of the site."
    )
    assert messages[("blog/kontorryg.md", "HL204", 4)] == (
        "There is no `metaTitle`, so the result page shows the fallback \"Fem gode råd til en stærk kontorryg | "
        "Fysfinder Blog\" (52 characters, 461 px). Add a `metaTitle` if that does not fit the article."
    )


@pytest.mark.parametrize("path", sorted({d[0] for d in SITE_DIAGNOSTICS}))
def test_a_single_file_run_sees_the_whole_site(monkeypatch, path):
    # Site rules compare the one linted file with files not being linted, and report only on it.
    monkeypatch.chdir(SITE)
    report = lint_paths([path], options())
    assert found(report) == [d for d in SITE_DIAGNOSTICS if d[0] == path]
    assert report.site_files == 8


def test_a_single_file_run_from_the_cached_site_index_finds_the_same(tmp_path, monkeypatch):
    # The index keeps the other files without positions, `related:` entries or links
    # (FileFacts.context): no site rule may need them from a file it does not report on.
    from healthlint.run import site_refresh

    copy = tmp_path / "fysio"
    shutil.copytree(SITE, copy)
    monkeypatch.chdir(copy)
    paths = sorted(str(p.relative_to(copy)) for p in copy.rglob("*.md"))
    cold = {path: found(lint_paths([path], Options(today=TODAY, cache=False, jobs=1))) for path in paths}
    default_on = {(d[0], d[1]) for d in SITE_DIAGNOSTICS if d[1] not in ("HL204", "HL207")}  # notes, off by default
    assert {d[:2] for diagnostics in cold.values() for d in diagnostics} >= default_on
    warm = Options(today=TODAY, jobs=1)
    for path in paths:  # each run indexes the files it does not lint
        assert found(lint_paths([path], warm)) == cold[path]
    parsed = []
    monkeypatch.setattr(site_refresh, "facts_of", lambda shown, *rest: parsed.append(shown))
    for path in paths:
        assert found(lint_paths([path], warm)) == cold[path]
    assert parsed == []  # every other file came from the index


def test_a_single_file_run_reports_nothing_on_the_other_files(monkeypatch):
    monkeypatch.chdir(SITE)
    report = lint_paths(["ordbog/tennisalbue.md"], options(["HL220"]))
    assert found(report) == [("ordbog/tennisalbue.md", "HL220", 4, 13)]


# -- the seed in the site -----------------------------------------------------------------


def test_seed_in_the_site_passes_and_its_template_description_is_a_note(site):
    report = lint_paths(["ordbog/hekseskud-i-laenden.md"], options())
    assert found(report) == []
    # The rendered description is the fixed template, 76 characters: outside 120–156, but
    # reported once for the run, never on the article.
    assert len("Lær alt om hekseskud i lænden - årsager, symptomer og behandlingsmuligheder.") == 76
    assert report.notes == [ORDBOG_NOTE.replace("SPAN", "76")]
    title = "Hekseskud i lænden → symptomer og behandling"
    assert (len(title), round(text_width(title))) == (44, 442)


def test_template_note_needs_the_description_length_rule(site):
    report = lint_paths(["ordbog/hekseskud-i-laenden.md"], Options(select=["HL2"], ignore=["HL206"], today=TODAY, cache=False, jobs=1))
    assert report.notes == []


def test_a_title_made_from_the_slug_shows_in_the_fallback(site):
    seed = (site / "ordbog" / "hekseskud-i-laenden.md").read_text("utf-8")
    lines = seed.split("\n")
    (site / "ordbog" / "hekseskud-i-laenden.md").write_text("\n".join(l for l in lines if not l.startswith(("title:", "metaTitle:"))), "utf-8")
    report = lint_paths(["ordbog/hekseskud-i-laenden.md"], options())
    assert found(report) == [("ordbog/hekseskud-i-laenden.md", "HL204", 4, 1)]
    assert report.diagnostics[0].message == (
        "There is no `metaTitle`, so the result page shows the fallback \"Hekseskud i laenden - hvad er hekseskud "
        "i laenden?\" (50 characters, 469 px). Add a `metaTitle` if that does not fit the article."
    )


def test_links_to_files_with_danish_letters_resolve(site):
    # The Markdown parser percent-encodes link targets; `knæ.md` must still match the file.
    (site / "ordbog" / "knæ.md").write_text('---\ntitle: "Knæ"\n---\n\nKnæ.\n', "utf-8")
    (site / "ordbog" / "links.md").write_text(
        '---\ntitle: "Links"\n---\n\n[a](knæ.md) [b](/ordbog/knæ) [c](<../blog/gamle råd.md>)\n', "utf-8"
    )
    report = lint_paths(["ordbog/links.md"], options(["HL225"]))
    assert found(report) == [("ordbog/links.md", "HL225", 5, 34)]
    assert report.diagnostics[0].message == (
        "The link `../blog/gamle råd.md` points at `blog/gamle råd.md`, which is not a file of the site."
    )


# -- examples -----------------------------------------------------------------------------

EXAMPLES = Path(__file__).parent.parent / "examples" / "seo"


def test_seo_examples_before_and_after():
    before = sorted((d.code, d.span.line, d.span.column) for d in lint_alone(EXAMPLES / "frossen-skulder-foer.md"))
    assert before == [
        ("HL202", 4, 13),  # 784 px, cut after "årsager" (its 87 characters are HL201's, off by default)
        ("HL205", 7, 1),  # no description
        ("HL211", 9, 1),  # the intro does not say "frossen skulder", the `keyword`
        ("HL212", 11, 4),  # nor does any `##` heading
        ("HL226", 22, 13),  # [øvelser til skulderen](/ordbog/skulderoevelser: no closing `)`
        ("HL230", 14, 1),  # ![](skulder.jpg)
    ]
    assert lint_alone(EXAMPLES / "frossen-skulder-efter.md") == []


def test_site_profile_errors_name_the_file_and_the_key(tmp_path):
    import pytest

    from healthlint.config import ConfigError, parse_config

    page = {"name": "ordbog", "glob": "ordbog/**"}
    with pytest.raises(ConfigError) as unknown_page_key:
        parse_config({"site": {"pages": [{**page, "titel": "x"}]}}, "/p/pyproject.toml", tmp_path)
    assert str(unknown_page_key.value) == (
        "/p/pyproject.toml: `tool.healthlint.site.pages[0].titel`: unknown setting "
        "(known: description, fragment, glob, name, noindex-key, slug-title, title, url)"
    )
    with pytest.raises(ConfigError) as unknown_description_key:
        parse_config({"site": {"pages": [{**page, "description": {"kee": "description"}}]}}, "healthlint.toml", tmp_path)
    assert str(unknown_description_key.value) == (
        "healthlint.toml: `site.pages[0].description.kee`: unknown setting "
        "(known: first-paragraph, key, keys, max-chars, suffix, template)"
    )
    # Keys may be written with `_` as well as `-`.
    config = parse_config({"site": {"pages": [{**page, "slug_title": False}]}}, "healthlint.toml", tmp_path)
    assert config.site_profile.kinds[0].slug_title == "off"  # the old `false` means "off"
