#!/usr/bin/env python3
"""How many one-letter typos does the spelling rule's whole acceptance path still catch?

    python bench/spelling_catch.py [--show N]

The benchmark of tests/test_dictionary.py, through HL610's path instead of the Danish list
alone: the first 200 distinct words of six letters or more of the seed article that the
Danish list knows, every one-letter edit of each (drop, double, swap, any Danish letter in
place of another) that is not itself a Danish word, and the share of those the speller does
not accept (Danish compounds, the shipped medical and fitness lists with Danish endings,
bound prefixes, hyphen parts, English). `--show N` prints N of the typos it accepts, and which
path accepted them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from healthlint.document import Document  # noqa: E402
from healthlint.language.dictionary import DANISH_ALPHABET, Dictionary  # noqa: E402
from healthlint.language.tokenize import words  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed-article.md"


def one_letter_typos(word: str) -> set[str]:
    found = set()
    for i in range(len(word)):
        found.add(word[:i] + word[i + 1 :])
        found.add(word[:i] + word[i] + word[i:])
        if i + 1 < len(word) and word[i] != word[i + 1]:
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        found.update(word[:i] + letter + word[i + 1 :] for letter in DANISH_ALPHABET if letter != word[i])
    return found


def typos(danish: Dictionary) -> list[str]:
    sample: list[str] = []
    for word in words(Document(str(SEED), SEED.read_text(encoding="utf-8"))):
        lower = word.text.lower()
        if len(lower) >= 6 and lower.isalpha() and lower not in sample and danish.known(lower):
            sample.append(lower)
    found = set()
    for word in sample[:200]:
        found.update(typo for typo in one_letter_typos(word) if not danish.known(typo))
    return sorted(found)


def shipped_speller():
    from healthlint.checks.spelling import _lists

    return _lists((), (), ())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    speller = shipped_speller()
    edits = typos(speller.danish)
    accepted = [typo for typo in edits if speller.knows(typo)]
    print(f"{len(edits)} one-letter typos; accepted {len(accepted)}; caught {100 * (1 - len(accepted) / len(edits)):.2f} %")
    for typo in accepted[: args.show]:
        paths = [
            name
            for name, test in (
                ("compound", speller.danish.is_compound),
                ("vocabulary", speller._in_vocabulary),
                ("prefix", speller._prefixed),
                ("english", speller._english_known),
                ("mixed", speller._mixed_compound),
            )
            if test(typo)
        ]
        print(f"  {typo}: {', '.join(paths)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
