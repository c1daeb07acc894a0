"""The Danish word list: is a word known, is it a compound of known words, what was meant.

The list (746,693 forms from Stavekontrolden, see `data/da_words.LICENSE.txt`) ships gzipped.
As a Python set it would cost about 0.4 s and 85 MB in every process; instead the sorted,
decompressed list is kept once on disk in the user's cache and mapped into memory, where a
lookup is a bisect over a small index plus one `find` in a 4 KB block. The index (the first
word of each block) is kept beside the list, so opening costs about 1 ms, and the pages are
shared by every process that maps the file.

The cache file is named after the SHA-256 of its content and lives only in a folder that is
the user's alone (`healthlint.run.user_cache`): a folder another user could write to, such as a
`$TMPDIR/healthlint-<uid>` someone made first, is never used. The file's SHA-256 is checked
before it is first used; a stamp beside it (MessagePack with a schema, never pickle) records
the file's inode, size, mtime and ctime at that check, with the block index, so later
processes trust it without reading every page, and any change to the file (which moves its
ctime) means it is checked again. A file that fails the check is written afresh. When no such
folder can be had the list is decompressed into memory instead (about 50 ms and 10 MB).
"""

from __future__ import annotations

import bisect
import mmap
import os
import threading
from pathlib import Path
from typing import Iterable

import msgspec

from healthlint.run import user_cache

DATA_DIR = Path(__file__).resolve().parent / "data"
WORDS_GZ = DATA_DIR / "da_words.txt.gz"
WORDS_SHA256 = DATA_DIR / "da_words.sha256"
# English words (from pyspellchecker's list, see tools/build_english_words.py): the same
# form, opened only when a word is unknown in Danish.
ENGLISH_GZ = DATA_DIR / "en_words.txt.gz"
ENGLISH_SHA256 = DATA_DIR / "en_words.sha256"

# Compound parts: at least this many letters at each end, unless listed in SHORT_PARTS.
MIN_PART = 4
LINKS = ("", "s", "e")  # Danish linking elements (fuge-s, fuge-e): `træning-s-forløb`
# Short words that often start or end a compound in health texts (`jobtype`, `bækkenvip`).
# Measured in tests/test_dictionary.py: with this list the one-letter-typo catch rate stays
# above 95 %.
SHORT_PARTS = frozenset({"job", "vip", "ryg", "arm", "ben", "hud", "led", "tå", "knæ", "bug", "lår", "hæl", "hof"})
# More short parts, and the words that may not end a compound, measured on the list itself
# by tools/build_compound_parts.py (read with the shipped list: `Dictionary.load`).
COMPOUND_PARTS = DATA_DIR / "da_compound_parts.txt"
# Inflectional endings that are also words in the list: never the last part of a compound
# (`tur+erne` is `turene` misspelt, not a compound).
INFLECTION_TAILS = frozenset({"erne", "ernes", "enes"})
MAX_PARTS = 4
# Danish function words never begin a compound the list does not already hold (the prefixes
# `over-`, `under-`, `efter-`, `mellem-`, `gennem-` do, and are not here): glued to the
# next word they are a missing space (`skalholde`, `ellerhvis`, `hosvoksne`).
FUNCTION_WORDS = frozenset(
    "i på til med af for fra om ved hos mod uden blandt inden siden og eller men som "
    "at der hvis når fordi da så en et den det de din dit dine min mit mine sin sit sine vores jeres deres hans "
    "hendes du jeg vi man er var har kan skal vil må bør ikke også meget mere helt godt lidt kun altid aldrig".split()
)

DANISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\u2010": "-", "\u00ad": None})

_LOCK = threading.Lock()
_LOADED: "Dictionary | None" = None
_ENGLISH: "Dictionary | None" = None


