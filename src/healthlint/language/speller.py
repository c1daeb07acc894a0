"""Is a word spelt right, and if not, is it a likely typo? The spelling rule's whole path.

A word is accepted, cheapest test first, when it is
1. in the vocabulary: the shipped medical and fitness lists and the project's words, also with
   a regular Danish ending (`prolaps` → `prolapsen`, `kettlebell` → `kettlebellen`);
2. Danish (Stavekontrolden): as written, lowercased at the start of a sentence, or a compound
   of Danish words (`genoptræning+s+forløb`);
3. a bound prefix before a known word (`intra` + `abdominal`, `præ` + `operativ`);
4. hyphenated, when every part passes (`pull-ups`, `post-operativ`, `CrossFit-træning`);
5. English (pyspellchecker's list, opened only here; British `-ise`/`-our`/`-tre` spellings by
   their American forms), also with a Danish ending (`squatte`)
   or as a part of a compound with Danish or vocabulary words (`skulder+impingement`).

A word none of these accept is a likely typo only when a known word is near it: one or two
edits away (`bursittis` → `bursitis`), or two known words run together (`hosvoksne` → "hos
voksne"). Anything else unknown is jargon or a name: `healthlint words` lists it for the
project's word list instead of warning at each use.

What a word's surroundings say (a dotted abbreviation, a domain, Latin after `m.`, a name in
the middle of a sentence, a suspended hyphen) is for the rule to judge: it has the text.
"""

from __future__ import annotations

import re

from healthlint.language.dictionary import (
    _CONFUSIONS,
    FUNCTION_WORDS,
    NEVER_LAST,
    Dictionary,
    _cheap_edits,
)

# Endings a vocabulary or English stem takes in Danish text. Stems shorter than MIN_STEM
# letters take none: short stems plus endings make too many typos look right.
ENDINGS = ("ernes", "erne", "enes", "ende", "ede", "ens", "ets", "ene", "ers", "en", "et", "er", "es", "ne", "te", "e", "s", "n", "t", "r")
# A one-letter ending other than `s` follows a vowel only: `artrose-n`, never `sided-r`.
_AFTER_VOWEL = frozenset("ntr")
MIN_STEM = 4
# `u` + a Danish word of at least this many letters is a negation (`u+udhvilet`).
NEGATED_FROM = 6
# Adjectives of Latin origin take the neuter `-t` after their consonant (`iliotibial-t`,
# `kapsulær-t`, `aktiv-t`).
_ADJECTIVES = ("al", "el", "ær", "ør", "iv", "ar")
# Bound prefixes before a hyphen (`anti-inflammatorisk`, `børne-fysioterapi`).
BOUND_PREFIXES = (
    "anti", "semi", "intra", "inter", "post", "præ", "pre", "pro", "sub", "supra", "super", "non", "multi",
    "mini", "maxi", "ekstra", "børne", "co", "neo", "pseudo", "hyper", "hypo", "mikro", "makro", "kontra",
    "trans", "ultra", "para", "peri", "poly", "re", "de", "dys", "retro", "infra", "mono", "bi", "tri",
)
# The ones also written together with the word (`intraabdominal`, `præoperativ`): short or
# common-looking prefixes (`bi`, `pro`, `re`) would make typos such as `bistemt` look right.
JOINED_PREFIXES = (
    "anti", "semi", "intra", "inter", "post", "præ", "sub", "supra", "non", "multi", "ekstra", "neo",
    "pseudo", "hyper", "hypo", "mikro", "makro", "kontra", "trans", "ultra", "peri", "poly", "infra", "retro",
)
# Written as words in Danish text but missing from Stavekontrolden's forms.
EXTRA_WORDS = frozenset({"à"})
# Parts of a compound with an English part must be this long: short words are a letter away
# from too many others (`medal+buen` for `med albuen`).
MIN_ENGLISH_PART = 5
# Two edits are tried for words at least this long: a shorter word is two edits from many
# words by chance (`natskinne` → `natskine`).
TWO_EDITS_FROM = 8


