"""Running a pack rule on a document: the four kinds and their findings."""

from __future__ import annotations

import bisect
from typing import Any, Iterator, NamedTuple

from healthlint.diagnostic import Edit, Fix, Span, Violation
from healthlint.ruleset.packs.compiled import (
    _FRONTMATTER_SCOPES,
    _Condition,
    _Patterns,
    _Spec,
)
from healthlint.ruleset.packs.passages import (
    _HEADINGS_KEY,
    _KINDS_KEY,
    _Passage,
    _passages,
    _scope,
    _section_kinds,
    _sentence_bounds,
    _simple_sentence_bounds,
)

# ---------------------------------------------------------------------------------------
# Running a rule


def _run(spec: _Spec, doc, lang: str = "en") -> Iterator[Violation]:
    passages = _passages(doc)
    if spec.unless is not None:
        scopes, unless = spec.unless
        if any(unless.search(p.text) for p in _in_scopes(passages, scopes)):
            return
    chosen = _in_scopes(passages, spec.scopes)
    if spec.not_in & {"myths", "faq"}:
        kinds = passages.get(_KINDS_KEY)
        if kinds is None:
            kinds = passages[_KINDS_KEY] = _section_kinds(passages[_HEADINGS_KEY])
        chosen = [p for p in chosen if p.scope in _FRONTMATTER_SCOPES or not (kinds[p.section] & spec.not_in)]
    if lang == "da":
        spec = spec._replace(
            message=spec.message_da or spec.message,
            alternatives=tuple((found, da or en, da) for found, en, da in spec.alternatives),
        )
    if spec.kind == "existence":
        yield from _existence(spec, chosen)
    elif spec.kind == "substitution":
        yield from _substitution(spec, chosen)
    elif spec.kind == "required":
        yield from _required(spec, chosen, doc)
    else:
        yield from _conditional(spec, chosen, passages)


def _in_scopes(passages, scopes) -> list[_Passage]:
    items = [p for scope in scopes for p in _scope(passages, scope)]
    return sorted(items, key=lambda p: (p.starts[0], p.offsets[:1]))


def _matches(patterns: _Patterns, passage: _Passage, exceptions: _Patterns | None = None, not_in: frozenset[str] = frozenset()) -> list:
    """Non-overlapping matches of any of `patterns`, earliest (then longest) first, minus
    exceptions and, with `questions` in `not_in`, matches in a sentence that asks."""
    found = [(m.start(), -m.end(), index, m) for index, m in patterns.finditer(passage.text) if m.end() > m.start()]
    if exceptions and found:
        excepted = [(m.start(), m.end()) for _, m in exceptions.finditer(passage.text)]
        found = [item for item in found if not any(s <= item[0] and -item[1] <= e for s, e in excepted)]
    if "questions" in not_in and found and "?" in passage.text:
        found = [item for item in found if not _in_question(passage, item[0])]
    found.sort(key=lambda item: item[:3])
    kept = []
    last_end = -1
    for start, negative_end, index, match in found:
        if start >= last_end:
            kept.append((index, match))
            last_end = -negative_end
    return kept


def _in_question(passage: _Passage, offset: int) -> bool:
    """Is the text at `offset` in a sentence (or heading) that ends with a question mark?"""
    if passage.scope == "heading":
        return passage.text.rstrip().endswith("?")
    for start, end in _sentence_bounds(passage.text):
        if start <= offset < end:
            return passage.text[start:end].rstrip().endswith("?")
    return False


def _as_said(match) -> str:
    """A match as one finding names it: `Ibuprofen` and `ibuprofen` are one medicine."""
    return " ".join(match.group().lower().split())


def _format(message: str, **values: str) -> str:
    return message.format_map({key: _quote(value) for key, value in values.items()})


