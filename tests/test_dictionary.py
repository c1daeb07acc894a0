"""The Danish word list: lookups, case, compounds, typo detection, suggestions, the cache."""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from healthlint.document import Document
from healthlint.language import dictionary as dictionary_module
from healthlint.language.dictionary import (
    DANISH_ALPHABET,
    SHORT_PARTS,
    Dictionary,
    SortedLines,
)
from healthlint.language.tokenize import words

SEED = Path(__file__).parent / "data" / "seed-article.md"


@pytest.fixture(scope="module")
def da() -> Dictionary:
    return Dictionary.load()


@pytest.fixture(scope="module")
def seed_words():
    return words(Document(str(SEED), SEED.read_text(encoding="utf-8")))


# ---------------------------------------------------------------------------------------
# The shipped list


def test_shipped_list_matches_its_checksum_and_size():
    digest, size = dictionary_module.WORDS_SHA256.read_text(encoding="ascii").split()
    data = gzip.decompress(dictionary_module.WORDS_GZ.read_bytes())
    assert len(data) == int(size)
    assert hashlib.sha256(data).hexdigest() == digest
    lines = data.split(b"\n")[:-1]
    assert len(lines) == 746_693
    assert lines == sorted(lines)
    assert (Path(dictionary_module.DATA_DIR) / "da_words.LICENSE.txt").read_text(encoding="utf-8").count("MOZILLA PUBLIC LICENSE") >= 1


def test_load_is_cached_per_process(da):
    assert Dictionary.load() is da


# ---------------------------------------------------------------------------------------
# Lookups and case


@pytest.mark.parametrize("word", ["hekseskud", "lænden", "fysioterapeuter", "iskias", "smertestillende", "Aalborg", "f.eks.", "NSAID"])
def test_known_words(da, word):
    assert da.known(word)


@pytest.mark.parametrize(
    "word, known",
    [
        ("Hekseskud", True),  # capitalised at the start of a sentence or cell
        ("HEKSESKUD", True),
        ("hekseSkud", False),
        ("aalborg", False),  # a name stays capitalised
        ("Nordaalborg", False),  # generated place-name forms are left out of the list
        ("isjias", False),
        ("hjemmes", False),  # exists only inside compounds
        ("", False),
    ],
)
def test_case_rules(da, word, known):
    assert da.known(word) is known


def test_sorted_lines_finds_every_word_and_nothing_else():
    rng = random.Random(7)
    vocabulary = {"".join(rng.choice("abcæøå") for _ in range(rng.randint(1, 9))) for _ in range(20_000)}
    small = Dictionary.from_words(vocabulary)
    assert all(word in small for word in vocabulary)
    others = {"".join(rng.choice("abcæøå") for _ in range(rng.randint(1, 9))) for _ in range(5_000)} - vocabulary
    assert not any(word in small for word in others)
    assert "" not in small and "a\nb" not in small
    empty = SortedLines(b"")
    assert "a" not in empty


# ---------------------------------------------------------------------------------------
# Compounds


@pytest.mark.parametrize(
    "word, parts",
    [
        ("genoptræningsforløb", ("genoptrænings", "forløb")),
        ("bløddelsbehandling", ("blød", "dels", "behandling")),
        ("hjemmetræningsprogram", ("hjemmetrænings", "program")),
        ("lændemusklerne", ("lænde", "musklerne")),
        ("Bækkenvip", ("bækken", "vip")),
        ("jobtype", ("job", "type")),
    ],
)
def test_compounds_split_into_known_words(da, word, parts):
    assert da.split_compound(word) == parts
    assert da.check(word)


def test_short_parts_only_from_the_list(da):
    assert not da.is_compound("jobtype", short_parts=None)
    assert not da.is_compound("bækkenvip", short_parts=frozenset())
    assert not da.is_compound("FysFinder")  # mixed case is a name, not a compound
    assert not da.is_compound("isjias")


