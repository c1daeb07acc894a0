"""Build healthlint's English word list from the one pyspellchecker ships.

    python tools/build_english_words.py [--min-count N]   # writes src/healthlint/language/data/en_words.txt.gz

pyspellchecker (a dependency, MIT) ships `spellchecker/resources/en.json.gz`: 160,572 English
words with their counts in OpenSubtitles. Loading it as pyspellchecker does costs about 1.2 s
and 35 MB per process, too much for a pre-commit hook, so healthlint keeps the same words in
the form of its Danish list: sorted, one per line, gzipped, mapped from the user's cache and
opened only when a word is unknown in Danish.

Kept: lowercase words of letters (an inner apostrophe allowed: `runner's`) seen at least
--min-count times. The count filter was measured (bench/spelling_catch.py): every word of the
list is a word the spelling rule can no longer flag, and rare subtitle words include Danish
typos (`laevs`-like letter salads are rare, short English words that are one letter from a
Danish word are not).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_dictionary import write  # noqa: E402  (same file form as the Danish list)

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "src/healthlint/language/data/en_words.txt.gz"


def english_words(min_count: int) -> set[str]:
    import spellchecker

    source = Path(spellchecker.__file__).resolve().parent / "resources" / "en.json.gz"
    counts = json.loads(gzip.decompress(source.read_bytes()))
    return {
        word
        for word, count in counts.items()
        if count >= min_count and word.replace("'", "").isalpha() and word.isascii() and word == word.lower() and len(word) >= 2
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-count", type=int, default=50)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    words = english_words(args.min_count)
    data = write(words, args.output)
    print(f"{len(words)} words, {len(data)} bytes, {args.output.stat().st_size} bytes gzipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
