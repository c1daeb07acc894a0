"""The results cache: reused when files are unchanged, never stale when they changed."""

from __future__ import annotations

import os
import time

import pytest

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


def test_facts_and_diagnostics_survive_pickling_unchanged():
    # Both pickle as plain values (for speed); every field must come back, nested ones too.
    import pickle

    from healthlint.diagnostic import Diagnostic, Edit, Fix, Severity, Span
    from healthlint.document import Document
    from healthlint.site import collect_facts

    text = (
        '---\ntitle: "Knæ"\ndatePublished: "13/09/2025"\nlastUpdated: "12/10/2025"\n'
        "related:\n  - type: ordbog\n    slug: ryg\n    title: Ryg\n---\n\n## Om knæet\n\n"
        "Se [ryggen](/ordbog/ryg) og ![billede](/x.png).\n"
    )
    facts = collect_facts(Document("ordbog/knae.md", text), "ordbog/knae.md")
    assert facts.dates and facts.related and facts.links and facts.title_span is not None
    again = pickle.loads(pickle.dumps(facts))
    assert again == facts and type(again.dates[0].span) is Span and again.related[0].title_span == facts.related[0].title_span
    fix = Fix((Edit(Span(1, 2, 1, 3), "x"),), safe=False, description="d")
    diagnostic = Diagnostic("a.md", "HL121", "unpadded-date", Severity.WARNING, "m", Span(1, 2, 3, 4), fix)
    back = pickle.loads(pickle.dumps(diagnostic))
    assert back == diagnostic and back.severity is Severity.WARNING and type(back.span) is Span


def test_damaged_caches_are_ignored_and_rebuilt(tmp_path, monkeypatch):
    # Both the results cache and the site index (for HL221) are damaged in each way a cache
    # can be: entries or columns of the wrong shape, values of the wrong type, a whole file
    # that is not a pickle. Each run still finds exactly the same.
    import pickle

    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text('select = ["HL304", "HL221"]\n', encoding="utf-8")
    old = time.time_ns() - 3600 * 10**9
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(article("Behandling:"), encoding="utf-8")
        os.utime(tmp_path / name, ns=(old, old))
    expected = [("HL221", 2, 9), ("HL304", 7, 14)]
    assert codes(lint_paths(["a.md"], Options())) == expected
    stores = sorted((tmp_path / ".healthlint_cache").glob("*.pickle"))
    assert [p.name.split("-")[0] for p in stores] == ["results", "site"]
    for shape in ("wrong-shape", "undecodable", "not-a-pickle"):
        for store in stores:
            if shape == "not-a-pickle":
                store.write_bytes(b"\x80\x05garbage")
                continue
            data = pickle.loads(store.read_bytes())
            if "entries" in data:  # the results: one pickled value per file
                for key, (mtime_ns, size, digest, racy, _) in data["entries"].items():
                    data["entries"][key] = "x" if shape == "wrong-shape" else (mtime_ns, size, digest, racy, b"\x80garbage")
            elif shape == "wrong-shape":  # the site index: columns of per-file values
                data["titles"] = data["titles"][:-1]
            else:
                data["digests"] = "not bytes"
            store.write_bytes(pickle.dumps(data))
        assert codes(lint_paths(["a.md"], Options())) == expected, shape
        assert codes(lint_paths(["a.md"], Options())) == expected, shape  # from the rebuilt caches


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="names an open file through /proc")
def test_caches_are_written_without_waiting_for_the_disk_and_a_fix_is_flushed(tmp_path, monkeypatch):
    # A damaged cache is rebuilt, so its writes skip fsync (slow on a laptop's disk, paid on
    # every commit); a writer's article is flushed to disk before it replaces the old one.
    from healthlint import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text('select = ["HL304", "HL221"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(article("Behandling:"), encoding="utf-8")
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(os.readlink(f"/proc/self/fd/{fd}")) or real_fsync(fd))
    assert cli.main(["check", "a.md", "--today", "2026-01-01"]) == 0  # a warning only
    assert sorted(p.name.split("-")[0] for p in (tmp_path / ".healthlint_cache").glob("*.pickle")) == ["results", "site"]
    assert synced == []
    assert cli.main(["check", "--fix", "a.md", "--today", "2026-01-01", "--no-cache"]) == 0
    assert "## Behandling\n" in (tmp_path / "a.md").read_text(encoding="utf-8")
    # the new article's bytes, then the folder that now names it
    assert [os.path.basename(p).startswith(".a.md.") for p in synced] == [True, False] and synced[1] == str(tmp_path)
