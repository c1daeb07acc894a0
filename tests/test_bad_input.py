"""Hostile and broken files: each gives one clear diagnostic and the run goes on, never a traceback."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from healthlint import api
from healthlint.document import Document, LoadFailure

PYTHON = sys.executable
TODAY = date(2026, 1, 1)
GOOD = "---\ntitle: God\n---\n\n## Afsnit\n\nTekst.\n"


def run_json(cwd: Path, *args: str, timeout: float = 60, memory: int | None = None) -> tuple[int, dict, str]:
    """Run the CLI in a subprocess with HL0 rules only and JSON output."""

    def limit():
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    proc = subprocess.run(
        [PYTHON, "-m", "healthlint", "check", *args, "--select", "HL0", "--format", "json", "--today", "2026-01-01"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def places(payload: dict) -> list[tuple[str, str, int, int]]:
    return [(d["path"], d["code"], d["line"], d["column"]) for d in payload["diagnostics"]]


def lint_one(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    report = api.lint_paths([path], api.Options(today=TODAY, select=["HL0"]))
    return report.diagnostics


def only(diagnostics):
    assert len(diagnostics) == 1, diagnostics
    d = diagnostics[0]
    return d.code, d.span.line, d.span.column


# -- bytes that are not an article ---------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b"\t \r\n"], ids=["empty", "blank-lines", "blank-crlf"])
def test_empty_file_is_hl005(tmp_path, data):
    [d] = lint_one(tmp_path, "a.md", data)
    assert (d.code, d.span.line, d.span.column, d.severity.label) == ("HL005", 1, 1, "warning")


def test_file_with_only_a_bom_is_empty(tmp_path):
    assert only(lint_one(tmp_path, "a.md", b"\xef\xbb\xbf")) == ("HL005", 1, 1)
    assert only(lint_one(tmp_path, "b.md", b"\xef\xbb\xbf\r\n \r\n")) == ("HL005", 1, 1)


def test_binary_file_is_hl002_at_the_nul(tmp_path):
    diagnostics = lint_one(tmp_path, "a.md", b"# PNG\nab\x00cd")
    assert only(diagnostics) == ("HL002", 2, 3)
    assert "byte offset 8" in diagnostics[0].message


def test_latin1_file_is_hl003_with_byte_offset_and_hint(tmp_path):
    diagnostics = lint_one(tmp_path, "a.md", "title: Ondt i l\u00e6nden\n".encode("latin-1"))
    assert only(diagnostics) == ("HL003", 1, 16)
    message = diagnostics[0].message
    assert "byte 0xE6 at byte offset 15" in message
    assert "Latin-1/Windows-1252" in message and "'æ'" in message


def test_bad_byte_after_bom_and_crlf_counts_lines_and_the_bom_offset(tmp_path):
    data = b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nl\xf8g\r\n"
    diagnostics = lint_one(tmp_path, "a.md", data)
    assert only(diagnostics) == ("HL003", 4, 2)
    assert "byte offset 24" in diagnostics[0].message  # 3 BOM bytes + 21 bytes before the bad one


@pytest.mark.parametrize(
    "data",
    [
        "\ufeff---\ntitle: Hovedpine\n---\n".encode("utf-16-le"),
        "\ufeff---\ntitle: Hovedpine\n---\n".encode("utf-16-be"),
        "---\ntitle: Hovedpine og migræne\n---\n".encode("utf-16-le"),
        "---\ntitle: Hovedpine og migræne\n---\n".encode("utf-16-be"),
    ],
    ids=["le-bom", "be-bom", "le-no-bom", "be-no-bom"],
)
def test_utf16_is_hl003_naming_utf16(tmp_path, data):
    diagnostics = lint_one(tmp_path, "a.md", data)
    assert only(diagnostics) == ("HL003", 1, 1)
    assert "UTF-16" in diagnostics[0].message


def test_bom_and_crlf_give_file_line_numbers():
    data = "\ufeff---\r\ntitle: \"Ondt i lænden\"\r\ndate: 01/02/2025\r\n---\r\n\r\n## Afsnit\r\n".encode("utf-8")
    doc = Document.from_bytes("a.md", data)
    assert isinstance(doc, Document) and doc.bom and doc.newline == "\r\n"
    assert doc.lines[:3] == ["---", 'title: "Ondt i lænden"', "date: 01/02/2025"]
    title = doc.frontmatter.fields["title"]
    assert (title.value_span.line, title.value_span.column, title.value_span.end_column) == (2, 9, 22)
    assert doc.frontmatter.end_line == 4
    assert [(h.line, h.span.column) for h in doc.headings] == [(6, 4)]


# -- frontmatter that is hostile or broken -------------------------------------------------

ALIAS_BOMB = "\n".join(
    ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(c)}: &{chr(c)} [" + ",".join([f"*{chr(c - 1)}"] * 9) + "]" for c in range(ord("b"), ord("j"))]
    + ["title: Bombe", "---", "", "Tekst.", ""]
)


def test_alias_bomb_is_refused_quickly_and_bounded():
    started = time.perf_counter()
    doc = Document("a.md", ALIAS_BOMB)
    elapsed = time.perf_counter() - started
    assert doc.frontmatter.error is not None
    assert doc.frontmatter.error.kind == "unsafe"
    assert (doc.frontmatter.error.span.line, doc.frontmatter.error.span.column) == (1, 1)
    assert doc.frontmatter.fields == {}
    assert elapsed < 2.0


def test_alias_bomb_through_the_cli_stays_small_and_fast(tmp_path):
    (tmp_path / "bomb.md").write_text(ALIAS_BOMB, "utf-8")
    (tmp_path / "z.md").write_text("", "utf-8")
    started = time.perf_counter()
    code, payload, _ = run_json(tmp_path, ".", memory=2 << 30)  # 2 GiB of address space at most; the expanded bomb needs many GB
    assert time.perf_counter() - started < 20
    assert code == 0
    assert places(payload) == [("z.md", "HL005", 1, 1)]
    assert [f["path"] for f in payload["files"]] == ["bomb.md", "z.md"]


@pytest.mark.parametrize("opener", ["[", "{", "- "])
def test_deeply_nested_yaml_is_refused_without_recursing(opener):
    nested = opener * 10_000 if opener != "- " else "\n".join(" " * i + "- x:" for i in range(0, 600, 2))
    doc = Document("a.md", f"---\ntitle: x\nkey: {nested}\n---\n\nTekst.\n")
    assert doc.frontmatter.error is not None and doc.frontmatter.error.kind in ("unsafe", "syntax")
    assert doc.frontmatter.fields == {}


def test_deep_nesting_through_the_cli_exits_cleanly(tmp_path):
    (tmp_path / "deep.md").write_text("---\nx: " + "[" * 10_000 + "\n---\n", "utf-8")
    code, payload, _ = run_json(tmp_path, "deep.md")
    assert (code, places(payload)) == (0, [])


def test_python_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "ran"
    scalar = f'---\ntitle: x\nrun: !!python/object/apply:os.system "touch {marker}"\n---\n'
    sequence = f'---\ntitle: x\nrun: !!python/object/apply:os.system ["touch {marker}"]\n---\n'
    mapping = f"---\ntitle: x\nrun: !!python/object:os.system {{cmd: touch {marker}}}\n---\n"
    doc = Document("a.md", scalar)
    assert doc.frontmatter.error is not None and doc.frontmatter.error.kind == "unsafe"
    assert (doc.frontmatter.error.span.line, doc.frontmatter.error.span.column) == (3, 6)
    for text in (sequence, mapping):
        doc = Document("a.md", text)
        values = [field.value for field in doc.frontmatter.fields.values()]
        plain = (str, list, dict, int, float, bool, type(None), date)
        assert all(isinstance(value, plain) for value in values)
    assert not marker.exists()


def test_frontmatter_that_never_closes():
    doc = Document("a.md", "---\ntitle: x\n\n## Afsnit\n\nTekst.\n")
    error = doc.frontmatter.error
    assert error is not None and error.kind == "unclosed"
    assert (error.span.line, error.span.column, error.span.end_column) == (1, 1, 4)
    assert doc.frontmatter.end_line == 0


def test_yaml_syntax_error_points_at_the_line():
    doc = Document("a.md", "---\ntitle: x\nbad: [1, 2\n---\n")
    error = doc.frontmatter.error
    assert error is not None and error.kind == "syntax"
    assert error.span.line == 4  # libyaml notices the missing `]` where the flow ends


# -- files too large, unreadable or not files at all ---------------------------------------


def test_file_over_the_default_limit_is_hl004_and_not_read(tmp_path):
    diagnostics = lint_one(tmp_path, "big.md", b"a" * 5_000_001)
    assert only(diagnostics) == ("HL004", 1, 1)
    assert "5,000,001 bytes" in diagnostics[0].message and "5,000,000" in diagnostics[0].message


def test_file_over_the_configured_limit_is_hl004(tmp_path):
    (tmp_path / "healthlint.toml").write_text("max-file-size = 100\n", "utf-8")
    (tmp_path / "big.md").write_text("x" * 101, "utf-8")
    (tmp_path / "small.md").write_text("x" * 100, "utf-8")
    code, payload, _ = run_json(tmp_path, ".")
    assert code == 1
    assert places(payload) == [("big.md", "HL004", 1, 1)]
    assert "101 bytes, over the limit of 100 bytes" in payload["diagnostics"][0]["message"]


def test_unreadable_file_by_permissions(tmp_path):
    path = tmp_path / "locked.md"
    path.write_text("x\n", "utf-8")
    path.chmod(0)
    try:
        with open(path, "rb"):
            pytest.skip("running as root (or without permission checks): chmod 000 does not stop reading")
    except PermissionError:
        pass
    (tmp_path / "z.md").write_text("", "utf-8")
    code, payload, _ = run_json(tmp_path, ".")
    assert (code, places(payload)) == (1, [("locked.md", "HL001", 1, 1), ("z.md", "HL005", 1, 1)])
    assert "Permission denied" in payload["diagnostics"][0]["message"]


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_read_error_is_hl001_even_as_root(tmp_path):
    # /proc/self/mem opens for anyone who may read it, root included, but reading offset 0 fails (EIO).
    (tmp_path / "z.md").write_text("", "utf-8")
    code, payload, _ = run_json(tmp_path, "/proc/self/mem", "z.md")
    assert code == 1
    assert places(payload) == [("/proc/self/mem", "HL001", 1, 1), ("z.md", "HL005", 1, 1)]
    assert "Input/output error" in payload["diagnostics"][0]["message"]


def test_fifo_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "z.md").write_text("", "utf-8")
    for fmt in ("json", "full"):  # the full reporter must not open it to quote a line either
        proc = subprocess.run(
            [PYTHON, "-m", "healthlint", "check", ".", "--select", "HL0", "--format", fmt],
            cwd=tmp_path, capture_output=True, text=True, timeout=20,
        )
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
    payload = json.loads(subprocess.run(
        [PYTHON, "-m", "healthlint", "check", ".", "--select", "HL0", "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=20,
    ).stdout)
    assert places(payload) == [("pipe.md", "HL001", 1, 1), ("z.md", "HL005", 1, 1)]
    assert "not a regular file" in payload["diagnostics"][0]["message"]


def test_broken_symlink_met_while_walking_is_hl001(tmp_path):
    (tmp_path / "broken.md").symlink_to(tmp_path / "gone.md")
    (tmp_path / "z.md").write_text("", "utf-8")
    code, payload, _ = run_json(tmp_path, ".")
    assert (code, places(payload)) == (1, [("broken.md", "HL001", 1, 1), ("z.md", "HL005", 1, 1)])
    assert "symbolic link to a file that does not exist" in payload["diagnostics"][0]["message"]


def test_symlink_loops_end(tmp_path):
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "up").symlink_to(tmp_path, target_is_directory=True)
    (sub / "z.md").write_text("", "utf-8")
    code, payload, _ = run_json(tmp_path, ".", timeout=20)
    assert code == 1
    assert places(payload) == [("a.md", "HL001", 1, 1), ("b.md", "HL001", 1, 1), ("sub/z.md", "HL005", 1, 1)]
    assert "symbolic links" in payload["diagnostics"][0]["message"]


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    files = {
        "a-empty.md": b"",
        "b-binary.md": b"\x00\x01",
        "c-latin1.md": "s\u00f8vn\n".encode("latin-1"),
        "d-good.md": GOOD.encode(),
        "e-bomb.md": ALIAS_BOMB.encode(),
        "f-utf16.md": "\ufeffhej\n".encode("utf-16-le"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    code, payload, _ = run_json(tmp_path, ".")
    assert code == 1
    assert places(payload) == [
        ("a-empty.md", "HL005", 1, 1),
        ("b-binary.md", "HL002", 1, 1),
        ("c-latin1.md", "HL003", 1, 2),
        ("f-utf16.md", "HL003", 1, 1),
    ]
    assert [f["path"] for f in payload["files"]] == sorted(files)


def test_loading_never_raises_on_odd_text():
    for text in ["---", "---\n---", "---\n...\n---\n", "\r\r\r", "---\r---\r", "--- \n: \n---\n", "---\n- a\n---\n"]:
        loaded = Document.from_bytes("a.md", text.encode())
        assert isinstance(loaded, (Document, LoadFailure))
