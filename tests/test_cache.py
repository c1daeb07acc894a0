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

    import healthlint.run.pipeline as pipeline

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was read although the cache entry is fresh")

    monkeypatch.setattr(pipeline, "read_file", no_reading)
    assert codes(lint_paths([path], Options())) == [("HL304", 7, 14)]


def test_facts_and_diagnostics_survive_pickling_unchanged():
    # Both pickle as plain values (for speed); every field must come back, nested ones too.
    import pickle

    from healthlint.diagnostic import Diagnostic, Edit, Fix, Severity, Span
    from healthlint.document import Document
    from healthlint.site.facts import collect_facts

    text = (
        '---\ntitle: "Knæ"\ndatePublished: "13/09/2025"\nlastUpdated: "12/10/2025"\n'
        "related:\n  - type: ordbog\n    slug: ryg\n    title: Ryg\n---\n\n## Om knæet\n\n"
        "Se [ryggen](/ordbog/ryg) og ![billede](/x.png).\n"
    )
    facts = collect_facts(Document("ordbog/knae.md", text))
    assert facts.dates and facts.related and facts.links and facts.title_span is not None
    again = pickle.loads(pickle.dumps(facts))
    assert again == facts and type(again.dates[0].span) is Span and again.related[0].title_span == facts.related[0].title_span
    fix = Fix((Edit(Span(1, 2, 1, 3), "x"),), safe=False, description="d")
    diagnostic = Diagnostic("a.md", "HL121", "unpadded-date", Severity.WARNING, "m", Span(1, 2, 3, 4), fix)
    back = pickle.loads(pickle.dumps(diagnostic))
    assert back == diagnostic and back.severity is Severity.WARNING and type(back.span) is Span
    # The cache keeps them as MessagePack with a schema: the same values, the same types.
    from healthlint.run import cache
    from healthlint.run.result import FileResult

    result = FileResult("ordbog/knae.md", "ordbog/knae.md", [diagnostic], [], facts, {"lix": 41.5, "sections": [{"line": 3}]})
    stored = cache._result_decoder().decode(cache._codec().encode(result))
    assert stored == result and stored.diagnostics[0].severity is Severity.WARNING and type(stored.facts.dates[0].span) is Span


def test_damaged_caches_are_ignored_and_rebuilt(tmp_path, monkeypatch):
    # Both the results cache and the site index (for HL221) are damaged in each way a cache
    # can be: entries or columns of the wrong shape, values of the wrong type, a whole file
    # that is not MessagePack. Each run still finds exactly the same.
    import msgspec

    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text('select = ["HL304", "HL221"]\n', encoding="utf-8")
    old = time.time_ns() - 3600 * 10**9
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(article("Behandling:"), encoding="utf-8")
        os.utime(tmp_path / name, ns=(old, old))
    expected = [("HL221", 2, 9), ("HL304", 7, 14)]
    assert codes(lint_paths(["a.md"], Options())) == expected
    cache_folder = tmp_path / ".healthlint_cache"
    stores = sorted(cache_folder.rglob("*.msgpack"))  # one shard of the results, and the site index
    assert [p.relative_to(cache_folder).parts[0].split("-")[0] for p in stores] == ["results", "site"]
    for shape in ("wrong-shape", "wrong-type", "not-msgpack"):
        for store in stores:
            if shape == "not-msgpack":
                store.write_bytes(b"\xc1garbage")
                continue
            data = msgspec.msgpack.decode(store.read_bytes())
            if len(data) == 2:  # the results: [format, {path: [mtime, size, digest, racy, value]}]
                for key, entry in data[1].items():
                    data[1][key] = "x" if shape == "wrong-shape" else [*entry[:4], msgspec.msgpack.encode({"path": 1})]
            elif shape == "wrong-shape":  # the site index: columns of per-file values
                data[3] = data[3][:-1]
            else:
                data[11] = "not bytes"
            store.write_bytes(msgspec.msgpack.encode(data))
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
    kept = sorted(p.relative_to(tmp_path / ".healthlint_cache").parts[0] for p in (tmp_path / ".healthlint_cache").rglob("*.msgpack"))
    assert [name.split("-")[0] for name in kept] == ["results", "site"]
    assert synced == []
    assert cli.main(["check", "--fix", "a.md", "--today", "2026-01-01", "--no-cache"]) == 0
    assert "## Behandling\n" in (tmp_path / "a.md").read_text(encoding="utf-8")
    # the new article's bytes, then the folder that now names it
    assert [os.path.basename(p).startswith(".a.md.") for p in synced] == [True, False] and synced[1] == str(tmp_path)


