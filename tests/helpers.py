"""Test helpers shared across the suite: lint a file alone, read a fixture's inline
expectations, apply a fix, run the CLI in this process."""

from __future__ import annotations

import io
import os
import re
import sys
from datetime import date
from pathlib import Path

from healthlint.config import Config
from healthlint.run.engine import Engine


class _Stream(io.TextIOWrapper):
    """A text stream over bytes, like sys.stdout: `.buffer` takes bytes, `isatty()` is False."""

    def __init__(self, data: bytes = b""):
        super().__init__(io.BytesIO(data), encoding="utf-8", newline="", write_through=True)

    def value(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("utf-8")


def run_cli(cwd: Path, *args: str, env: dict | None = None, stdin: bytes = b"", unset: tuple[str, ...] = ()) -> tuple[int, str, str]:
    """Run `healthlint ARGS` in this process, as the console script would in `cwd`: the exit
    code, standard output and standard error. Faster than a subprocess by the interpreter's
    start-up; tests of the installed script, signals and terminals still start a process."""
    from healthlint.cli import main

    saved = (os.getcwd(), dict(os.environ), sys.stdin, sys.stdout, sys.stderr)
    out, err = _Stream(), _Stream()
    try:
        os.chdir(cwd)
        for key in ("NO_COLOR", "FORCE_COLOR", *unset):
            os.environ.pop(key, None)
        os.environ.update(env or {})
        sys.stdin, sys.stdout, sys.stderr = _Stream(stdin), out, err
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse's --help and usage errors
            code = exit.code if isinstance(exit.code, int) else 2
        return code, out.value(), err.value()
    finally:
        os.chdir(saved[0])
        os.environ.clear()
        os.environ.update(saved[1])
        sys.stdin, sys.stdout, sys.stderr = saved[2], saved[3], saved[4]


FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parent / "data" / "seed-article.md"

# A fixture marks what it must produce in HTML comments anywhere in the file:
#   <!-- expect HL301 12:1 HL305 14:20 -->   (code line:column, as many as needed)
#   <!-- expect none -->                      (a passing case)
#   <!-- test select=HL3 today=2026-01-01 --> (optional: which rules, which date is today)
EXPECT_RE = re.compile(r"<!--\s*expect\s+(.*?)\s*-->")
EXPECT_ITEM_RE = re.compile(r"(HL\d{3})\s+(\d+):(\d+)")
SETTINGS_RE = re.compile(r"<!--\s*test\s+(.*?)\s*-->")


def lint_alone(path: Path, *, select: list[str] | None = None, today: date = date(2026, 1, 1), config: Config | None = None):
    """Lint one file with the default config; site rules see only this file."""
    engine = Engine(config or Config(root=path.parent), today=today, select=select)
    result = engine.lint_bytes(str(path), path.name, path.read_bytes())
    return engine.finish([result])


def expectations(path: Path) -> tuple[list[tuple[str, int, int]], dict[str, str]]:
    """The sorted (code, line, column) list a fixture declares (a problem may repeat), and its settings."""
    text = path.read_bytes().decode("utf-8", "replace")
    expected: list[tuple[str, int, int]] = []
    for match in EXPECT_RE.finditer(text):
        for code, line, column in EXPECT_ITEM_RE.findall(match.group(1)):
            expected.append((code, int(line), int(column)))
    expected.sort()
    settings: dict[str, str] = {}
    for match in SETTINGS_RE.finditer(text):
        for item in match.group(1).split():
            key, _, value = item.partition("=")
            settings[key] = value
    return expected, settings


def apply_fix(text: str, fix) -> str:
    """Apply a Fix's edits to the text, as `--fix` does."""
    from healthlint.fix import apply_edits

    return apply_edits(text, list(fix.edits))
