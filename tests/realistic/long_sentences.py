#!/usr/bin/env python3
"""An independent count of long sentences and paragraphs, to label HL603 and HL604.

    python tests/realistic/long_sentences.py PART [--words 25] [--paragraph-words 120]

Prints `path<TAB>"first words"<TAB>HL603<TAB>N words` for every sentence of more than 25
words, and the same with HL604 for paragraphs of more than 120 words, counted with none of
healthlint's code: a sentence ends at . ! or ? followed by a space and a capital letter or
digit, except after a known abbreviation; a word is a run of letters or digits. Its output
is read by a person before it becomes a label: a list item or table cell is its own unit,
and a heading is not prose.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ABBREVIATIONS = {
    "ca", "evt", "pga", "kr", "sek", "min", "inkl", "ekskl", "dvs", "fx", "f.eks", "bl.a", "m.fl", "mht", "ift",
    "nr", "pkt", "jf", "el", "osv", "etc", "mm", "cm", "kg", "n", "m", "mm", "lig", "art", "nn", "ligg", "t", "ds",
    "dr", "st", "gl", "vs", "ref", "iflg", "vha", "bl", "f", "a", "e", "eng", "lat", "prof",
}
END = re.compile(r"(?<=[.!?])[\"”')]*\s+(?=[\"“(]*[A-ZÆØÅ0-9])")
WORD = re.compile(r"[\wæøåÆØÅ]+(?:[-'’][\wæøåÆØÅ]+)*")


def body_units(text: str):
    """(first line number, text) of each paragraph, list item and table cell of the body."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    block: list[str] = []
    block_start = 0

    def flush():
        if block:
            yield block_start, " ".join(block)
            block.clear()

    for i in range(start, len(lines)):
        line = lines[i].strip()
        if not line or line.startswith("#") or line.startswith("|") or line.startswith("<!--"):
            yield from flush()
            if line.startswith("|"):
                for cell in line.strip("|").split("|"):
                    if cell.strip() and not set(cell.strip()) <= set("-: "):
                        yield i + 1, cell.strip()
            continue
        if re.match(r"^(?:[-*+]|\d+[.)])\s+", line):
            yield from flush()
            block_start = i + 1
            block.append(re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line))
            continue
        if not block:
            block_start = i + 1
        block.append(line)
    yield from flush()


def plain(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("**", "").replace("__", "").replace("*", "").replace("`", "")


def sentences(text: str):
    pieces, current = [], ""
    for part in END.split(text):
        current = f"{current} {part}".strip() if current else part
        last = re.search(r"([\w.]+)\.$", current)
        if last and last.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        pieces.append(current)
        current = ""
    if current:
        pieces.append(current)
    return pieces


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part")
    parser.add_argument("--words", type=int, default=25)
    parser.add_argument("--paragraph-words", type=int, default=120)
    args = parser.parse_args()
    root = HERE / args.part
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        raw_lines = text.splitlines()

        def where(first: int, words: str) -> str:
            """The words quoted when a line of the unit holds them as written, else the unit's line."""
            for line in raw_lines[first - 1 : first + 20]:
                if words in line:
                    return f'"{words}"'
            return str(first)

        for number, unit in body_units(text):
            words_in_unit = len(WORD.findall(plain(unit)))
            if words_in_unit > args.paragraph_words:
                print(f'{rel}\t{where(number, " ".join(plain(unit).split()[:5]))}\tHL604\t{words_in_unit} words')
            for sentence in sentences(plain(unit)):
                count = len(WORD.findall(sentence))
                if count > args.words:
                    print(f'{rel}\t{where(number, " ".join(sentence.split()[:5]))}\tHL603\t{count} words')
    return 0


if __name__ == "__main__":
    sys.exit(main())
