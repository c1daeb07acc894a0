#!/usr/bin/env python3
"""Place misspellings in a part of the labelled site, by the rules writers' errors follow.

    python tests/realistic/inject_typos.py PART --seed N --count K [--only FILE ...] [--repeat-topic N] [--write]

Typos are not hand-picked: a seeded random choice of article, line and word, and one of the
kinds of error Danish writers make — a doubled or dropped consonant, two letters swapped, a
wrong vowel, a wrong inflection, two words run together, "á" for "à" in "3 sæt à 10", c/k/x
mixed up in a Latin-derived word. The changed word must not be a word of the dictionary
(a typo that makes another real word is not a misspelling a spelling check can find).

Without --write it prints what it would change. With --write it changes the articles and
appends one HL610 label per typo to PART.labels.tsv, naming the seed, the original and the kind.
It is run once, when a part (or a batch of articles, `--only`) is written; running it again
would add more typos. `--repeat-topic N` also misspells the subject word of N articles
everywhere it stands in their prose, as writers do when a page title is misspelt and copied.
History: seeds 14 (tuning) and 15 (hold-out) were placed by the version of 770e54c; the
repeated letter, the topic word and `--only` came with seeds 16 (tuning: --count 30 --per-file 3 --repeat-topic 1) and 17 (hold-out: --count 12 --per-file 3 --repeat-topic 3), over the articles added for spelling; seeds 18 (tuning: --count 24 --per-file 3 --repeat-topic 1)
and 19 (hold-out: --count 10 --per-file 3 --repeat-topic 1) over the vocabulary-heavy `v-` articles;
seeds 20 (tuning: --count 12 --per-file 3 --repeat-topic 1) and 21 (hold-out: --count 8 --per-file 3
--repeat-topic 1) over the `w-` articles.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORD = re.compile(r"(?<![\w/.#@-])[a-zæøå]{5,}(?![\w/@-])")
VOWELS = "aeiouyæøå"
# Parts of a line that are not prose: link targets, inline code, HTML comments, images.
NOT_PROSE = re.compile(r"\]\([^)]*\)|`[^`]*`|<!--.*?-->|!\[[^\]]*\]\([^)]*\)|https?://\S+")


def double_consonant(word: str, rng: random.Random) -> str | None:
    # Between two vowels, where Danish spelling doubles or not by rules writers mix up ("febber").
    spots = [i for i in range(1, len(word) - 1) if word[i] not in VOWELS + "hjvwx" and word[i - 1] in VOWELS and word[i + 1] in VOWELS]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[: i + 1] + word[i] + word[i + 1 :]


def drop_consonant(word: str, rng: random.Random) -> str | None:
    spots = [i for i in range(1, len(word)) if word[i] == word[i - 1] and word[i] not in VOWELS]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i + 1 :]


def swap_letters(word: str, rng: random.Random) -> str | None:
    spots = [i for i in range(1, len(word) - 2) if word[i] != word[i + 1]]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


WRONG_VOWEL = {"e": "æ", "æ": "e", "i": "e", "o": "å", "å": "o", "y": "ø", "u": "o"}


def wrong_vowel(word: str, rng: random.Random) -> str | None:
    # Inside the word: writers do not confuse the vowel of an unstressed ending ("armen").
    spots = [i for i in range(1, len(word) - 2) if word[i] in WRONG_VOWEL and word[i] != "ø"]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + WRONG_VOWEL[word[i]] + word[i + 1 :]


# Endings writers get wrong: "muskelens" for "musklens", "knæerne" for "knæene".
INFLECTIONS = [
    (r"([^e])lens$", r"\1elens"), (r"([^e])rens$", r"\1erens"), (r"ene$", "erne"), (r"erne$", "ene"),
    (r"heden$", "hedden"), (r"erer$", "ere"),
]


def wrong_inflection(word: str, rng: random.Random) -> str | None:
    options = [(p, r) for p, r in INFLECTIONS if re.search(p, word)]
    if not options:
        return None
    pattern, replacement = rng.choice(options)
    return re.sub(pattern, replacement, word)


LATIN = [("ks", "x"), ("k", "c"), ("c", "k"), ("x", "ks")]


LATIN_ROOTS = re.compile(r"kt|ks|ik|ek|ak|x|c")


def latin_letters(word: str, rng: random.Random) -> str | None:
    """Only in words of Latin or Greek origin (injektion, klinik, refleks), where c, k and x are confused."""
    if not LATIN_ROOTS.search(word):
        return None
    options = [(a, b) for a, b in LATIN if a in word[1:]]
    if not options:
        return None
    a, b = rng.choice(options)
    i = word.index(a, 1)
    return word[:i] + b + word[i + len(a) :]


def repeated_letter(word: str, rng: random.Random) -> str | None:
    """A stray key pressed twice, vowel or consonant ("smertee", "muuskel")."""
    spots = [i for i in range(1, len(word)) if word[i] != word[i - 1] and word[i] not in "hjvwx"]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[: i + 1] + word[i] + word[i + 1 :]


KINDS = {
    "doubled consonant": double_consonant,
    "dropped consonant": drop_consonant,
    "swapped letters": swap_letters,
    "wrong vowel": wrong_vowel,
    "wrong inflection": wrong_inflection,
    "c/k/x": latin_letters,
    "repeated letter": repeated_letter,
}


def prose_lines(text: str) -> list[int]:
    """Indexes of body lines a writer types as prose, headings or list items (not frontmatter, tables, code)."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    wanted, fenced = [], False
    for i in range(start, len(lines)):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced or not line.strip() or line.lstrip().startswith(("|", "<", "!")):
            continue
        wanted.append(i)
    return wanted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--only", nargs="+", default=[], help="only these files of the part")
    parser.add_argument("--per-file", type=int, default=2, help="at most this many typos per file")
    parser.add_argument("--repeat-topic", type=int, default=0, help="misspell the subject word of N articles throughout")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    from healthlint.language.dictionary import Dictionary

    words = Dictionary.load()
    rng = random.Random(args.seed)
    root = HERE / args.part
    files = sorted(p for p in root.rglob("*.md") if p.stat().st_size)
    if args.only:
        wanted = {(root / name).resolve() for name in args.only}
        files = [p for p in files if p.resolve() in wanted]
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    # Text that existing labels quote stays as it is, so every label still finds its place.
    quoted: dict[str, list[str]] = {}
    labels_path = HERE / f"{args.part}.labels.tsv"
    if labels_path.exists():
        for row in labels_path.read_text(encoding="utf-8").splitlines():
            cells = row.split("\t")
            if len(cells) > 2 and not row.startswith("#") and cells[1].startswith('"'):
                quoted.setdefault(cells[0], []).append(cells[1][1:-1])
    per_file: dict[Path, int] = {}
    labels, placed, tries = [], 0, 0
    while placed < args.count and tries < args.count * 200:
        tries += 1
        path = rng.choice(files)
        if per_file.get(path, 0) >= args.per_file:  # a writer's slips are spread thin
            continue
        lines = texts[path].splitlines(keepends=True)
        candidates = prose_lines(texts[path])
        if not candidates:
            continue
        index = rng.choice(candidates)
        line = lines[index]
        masked = NOT_PROSE.sub(lambda m: " " * len(m.group()), line)
        for text in quoted.get(path.relative_to(root).as_posix(), []):
            masked = masked.replace(text, " " * len(text))
        if " sæt à " in line and rng.random() < 0.3:
            kind, start = "á for à", line.index(" sæt à ") + 5
            original, typo = "à", "á"
        elif rng.random() < 0.07:  # a missed space
            pairs = [m for m in re.finditer(r"(?<![\w-])([a-zæøå]{3,}) ([a-zæøå]{4,})(?![\w-])", masked)]
            if not pairs:
                continue
            m = rng.choice(pairs)
            kind, start, original = "run together", m.start(), m.group()
            typo = m.group(1) + m.group(2)
            if typo in words:
                continue
        else:
            found = list(WORD.finditer(masked))
            if not found:
                continue
            m = rng.choice(found)
            original = m.group()
            if original not in words:
                continue
            kind = rng.choice(sorted(KINDS))
            typo = KINDS[kind](original, rng)
            if not typo or typo == original or typo in words:
                continue
            start = m.start()
        lines[index] = line[:start] + typo + line[start + len(original) :]
        texts[path] = "".join(lines)
        per_file[path] = per_file.get(path, 0) + 1
        placed += 1
        rel = path.relative_to(root).as_posix()
        where = typo if kind != "á for à" else "sæt á"
        labels.append(f'{rel}\t"{where}"\tHL610\ttypo (inject_typos seed {args.seed}): {original} → {typo}, {kind}')
        print(f"{rel}:{index + 1}: {original} → {typo} ({kind})")
    for path in rng.sample(files, min(args.repeat_topic, len(files))):
        text = texts[path]
        title = re.search(r'(?m)^title:\s*"?([^"\n]+)', text)
        subject = WORD.search(title.group(1).lower()) if title else None
        if subject is None or subject.group() not in words:
            continue
        original = subject.group()
        kind = "repeated topic word"
        typo = None
        for attempt in range(20):
            typo = KINDS[rng.choice(sorted(KINDS))](original, rng)
            if typo and typo != original and typo not in words:
                break
            typo = None
        if typo is None:
            continue
        rel = path.relative_to(root).as_posix()
        lines = text.splitlines(keepends=True)
        prose = set(prose_lines(text))
        pattern = re.compile(rf"(?<![\w/.#@-]){re.escape(original)}(?![\w/@-])")
        quoted_here = quoted.get(rel, [])
        for index in sorted(prose):
            line = lines[index]
            masked = NOT_PROSE.sub(lambda m: " " * len(m.group()), line)
            for text_ in quoted_here:
                masked = masked.replace(text_, " " * len(text_))
            starts = [m.start() for m in pattern.finditer(masked)]
            for start in reversed(starts):
                line = line[:start] + typo + line[start + len(original) :]
                labels.append(f'{rel}\t"{typo}"\tHL610\ttypo (inject_typos seed {args.seed}): {original} → {typo}, {kind}')
            if starts:
                print(f"{rel}:{index + 1}: {original} → {typo} ({kind}) x{len(starts)}")
            lines[index] = line
        texts[path] = "".join(lines)
        per_file[path] = per_file.get(path, 0) + 1
    if placed < args.count:
        print(f"placed only {placed} of {args.count}", file=sys.stderr)
    if args.write:
        for path, text in texts.items():
            if per_file.get(path):
                path.write_text(text, encoding="utf-8")
        with open(HERE / f"{args.part}.labels.tsv", "a", encoding="utf-8") as out:
            out.write(f"# misspellings placed by inject_typos.py --seed {args.seed} --count {args.count}\n")
            out.write("\n".join(labels) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
