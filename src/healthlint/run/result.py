"""What the per-file pass learns about one file: the value the engine makes, the cache keeps
and the reporters read (plain values, safe to send between processes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from healthlint import suppress
from healthlint.diagnostic import Diagnostic
from healthlint.site.facts import FileFacts


@dataclass
class FileResult:
    """What the per-file pass learns about one file (plain values, safe to send between processes)."""

    path: str
    rel_path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    directives: list[suppress.Directive] = field(default_factory=list)
    facts: FileFacts | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