def _quote(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 80 else value[:77] + "…"


def _existence(spec: _Spec, passages) -> Iterator[Violation]:
    said: set[tuple] = set()  # with `once-per`: (section or article, the match in lower case)
    for passage in passages:
        for _, match in _matches(spec.patterns, passage, spec.exceptions, spec.not_in):
            if spec.once_per:
                key = (passage.section if spec.once_per == "section" else 0, _as_said(match))
                if key in said:
                    continue
                said.add(key)
            yield Violation(passage.span(match.start(), match.end()), _format(spec.message, match=match.group()))


def _substitution(spec: _Spec, passages) -> Iterator[Violation]:
    for passage in passages:
        for index, match in _matches(spec.patterns, passage, spec.exceptions, spec.not_in):
            replacement = _keep_case(match.group(), match.expand(spec.replacements[index]))
            if replacement == match.group():
                continue
            span = passage.span(match.start(), match.end())
            fix = None
            if spec.fix != "none" and passage.raw_slice(match.start(), match.end()) == match.group():
                fix = Fix((Edit(span, replacement),), safe=spec.fix == "safe", description=f"Replace with “{replacement}”")
            message = _format(spec.message, match=match.group(), replacement=replacement)
            yield Violation(span, message, fix)


def _keep_case(found: str, replacement: str) -> str:
    if len(found) > 1 and found.isupper():
        return replacement.upper()
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _required(spec: _Spec, passages, doc) -> Iterator[Violation]:
    if any(spec.patterns.search(p.text) for p in passages):
        return
    if passages:
        first = passages[0]
        span = first.span(0, len(first.text.rstrip()) or 1) if first.text else Span.point(first.starts[0][0], first.starts[0][1])
    else:
        title = doc.frontmatter.fields.get("title")
        span = title.value_span if title is not None and title.value_span is not None else Span.point(1, 1)
    yield Violation(span, _format(spec.message, match=""))


class _Unit(NamedTuple):
    """Text a `then` condition is searched in: a then-passage, or a sentence ending in `:`
    together with the list right after it ("Søg straks læge, hvis du får:" + its items)."""

    text: str
    section: int
    unit: tuple
    key: tuple  # the sentence's own key, for `within: sentence`


def _sentence_key(passage: _Passage) -> tuple:
    return (passage.unit, passage.offsets[:1])


def _then_units(spec: _Spec, passages, condition: _Condition, start: tuple = ()) -> Iterator[_Unit]:
    """The units `condition` may hold in, in order. For a sentence then-scope the prose is
    split only where the condition holds in the whole passage: a sentence is part of its
    passage, so elsewhere no sentence can hold it, and splitting every paragraph of a site
    into sentences would cost more than all the rules' matching."""
    if "sentence" not in spec.then_scopes or spec.within == "sentence":
        for passage in _in_scopes(passages, spec.then_scopes):
            yield _Unit(passage.text, passage.section, passage.unit, _sentence_key(passage))
        return
    scopes = dict.fromkeys([scope for scope in spec.then_scopes if scope != "sentence"] + ["paragraph", "list-item", "table-cell"])
    prose = _in_scopes(passages, list(scopes))
    if start:
        # Advice mostly follows what calls for it: look there first, then before it.
        first = bisect.bisect_left([p.starts[0] for p in prose], start)
        prose = prose[first:] + prose[:first]
    index = 0
    while index < len(prose):
        passage = prose[index]
        index += 1
        text = passage.text
        tail = ""
        if passage.scope == "paragraph" and text.rstrip().endswith(":"):
            # The list items that follow at once (the next passages, in the same section).
            while index < len(prose) and prose[index].scope == "list-item" and prose[index].section == passage.section:
                tail += " " + prose[index].text
                index += 1
        if not condition.search(text + tail):
            continue
        # The quick splitter: it knows the abbreviations advice is written with, and the
        # Danish tokenizer here would cost a tenth of a cold run.
        bounds = _simple_sentence_bounds(text) if passage.scope != "heading" else [(0, len(text))]
        for number, (start, end) in enumerate(bounds):
            sentence = text[start:end]
            if number == len(bounds) - 1 and tail and sentence.rstrip().endswith(":"):
                sentence += tail
            yield _Unit(sentence, passage.section, passage.unit, (passage.unit, passage.offsets[start : start + 1]))


def _conditional(spec: _Spec, passages, all_passages) -> Iterator[Violation]:
    def key_of(section: int, unit: tuple, sentence: tuple):
        if spec.within == "article":
            return ()
        if spec.within == "section":
            return section
        if spec.within == "sentence":
            return sentence
        return unit

    triggers: dict[Any, list[tuple[_Passage, Any]]] = {}
    seen: set[tuple] = set()
    for passage in passages:
        key = key_of(passage.section, passage.unit, _sentence_key(passage))
        if spec.report == "first" and key in triggers:
            continue
        found = _matches(spec.patterns, passage, spec.exceptions, spec.not_in)
        sentences = _simple_sentence_bounds(passage.text) if spec.report == "each-match" and len(found) > 1 else []
        said_in: set[int] = set()  # sentences of this passage that have a finding
        for _, match in found:
            if spec.report == "each-match":
                what = (key, _as_said(match))
                # One finding per distinct trigger, and one per sentence: "Ibuprofen og andre
                # NSAID'er" lacks one piece of advice, not two.
                sentence = next((i for i, (start, end) in enumerate(sentences) if start <= match.start() < end), -1)
                if what in seen or (sentence >= 0 and sentence in said_in):
                    continue
                seen.add(what)
                said_in.add(sentence)
            triggers.setdefault(key, []).append((passage, match))
            if spec.report == "first":
                break
    if not triggers:
        return

    # Where the first trigger stands: the order then-units are read in (not what they say).
    start = min(passage.starts[0] for found in triggers.values() for passage, _ in found)

    def holds(condition: _Condition) -> set:
        """The trigger units in which `condition` holds in some then-unit."""
        found = set()
        for unit in _then_units(spec, all_passages, condition, start):
            key = key_of(unit.section, unit.unit, unit.key)
            if key in triggers and key not in found and condition.search(unit.text):
                found.add(key)
                if len(found) == len(triggers):
                    break
        return found

    satisfied = holds(spec.then)
    missing = [key for key in triggers if key not in satisfied]
    if not missing:
        return
    messages = {key: spec.message for key in missing}
    for condition, message, _ in spec.alternatives:
        for key in holds(condition):
            if messages.get(key) == spec.message:
                messages[key] = message
    for key in missing:
        for passage, match in triggers[key]:
            yield Violation(passage.span(match.start(), match.end()), _format(messages[key], match=match.group()))
