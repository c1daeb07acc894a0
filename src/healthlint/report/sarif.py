"""SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules that fired, stable fingerprints.

Paths are relative to the git work tree's root (`%SRCROOT%`) when the file is inside one,
else to the working folder, so alerts land on the right file in the repository. Columns are
code points with an exclusive end, which is SARIF's `unicodeCodePoints` column kind as is.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from healthlint.report.escape import raw_bytes, valid_json
from healthlint.report.fingerprint import PathMapper, diagnostic_fingerprints
from healthlint.version import __version__

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://healthlint.readthedocs.io/"
DEFAULT_DOCS_URL = "https://healthlint.readthedocs.io/rules/{code}"
FINGERPRINT_KEY = "healthlint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def help_uri(template: str, code: str, name: str) -> str:
    # Plain replacement rather than str.format: a stray brace in config cannot break a run.
    return template.replace("{code}", code).replace("{name}", name)


def _rule_descriptor(code: str, name: str, level: str, rule, docs_url: str) -> dict:
    descriptor = {"id": code, "name": name}
    if rule is not None:
        descriptor["shortDescription"] = {"text": rule.summary}
        descriptor["fullDescription"] = {"text": rule.doc}
        descriptor["help"] = {"text": rule.doc, "markdown": f"**{code} {name}**\n\n{rule.doc}"}
    descriptor["helpUri"] = help_uri(docs_url, code, name)
    descriptor["defaultConfiguration"] = {"level": level}
    if rule is not None and rule.tags:
        descriptor["properties"] = {"tags": list(rule.tags)}
    return descriptor


def _configured_level(report, code: str, rule, fallback: str) -> str:
    setting = getattr(report.config, "rules", {}).get(code)
    if setting is not None and setting.severity is not None:
        return LEVELS[setting.severity.label]
    return LEVELS[rule.severity.label] if rule is not None else fallback


def _uri(relative: str) -> str:
    # The name's bytes on disk, so a name that is not UTF-8 still points at its file (`caf%E9.md`).
    return quote(raw_bytes(relative), safe="/")


def _base_ids(mapper: PathMapper, paths: set[str]) -> dict[Path, str]:
    """%SRCROOT% is the work tree holding the working folder (or the folder itself); a file in
    another work tree gets a base of its own, ROOT1, ROOT2, … in sorted order."""
    used = {mapper.map(path)[0] for path in paths if mapper.map(path)[1] is not None}
    ordered = sorted(used, key=lambda base: (base != mapper.home, str(base)))
    return {base: "%SRCROOT%" if number == 0 else f"ROOT{number}" for number, base in enumerate(ordered)}


def render_sarif(report, *, docs_url: str | None = None, cwd: Path | None = None) -> str:
    docs_url = docs_url or getattr(report.config, "docs_url", None) or DEFAULT_DOCS_URL
    known = {rule.code: rule for rule in report.config.rule_set.rules}
    mapper = PathMapper(cwd)
    fingerprints = diagnostic_fingerprints(report.diagnostics, report.sources, mapper)

    # Only the rules that fired: the docs of a hundred rules would swamp a small report, and
    # code scanning needs a descriptor only for the rules its results name.
    rule_index: dict[str, int] = {}
    rules: list[dict] = []
    bases = _base_ids(mapper, {d.path for d in report.diagnostics})
    results = []
    for d, print_ in zip(report.diagnostics, fingerprints):
        if d.code not in rule_index:
            rule = known.get(d.code)
            level = _configured_level(report, d.code, rule, LEVELS[d.severity.label])
            rule_index[d.code] = len(rules)
            rules.append(_rule_descriptor(d.code, d.name, level, rule, docs_url))
        base, relative = mapper.map(d.path)
        if relative is None:
            artifact = {"uri": Path(mapper.repo_path(d.path)).as_uri()}
        else:
            artifact = {"uri": _uri(relative), "uriBaseId": bases[base]}
        span = d.span
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": rule_index[d.code],
                "level": LEVELS[d.severity.label],
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": artifact,
                            "region": {
                                "startLine": span.line,
                                "startColumn": span.column,
                                "endLine": span.end_line,
                                "endColumn": span.end_column,
                            },
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT_KEY: print_},
            }
        )

    run: dict = {
        "tool": {
            "driver": {
                "name": "healthlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [{"level": "note", "message": {"text": note}} for note in report.notes],
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if not report.notes:
        del run["invocations"][0]["toolExecutionNotifications"]
    if bases:
        # A base URI must end with `/` so that relative URIs resolve inside it.
        run["originalUriBaseIds"] = {name: {"uri": base.as_uri().rstrip("/") + "/"} for base, name in bases.items()}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return valid_json(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"
