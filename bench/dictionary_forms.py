#!/usr/bin/env python3
"""How should the Danish word list be held in memory? Each form measured in a fresh process.

    python bench/dictionary_forms.py [--words N]

Forms measured (each in its own process, so opening costs and memory are a new process's):
  set        decompress the shipped gzip and build a set: what a plain approach does
  pickle     load a pickled frozenset of the words from a file
  mapped     healthlint's form: the sorted list mapped from the user's cache, with its kept
             block index; a lookup is a bisect plus one `find` in a 4 KB block
  marisa     a compact trie (marisa-trie), loaded by mapping its file; only when the
             package is installed (`pip install marisa-trie`): healthlint does not need it

For each: time to open, memory added to the process (VmRSS; for the mapped forms, the pages
a run touches, which are shared with every other process mapping the file), and the time
per lookup over N words: forms from the list itself and as many misspelt ones.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rss_kb() -> int:
    """The process's resident memory (Linux); 0 where /proc is missing."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def sample(words: list[str], count: int) -> list[str]:
    step = max(len(words) // count, 1)
    known = words[::step][:count]
    return known + [word + "x" for word in known]


def measure(form: str, folder: Path, count: int) -> dict:
    from healthlint.language import dictionary

    before = rss_kb()
    start = time.perf_counter()
    if form == "set":
        import gzip

        lookup = set(gzip.decompress(dictionary.WORDS_GZ.read_bytes()).decode("utf-8").split("\n")).__contains__
    elif form == "pickle":
        with open(folder / "words.pickle", "rb") as stream:
            lookup = pickle.load(stream).__contains__
    elif form == "mapped":
        lookup = dictionary.Dictionary.load().__contains__
    else:
        import marisa_trie

        trie = marisa_trie.Trie()
        trie.mmap(str(folder / "words.marisa"))
        lookup = trie.__contains__
    opened = time.perf_counter() - start
    words = json.loads((folder / "sample.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    found = sum(1 for word in words if lookup(word))
    looked = time.perf_counter() - start
    return {"open_ms": opened * 1000, "memory_mb": (rss_kb() - before) / 1024, "lookup_us": looked / len(words) * 1e6, "found": found}


def prepare(folder: Path, count: int) -> list[str]:
    import gzip

    from healthlint.language import dictionary

    words = [w for w in gzip.decompress(dictionary.WORDS_GZ.read_bytes()).decode("utf-8").split("\n") if w]
    (folder / "sample.json").write_text(json.dumps(sample(words, count)), encoding="utf-8")
    with open(folder / "words.pickle", "wb") as stream:
        pickle.dump(frozenset(words), stream, protocol=pickle.HIGHEST_PROTOCOL)
    forms = ["set", "pickle", "mapped"]
    try:
        import marisa_trie
    except ImportError:
        print("marisa-trie is not installed: the trie is left out (pip install marisa-trie)")
    else:
        marisa_trie.Trie(words).save(str(folder / "words.marisa"))
        forms.append("marisa")
    dictionary.Dictionary.load()  # the mapped list and its index are in the user's cache from here on
    return forms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000, help="known words looked up (as many misspelt ones too)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.folder, args.words)))
        return 0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        forms = prepare(folder, args.words)
        sizes = {"pickle": "words.pickle", "marisa": "words.marisa"}
        print(f"{'form':<8} {'open':>10} {'memory':>10} {'lookup':>10}  file")
        for form in forms:
            runs = [
                json.loads(subprocess.run(
                    [sys.executable, __file__, "--measure", form, "--folder", str(folder), "--words", str(args.words)],
                    check=True, capture_output=True, text=True,
                ).stdout)
                for _ in range(3)
            ]
            best = min(runs, key=lambda run: run["open_ms"])
            on_disk = (folder / sizes[form]).stat().st_size / 2**20 if form in sizes else None
            shown = f"{on_disk:.1f} MB" if on_disk is not None else ("shipped gzip" if form == "set" else "cached list + index")
            print(f"{form:<8} {best['open_ms']:>7.1f} ms {best['memory_mb']:>7.1f} MB {best['lookup_us']:>7.2f} µs  {shown}  ({best['found']} found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