class SortedLines:
    """Membership in a sorted, newline-terminated UTF-8 word list (bytes or mmap)."""

    STRIDE = 4096

    def __init__(self, data):
        self._data = data
        self._size = len(data)
        keys: list[bytes] = []
        offsets: list[int] = []
        position = 0
        while position < self._size:
            end = data.find(b"\n", position)
            keys.append(bytes(data[position:end]))
            offsets.append(position)
            following = data.find(b"\n", position + self.STRIDE)
            if following == -1 or following + 1 >= self._size:
                break
            position = following + 1
        offsets.append(self._size)
        self._keys = keys
        self._offsets = offsets

    @classmethod
    def with_index(cls, data, index: object) -> "SortedLines | None":
        """The list with a block index kept from an earlier process, or None when it does
        not belong to this list."""
        lines = cls.__new__(cls)
        lines._data, lines._size = data, len(data)
        if not (isinstance(index, tuple) and len(index) == 2 and lines._fits(*index)):
            return None
        lines._keys, lines._offsets = index
        return lines

    def __len__(self) -> int:
        return self._size

    def _fits(self, keys: list[bytes], offsets: list[int]) -> bool:
        """A kept index belongs to this list: sizes agree, and its first and last keys are
        the words at their offsets (a list of another size or order fails this)."""
        if not (isinstance(keys, list) and isinstance(offsets, list)) or not keys or len(offsets) != len(keys) + 1 or offsets[0] != 0 or offsets[-1] != self._size:
            return False
        last = offsets[-2]
        return self._data[: len(keys[0]) + 1] == keys[0] + b"\n" and self._data[last : last + len(keys[-1]) + 1] == keys[-1] + b"\n"

    @property
    def index(self) -> tuple[list[bytes], list[int]]:
        """The first word of each block and the blocks' offsets: building it reads the whole
        list, so the cached copy of the list keeps it beside itself (`_open`)."""
        return self._keys, self._offsets

    def __contains__(self, word: str) -> bool:
        key = word.encode("utf-8")
        index = bisect.bisect_right(self._keys, key) - 1
        if index < 0 or b"\n" in key or not key:
            return False
        return self._in_block(key, index)

    def among(self, words: list[str]) -> list[str]:
        """The given words that are in the list, in order. Words that fall in one block
        share a single read of it: a misspelt word's hundreds of one-edit candidates fall
        in a few dozen blocks."""
        by_block: dict[int, list[tuple[str, bytes]]] = {}
        for word in words:
            key = word.encode("utf-8")
            if key and b"\n" not in key:
                by_block.setdefault(bisect.bisect_right(self._keys, key) - 1, []).append((word, key))
        known: set[str] = set()
        for index, group in by_block.items():
            if index < 0:
                continue
            if len(group) < 8:  # a few words: a `find` each costs less than splitting the block
                known.update(word for word, key in group if self._in_block(key, index))
                continue
            start, end = self._offsets[index], self._offsets[index + 1]
            block = set(bytes(self._data[start:end]).split(b"\n"))
            known.update(word for word, key in group if key in block)
        return [word for word in words if word in known]

    def _in_block(self, key: bytes, index: int) -> bool:
        if self._keys[index] == key:
            return True
        start, end = self._offsets[index], self._offsets[index + 1]
        return self._data.find(b"\n" + key + b"\n", max(start - 1, 0), end) != -1


