"""The site profile as a real site needs it: fallback chains, fragments, noindex pages,
Danish slug titles and the site's own domains; and `healthlint serp --format json`.

The site here is "Motionsdoktoren" (motionsdoktoren.dk), invented: a glossary, exercise
pages with a description key or else the cut first paragraph, a blog whose description
comes only from its key, and text fragments for tool pages.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from healthlint.api import Options, lint_paths
from healthlint.cli import main
from healthlint.config import ConfigError, parse_config
from healthlint.site.profile import parse_profile, render, title_from_slug
from healthlint.site.widths import text_width

TODAY = date(2026, 6, 1)

CONFIG = """\
[site]
domains = ["motionsdoktoren.dk", "www.motionsdoktoren.dk"]
noindex-key = "unlisted"
slug-title = "danish"

[[site.pages]]
name = "ordbog"
glob = "ordbog/**"
url = "/ordbog/{slug}"
title = ["{metaTitle}", "{title} - hvad er {title_lower}?"]
description = { template = "Lær alt om {title_lower} - årsager, symptomer og behandling af tilstanden." }

[[site.pages]]
name = "oevelser"
glob = "traening/**"
url = "/traening/{slug}"
title = [{ key = "metaTitle" }, "{title} styrkeøvelse | Sådan gør du"]
description = [{ key = "description" }, { first-paragraph = true, max-chars = 40, suffix = "..." }]

[[site.pages]]
name = "blog"
glob = "blog/**"
url = "/blog/{slug}"
title = ["{metaTitle}", "{title} | Motionsdoktoren Blog"]
description = { key = "description" }

