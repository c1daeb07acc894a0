"""LIX (läsbarhetsindex, Björnsson 1968) for Danish prose.

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters. Words and sentences come from `language.tokenize`: Danish abbreviations do not end
a sentence, `:` does, numbers such as `24–48` are not words, and each table cell and list
item is its own unit. Headings are not prose and are not counted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, NamedTuple

from healthlint.diagnostic import Span
from healthlint.language.tokenize import ProseUnit, Sentence, prose_units

if TYPE_CHECKING:
    from healthlint.document import Document, Heading

# (lower bound, Danish label, English label); the usual Danish bands.
BANDS = (
    (55.0, "meget svær", "very hard"),
    (45.0, "svær", "hard"),
    (35.0, "middel", "medium"),
    (25.0, "let", "easy"),
    (float("-inf"), "meget let", "very easy"),
)


class Lix(NamedTuple):
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float | None:
        """None when there is nothing to measure (no word or no sentence)."""
        if not self.words or not self.sentences:
            return None
        return self.words / self.sentences + 100.0 * self.long_words / self.words

    @property
    def band(self) -> str | None:
        """The Danish band: meget let, let, middel, svær or meget svær."""
        value = self.value
        return None if value is None else band(value)

    def __add__(self, other: "Lix") -> "Lix":
        return Lix(self.words + other.words, self.sentences + other.sentences, self.long_words + other.long_words)


class SectionLix(NamedTuple):
    heading: "Heading | None"  # None for the text before the first heading
    span: Span  # from the heading (or first prose) to the section's last prose
    lix: Lix


class UnitLix(NamedTuple):
    unit: ProseUnit
    lix: Lix


def band(value: float, english: bool = False) -> str:
    for lower, danish, english_label in BANDS:
        if value >= lower:
            return english_label if english else danish
    raise AssertionError("unreachable")


def lix_of_sentences(sentences: Iterable[Sentence]) -> Lix:
    words = sentence_count = long_words = 0
    for sentence in sentences:
        if not sentence.words:
            continue  # a number-only cell or item (`3`, `60 sek.` is not): no words, no sentence
        sentence_count += 1
        words += len(sentence.words)
        long_words += sentence.long_words  # counted by the tokenizer (> LONG_WORD_LETTERS)
    return Lix(words, sentence_count, long_words)


def lix_of_units(units: Iterable[ProseUnit]) -> Lix:
    return lix_of_sentences(sentence for unit in units for sentence in unit.sentences)


def article_lix(doc: "Document") -> Lix:
    """The whole body's prose: paragraphs, list items and table cells."""
    return lix_of_units(prose_units(doc))


def unit_lix(doc: "Document", kinds: Iterable[str] = ("paragraph", "list_item")) -> tuple[UnitLix, ...]:
    """LIX of each paragraph (and list item); table cells are too short to score alone."""
    wanted = frozenset(kinds)
    return tuple(UnitLix(unit, lix_of_units([unit])) for unit in prose_units(doc) if unit.kind in wanted)


def section_lix(doc: "Document", max_level: int = 3) -> tuple[SectionLix, ...]:
    """LIX per section; a section runs from a heading of level ≤ `max_level` (`##`, `###`)
    to the next such heading. Sections without prose are left out."""
    headings = [heading for heading in doc.headings if heading.level <= max_level]
    groups: list[tuple["Heading | None", list[ProseUnit]]] = [(None, [])]
    groups.extend((heading, []) for heading in headings)
    starts = [heading.line for heading in headings]
    for unit in prose_units(doc):
        index = _section_index(starts, unit.span.line)
        groups[index][1].append(unit)
    found = []
    for heading, units in groups:
        if not units:
            continue
        first = heading.span if heading is not None else units[0].span
        last = units[-1].span
        span = Span(first.line, first.column, last.end_line, last.end_column)
        found.append(SectionLix(heading, span, lix_of_units(units)))
    return tuple(found)


def _section_index(starts: list[int], line: int) -> int:
    import bisect

    return bisect.bisect_right(starts, line)
