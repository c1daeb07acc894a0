"""A baseline of accepted problems, so a site with a backlog can still fail on new ones.

`check --write-baseline FILE` records every current problem; `check --baseline FILE` then
reports only problems that are not in it. A problem is known by its rule, its repository-
relative path and its fingerprint (healthlint.report.fingerprint: the rule, the path and the text of
its line, not the line number), so it stays known when lines are added or removed above it
and becomes new when its own line is edited. Counts matter: two identical problems with one
in the baseline leave one to report.

The file is JSON, sorted so that it diffs well in review:

    {"version": 1, "findings": [{"rule": "HL121", "name": "unpadded-date", "path": "ordbog/knæ.md",
      "fingerprint": "…32 hex digits…", "count": 1, "message": "…"}]}

`name` and `message` are for the reader of the file; only rule, path, fingerprint and count
are compared.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from healthlint.diagnostic import NOT_READ
from healthlint.report.fingerprint import PathMapper, SourceLines, fingerprint

VERSION = 1

Key = tuple[str, str, str]  # (rule code, repository-relative path, fingerprint)


class BaselineError(Exception):
    """The baseline file cannot be read or is not a healthlint baseline (a usage error, exit 2)."""


@dataclass
class Filtered:
    diagnostics: list  # the problems not in the baseline, in their order
    hidden: int  # problems the baseline kept silent
    gone: int  # problems recorded in the baseline that were not found this time


def keys(diagnostics, sources: dict[str, str] | None = None, mapper: PathMapper | None = None) -> list[Key]:
    """The baseline key of each diagnostic, in the order given (equal problems share a key)."""
    mapper = mapper or PathMapper()
    lines = SourceLines(sources)
    result = []
    for d in diagnostics:
        path = mapper.repo_path(d.path)
        result.append((d.code, path, fingerprint(d.code, path, "" if d.code in NOT_READ else lines.line(d.path, d.span.line))))
    return result


def render(diagnostics, sources: dict[str, str] | None = None) -> str:
    """The baseline file's text for these problems."""
    counts: Counter[Key] = Counter()
    first: dict[Key, object] = {}
    for key, d in zip(keys(diagnostics, sources), diagnostics):
        counts[key] += 1
        first.setdefault(key, d)
    findings = [
        {
            "rule": rule,
            "name": first[(rule, path, fp)].name,
            "path": path,
            "fingerprint": fp,
            "count": counts[(rule, path, fp)],
            "message": first[(rule, path, fp)].message,
        }
        for rule, path, fp in sorted(counts, key=lambda k: (k[1], k[0], k[2]))
    ]
    text = json.dumps({"version": VERSION, "findings": findings}, ensure_ascii=False, indent=2) + "\n"
    # A file name that is not UTF-8 holds lone surrogates, which no UTF-8 file can: written as
    # JSON escapes (`\udce9`), they load back as the same name.
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def write(path: Path, diagnostics, sources: dict[str, str] | None = None) -> None:
    """Write the baseline atomically, so a failed run never leaves half a file; OSError on failure."""
    from healthlint.run.atomic import write_atomic

    write_atomic(Path(path), render(diagnostics, sources).encode("utf-8"), mode=None)


def load(path: Path) -> Counter[Key]:
    """The recorded problems with their counts; BaselineError says what is wrong with the file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"the baseline {path} does not exist; record one with --write-baseline {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise BaselineError(f"the baseline {path} cannot be read: {reason}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"the baseline {path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            f"record it again with --write-baseline {path}"
        ) from None
    if not isinstance(data, dict) or "findings" not in data or "version" not in data:
        raise BaselineError(f"the baseline {path} is not a healthlint baseline: it needs `version` and `findings`")
    if data["version"] != VERSION:
        raise BaselineError(
            f"the baseline {path} has version {data['version']!r}; this healthlint reads version {VERSION}. "
            f"Record it again with --write-baseline {path}"
        )
    if not isinstance(data["findings"], list):
        raise BaselineError(f"the baseline {path}: `findings` must be a list")
    recorded: Counter[Key] = Counter()
    for index, item in enumerate(data["findings"]):
        where = f"the baseline {path}: findings[{index}]"
        if not isinstance(item, dict):
            raise BaselineError(f"{where} must be an object")
        for field in ("rule", "path", "fingerprint"):
            if not isinstance(item.get(field), str) or not item[field]:
                raise BaselineError(f"{where}.{field} must be a non-empty string")
        count = item.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise BaselineError(f"{where}.count must be a whole number of at least 1")
        recorded[(item["rule"], item["path"], item["fingerprint"])] += count
    return recorded


def apply(diagnostics, recorded: Counter[Key], sources: dict[str, str] | None = None, linted: list[str] = ()) -> Filtered:
    """Leave out the problems the baseline records, as many of each as it counts.

    `linted` are the paths of the files this run checked: a recorded problem counts as gone
    only when its file was checked (a run over a few files says nothing about the others)."""
    mapper = PathMapper()
    left = Counter(recorded)
    kept = []
    hidden = 0
    for key, d in zip(keys(diagnostics, sources, mapper), diagnostics):
        if left[key] > 0:
            left[key] -= 1
            hidden += 1
        else:
            kept.append(d)
    checked = {mapper.repo_path(path) for path in linted}
    gone = sum(count for (_, path, _), count in left.items() if path in checked)
    return Filtered(kept, hidden, gone)


__all__ = ["BaselineError", "Filtered", "VERSION", "apply", "keys", "load", "render", "write"]
