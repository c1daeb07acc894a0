"""Test helpers shared across the suite."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path


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
