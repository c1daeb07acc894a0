#!/usr/bin/env python3
"""Compare healthlint's LIX with the published LIX of Danish speeches.

    python tools/lix_speeches.py PATH-TO-Straubinger-lix [--list]

github.com/Straubinger/lix holds Danish New Year and Opening of Parliament speeches with the
LIX of each (`lix.csv`), computed with Niels Gamborg's online calculator
(nielsgamborg.dk/indhold/lixberegner.htm). This script computes healthlint's LIX for every
Danish speech there (each line of a speech its own unit, as a paragraph of an article) and
prints how many agree within ±1, by occasion and by period. Three of the speeches are kept in
`tests/data/lix/` for the test; the rest are read from the checkout given.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from healthlint.language.readability import Lix, lix_of_units
from healthlint.language.tokenize import tokenize_text

FOLDERS = {
    ("New Year", "Monarch"): "Denmark Royal New Year speeches",
    ("New Year", "Prime Minister"): "Denmark PM New Year speeches",
    ("Opening of Parliament", "Prime Minister"): "Denmark Opening of Parliament speeches",
}


def read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # the older files of the collection


def speech_lix(text: str) -> Lix:
    return lix_of_units([tokenize_text(line) for line in text.splitlines() if line.strip()])


def main() -> int:
    root = Path(sys.argv[1])
    rows = csv.DictReader(io.StringIO(read(root / "lix.csv")))
    found = []
    for row in rows:
        folder = FOLDERS.get((row["occasion"], row["speaker_role"]))
        if row["country"] != "Denmark" or folder is None:
            continue
        files = sorted((root / folder).glob(row["year"] + "*.txt"))
        if len(files) != 1:
            continue  # a year with two speeches and one published figure
        lix = speech_lix(read(files[0]))
        found.append((folder, int(row["year"]), files[0].name, int(row["lix"]), lix, ";" in read(files[0])))
    print(f"{len(found)} Danish speeches; LIX within ±1 of the published value:")
    for folder in FOLDERS.values():
        for label, years in (("before 2000", range(0, 2000)), ("2000 and later", range(2000, 3000))):
            group = [item for item in found if item[0] == folder and item[1] in years]
            if group:
                close = sum(1 for item in group if abs(item[4].value - item[3]) <= 1)
                plain = [item for item in group if not item[5]]
                close_plain = sum(1 for item in plain if abs(item[4].value - item[3]) <= 1)
                print(
                    f"  {folder}, {label}: {close} of {len(group)} "
                    f"({close_plain} of {len(plain)} without a semicolon)"
                )
    if "--list" in sys.argv:
        for folder, year, name, published, lix, semicolon in found:
            print(f"{folder}/{name}\t{published}\t{lix.value:.2f}\t{lix.words}/{lix.sentences}/{lix.long_words}\t{'; ' if semicolon else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