class Dictionary:
    """Danish word forms, with case rules and compound splitting."""

    def __init__(self, lines: SortedLines, origin: str = ""):
        self._lines = lines
        self.origin = origin  # where the list was read from, for diagnostics and tests
        self._memo: dict[str, bool] = {}
        # Words that end far more Danish words as a suffix than as a compound's last part
        # (`ring`, `ling`, `aget`): not accepted as the last part (see SUFFIX_TAILS).
        self.suffix_tails: frozenset[str] = frozenset()
        self.short_parts: frozenset[str] = SHORT_PARTS

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls) -> "Dictionary":
        """The shipped word list, opened once per process."""
        global _LOADED
        if _LOADED is None:
            with _LOCK:
                if _LOADED is None:
                    opened = cls._open()
                    opened.short_parts, opened.suffix_tails = _compound_parts()
                    _LOADED = opened
        return _LOADED

    @classmethod
    def english(cls) -> "Dictionary":
        """The shipped English list, opened once per process (only when a word is not Danish)."""
        global _ENGLISH
        if _ENGLISH is None:
            with _LOCK:
                if _ENGLISH is None:
                    _ENGLISH = cls._open(ENGLISH_GZ, ENGLISH_SHA256)
        return _ENGLISH

    @classmethod
    def from_words(cls, words: Iterable[str]) -> "Dictionary":
        """A dictionary over the given forms (tests, project word lists)."""
        unique = sorted({word.encode("utf-8") for word in words if word and "\n" not in word})
        return cls(SortedLines(b"".join(item + b"\n" for item in unique)), "memory")

    @classmethod
    def _open(cls, gz: Path | None = None, sha256: Path | None = None) -> "Dictionary":
        gz, sha256 = gz or WORDS_GZ, sha256 or WORDS_SHA256
        digest, size = sha256.read_text(encoding="ascii").split()
        size_bytes = int(size)
        stem = gz.name.split(".")[0]
        for directory in user_cache.folders():
            path = directory / f"{stem}-{digest[:16]}.txt"
            try:
                _remove(path.with_suffix(".index"))  # the pickled index of healthlint up to 0.1: never read
                lines = _verified(path, digest, size_bytes)
                if lines is None:
                    _remove(path)  # damaged, planted, or another user's: replaced
                    _write_cache(path, _decompress(gz, digest, size_bytes))
                    lines = _verified(path, digest, size_bytes)
                if lines is not None:
                    return cls(lines, str(path))
            except (OSError, ValueError):
                continue
        return cls(SortedLines(_decompress(gz, digest, size_bytes)), str(gz))

    # -- lookups -------------------------------------------------------------------------
    def __contains__(self, word: str) -> bool:
        """Exactly this form is in the list (no case folding, no compounds)."""
        known = self._memo.get(word)
        if known is None:
            if len(self._memo) > 200_000:
                self._memo.clear()
            known = self._memo[word] = word in self._lines
        return known

    def known(self, word: str) -> bool:
        """The word is in the list as written, or lowercased when it is capitalised
        (`Hekseskud` at the start of a sentence or cell) or written in capitals.
        Capitalised entries (names: `Aalborg`) are not accepted in lowercase."""
        word = word.translate(_APOSTROPHES)
        if not word:
            return False
        if word in self:
            return True
        lower = word.lower()
        if lower == word:
            return False
        if word[0].isupper() and (word[1:] == lower[1:] or word.isupper()):
            return lower in self or (word.isupper() and word[0] + lower[1:] in self)
        return False

    def is_compound(self, word: str, short_parts: "frozenset[str] | None | type[Ellipsis]" = ...) -> bool:
        """The word splits into known words: `genoptræningsforløb` = genoptræning+s+forløb."""
        return self.split_compound(word, short_parts) is not None

    def split_compound(self, word: str, short_parts: "frozenset[str] | None | type[Ellipsis]" = ...) -> tuple[str, ...] | None:
        """The parts (linking `s`/`e` kept on the part before it), or None.

        Each part has at least MIN_PART letters unless it is one of `short_parts` (by
        default the dictionary's own); the last part is not a suffix tail; the longest known
        first part is tried first.
        """
        if short_parts is ...:
            short_parts = self.short_parts
        word = word.translate(_APOSTROPHES)
        lower = word.lower()
        if lower != word and not (word[0].isupper() and word[1:] == lower[1:]) and not word.isupper():
            return None  # mixed case such as `FysFinder`: a name, not a compound
        if not lower.isalpha():
            return None
        return self._split(lower, short_parts or frozenset(), MAX_PARTS, {})

    def _part(self, part: str, short_parts: frozenset[str]) -> bool:
        return (len(part) >= MIN_PART or part in short_parts) and part in self

    def definite(self, word: str) -> bool:
        """A noun in its definite form: `-en` or `-et` after a listed stem, with no definite
        form of its own (`skulderbladet`, `knæet`; not `ribben`; `musklen` is not caught: its
        stem changes)."""
        if len(word) < 6 or word[-2:] not in ("en", "et") or word not in self:
            return False
        if word + "et" in self or word + "en" in self:
            return False  # a base form with a definite form of its own: `ribben`, `ribbenet`
        stem = word[:-2]
        return stem in self or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in self)

    def definite_genitive(self, word: str) -> bool:
        """A definite form with its genitive or linking s (`skulderbladets`)."""
        return word.endswith("s") and self.definite(word[:-1])

    def _split(self, word: str, short_parts: frozenset[str], parts_left: int, memo: dict) -> tuple[str, ...] | None:
        if parts_left < 2:
            return None
        key = (word, parts_left)
        if key in memo:
            return memo[key]
        result = None
        shortest = min([MIN_PART, *map(len, short_parts)]) if short_parts else MIN_PART
        for cut in range(len(word) - shortest, shortest - 1, -1):
            head = word[:cut]
            if not self._part(head, short_parts) or head in FUNCTION_WORDS:
                continue
            for link in LINKS:
                if link and (not word.startswith(link, cut) or head.endswith(link)):
                    continue  # no linking s after an s (`sports+s+skader` is a stray s)
                if self.definite_genitive(head + link):
                    continue  # a definite form takes no linking s: `skulderbladets+position` is two words
                rest = word[cut + len(link) :]
                if self._part(rest, short_parts) and rest not in self.suffix_tails and rest not in NEVER_LAST:
                    result = (head + link, rest)
                elif len(rest) >= 2 * shortest:
                    tail = self._split(rest, short_parts, parts_left - 1, memo)
                    if tail:
                        result = (head + link, *tail)
                if result:
                    break
            if result:
                break
        memo[key] = result
        return result

    def check(self, word: str) -> bool:
        """Known, a compound of known words, or hyphenated parts that each pass
        (`knæ-til-bryst-øvelsen`, `MR-scanning`: a part in capitals is an acronym)."""
        word = word.translate(_APOSTROPHES)
        if self.known(word) or self.is_compound(word):
            return True
        if "-" in word:
            parts = [part for part in word.split("-") if part]
            return bool(parts) and all(part.isupper() or self.known(part) or self.is_compound(part) for part in parts)
        return False

    # -- suggestions -----------------------------------------------------------------------
    def suggest(self, word: str, limit: int = 5, max_lookups: int = 4000, two_edits: tuple[int, int] = (1, 10)) -> list[str]:
        """Up to `limit` known words one edit away (two for words of at most 10 letters).

        `two_edits` (shortest, longest) gives the word lengths for which two edits are tried.
        Only for a flagged word: candidates come from pyspellchecker's edit generator over
        the Danish alphabet and are checked against this list; at most `max_lookups`
        candidates are looked up, so a long word costs milliseconds, never seconds. There
        is no Danish frequency list to rank by: Danish letter confusions (`e/æ`, `o/ø`,
        `a/å`, doubled or single consonants) and swapped letters rank first.
        """
        lower = word.translate(_APOSTROPHES).lower()
        if not lower:
            return []
        edits = _edit_generator()
        budget = [max_lookups]

        def known_among(candidates: Iterable[str]) -> list[str]:
            looked_up = sorted(candidates)[: max(budget[0], 0)]
            budget[0] -= len(looked_up)
            return [candidate for candidate in self._lines.among(looked_up) if candidate != lower]

        first = edits.edit_distance_1(lower)
        found = known_among(first)
        if not found and two_edits[0] <= len(lower) <= two_edits[1]:
            # Two edits only of the kinds typos are made of (drop, double, swap, Danish
            # confusion): a few thousand candidates where two full edits over 29 letters
            # would be about 500,000.
            second = set()
            for candidate in _cheap_edits(lower):
                second.update(_cheap_edits(candidate))
            found = known_among(second - first)
        ranked = sorted(set(found), key=lambda candidate: (_rank(lower, candidate), candidate))[:limit]
        if word[:1].isupper():
            ranked = [candidate[:1].upper() + candidate[1:] for candidate in ranked]
        return ranked