def test_a_one_file_run_after_a_full_run_reads_and_writes_one_shard(tmp_path, monkeypatch):
    # The pre-commit hook after a full run over a large site: the results are spread over
    # shards by path, so the hook loads and rewrites only its file's shard.
    from healthlint.run import cache

    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text('select = ["HL304"]\n', encoding="utf-8")
    old = time.time_ns() - 3600 * 10**9
    for i in range(40):
        (tmp_path / f"a{i}.md").write_text(article(f"Afsnit {i}:"), encoding="utf-8")
        os.utime(tmp_path / f"a{i}.md", ns=(old, old))
    report = lint_paths(["."], Options())
    assert len(report.diagnostics) == 40
    (folder,) = (tmp_path / ".healthlint_cache").glob("results-*")
    shards = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert len(shards) > 20  # 40 paths over 256 shards
    loaded = []
    real_load = cache.Store._load
    monkeypatch.setattr(cache.Store, "_load", lambda self, number: loaded.append(number) or real_load(self, number))
    (tmp_path / "a7.md").write_text(article("Andet afsnit:"), encoding="utf-8")
    assert codes(lint_paths(["a7.md"], Options())) == [("HL304", 7, 16)]
    assert len(loaded) == 1
    changed = [p.name for p in folder.iterdir() if shards.get(p.name) != p.stat().st_mtime_ns]
    assert changed == [f"{loaded[0]:02x}.msgpack"]
    # The next full run finds the edited file's new result in that shard.
    monkeypatch.setattr(cache.Store, "_load", real_load)
    again = lint_paths(["."], Options())
    assert [d.message for d in again.diagnostics if d.path == "a7.md"] == [d.message for d in lint_paths(["a7.md"], Options(cache=False)).diagnostics]


def test_saving_a_cache_removes_all_but_the_newest_of_its_kind(tmp_path, monkeypatch):
    # Today's date is part of the key: without pruning, every day would leave a cache behind.
    from healthlint.run import cache

    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text('select = ["HL304", "HL221"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(article("Behandling:"), encoding="utf-8")
    folder = tmp_path / ".healthlint_cache"
    folder.mkdir()
    (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    now = time.time_ns()
    for day in range(1, 7):
        (folder / f"results-old{day}").mkdir()
        (folder / f"results-old{day}" / "00.msgpack").write_bytes(b"x")
        (folder / f"site-old{day}.msgpack").write_bytes(b"x")
        (folder / f"other-old{day}.txt").write_bytes(b"x")
        # The pickle format of healthlint up to 0.1: deleted unread, however new.
        (folder / f"results-pickled{day}").mkdir()
        (folder / f"results-pickled{day}" / "00.pickle").write_bytes(b"x")
        (folder / f"site-pickled{day}.pickle").write_bytes(b"x")
        for name in (f"results-old{day}", f"site-old{day}.msgpack", f"other-old{day}.txt"):
            stamp = now - day * 86_400 * 10**9
            os.utime(folder / name, ns=(stamp, stamp))
    assert codes(lint_paths(["a.md"], Options())) == [("HL304", 7, 14)]
    names = sorted(p.name for p in folder.iterdir())
    kept_old = [f"results-old{day}" for day in range(1, cache.KEEP + 1)] + [f"site-old{day}.msgpack" for day in range(1, cache.KEEP + 1)]
    assert [n for n in names if "old" in n and not n.startswith("other")] == sorted(kept_old)
    assert len([n for n in names if n.startswith("other-old")]) == 6 and ".gitignore" in names
    assert [n for n in names if "pickle" in n] == []
    assert len([n for n in names if n.startswith("results-") and "old" not in n]) == 1
    assert len([n for n in names if n.startswith("site-") and "old" not in n]) == 1
