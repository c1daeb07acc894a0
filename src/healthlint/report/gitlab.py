"""GitLab Code Quality: a JSON list of issues, shown in the merge request widget and diff.

GitLab compares fingerprints between the target branch and the merge request to tell new
problems from fixed ones, so each issue's fingerprint is the stable one of fingerprint.py
(rule, path, line text) plus an occurrence counter, which keeps it unique.

Severities: GitLab knows info, minor, major, critical and blocker. A healthlint error (a broken
or unsafe page: unreadable, no red-flag advice, an impossible date) is `critical`; a warning,
worth fixing before publishing, is `minor`; an info is `info`. `major` and `blocker` stay
unused, so a team that reads the widget sorts errors first and never mistakes a warning for one.
"""

from __future__ import annotations

import hashlib
import json

from healthlint.report.escape import valid_json
from healthlint.report.fingerprint import PathMapper, diagnostic_fingerprints

SEVERITIES = {"error": "critical", "warning": "minor", "info": "info"}


def render_gitlab(report) -> str:
    mapper = PathMapper()
    fingerprints = diagnostic_fingerprints(report.diagnostics, report.sources, mapper)
    issues = []
    for d, print_ in zip(report.diagnostics, fingerprints):
        issues.append(
            {
                "description": f"{d.code} {d.name}: {d.message}",
                "check_name": d.code,
                "fingerprint": hashlib.md5(print_.encode("ascii"), usedforsecurity=False).hexdigest(),
                "severity": SEVERITIES[d.severity.label],
                "location": {
                    "path": mapper.repo_path(d.path),
                    "lines": {"begin": d.span.line, "end": d.span.end_line},
                },
            }
        )
    return valid_json(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"