def test_hyphenated_words_check_each_part(da):
    assert da.check("knæ-til-bryst-øvelsen")
    assert da.check("MR-scanning")
    assert not da.check("core-øvelser")


def unknown_in_seed(da, seed_words, short_parts):
    found = []
    for word in seed_words:
        text = word.text
        if text.isupper():
            continue  # acronyms are the caller's to skip
        if da.known(text) or da.is_compound(text, short_parts):
            continue
        if "-" in text and all(da.known(p) or da.is_compound(p, short_parts) for p in text.split("-")):
            continue
        found.append(text)
    return sorted(set(found))


def test_unknown_words_in_the_seed(da, seed_words):
    assert unknown_in_seed(da, seed_words, SHORT_PARTS) == ["FysFinder", "core", "isjias"]
    assert unknown_in_seed(da, seed_words, None) == ["Bækkenvip", "FysFinder", "core", "isjias", "jobtype"]


# ---------------------------------------------------------------------------------------
# Compound splitting must not hide typos


def one_letter_typos(word: str) -> set[str]:
    found = set()
    for i in range(len(word)):
        found.add(word[:i] + word[i + 1 :])  # drop
        found.add(word[:i] + word[i] + word[i:])  # double
        if i + 1 < len(word) and word[i] != word[i + 1]:
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swap
        found.update(word[:i] + letter + word[i + 1 :] for letter in DANISH_ALPHABET if letter != word[i])
    return found


@pytest.fixture(scope="module")
def typos(da, seed_words):
    sample = []
    for word in seed_words:
        lower = word.text.lower()
        if len(lower) >= 6 and lower.isalpha() and lower not in sample and da.known(lower):
            sample.append(lower)
    sample = sample[:200]
    assert len(sample) == 200
    found = set()
    for word in sample:
        found.update(typo for typo in one_letter_typos(word) if not da.known(typo))
    return sorted(found)


@pytest.mark.parametrize("short_parts, floor", [(SHORT_PARTS, 0.975), (None, 0.977)])
def test_compound_splitting_still_catches_one_letter_typos(da, typos, short_parts, floor):
    # 200 seed words of 6+ letters → 51,915 one-letter edits that are not Danish words.
    # Measured: 97.6 % caught with SHORT_PARTS, 97.8 % with no short parts (target 95 %).
    assert len(typos) == 51_915
    hidden = [typo for typo in typos if da.is_compound(typo, short_parts)]
    caught = 1 - len(hidden) / len(typos)
    assert caught >= 0.95
    assert caught >= floor  # guards the measured figure against silent regressions


# ---------------------------------------------------------------------------------------
# Suggestions


@pytest.mark.parametrize(
    "typo, first",
    [
        ("isjias", "iskias"),
        ("behandlng", "behandling"),
        ("sammenlinge", "sammenligne"),
        ("hekseskd", "hekseskud"),
        ("mavemuskeler", "mavemuskler"),
        ("smertestilende", "smertestillende"),
        ("fysioterapuet", "fysioterapeut"),
        ("Ergonimisk", "Ergonomisk"),
    ],
)
def test_suggestions(da, typo, first):
    assert da.suggest(typo)[0] == first


def test_suggestions_are_bounded_in_time(da):
    da.suggest("varm")  # pays the one-off import of pyspellchecker
    slowest = 0.0
    for word in ["Bækkenvip", "jobtype", "FysFinder", "genoptræningsforløbb", "x" * 40, "følelsesnedsætelse", "ab"]:
        start = time.perf_counter()
        da.suggest(word)
        slowest = max(slowest, time.perf_counter() - start)
    # Measured 2–8 ms a word; the bound leaves room for a loaded CI machine.
    assert slowest < 0.25


# ---------------------------------------------------------------------------------------
# The decompressed copy on disk