# Function words of four letters or more that are no content word too: they never end a
# compound, so a word ending in one is two words run together (`dagslys+inden`). Not `siden`
# (the side), `godt`, `meget`.
NEVER_LAST = frozenset("uden blandt inden eller fordi hvis ikke også altid aldrig vores jeres deres hans hendes".split())

# ---------------------------------------------------------------------------------------
# Files


def _compound_parts() -> tuple[frozenset[str], frozenset[str]]:
    short, suffixes = set(SHORT_PARTS), set(INFLECTION_TAILS)
    for line in COMPOUND_PARTS.read_text(encoding="utf-8").splitlines():
        kind, _, word = line.partition("\t")
        (short if kind == "short" else suffixes if kind == "suffix" else set()).add(word)
    return frozenset(short), frozenset(suffixes)


def _decompress(gz: Path, digest: str, size: int) -> bytes:
    import gzip
    import hashlib

    data = gzip.decompress(gz.read_bytes())
    if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
        raise ValueError(f"{gz} does not match its SHA-256 file; reinstall healthlint")
    return data


def _write_cache(path: Path, data: bytes) -> None:
    from healthlint.run.atomic import write_atomic

    write_atomic(path, data, mode=0o600)


class _Stamp(msgspec.Struct, array_like=True):
    """What the SHA-256 check of the list found, and the file as it was then."""

    sha256: str
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    keys: list[bytes]  # the block index (SortedLines.index)
    offsets: list[int]