class Speller:
    """Verdicts and near words for one configuration's vocabulary; memoised per form."""

    def __init__(self, danish: Dictionary, vocabulary: frozenset[str], rejected: frozenset[str] = frozenset()):
        self.danish = danish
        self.vocabulary = vocabulary | EXTRA_WORDS
        self.rejected = rejected
        self._english: Dictionary | None = None
        self._verdicts: dict[str, bool] = {}
        self._near: dict[str, list[str]] = {}
        self.slip_memo: dict[str, tuple[str, ...]] = {}  # slips() per form; hot loops read it directly

    # -- verdicts ------------------------------------------------------------------------
    def knows(self, text: str) -> bool:
        """The word passes the whole path (see the module's docstring)."""
        known = self._verdicts.get(text)
        if known is None:
            known = self._verdicts[text] = self._knows(text)
        return known

    def _knows(self, text: str) -> bool:
        text = text.replace("’", "'")
        lower = text.lower()
        if lower in self.rejected:
            return False
        if len(text) > 1 and text.replace("-", "").replace("'", "").isupper():
            return True  # an acronym (`NSAID`, `TRX`, `MR-`)
        if lower in self.vocabulary or text in self.danish or self.danish.known(text):
            return True
        if self._in_vocabulary(lower) or self.danish.check(text):
            return True
        if "-" in lower:
            parts = [part for part in text.split("-") if part]
            return len(parts) > 1 and all(self._part_known(part, i == 0) for i, part in enumerate(parts))
        if not _plain_case(text):
            return False  # mixed case (`FysFinder`): a name, known only from a word list
        return (
            self._prefixed(lower) or self._english_known(lower) or self._mixed_compound(lower)
            or self._greek_spelling(lower)
        )

    def _greek_spelling(self, lower: str) -> bool:
        """Medical Danish keeps the Greek spellings beside the Danish ones: `thorakal` beside
        `torakal`, `lymphe` beside `lymfe`, `rheumatisk` beside `reumatisk`. Not c for k: that
        is the confusion writers make (`klinicker`)."""
        danish = _GREEK.sub(lambda m: _GREEK_LETTER[m.group(1) or m.group(2)], lower)
        return danish != lower and self._knows_strictly(danish)

    def listed(self, text: str) -> bool:
        """Known as a whole word, not only made up of known words (a compound, a prefix, English)."""
        lower = text.replace("’", "'").lower()
        return lower in self.vocabulary or self.danish.known(text) or self._in_vocabulary(lower)

    def slips(self, text: str) -> tuple[str, ...]:
        """For a word known only as a compound: the listed words it is with one consonant
        doubled or dropped (`fore+byger` for `forebygger`); empty for any other word. Without a
        frequency list such a compound is as good as any other: the article's own spelling
        elsewhere says which was meant (see the spelling rule)."""
        slips = self.slip_memo.get(text)
        if slips is None:
            lower = text.lower()
            compound = "-" not in lower and lower.isalpha() and not self.listed(text)
            slips = self.slip_memo[text] = tuple(s for s in sorted(_consonant_slips(lower)) if s in self.danish) if compound else ()
        return slips

    def _part_known(self, part: str, first: bool) -> bool:
        """One part of a hyphenated word: a whole word by the same path, a single letter
        (`Y-raise`), or, first, a bound prefix (`post-operativ`)."""
        lower = part.lower()
        if len(part) == 1 or (first and lower in BOUND_PREFIXES):
            return True
        return self.knows(part)

    def _in_vocabulary(self, lower: str) -> bool:
        vocabulary = self.vocabulary
        if lower in vocabulary:
            return True
        return any(stem in vocabulary for stem in _stems(lower))

    def _prefixed(self, lower: str) -> bool:
        if lower.startswith("u") and len(lower) > NEGATED_FROM and self.danish.known(lower[1:]):
            return True  # `u-` negates an adjective or participle the list may not hold negated (`uudhvilet`)
        for prefix in JOINED_PREFIXES:
            rest = lower[len(prefix) :]
            if lower.startswith(prefix) and len(rest) >= MIN_STEM + 1 and (self.danish.check(rest) or self._in_vocabulary(rest) or self._english_word(rest)):
                return True
        return False

    def english(self) -> Dictionary:
        if self._english is None:
            self._english = Dictionary.english()
        return self._english

    def _english_word(self, lower: str) -> bool:
        lower = lower.removesuffix("'s")
        if len(lower) < 2:
            return False
        english = self.english()
        return lower in english or any(form in english for form in _american(lower))

    def _english_known(self, lower: str) -> bool:
        """An English word as written. Danish endings and compounds take only the curated
        fitness and medical words (`squatte`, `kettlebellen`): with the whole English list
        they would accept one-letter typos (`hand+e`, `udder+liggende`)."""
        return self._english_word(lower)

    def _mixed_compound(self, lower: str) -> bool:
        """Two parts, one of them a vocabulary word (with its Danish endings), the other
        Danish or vocabulary (`skulderimpingement`, `squatvariationer`, `discusprolapsen`)."""
        for cut in range(MIN_ENGLISH_PART, len(lower) - MIN_ENGLISH_PART + 1):
            head, tail = lower[:cut], lower[cut:]
            heads = [head] + ([head[:-1]] if head[-1] in "se" and len(head) > MIN_ENGLISH_PART else [])
            for h in heads:
                if h in self.vocabulary:
                    if tail in self.danish or self.danish.is_compound(tail) or self._in_vocabulary(tail):
                        return True
                elif h in self.danish and self._in_vocabulary(tail):
                    return True
        return False

    # -- likely typos --------------------------------------------------------------------
    def near(self, text: str, limit: int = 3) -> list[str]:
        """Known words near an unknown one, best first; empty when it is not a likely typo."""
        # One search per word, however it is capitalised (`Akillessmerter`, `akillessmerter`).
        key = text.lower() if _plain_case(text) else text
        found = self._near.get(key)
        if found is None:
            found = self._near[key] = self._find_near(key, limit)
        if text[:1].isupper() and not key[:1].isupper():
            found = [c[:1].upper() + c[1:] for c in found]
        return found

    def _find_near(self, text: str, limit: int) -> list[str]:
        lower = text.replace("’", "'").lower()
        found = [
            s for s in self.danish.suggest(text, limit=limit + 5, two_edits=(0, 0))
            if s.lower() not in self.rejected and typo_like(lower, s.lower())
        ]
        if lower.isalpha():
            found = self._run_together(lower) + found
        if not found and len(lower) >= 5 and lower.isalpha():
            # One edit of the kinds typos are made of, to a word known without English: a
            # vocabulary word (`bursittis`), a compound (`sportssskader`).
            found = sorted(c for c in _cheap_edits(lower) if c != lower and self._knows_strictly(c))[:limit]
        if not found and len(lower) >= TWO_EDITS_FROM:
            # Two slips, but not a word cut short or grown at its end (`knoglenæb` →
            # `knoglen`): that is another word, not a typo.
            found = [
                s for s in self.danish.suggest(text, limit=limit, two_edits=(TWO_EDITS_FROM, 99))
                if s.lower() not in self.rejected and not _cut_or_grown(lower, s.lower())
            ]
        # Writers rarely get the first letter wrong; jargon is near a rare word by a first
        # letter often (`kubital` → `jubital`, `rotatoriske` → `oratoriske`).
        # Only a listed word is evidence: a compound made up one slip away is chance (`fiberrig`).
        found = [
            c for c in found
            if " " in c or (c[:1].lower() == lower[:1] and self.listed(c.lower()) and not another_form(lower, c.lower()))
        ]
        if len(lower) == 1 and not found:
            found = [c for c in _cheap_edits(lower) if c in EXTRA_WORDS]
        if text[:1].isupper():
            found = [c[:1].upper() + c[1:] for c in found]
        return found[:limit]

    def near_in_vocabulary(self, text: str, limit: int = 3) -> list[str]:
        """For Latin (after `m.`): words one typo-like edit away (`qoadriceps` → `quadriceps`)
        in the vocabulary or as written in the Danish list (which holds much Latin), never a
        compound or an inflection."""
        lower = text.lower()
        edits = _cheap_edits(lower) | _vowel_edits(lower)
        return sorted(c for c in edits if c != lower and (c in self.vocabulary or c in self.danish))[:limit]

    def _knows_strictly(self, lower: str) -> bool:
        return self._in_vocabulary(lower) or self.danish.check(lower)

    def _run_together(self, lower: str) -> list[str]:
        """`hosvoksne` → "hos voksne": a function word run into the word after it. Other
        words glued together are compounds or jargon (`dan+mark`, `eros+iv`)."""
        danish = self.danish
        for cut in range(1, len(lower) - 2):
            head, tail = lower[:cut], lower[cut:]
            if head in FUNCTION_WORDS and len(tail) >= 3 and danish.known(tail):
                return [f"{head} {tail}"]
        for cut in range(len(lower) - 2, 3, -1):
            head, tail = lower[:cut], lower[cut:]
            if tail in NEVER_LAST and danish.known(head):
                return [f"{head} {tail}"]  # a function word never ends a compound: `dagslys inden`
            if len(tail) >= 4 and danish.definite_genitive(head) and danish.known(tail):
                return [f"{head} {tail}"]  # a definite form before a word: `skulderbladets position`
        return []


