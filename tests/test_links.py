"""Links a reader cannot follow: HL226 malformed links, HL223 dropped `related` entries,
HL224 labels that name another article, and topic matching (HL210–HL212)."""

from __future__ import annotations

from datetime import date

from healthlint.api import lint_text
from healthlint.checks.related import shares_stem
from healthlint.checks.topic import mentions
from healthlint.config import Config
from healthlint.site.profile import parse_profile

TODAY = date(2026, 6, 1)


def places(text: str, select: list[str], config: Config | None = None, path: str = "ordbog/a.md") -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in lint_text(text, path, select=select, today=TODAY, config=config)]


MALFORMED = """\
---
title: "Knæ"
---

Læs om [løberknæ](/ordbog/loeberknae og øvelser, og [knæ](/ordbog/ondt i knaeet) her.

Gode links: [ok](/ordbog/ok), [titel](/ordbog/ok "Titel"), `[kode](/x` og \\[escaped\\](/y.

| øvelse | link |
|---|---|
| squat | [squat](/traening/squat |

- punkt [liste](https://www.fysiopuls.dk/ordbog/x y)
"""


def test_malformed_links_are_found_where_they_start():
    assert places(MALFORMED, ["HL226"]) == [("HL226", 5, 8), ("HL226", 5, 53), ("HL226", 11, 11), ("HL226", 13, 9)]


def test_malformed_link_messages_name_the_fault():
    messages = [d.message for d in lint_text(MALFORMED, "a.md", select=["HL226"], today=TODAY)]
    assert messages[0] == (
        "The link `[løberknæ](/ordbog/loeberknae` has no closing `)`, so the page shows the raw Markdown instead "
        "of a link. Close the address with `)`."
    )
    assert messages[1] == (
        "The address of the link `[knæ](/ordbog/ondt i knaeet)` holds a space, so the page shows the raw Markdown "
        "instead of a link. Write the address without spaces (the page's slug uses hyphens)."
    )
    danish = lint_text(MALFORMED, "a.md", select=["HL226"], today=TODAY, config=Config(lang="da"))
    assert danish[0].message.startswith("Linket `[løberknæ](/ordbog/loeberknae` mangler sin afsluttende `)`")


RELATED = """\
---
title: "Iskias"
related:
  - {type: ordbog, slug: iskias, title: Iskiassmerter}
  - {type: ordbog, slug: iskias, title: Migræne}
  - {type: ordbog, title: Rygsmerter}
  - {type: ordbog, slug: iskias}
---

Tekst.
"""


def test_related_entries_without_slug_or_title_are_dropped_by_the_site():
    # An entry without a slug is shown at its first value; one without a title at its slug.
    assert places(RELATED, ["HL223"], path="ordbog/iskias.md") == [("HL223", 6, 12), ("HL223", 7, 26)]
    # The article links to itself here, so the labels are compared with "Iskias".
    assert places(RELATED, ["HL224"], path="ordbog/iskias.md") == [("HL224", 5, 41)]
    messages = [d.message for d in lint_text(RELATED, "ordbog/iskias.md", select=["HL223"], today=TODAY)]
    assert messages == [
        "This `related` entry has no `slug`, so the site leaves it out of the related-articles box. Add its `slug`, or remove the entry.",
        "This `related` entry has no `title`, so the site leaves it out of the related-articles box. Add its `title`, or remove the entry.",
    ]


def test_a_related_label_is_compared_by_word_stems():
    assert shares_stem("Ondt i knæet", "Knæsmerter")
    assert shares_stem("Rygøvelser", "Øvelser for ryggen")
    assert shares_stem("Hovedpine", "Spændingshovedpine - hvad er spændingshovedpine?")
    assert not shares_stem("Migræne", "Knæsmerter")
    assert not shares_stem("Bænkpres for begyndere", "Squat")


def test_topic_matching_allows_compounds_hyphens_and_inflection():
    assert mentions("Meniskskaden kan give smerter", "menisk skade")
    assert mentions("En skade på menisken", "meniskskade")
    assert mentions("Sådan laver du pull ups", "pull-ups")
    assert mentions("Smerter i lænden", "lændesmerter")
    assert not mentions("Om lumbago", "hekseskud")


TOPIC = """\
---
title: "Alt om knæet: anatomi, skader og træning"
{keyword}---

Knæet er kroppens største led.

## Opbygning
Tekst.
"""


def test_topic_rules_speak_only_when_the_writer_names_a_keyword():
    assert places(TOPIC.format(keyword=""), ["HL210", "HL211", "HL212"]) == []
    assert places(TOPIC.format(keyword='keyword: "korsbånd"\n'), ["HL210", "HL211", "HL212"]) == [
        ("HL210", 2, 9),
        ("HL211", 6, 1),
        ("HL212", 8, 4),
    ]
    assert places(TOPIC.format(keyword='keyword: "knæ"\n'), ["HL210", "HL211", "HL212"]) == [("HL212", 8, 4)]


def test_the_intro_is_the_first_prose_paragraph_not_an_image():
    text = TOPIC.format(keyword='keyword: "knæ"\n').replace("Knæet er kroppens", "![Knæ](/knae.webp)\n\nKnæet er kroppens")
    assert places(text, ["HL211"]) == []


def test_title_length_is_judged_in_pixels_first():
    profile = parse_profile({"pages": [{"name": "a", "glob": "**", "title": ["{metaTitle}"]}]})

    def codes(title: str) -> list[str]:
        text = f'---\ntitle: "x"\nmetaTitle: "{title}"\n---\n\nTekst.\n'
        return [code for code, _, _ in places(text, ["HL201", "HL202", "HL203"], Config(profile=profile))]

    assert codes("Illiotibialt friktionssyndrom i knæet: lille tilt til trit til") == ["HL201"]  # 62 characters, fits
    assert codes("Hekseskud i lænden: symptomer, årsager, behandling, øvelser og forebyggelse") == ["HL201", "HL202"]
    assert codes("Dropfod → symptomer og behandling") == []  # 33 characters: fine
    assert codes("Tennisalbue") == ["HL203"]