def _verified(path: Path, digest: str, size: int) -> SortedLines | None:
    """The list at `path`, mapped, when it is this user's regular file with the SHA-256
    `digest`: trusted from its stamp while the file is unchanged, else checked by reading it."""
    info = user_cache.owned(path)
    if info is None or info.st_size != size:
        return None
    data = _map(path)
    identity = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    stamp_path = path.with_suffix(".verified")
    try:
        if user_cache.owned(stamp_path) is not None:
            stamp = msgspec.msgpack.decode(stamp_path.read_bytes(), type=_Stamp)
            if stamp.sha256 == digest and (stamp.inode, stamp.size, stamp.mtime_ns, stamp.ctime_ns) == identity:
                kept = SortedLines.with_index(data, (stamp.keys, stamp.offsets))
                if kept is not None:
                    return kept
    except (OSError, msgspec.DecodeError):
        pass  # missing or damaged: checked again below
    import hashlib

    if hashlib.sha256(data).hexdigest() != digest:
        return None
    lines = SortedLines(data)
    try:
        from healthlint.run.atomic import write_atomic

        write_atomic(stamp_path, msgspec.msgpack.encode(_Stamp(digest, *identity, *lines.index)), mode=0o600, durable=False)
    except OSError:
        pass  # a read-only cache folder: checked again in each process
    return lines


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _map(path: Path):
    with open(path, "rb") as stream:
        return mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)


# ---------------------------------------------------------------------------------------
# Suggestions

_EDITS = None
_CONFUSIONS = {"á": "à", "e": "æ", "æ": "e", "o": "ø", "ø": "o", "a": "å", "å": "a", "j": "k", "k": "jg", "g": "k", "d": "t", "t": "d", "b": "p", "p": "b", "v": "w", "i": "y", "y": "i"}


def _edit_generator():
    """pyspellchecker with only the Danish alphabet loaded: used for its edit generator."""
    global _EDITS
    if _EDITS is None:
        from spellchecker import SpellChecker

        checker = SpellChecker(language=None, distance=1, case_sensitive=True)
        # Letters come from the loaded words; one long word lifts its length limit.
        checker.word_frequency.load_words([*DANISH_ALPHABET, "a" * 64])
        _EDITS = checker
    return _EDITS


def _cheap_edits(word: str) -> set[str]:
    found = set()
    for i in range(len(word)):
        found.add(word[:i] + word[i + 1 :])
        if i + 1 < len(word):
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        for replacement in _CONFUSIONS.get(word[i], ""):
            found.add(word[:i] + replacement + word[i + 1 :])
        found.add(word[:i] + word[i] + word[i:])
    return found


def _rank(typo: str, candidate: str) -> int:
    """0: a Danish confusion or doubled/single letter; 1: swapped letters; 2: anything else."""
    if len(typo) == len(candidate):
        diff = [i for i, (a, b) in enumerate(zip(typo, candidate)) if a != b]
        if len(diff) == 1 and candidate[diff[0]] in _CONFUSIONS.get(typo[diff[0]], ""):
            return 0
        if len(diff) == 2 and diff[1] == diff[0] + 1 and typo[diff[0]] == candidate[diff[1]]:
            return 1
        return 2
    longer, shorter = (typo, candidate) if len(typo) > len(candidate) else (candidate, typo)
    for i in range(len(shorter)):
        if longer[i] != shorter[i]:
            return 0 if i > 0 and longer[i] == longer[i - 1] and longer[: i] + longer[i + 1 :] == shorter else 2
    return 0 if len(longer) >= 2 and longer[-1] == longer[-2] else 2
