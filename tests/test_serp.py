"""The search-result preview: exact output for the seed in the fysio site, cuts by pixels and
characters, limits from config, plain text without a terminal, content escapes never raw."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SEED

from healthlint.api import Options, PathNotFound
from healthlint.site.serp import cut_description, render_serp

SITE = Path(__file__).parent / "sites" / "fysio"
WIDE = "TENNISALBUE I ALBUEN: SYMPTOMER, ÅRSAGER, BEHANDLING"  # 52 characters, 626 px
LONG = (
    "Tennisalbue giver smerter på ydersiden af albuen. Læs om symptomer, årsager, øvelser og hvornår en "
    "fysioterapeut kan hjælpe dig videre, og om bandager, is og træning."
)  # 166 characters


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    copy = tmp_path / "fysio"
    shutil.copytree(SITE, copy)
    shutil.copy(SEED, copy / "ordbog" / "hekseskud-i-laenden.md")
    monkeypatch.chdir(copy)
    return copy


def write(path: Path, frontmatter: str, body: str = "Tekst.\n") -> None:
    path.write_text(f"---\n{frontmatter}\n---\n\n{body}", "utf-8")


def test_seed_in_the_site(site):
    assert render_serp(["ordbog/hekseskud-i-laenden.md"], Options(), color=False) == (
        "ordbog/hekseskud-i-laenden.md\n"
        "  https://example.dk/ordbog/hekseskud-i-laenden\n"
        "  Hekseskud i lænden → symptomer og behandling\n"
        "  Lær alt om hekseskud i lænden - årsager, symptomer og behandlingsmuligheder.\n"
        "  title 442 px / 580 px · 44 chars · from metaTitle\n"
        "  description 76 chars / 156 chars · fixed template of page kind `ordbog`\n"
        "\n"
        "URLs are shown on the placeholder domain https://example.dk.\n"
    )


def test_the_sites_address_replaces_the_placeholder(site):
    text = render_serp(["ordbog/hekseskud-i-laenden.md"], Options(), color=False, base_url="https://www.fysfinder.dk/")
    assert text.splitlines()[1] == "  https://www.fysfinder.dk/ordbog/hekseskud-i-laenden"
    assert "placeholder" not in text


def test_a_folder_previews_each_article_in_path_order(site):
    text = render_serp(["styrkeoevelser", "blog"], Options(), color=False)
    heads = [line for line in text.splitlines() if line and not line.startswith(" ") and not line.startswith("URLs")]
    assert heads == ["blog/knaesmerter.md", "blog/kontorryg.md", "styrkeoevelser/ben/squat.md"]
    squat = text.split("styrkeoevelser/ben/squat.md\n", 1)[1].splitlines()
    assert squat[:5] == [
        "  https://example.dk/styrkeoevelser/squat",
        "  Squat: sådan laver du øvelsen rigtigt og sikkert",
        "  Squat er en grundøvelse, der styrker lår, baller og ryg, og som du kan lave med eller uden vægt. "
        "Stå med fødderne i skulderbreddes afstand, og sænk...",
        "  title 416 px / 580 px · 48 chars · from metaTitle",
        "  description 160 chars / 156 chars · cut after 147 chars · cut by the site from the first paragraph "
        "(157 chars + \"...\")",
    ]


def test_title_cut_by_pixels_and_description_by_characters(site):
    write(site / "blog" / "bred.md", f'title: "Tennisalbue"\nmetaTitle: "{WIDE}"\ndescription: "{LONG}"')
    lines = render_serp(["blog/bred.md"], Options(), color=False).splitlines()
    assert lines[1:6] == [
        "  https://example.dk/blog/bred",
        "  TENNISALBUE I ALBUEN: SYMPTOMER, ÅRSAGER...",
        "  Tennisalbue giver smerter på ydersiden af albuen. Læs om symptomer, årsager, øvelser og hvornår en "
        "fysioterapeut kan hjælpe dig videre, og om bandager, is...",
        "  title 626 px / 580 px · 52 chars · cut after 40 chars · from metaTitle",
        "  description 166 chars / 156 chars · cut after 154 chars · from description",
    ]


def test_limits_come_from_the_rule_options_in_config(site):
    config = site / "pyproject.toml"
    config.write_text(
        config.read_text("utf-8")
        + "\n[tool.healthlint.rules.meta-title-too-wide]\nmax-px = 400\n"
        + "\n[tool.healthlint.rules.meta-description-length]\nmax-chars = 60\n",
        "utf-8",
    )
    lines = render_serp(["ordbog/hekseskud-i-laenden.md"], Options(), color=False).splitlines()
    assert lines[2:6] == [
        "  Hekseskud i lænden → symptomer og...",
        "  Lær alt om hekseskud i lænden - årsager, symptomer og...",
        "  title 442 px / 400 px · 44 chars · cut after 33 chars · from metaTitle",
        "  description 76 chars / 60 chars · cut after 53 chars · fixed template of page kind `ordbog`",
    ]


def test_missing_description_and_fallback_title(site):
    write(site / "blog" / "uden.md", 'title: "Ondt i nakken"')
    lines = render_serp(["blog/uden.md"], Options(), color=False).splitlines()
    assert lines[1:6] == [
        "  https://example.dk/blog/uden",
        "  Ondt i nakken | Fysfinder Blog",
        "  (no meta description)",
        "  title 268 px / 580 px · 30 chars · fallback `{title} | Fysfinder Blog`",
        "  description none · no `description` in the frontmatter: the search engine writes its own snippet",
    ]


def test_unreadable_file_and_broken_frontmatter(site):
    (site / "blog" / "utf16.md").write_bytes("---\ntitle: x\n---\n".encode("utf-16"))
    (site / "blog" / "brudt.md").write_text("---\ntitle: [\n---\n\nTekst.\n", "utf-8")
    lines = render_serp(["blog/utf16.md", "blog/brudt.md"], Options(), color=False).splitlines()
    assert lines[0] == "blog/brudt.md"
    assert lines[1] == (
        "  The frontmatter does not parse (line 3), so this preview uses only the file name and the site's "
        "fallbacks. Run `healthlint check` for the error."
    )
    assert lines[3] == "  Brudt | Fysfinder Blog"  # the title the site makes from the slug
    assert lines[8] == "blog/utf16.md"
    assert lines[9].startswith("  The file looks like UTF-16, not UTF-8")


def test_a_missing_path_is_a_usage_error(site):
    with pytest.raises(PathNotFound):
        render_serp(["ordbog/findes-ikke.md"], Options(), color=False)


# -- the terminal -------------------------------------------------------------------------


def test_plain_text_when_output_is_not_a_terminal(site):
    # Under pytest standard output is captured, not a terminal: colour=None means plain.
    assert "\x1b" not in render_serp(["ordbog/hekseskud-i-laenden.md"], Options())


def test_colour_on_a_terminal(site):
    text = render_serp(["ordbog/hekseskud-i-laenden.md"], Options(), color=True)
    assert "\x1b[1;34m  Hekseskud i lænden → symptomer og behandling\x1b[0m" in text
    assert "\x1b[32m442 px / 580 px\x1b[0m" in text


@pytest.mark.parametrize("color", [False, True])
def test_escape_sequences_in_content_never_reach_the_terminal(site, color):
    # YAML's "\e" is a real ESC; U+202E reverses the text that follows on screen.
    write(site / "blog" / "ond.md", 'title: "Ond"\nmetaTitle: "Ond\\e]0;pwned\\a titel\\e[31m rød\\u202e"\ndescription: "Klik\\e[2J her"')
    text = render_serp(["blog/ond.md"], Options(), color=color)
    for raw in ("\x1b]0;", "\x07", "\x1b[31m", "\x1b[2J", "\u202e"):
        assert raw not in text
    assert "Ond\\u001b]0;pwned\\u0007 titel\\u001b[31m rød\\u202e" in text
    assert "Klik\\u001b[2J her" in text


def test_description_cut_at_a_word_within_the_limit():
    assert cut_description(LONG[:156], 156) == LONG[:156]
    assert cut_description("en to tre", 6) == "en to..."  # "en to " ends at a space: whole words
    assert cut_description("en to tre", 7) == "en to..."  # "t" of "tre" would be half a word
    assert cut_description("smerte, is - varme", 12) == "smerte, is..."
    assert cut_description("smerte, is - varme", 13) == "smerte, is..."  # no dangling " -" before "..."
    assert cut_description("albueskinnebetændelse", 10) == "albueskinn..."  # one long word is cut inside


def test_importing_the_module_does_not_load_rich():
    code = "import sys, healthlint.site.serp; print('rich' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_serp_command_through_the_cli(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "examples"
    run = subprocess.run(
        [sys.executable, "-m", "healthlint", "serp", str(examples / "ordbog" / "tennisalbue.md"), "--base-url", "https://www.fysfinder.dk"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert lines[1:5] == [
        "  https://www.fysfinder.dk/ordbog/tennisalbue",
        "  Tennisalbue: symptomer, årsager og behandling",
        "  Lær alt om tennisalbue - årsager, symptomer og behandlingsmuligheder.",
        "  title 429 px / 580 px · 45 chars · from metaTitle",
    ]
    missing = subprocess.run([sys.executable, "-m", "healthlint", "serp", str(tmp_path / "nope.md")], capture_output=True, text=True)
    assert missing.returncode == 2