def test_cache_is_written_atomically_named_by_hash_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "cache"))
    digest, size = dictionary_module.WORDS_SHA256.read_text(encoding="ascii").split()
    opened = Dictionary._open()
    path = tmp_path / "cache" / f"da_words-{digest[:16]}.txt"
    assert opened.origin == str(path)
    assert path.stat().st_size == int(size)
    stamp = path.with_suffix(".verified")  # the SHA-256 check and the block index, kept for the next process
    names = sorted(p.name for p in path.parent.iterdir() if p.name.startswith("da_words"))
    assert names == [path.name, stamp.name]  # no temporary file left
    assert oct(path.stat().st_mode & 0o777) == oct(0o600) and oct(path.parent.stat().st_mode & 0o777) == oct(0o700)
    assert opened.known("hekseskud")

    path.write_bytes(b"hekseskud\n")  # truncated or damaged: wrong size
    reopened = Dictionary._open()
    assert path.stat().st_size == int(size)
    assert reopened.known("lænden")


def test_a_stamped_list_is_used_without_reading_it_and_a_changed_one_is_checked_again(tmp_path, monkeypatch):
    import hashlib

    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    Dictionary._open()
    (stamp,) = tmp_path.glob("da_words-*.verified")
    (path,) = tmp_path.glob("da_words-*.txt")
    kept = stamp.read_bytes()
    hashed, built = [], []
    real_sha256 = hashlib.sha256
    monkeypatch.setattr(hashlib, "sha256", lambda data=b"": hashed.append(len(data)) or real_sha256(data))
    original = dictionary_module.SortedLines.__init__
    monkeypatch.setattr(dictionary_module.SortedLines, "__init__", lambda self, data: built.append(len(data)) or original(self, data))
    inode = stamp.stat().st_ino
    again = Dictionary._open()
    assert hashed == [] and built == [] and again.known("lænden") and not again.known("isjias")
    assert stamp.stat().st_ino == inode  # used as it was, not written again
    # The same size and content, but the file was touched (its ctime moved): checked again.
    os.utime(path)
    checked = Dictionary._open()
    assert len(hashed) == 1 and len(built) == 1 and checked.known("hekseskud")
    # A damaged stamp is no stamp.
    hashed.clear()
    stamp.write_bytes(b"garbage")
    assert Dictionary._open().known("hekseskud") and len(hashed) == 1
    assert len(stamp.read_bytes()) == len(kept)


def test_the_pickled_index_of_older_versions_is_deleted_unread(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path))
    digest, _ = dictionary_module.WORDS_SHA256.read_text(encoding="ascii").split()
    old = tmp_path / f"da_words-{digest[:16]}.index"
    old.write_bytes(b"\x80\x05 a pickle would be here")
    assert Dictionary._open().known("hekseskud")
    assert not old.exists()


def test_one_read_per_block_finds_the_same_words():
    words = Dictionary.load()
    candidates = sorted({*"abc", "hekseskud", "hekseskudd", "lænden", "lændne", "", "a\nb", *(f"smert{c}" for c in "abeimnrt")})
    assert words._lines.among(candidates) == [w for w in candidates if w in words._lines]
    assert "smerte" in words._lines.among(candidates) and "hekseskudd" not in words._lines.among(candidates)


def test_unwritable_cache_falls_back(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(dictionary_module.user_cache, "candidates", lambda: iter([blocker / "cache"]))
    opened = Dictionary._open()
    assert opened.origin == str(dictionary_module.WORDS_GZ)  # decompressed in memory
    assert opened.known("hekseskud")


def test_a_fresh_process_opens_the_list_quickly(tmp_path):
    env = {**os.environ, "HEALTHLINT_CACHE_DIR": str(tmp_path)}
    code = (
        "import time; from healthlint.language.dictionary import Dictionary\n"
        "t = time.perf_counter(); d = Dictionary.load(); print(time.perf_counter() - t, d.known('hekseskud'))"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)  # writes the cache
    result = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    seconds, known = result.stdout.split()
    assert known == "True"
    # Measured 2–6 ms; the target is 50 ms, with room here for a loaded machine.
    assert float(seconds) < 0.2
