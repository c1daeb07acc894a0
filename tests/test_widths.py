"""Title widths against Chromium's measurements, and cutting titles as a result page does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from healthlint.document import Document
from healthlint.site.widths import text_width, truncate

DATA = Path(__file__).parent / "data"
CHROMIUM = json.loads((DATA / "chromium_widths.json").read_text(encoding="utf-8"))
MEASUREMENTS = CHROMIUM["measurements"]
SEED_META_TITLE = "Hekseskud i lænden → symptomer og behandling"


def test_fixture_covers_danish_titles():
    texts = "".join(m["text"] for m in MEASUREMENTS)
    assert len(MEASUREMENTS) >= 30
    for ch in "æøåÆØÅé–—→’|?:,0123456789":
        assert ch in texts, ch
    assert "Liberation Sans" in CHROMIUM["font"]


@pytest.mark.parametrize("measured", MEASUREMENTS, ids=[m["text"] for m in MEASUREMENTS])
def test_width_matches_chromium(measured):
    allowed = max(1.0, 0.01 * measured["px"])
    assert text_width(measured["text"]) == pytest.approx(measured["px"], abs=allowed)


def test_width_matches_chromium_to_a_layout_unit():
    # Chromium lays text out in 1/64 px; the table should agree to that, not just to 1 %.
    worst = max(abs(text_width(m["text"]) - m["px"]) for m in MEASUREMENTS)
    assert worst < 1 / 32


def test_seed_meta_title_width():
    seed = Document(str(DATA / "seed-article.md"), (DATA / "seed-article.md").read_text("utf-8"))
    meta_title = seed.frontmatter.fields["metaTitle"].value
    assert meta_title == SEED_META_TITLE
    assert text_width(meta_title) == 442.4609375


def test_width_scales_with_size():
    assert text_width(SEED_META_TITLE, size=10) == 442.4609375 / 2
    assert text_width("") == 0.0


def test_single_characters():
    assert text_width(" ") == 5.556640625
    assert text_width("æ") == 17.783203125
    assert text_width("→") == 20.0
    assert text_width("æ") > text_width("a")


def test_decomposed_letters_measure_like_composed_ones():
    assert text_width("Ide\u0301er") == text_width("Idéer")
    assert text_width("la\u030aren") == text_width("låren")


def test_characters_outside_the_table_count_one_em():
    base = text_width("Knæ ")
    assert text_width("Knæ 😀") == base + 20.0
    assert text_width("Knæ 膝") == base + 20.0
    assert text_width("😀", size=10) == 10.0


def test_invisible_characters_have_no_width():
    word = text_width("træning")
    for invisible in ("\u00ad", "\u200b", "\u200d", "\ufeff", "\u2060", "\x07"):
        assert text_width(f"træ{invisible}ning") == word, repr(invisible)
    # A combining mark with no precomposed letter still adds nothing.
    assert text_width("q\u0301") == text_width("q")


def test_truncate_keeps_a_title_that_fits():
    assert truncate(SEED_META_TITLE, 600) == SEED_META_TITLE
    assert truncate(SEED_META_TITLE, 442.4609375) == SEED_META_TITLE


def test_truncate_cuts_after_the_last_whole_word_that_fits():
    with_og = "Hekseskud i lænden → symptomer og..."
    assert truncate(SEED_META_TITLE, text_width(with_og)) == with_og
    assert truncate(SEED_META_TITLE, text_width(with_og) - 0.01) == "Hekseskud i lænden → symptomer..."
    assert truncate(SEED_META_TITLE, 300) == "Hekseskud i lænden..."


def test_truncate_drops_a_dangling_separator():
    title = "Tennisalbue | Fysfinder Blog"
    assert truncate(title, 200) == "Tennisalbue..."
    assert truncate("Iskias: Smerter i ballen", 140) == "Iskias..."


def test_truncate_with_another_ellipsis():
    assert truncate(SEED_META_TITLE, 300, ellipsis=" …") == "Hekseskud i lænden …"


def test_truncate_cuts_a_word_too_wide_on_its_own():
    assert truncate("Donaudampfschiffahrtsgesellschaft", 100) == "Donauda..."


def test_truncate_when_not_even_the_ellipsis_fits():
    assert truncate(SEED_META_TITLE, 16) == ""
    assert truncate(SEED_META_TITLE, 16.669921875) == "..."


@pytest.mark.slow  # property-based
@given(
    st.sampled_from([m["text"] for m in MEASUREMENTS]),
    st.floats(min_value=0, max_value=800, allow_nan=False),
)
def test_truncate_never_exceeds_the_width(title, max_px):
    shown = truncate(title, max_px)
    assert text_width(shown) <= max_px
    if shown != title and shown:
        assert shown.endswith("...")
        assert title.startswith(shown[:-3])
