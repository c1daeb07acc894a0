"""Hostile inputs for healthlint, made at test time (big ones are never committed), and a way
to run the CLI on them that measures wall time and the peak memory of the process.

Each case says what the run must report — exact (code, line, column) for the codes it is
about — and the time and memory it may take. `python tests/adversarial/hostile.py` measures
every case and prints the table that docs/RELIABILITY.md shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

PYTHON = sys.executable
MB = 1 << 20

ALIAS_BOMB = "\n".join(
    ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(c)}: &{chr(c)} [" + ",".join([f"*{chr(c - 1)}"] * 9) + "]" for c in range(ord("b"), ord("j"))]
    + ["title: Bombe", "---", "", "Tekst.", ""]
)


@dataclass
class Run:
    code: int
    payload: dict | None
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # the process's peak resident memory

    def places(self, codes: tuple[str, ...] | None = None) -> list[tuple[str, int, int]]:
        found = [(d["code"], d["line"], d["column"]) for d in (self.payload or {}).get("diagnostics", [])]
        return sorted(p for p in found if codes is None or p[0].startswith(codes))


# Runs the CLI as `python -m healthlint` would and writes the process's peak RSS (KB) to a file.
_LAUNCHER = """
import os, resource, sys
from healthlint.cli import main
try:
    code = main(sys.argv[1:])
finally:
    with open(os.environ["HEALTHLINT_TEST_PEAK"], "w") as out:
        out.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
