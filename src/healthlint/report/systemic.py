"""Systemic findings: one rule firing on most files of one kind of page, said once.

When a rule fires on more than half the files of a page kind (without a site profile: of a
top-level folder) in a run over at least `MIN_RUN` files, the finding is about the kind, not
about each page: "HL601 fires on 463 of 480 `ordbog` pages". The terminal outputs (full and
concise) and the Markdown summary say it once, with the count and the worst files, instead
of once per file. This is presentation only: the report keeps every diagnostic, so the exit
code, baselines, JSON, SARIF and the other machine formats are unchanged, and a run over a
few files (the pre-commit hook) shows each file its own finding.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from healthlint.i18n import Messages

MIN_RUN = 20  # files in the run
MIN_KIND = 5  # files of the kind: "most of two files" is not a pattern
WORST = 3  # files named

MESSAGES = Messages(
    {
        "folded": {
            "en": "{code} {name} [{level}] fires on {hit} of {total} `{kind}` pages{measure}: a pattern of the page "
            "kind, not of each page, so it is said once here. Worst: {worst}. Every finding is still in the JSON, "
            "SARIF and baseline outputs, and a run on one of the files shows its own.",
            "da": "{code} {name} [{level}] rammer {hit} af {total} sider af typen `{kind}`{measure}: et mønster "
            "for sidetypen, ikke for hver side, så det siges én gang her. Værst: {worst}. Hvert fund står stadig i "
            "JSON, SARIF og baseline, og en kørsel på én af filerne viser dens eget.",
        },
        "folded-md": {
            "en": "**{code} {name}** fires on {hit} of {total} `{kind}` pages{measure}. Worst: {worst}.",
            "da": "**{code} {name}** rammer {hit} af {total} sider af typen `{kind}`{measure}. Værst: {worst}.",
        },
        "lix-measure": {"en": " (median LIX {median})", "da": " (median-LIX {median})"},
        "heading": {"en": "### Patterns of a page kind", "da": "### Mønstre for en sidetype"},
    },
    __name__,
)


class Fold(NamedTuple):
    code: str
    name: str
    level: str
    kind: str
    hit: int  # files of the kind the rule fires on
    total: int  # files of the kind in the run
    worst: tuple[tuple[str, float | None], ...]  # (path, its LIX for a readability rule), worst first
    median_lix: float | None  # for readability rules: the kind's median LIX among the hit files


def kind_of(result, profile) -> str:
    """The page kind a file belongs to; without a profile, its top-level folder."""
    if profile is not None and profile.configured:
        if result.facts is not None:
            return result.facts.kind
        return profile.kind_for(result.rel_path).name
    head, slash, _ = result.rel_path.partition("/")
    return head if slash else "."


def find(report) -> tuple[list[Fold], set[int]]:
    """The folds of this report, and the ids of the diagnostics they stand for."""
    files = getattr(report, "files", None) or []
    if len(files) < MIN_RUN:
        return [], set()
    profile = getattr(report.config, "site_profile", None)
    rule_set = getattr(report.config, "rule_set", None)
    by_path = {result.path: result for result in files}
    kinds = {result.path: kind_of(result, profile) for result in files}
    totals: dict[str, int] = defaultdict(int)
    for kind in kinds.values():
        totals[kind] += 1
    hits: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for diagnostic in report.diagnostics:
        kind = kinds.get(diagnostic.path)
        if kind is not None:
            hits[(diagnostic.code, kind)][diagnostic.path].append(diagnostic)
    folds, folded = [], set()
    for (code, kind), per_file in sorted(hits.items()):
        total = totals[kind]
        if total < MIN_KIND or len(per_file) * 2 <= total:
            continue
        first = next(iter(per_file.values()))[0]
        # A rule that keeps figures with each file (its metrics hook: LIX) is ranked by them.
        rule = rule_set.by_selector(code) if rule_set is not None else None
        lix = {path: by_path[path].metrics.get("lix") for path in per_file} if rule is not None and rule.metrics else {}
        ranked = sorted(per_file, key=lambda path: (-len(per_file[path]), -(lix.get(path) or 0), path))
        worst = tuple((path, lix.get(path)) for path in ranked[:WORST])
        lixes = sorted(value for value in lix.values() if value is not None)
        median = lixes[len(lixes) // 2] if lixes else None
        folds.append(Fold(code, first.name, first.severity.label, kind, len(per_file), total, worst, median))
        folded.update(id(d) for found in per_file.values() for d in found)
    return folds, folded


def _worst(fold: Fold, markdown: bool) -> str:
    from healthlint.report.escape import markdown_text, visible

    shown = []
    for path, lix in fold.worst:
        name = markdown_text(path) if markdown else visible(path)
        shown.append(f"{name} (LIX {_decimal(lix)})" if lix is not None else name)
    return ", ".join(shown)


def sentence(fold: Fold, report, *, markdown: bool = False) -> str:
    from healthlint.report.escape import visible

    lang = getattr(report, "lang", "en")
    measure = MESSAGES.say(lang, "lix-measure", median=_decimal(fold.median_lix)) if fold.median_lix is not None else ""
    kind = visible(fold.kind).replace("`", "'")
    return MESSAGES.say(
        lang,
        "folded-md" if markdown else "folded",
        code=fold.code,
        name=fold.name,
        level=fold.level,
        hit=fold.hit,
        total=fold.total,
        kind=kind,
        measure=measure,
        worst=_worst(fold, markdown),
    )


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")  # as the readability messages write LIX


def heading(report) -> str:
    return MESSAGES.say(getattr(report, "lang", "en"), "heading")