_VOWELS = frozenset("aeiouyæøå")
# th, ph of a Greek root before a vowel (`skapulothorakal`, `lymphe`), rh only first
# (`rheumatisk`); elsewhere an h is a slip (`smerth`, `styrhe`).
_GREEK = re.compile(r"(?<=[a-zæøå])(th|ph)(?=[aeiouyæøå])|^(th|ph|rh)(?=[aeiouy])")
_GREEK_LETTER = {"th": "t", "ph": "f", "rh": "r"}
# The last letters of Danish endings (-e, -t, -r, -n, -s).
_ENDING_LETTERS = frozenset("etrns")
_KEYBOARD = ("qwertyuiopå", "asdfghjklæø", "zxcvbnm")
_KEY_AT = {ch: (row, col) for row, keys in enumerate(_KEYBOARD) for col, ch in enumerate(keys)}


def _adjacent_keys(a: str, b: str) -> bool:
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (ra, ca), (rb, cb) = _KEY_AT[a], _KEY_AT[b]
    return abs(ra - rb) <= 1 and abs(ca - cb) <= 1 and (ra, ca) != (rb, cb)


def another_form(word: str, other: str) -> bool:
    """Do the two differ only at the end, by one letter more or less or by the last letter of
    an ending (`tendinøs`/`tendinøst`, `boxer`/`boxe`, `tendinøse`/`tendinøst`)? That is
    another form of the word, one the list lacks, not a slip; a key pressed twice at the end
    is a slip (`senenn`)."""
    shorter, longer = sorted((word, other), key=len)
    if len(longer) == len(shorter) + 1:
        return longer.startswith(shorter) and longer[-1] != longer[-2]
    return (
        len(word) == len(other) > 1 and word[:-1] == other[:-1]
        and word[-1] in _ENDING_LETTERS and other[-1] in _ENDING_LETTERS
    )