[[site.pages]]
name = "tekster"
glob = "tekster/**"
fragment = true
"""

DESCRIPTION = "Sådan laver du øvelsen med god teknik: udgangsstilling, bevægelse, typiske fejl og hvor mange sæt og gentagelser du skal tage."

FILES = {
    # No `title`: the site makes "Lændesmerter" from the slug, so nothing is missing.
    "ordbog/laendesmerter.md": '---\ndatePublished: "01/02/2026"\nlastUpdated: "01/03/2026"\n---\n\nLændesmerter er almindelige.\n',
    # No description key: the site cuts the first paragraph (the image above it is not prose).
    "traening/squat.md": (
        '---\ntitle: "Squat"\ndatePublished: "01/02/2026"\nlastUpdated: "01/03/2026"\n---\n\n'
        "![Squat med vægtstang](/img/squat.webp)\n\n"
        "Squat er en grundøvelse for lår, baller og ryg, som alle kan lære.\n\n"
        "Se [lændesmerter](https://www.motionsdoktoren.dk/ordbog/laendesmerter) og "
        "[iskias](https://motionsdoktoren.dk/ordbog/iskias) og [Google](https://google.com/ordbog/x).\n"
    ),
    # Unlisted: a short title and a short description are nobody's search result.
    "traening/plank.md": (
        '---\ntitle: "Plank"\nmetaTitle: "Plank"\ndescription: "Kort."\n'
        'datePublished: "01/02/2026"\nlastUpdated: "01/03/2026"\nunlisted: true\n---\n\n'
        "Plank styrker maven. Se [squat](/traening/squatt).\n"
    ),
    "blog/loeb.md": (
        '---\ntitle: "Løb om vinteren: sådan holder du motivationen og undgår skader på glat føre"\n'
        'metaTitle: "Løb"\ndatePublished: "01/02/2026"\nlastUpdated: "01/03/2026"\n---\n\nLøb er godt.\n'
    ),
    "blog/cykling.md": (
        f'---\ntitle: "Cykling"\nmetaTitle: "Cykling og knæsmerter: sådan indstiller du cyklen rigtigt"\n'
        f'description: "{DESCRIPTION}"\ndatePublished: "01/02/2026"\nlastUpdated: "01/03/2026"\n---\n\nCykling.\n'
    ),
    # A fragment: no frontmatter is no fault; its body is checked.
    "tekster/booking.md": "Book en tid hos en [fysioterapeut](/find fysioterapeut).\n",
}


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    (tmp_path / "healthlint.toml").write_text(CONFIG, "utf-8")
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(report) -> list[tuple[str, str, int, int]]:
    return [(d.path, d.code, d.span.line, d.span.column) for d in report.diagnostics]


def test_each_page_kind_is_checked_as_the_site_renders_it(site):
    report = lint_paths(["."], Options(select=["HL1", "HL2", "HL6"], ignore=["HL201", "HL204", "HL207"], today=TODAY, cache=False, jobs=1))
    assert found(report) == [
        ("blog/loeb.md", "HL203", 3, 13),  # "Løb": 3 characters
        ("blog/loeb.md", "HL205", 6, 1),  # the blog reads its description only from the key
        ("tekster/booking.md", "HL226", 1, 20),  # a fragment's links are still links
        ("traening/plank.md", "HL225", 10, 33),  # unlisted, but its links are read
        ("traening/squat.md", "HL225", 11, 84),  # https://motionsdoktoren.dk/ordbog/iskias: no such page
    ]


def test_the_fallback_chain_takes_the_first_step_that_gives_a_value(site):
    profile = parse_config({"site": _toml()["site"]}, "healthlint.toml", site).site_profile
    from healthlint.document import Document

    def page(name):
        doc = Document.from_bytes(name, (site / name).read_bytes())
        doc.rel_path = name
        return render(doc, profile)

    squat = page("traening/squat.md")
    assert (squat.title, squat.title_from_key) == ("Squat styrkeøvelse | Sådan gør du", None)
    assert (squat.description, squat.description_source) == ("Squat er en grundøvelse for lår, baller...", "first-paragraph")
    cycling = page("blog/cykling.md")
    assert (cycling.title_from_key, cycling.description_source, cycling.description) == ("metaTitle", "key", DESCRIPTION)
    glossary = page("ordbog/laendesmerter.md")
    assert glossary.title == "Lændesmerter - hvad er lændesmerter?"
    assert page("traening/plank.md").noindex is True
    booking = page("tekster/booking.md")
    assert (booking.fragment, booking.title, booking.url) == (True, None, "")


def test_slug_titles_plain_and_danish():
    assert title_from_slug("hekseskud-i-laenden", "danish") == "Hekseskud i lænden"
    assert title_from_slug("aarhus-og-oerebro", "danish") == "Århus og ørebro"
    assert title_from_slug("hekseskud-i-laenden") == "Hekseskud i laenden"


def test_a_plain_slug_title_that_loses_letters_is_reported(site):
    (site / "healthlint.toml").write_text(CONFIG.replace('slug-title = "danish"', 'slug-title = "plain"'), "utf-8")
    report = lint_paths(["ordbog/laendesmerter.md"], Options(select=["HL110"], today=TODAY, cache=False, jobs=1))
    assert found(report) == [("ordbog/laendesmerter.md", "HL110", 4, 1)]
    assert report.diagnostics[0].message == (
        "The frontmatter has no `title`: the site will make one from the file name, \"Laendesmerter\", which loses "
        "æ, ø and å (if the site puts them back, say `slug-title = \"danish\"` in its profile). Add `title:` before this line."
    )


def test_old_profile_forms_keep_working():
    old = parse_profile({"pages": [{"name": "a", "glob": "a/**", "slug-title": True, "description": {"first-paragraph": True}}]})
    assert old.kinds[0].slug_title == "plain"
    assert [step.kind for step in old.kinds[0].description] == ["first-paragraph"]
    assert parse_profile({"pages": [{"name": "a", "glob": "a/**", "slug-title": False}]}).kinds[0].slug_title == "off"


@pytest.mark.parametrize(
    ("site_table", "message"),
    [
        ({"domains": "x"}, None),  # one domain as a string is fine
        ({"domains": [""]}, "site.domains: must be a list of host names"),
        ({"slug-title": "dansk"}, 'site.slug-title: must be "plain", "danish" or "off"'),
        ({"noindex-key": 3}, "site.noindex-key: must be the name of a frontmatter key"),
        ({"pages": [{"name": "a", "glob": "a/**", "fragment": "ja"}]}, "site.pages[0].fragment: must be true or false"),
        ({"pages": [{"name": "a", "glob": "a/**", "description": [{"kee": "x"}]}]}, "site.pages[0].description[0].kee: unknown setting"),
        ({"pages": [{"name": "a", "glob": "a/**", "title": []}]}, "site.pages[0].title: must be a template string, a table"),
    ],
)
def test_profile_errors_name_the_key(site_table, message):
    from healthlint.site.profile import ProfileError

    if message is None:
        assert parse_profile(site_table).domains == ("x",)
        return
    with pytest.raises(ProfileError) as error:
        parse_profile(site_table)
    assert str(error.value).startswith(message)


def test_a_config_with_a_bad_profile_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError) as error:
        parse_config({"site": {"noindex-key": ""}}, "healthlint.toml", tmp_path)
    assert "site.noindex-key" in str(error.value)


def test_serp_json_gives_kind_url_title_and_description_per_file(site, capsys):
    code = main(["serp", ".", "--format", "json", "--base-url", "https://www.motionsdoktoren.dk"])
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    files = {item["path"]: item for item in document["files"]}
    assert document["version"] == 1 and document["placeholder_domain"] is False
    assert sorted(files) == sorted(FILES)
    squat = files["traening/squat.md"]
    assert {key: squat[key] for key in ("kind", "page", "indexed", "url", "title", "title_chars", "description_source")} == {
        "kind": "oevelser",
        "page": True,
        "indexed": True,
        "url": "https://www.motionsdoktoren.dk/traening/squat",
        "title": "Squat styrkeøvelse | Sådan gør du",
        "title_chars": 33,
        "description_source": 'cut by the site from the first paragraph (40 chars + "...")',
    }
    assert squat["title_px"] == round(text_width("Squat styrkeøvelse | Sådan gør du"), 1)
    assert (squat["title_max_px"], squat["description_max_chars"]) == (580, 156)
    assert files["ordbog/laendesmerter.md"]["title"] == "Lændesmerter - hvad er lændesmerter?"
    assert (files["traening/plank.md"]["page"], files["traening/plank.md"]["indexed"]) == (True, False)
    booking = files["tekster/booking.md"]
    assert (booking["kind"], booking["page"], booking["indexed"], booking["url"], booking["title"]) == ("tekster", False, False, None, None)


def test_serp_text_says_which_files_are_not_pages(site, capsys):
    assert main(["serp", "tekster", "traening/plank.md", "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "tekster/booking.md\n  not a page: page kind `tekster` is a fragment the site places inside other pages\n" in out
    assert "traening/plank.md\n  noindex: kept out of search results, so its result-page rules do not run\n" in out


def _toml() -> dict:
    import tomllib

    return tomllib.loads(CONFIG)