sys.exit(code)
"""


def run_cli(cwd: Path, *args: str, timeout: float = 120, fmt: str = "json", env: dict | None = None) -> Run:
    """`healthlint check ARGS` in a subprocess, with its wall time and peak resident memory."""
    import tempfile

    command = [PYTHON, "-c", _LAUNCHER, "check", *args, "--today", "2026-01-01", "--no-cache"]
    if fmt:
        command += ["--format", fmt]
    handle, peak_file = tempfile.mkstemp(suffix=".peak")
    os.close(handle)
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            command, cwd=cwd, capture_output=True, timeout=timeout,
            env={**os.environ, **(env or {}), "HEALTHLINT_TEST_PEAK": peak_file},
        )
        seconds = time.perf_counter() - started
        peak_text = Path(peak_file).read_text() or "0"
    finally:
        os.unlink(peak_file)
    stdout, stderr = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    payload = json.loads(stdout) if fmt == "json" and stdout.strip() else None
    return Run(proc.returncode, payload, stdout, stderr, seconds, int(peak_text) / 1024)


# ---------------------------------------------------------------------------------------
# The cases


@dataclass
class Case:
    name: str
    make: Callable[[Path], str]  # writes the input into a folder, returns the path to lint
    expect: list[tuple[str, int, int]]  # exact (code, line, column) for codes starting with `about`
    about: tuple[str, ...] = ("HL0", "HL10")
    args: tuple[str, ...] = ()
    seconds: float = 15.0  # wall time bound of the whole CLI run, start-up included
    memory_mb: float = 400.0  # peak resident memory bound of the CLI process
    config: str = ""  # healthlint.toml, when the case needs one
    notes: str = ""
    extra: dict = field(default_factory=dict)


def _write(name: str, data: bytes | str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return name

    return make


def _make_single_line(folder: Path) -> str:
    # 50 MB in one line: frontmatter, then words and no line break until the end.
    with open(folder / "one-line.md", "wb") as out:
        out.write(b'---\ntitle: "En meget lang linje"\n---\n\n')
        chunk = b"ord og mere tekst " * 58_255  # about 1 MB
        for _ in range(50):
            out.write(chunk)
        out.write(b"\n")
    return "one-line.md"


def _make_many_lines(folder: Path) -> str:
    with open(folder / "lines.md", "wb") as out:
        out.write(b'---\ntitle: "Mange linjer"\n---\n\n')
        out.write(b"x\n" * 100_000)
    return "lines.md"


def _make_big_table(folder: Path) -> str:
    rows = "".join(f"| Symptom {i} | {i % 7 + 1} dage |\n" for i in range(10_000))
    text = '---\ntitle: "Tabel"\n---\n\n## Varighed\n\n| Symptom | Varighed |\n|---|---|\n' + rows
    (folder / "table.md").write_text(text, "utf-8")
    return "table.md"


def _make_deep_headings(folder: Path) -> str:
    # 1,000 levels of lists and block quotes, each holding a heading.
    lines = ["---", 'title: "Dybt"', "---", ""]
    lines += ["> " * i + "- " * (i % 3) + "#" * (1 + i % 6) + f" Overskrift {i}" for i in range(1000)]
    (folder / "deep.md").write_text("\n".join(lines) + "\n", "utf-8")
    return "deep.md"


def _make_directory(folder: Path) -> str:
    # A folder with an article's name is a folder: it is walked, not read as a file.
    (folder / "folder.md").mkdir()
    (folder / "folder.md" / "inner.md").write_bytes(b"")
    return "folder.md"


def _make_broken_link(folder: Path) -> str:
    (folder / "broken.md").symlink_to(folder / "gone.md")
    return "broken.md"


def _make_link_loop(folder: Path) -> str:
    (folder / "loop-a.md").symlink_to(folder / "loop-b.md")
    (folder / "loop-b.md").symlink_to(folder / "loop-a.md")
    return "loop-a.md"


NESTED_FLOW = "---\ntitle: x\nkey: " + "[" * 10_000 + "\n---\n\nTekst.\n"
NESTED_BLOCK = "---\ntitle: x\nkey:\n" + "\n".join(" " * i + "- x:" for i in range(0, 1200, 2)) + "\n---\n\nTekst.\n"
APPLY_TAG = '---\ntitle: x\nrun: !!python/object/apply:os.system "touch {marker}"\n---\n\nTekst.\n'
OBJECT_TAG = "---\ntitle: x\nrun: !!python/object:os.system {{cmd: touch {marker}}}\n---\n\nTekst.\n"
UNCLOSED = "---\ntitle: x\n\n## Afsnit\n\nTekst.\n"
HEADINGS = ("HL301",)

CASES = [
    Case("alias-bomb", _write("bomb.md", ALIAS_BOMB), [("HL103", 1, 1)], ("HL0", "HL10"), seconds=10),
    Case("yaml-nested-flow-10000", _write("nested.md", NESTED_FLOW), [("HL103", 1, 1)], seconds=10),
    Case("yaml-nested-block-600", _write("nested.md", NESTED_BLOCK), [("HL103", 1, 1)], seconds=10),
    Case("yaml-tag-apply-os-system", _write("tag.md", APPLY_TAG.format(marker="ran")), [("HL103", 3, 6)], seconds=10),
    Case("yaml-tag-python-object", _write("tag.md", OBJECT_TAG.format(marker="ran")), [("HL103", 3, 6)], seconds=10),
    Case("frontmatter-never-closes", _write("open.md", UNCLOSED), [("HL102", 1, 1)], seconds=10),
    Case("single-line-50mb", _make_single_line, [("HL004", 1, 1)], seconds=10, memory_mb=150),
    Case(
        "single-line-50mb-limit-raised",
        _make_single_line,
        [],
        config="max-file-size = 60_000_000\n",
        seconds=60,
        memory_mb=1500,
        notes="stopped by the 10 s time limit (HL006) or, on a busy machine, by the 1024 MB memory limit first (HL007)",
        extra={"maybe": {("HL006", 1, 1), ("HL007", 1, 1)}},
    ),
    Case("lines-100000", _make_many_lines, [], seconds=40, memory_mb=500, extra={"maybe": {("HL006", 1, 1)}}),
    Case("table-10000-rows", _make_big_table, [], seconds=40, memory_mb=500, extra={"maybe": {("HL006", 1, 1)}}),
    Case("headings-1000-deep", _make_deep_headings, [], seconds=40, memory_mb=500, extra={"maybe": {("HL006", 1, 1)}}),
    Case("nul-byte", _write("nul.md", b"---\ntitle: x\n---\n\nab\x00cd\n"), [("HL002", 5, 3)], seconds=10),
    Case("latin-1", _write("latin1.md", "---\ntitle: Ondt i ryggen\n---\n\nSmerter i l\u00e6nden.\n".encode("latin-1")), [("HL003", 5, 12)], seconds=10),
    Case("utf-16-le-bom", _write("utf16.md", "\ufeff---\ntitle: Hovedpine\n---\n".encode("utf-16-le")), [("HL003", 1, 1)], seconds=10),
    Case("utf-16-be", _write("utf16.md", "---\ntitle: Hovedpine og migr\u00e6ne\n---\n".encode("utf-16-be")), [("HL003", 1, 1)], seconds=10),
    Case("lone-surrogate-ed-a0-80", _write("surrogate.md", b"---\ntitle: x\n---\n\nab\xed\xa0\x80cd\n"), [("HL003", 5, 3)], seconds=10),
    Case(
        "bom-crlf",
        _write("crlf.md", "\ufeff---\r\ntitle: x\r\n---\r\n\r\n## A\r\n\r\n#### B\r\n".encode("utf-8")),
        [("HL301", 7, 6)],
        HEADINGS,
        seconds=10,
    ),
    Case(
        "mixed-cr-lf-crlf",
        _write("mixed.md", b"---\rtitle: x\n---\r\n\r## A\n\r\n#### B\r"),
        [("HL301", 7, 6)],
        HEADINGS,
        seconds=10,
    ),
    Case("directory-named-md", _make_directory, [("HL005", 1, 1)], seconds=10),
    Case("broken-symlink", _make_broken_link, [("HL001", 1, 1)], seconds=10),
    Case("symlink-loop", _make_link_loop, [("HL001", 1, 1)], seconds=10),
]

BY_NAME = {case.name: case for case in CASES}


def check_case(case: Case, folder: Path) -> Run:
    """Make the case's input in `folder`, lint it with every rule, and check what it must give."""
    target = case.make(folder)
    if case.config:
        (folder / "healthlint.toml").write_text(case.config, "utf-8")
    run = run_cli(folder, target, *case.args, timeout=max(120, case.seconds * 3))
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code in (0, 1), (run.code, run.stderr)
    assert run.payload is not None
    assert not run.places(("HL010",)), run.payload["diagnostics"]
    got = run.places(case.about)
    maybe = case.extra.get("maybe", set())
    assert sorted(set(got) - maybe) == sorted(case.expect), got
    for d in run.payload["diagnostics"]:
        assert d["line"] >= 1 and d["column"] >= 1
    assert run.seconds < case.seconds, f"{case.name}: {run.seconds:.1f} s"
    return run


def main() -> None:
    """Measure every case and print a Markdown table (used for docs/RELIABILITY.md)."""
    import tempfile

    print("| case | diagnostics (code line:col) | wall time | peak RSS | bound |")
    print("|---|---|---|---|---|")
    for case in CASES:
        with tempfile.TemporaryDirectory() as folder:
            out = subprocess.run(
                [PYTHON, "-c", f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import hostile; hostile._one({case.name!r}, {folder!r})"],
                capture_output=True,
                text=True,
            )
            print(out.stdout.strip() or f"| {case.name} | FAILED: {out.stderr.strip().splitlines()[-1:]} | | | |")


def _one(name: str, folder: str) -> None:
    case = BY_NAME[name]
    run = check_case(case, Path(folder))
    shown = ", ".join(f"{c} {l}:{col}" for c, l, col in run.places(case.about)) or "none of HL0xx/HL10x"
    print(f"| {name} | {shown} | {run.seconds:.1f} s | {run.peak_mb:.0f} MB | {case.seconds:g} s, {case.memory_mb:g} MB |")


if __name__ == "__main__":
    main()
