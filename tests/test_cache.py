"""The results cache: reused when files are unchanged, never stale when they changed."""

from __future__ import annotations

import os
import time

from healthlint.api import Options, lint_paths


def article(heading: str) -> str:
    return f'---\ntitle: "x"\ndatePublished: "13/09/2025"\nlastUpdated: "12/10/2025"\n---\n\n## {heading}\n\nTekst.\n'


def codes(report):
    return [(d.code, d.span.line, d.span.column) for d in report.diagnostics]


def test_an_edit_with_the_same_size_and_mtime_is_not_served_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text('select = ["HL304"]\n', encoding="utf-8")
    path = tmp_path / "a.md"
    path.write_text(article("Behandling:"), encoding="utf-8")
    stamp = os.stat(path).st_mtime_ns
    assert codes(lint_paths([path], Options())) == [("HL304", 7, 14)]
    path.write_text(article("Behandlinger"), encoding="utf-8")  # same size
    os.utime(path, ns=(stamp, stamp))  # and the same mtime, as on a coarse filesystem
    assert codes(lint_paths([path], Options())) == []


def test_an_old_unchanged_file_is_served_from_the_cache_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text('select = ["HL304"]\n', encoding="utf-8")
    path = tmp_path / "a.md"
    path.write_text(article("Behandling:"), encoding="utf-8")
    old = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(old, old))
    assert codes(lint_paths([path], Options())) == [("HL304", 7, 14)]

    import healthlint.api as api

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was read although the cache entry is fresh")

    monkeypatch.setattr(api, "read_file", no_reading)
    assert codes(lint_paths([path], Options())) == [("HL304", 7, 14)]
