"""Precision and recall of every rule on the labelled site: labels, one run, the matching.

Used by `bench/precision` (the figures and the lists of false and missed findings) and by
`tests/test_realistic.py` (the floors). The labels' format is described in README.md here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = ("tuning", "holdout")
TODAY = "2026-12-01"  # fixed, so stale and future dates do not move with the calendar
MIN_EXPECTED = 10  # a rule with fewer expected findings in a part has no figure there
TARGET_PRECISION = 0.90


class LabelError(ValueError):
    """A label that cannot be used: says which file and line."""


@dataclass(frozen=True)
class Label:
    path: str
    where: str  # "LINE:COL", "LINE", '"quoted text"' or "-"
    code: str
    why: str
    source_line: int  # its line in the labels file

    @property
    def quoted(self) -> str | None:
        return self.where[1:-1] if self.where.startswith('"') else None


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column} {self.code} {self.message}"


@dataclass
class Score:
    code: str
    expected: int = 0
    true: list[Finding] = field(default_factory=list)
    false: list[Finding] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)

    @property
    def fired(self) -> int:
        return len(self.true) + len(self.false)

    @property
    def has_figure(self) -> bool:
        return self.expected >= MIN_EXPECTED

    @property
    def precision(self) -> float | None:
        return len(self.true) / self.fired if self.fired else None

    @property
    def recall(self) -> float | None:
        return len(self.true) / self.expected if self.expected else None


def labels_file(part: str) -> Path:
    return HERE / f"{part}.labels.tsv"


def read_labels(part: str) -> list[Label]:
    """The part's labels, each checked: a known file, a well-formed place, quoted text present."""
    root = HERE / part
    labels = []
    source = labels_file(part)
    for number, raw in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) < 3:
            raise LabelError(f"{source.name}:{number}: expected path<TAB>where<TAB>code<TAB>why")
        path, where, code = cells[0], cells[1], cells[2]
        why = cells[3] if len(cells) > 3 else ""
        file = root / path
        if not file.is_file():
            raise LabelError(f"{source.name}:{number}: no file {path}")
        if not (code.startswith("HL") and len(code) == 5 and code[2:].isdigit()):
            raise LabelError(f"{source.name}:{number}: {code!r} is not a rule code")
        label = Label(path, where, code, why, number)
        if label.quoted is not None:
            if not label.quoted or label.quoted not in file.read_text(encoding="utf-8", errors="replace"):
                raise LabelError(f"{source.name}:{number}: {where} does not occur in {path}")
        elif where != "-" and not all(part.isdigit() for part in where.split(":", 1)):
            raise LabelError(f"{source.name}:{number}: {where!r} is not LINE, LINE:COL, \"text\" or -")
        labels.append(label)
    return labels


def run(part: str, extra_args: tuple[str, ...] = ()) -> list[Finding]:
    """Every finding of every rule on the part, as a new user's `healthlint check` gives them."""
    root = HERE / part
    command = [sys.executable, "-m", "healthlint", "check", ".", "--select", "ALL", "--today", TODAY,
               "--format", "json", "--no-cache", "--exit-zero", "--jobs", "1", *extra_args]
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"healthlint failed on {part} ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    return [
        Finding(d["path"].removeprefix("./"), d["line"], d["column"], d["code"], d["message"])
        for d in report["diagnostics"]
    ]


def _occurrences(text: str, needle: str) -> list[tuple[int, int, int]]:
    """(line, first column, last column) of every occurrence of `needle`, 1-based."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        start = line.find(needle)
        while start >= 0:
            found.append((number, start + 1, start + len(needle)))
            start = line.find(needle, start + 1)
    return found


# Rules whose finding starts at the labelled word itself: another word on the same line is
# another finding, never this label's (a jargon word beside a labelled typo is a false alarm).
AT_THE_WORD = ("HL610",)


def match(part: str, labels: list[Label], findings: list[Finding]) -> dict[str, Score]:
    """Pair labels with findings, one to one, most specific labels first."""
    root = HERE / part
    texts: dict[str, str] = {}
    scores: dict[str, Score] = {}
    open_findings = sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code))
    taken: set[int] = set()
    matched: set[int] = set()

    def text_of(path: str) -> str:
        if path not in texts:
            texts[path] = (root / path).read_text(encoding="utf-8", errors="replace")
        return texts[path]

    def fits(label: Label, finding: Finding, strict: bool) -> bool:
        if label.path != finding.path or label.code != finding.code:
            return False
        if label.where == "-":
            return True
        if label.quoted is not None:
            spots = _occurrences(text_of(label.path), label.quoted)
            if strict or label.code in AT_THE_WORD:
                return any(line == finding.line and first <= finding.column <= last for line, first, last in spots)
            return any(line == finding.line for line, _, _ in spots)
        line, _, column = label.where.partition(":")
        return int(line) == finding.line and (not column or int(column) == finding.column)

    # Exact places first, then quoted text under the finding, then text on its line, then "-".
    passes = [
        (lambda l: l.where != "-" and l.quoted is None, True),
        (lambda l: l.quoted is not None, True),
        (lambda l: l.quoted is not None, False),
        (lambda l: l.where == "-", True),
    ]
    for wanted, strict in passes:
        for index, label in enumerate(labels):
            if index in matched or not wanted(label):
                continue
            for position, finding in enumerate(open_findings):
                if position not in taken and fits(label, finding, strict):
                    taken.add(position)
                    matched.add(index)
                    scores.setdefault(label.code, Score(label.code)).true.append(finding)
                    break
    for index, label in enumerate(labels):
        score = scores.setdefault(label.code, Score(label.code))
        score.expected += 1
        if index not in matched:
            score.missed.append(label)
    for position, finding in enumerate(open_findings):
        if position not in taken:
            scores.setdefault(finding.code, Score(finding.code)).false.append(finding)
    return dict(sorted(scores.items()))


def measure(part: str) -> dict[str, Score]:
    return match(part, read_labels(part), run(part))


# Families that later work tunes (spelling, medical safety, SEO with the required keys,
# headings and readability): held where they stand now until then.
_TUNED_LATER = ("HL110", "HL111", "HL112", "HL2", "HL3", "HL5", "HL6")


def tuned_later(code: str) -> bool:
    return code.startswith(_TUNED_LATER)