def typo_like(typo: str, word: str) -> bool:
    """Could `typo` be `word` written with one slip of the kinds writers make? Letters
    swapped, one doubled or dropped, a vowel or a Danish confusion (e/æ, o/ø, a/å, c/k), a
    neighbouring key, a letter missed or added — but not at the first letter, which writers
    rarely get wrong: without that, jargon is "near" rare words (`glute` → `flute`,
    `pannus` → `annus`)."""
    if abs(len(typo) - len(word)) > 1 or typo == word:
        return len(typo) >= 8 and abs(len(typo) - len(word)) <= 2  # two edits: long words only
    if len(typo) == len(word):
        diff = [i for i, (x, y) in enumerate(zip(typo, word)) if x != y]
        if len(diff) == 2:
            i, j = diff
            return j == i + 1 and typo[i] == word[j] and typo[j] == word[i]
        if len(diff) != 1 or diff[0] == 0:
            return len(diff) > 2 and len(typo) >= 8
        a, b = typo[diff[0]], word[diff[0]]
        return (a in _VOWELS and b in _VOWELS) or b in _CONFUSIONS.get(a, "") or _adjacent_keys(a, b) or {a, b} <= set("ckxsqz")
    longer, shorter = (typo, word) if len(typo) > len(word) else (word, typo)
    i = next((k for k in range(len(shorter)) if longer[k] != shorter[k]), len(shorter))
    return i > 0 and longer[:i] + longer[i + 1 :] == shorter


def _consonant_slips(word: str) -> set[str]:
    """The word with one doubled consonant made single, or one single consonant doubled."""
    slips = set()
    for i, ch in enumerate(word):
        if ch in _VOWELS or not ch.isalpha():
            continue
        if i + 1 < len(word) and word[i + 1] == ch:
            slips.add(word[:i] + word[i + 1 :])
        elif i == 0 or word[i - 1] != ch:
            slips.add(word[:i] + ch + word[i:])
    return slips


# British endings and their American forms: the English list spells as Americans do, and
# Danish writers follow British English as often (`mobilise`, `behaviour`, `centre`).
_BRITISH = (("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
            ("our", "or"), ("ours", "ors"), ("tre", "ter"), ("tres", "ters"))


def _american(lower: str) -> list[str]:
    return [lower[: -len(british)] + american for british, american in _BRITISH if lower.endswith(british) and len(lower) > len(british) + 2]


def _cut_or_grown(word: str, other: str) -> bool:
    """One is the other with two or more letters more at the end."""
    shorter, longer = sorted((word, other), key=len)
    return len(longer) - len(shorter) >= 2 and longer.startswith(shorter)


def _vowel_edits(word: str) -> set[str]:
    return {word[:i] + v + word[i + 1 :] for i, ch in enumerate(word) if ch in "aeiouy" for v in "aeiouy" if v != ch}


def _plain_case(text: str) -> bool:
    lower = text.lower()
    return text == lower or (text[0].isupper() and text[1:] == lower[1:])


def _stems(lower: str):
    """The word without each Danish ending it has. A doubled consonant is never undone: a
    doubled consonant is the commonest typo (`fysioterapeutter`)."""
    for ending in ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
            stem = lower[: -len(ending)]
            if ending in _AFTER_VOWEL and stem[-1] not in "aeiouyæøå" and not (ending == "t" and stem.endswith(_ADJECTIVES)):
                continue
            yield stem
