"""The site index: per-file columns the site rules query, kept in the cache between runs."""

from __future__ import annotations

import os
import time
from datetime import date

import msgspec

from healthlint.api import Options, lint_paths
from healthlint.diagnostic import Span
from healthlint.site.facts import DateFact, FileFacts
from healthlint.site.index import SiteIndex

SPAN = Span(1, 1, 1, 2)


def facts(rel_path: str, title: str | None = None, *, page_title=None, description=None, url="", formats=()) -> FileFacts:
    return FileFacts(
        path=rel_path,
        rel_path=rel_path,
        slug=rel_path.rsplit("/", 1)[-1].removesuffix(".md"),
        title=title,
        dates=tuple(DateFact("datePublished", "x", fmt, SPAN) for fmt in formats),
        url=url,
        page_title=page_title,
        description=description,
        description_source="key" if description else "none",
    )


def test_queries_compare_normalised_values_and_leave_out_the_asking_file():
    index = SiteIndex.of(
        [
            facts("ordbog/b.md", "Knæ  Smerter", page_title="Knæ", url="/ordbog/b/"),
            facts("ordbog/a.md", "knæ smerter", page_title="Ryg", description="Om knæ"),
            facts("blog/c.md", "Ryg", description="om  KNÆ", url="/blog/c"),
        ]
    )
    assert index.same("norm_titles", "knæ smerter", "ordbog/b.md") == ["ordbog/a.md"]
    assert index.same("norm_titles", "knæ smerter", "other.md") == ["ordbog/a.md", "ordbog/b.md"]  # by path
    assert index.same("norm_descriptions", "om knæ", "ordbog/a.md") == ["blog/c.md"]
    assert index.same("norm_page_titles", "ryg", "blog/c.md") == ["ordbog/a.md"]
    assert index.has_url("/ordbog/b") and index.has_url("/blog/c") and not index.has_url("")
    assert index.has_path("blog/c.md") and not index.has_path("c.md")
    assert index.has_folder("ordbog") and not index.has_folder("artikler")
    assert index.rel_paths[index.slug_entry("ordbog", "a")] == "ordbog/a.md"
    assert index.slug_entry("blog", "a") is None


def test_many_questions_get_the_same_answers_as_a_few():
    # The first questions about a column scan it; later ones use it grouped once.
    index = SiteIndex.of([facts(f"f{i:02}.md", f"Titel {i % 3}") for i in range(30)])
    answers = [index.same("norm_titles", f"titel {i % 3}", f"f{i:02}.md") for i in range(30)]
    assert answers == [[f"f{j:02}.md" for j in range(30) if j % 3 == i % 3 and j != i] for i in range(30)]


def test_a_slug_names_the_first_file_by_path_and_formats_count_in_path_order():
    index = SiteIndex.of(
        [
            facts("ordbog/x/knae.md", "Andet", formats=("DD-MM-YYYY",)),
            facts("ordbog/knae.md", "Knæ", formats=("DD/MM/YYYY",)),
            facts("ordbog/b.md", formats=("DD/MM/YYYY", "DD-MM-YYYY")),
        ]
    )
    assert index.titles[index.slug_entry("ordbog", "knae")] == "Knæ"  # `ordbog/knae.md` sorts first
    own = facts("ordbog/knae.md", "Knæ", formats=("YAML date",))
    counts = index.folder_families("ordbog", own)
    # The asking file's dates replace its entry; ties keep the order of first appearance by path.
    assert list(counts.items()) == [("DD/MM/YYYY", 1), ("DD-MM-YYYY", 1), ("YYYY-MM-DD", 1)]


def test_put_remove_and_restamp_keep_every_column_in_step():
    index = SiteIndex()
    for name in ("a", "b", "c"):
        index.put(f"/site/{name}.md", facts(f"{name}.md", name.upper()), (10, 20, b"d" * 16, False))
    index.remove(["/site/b.md", "/site/missing.md"])
    assert index.keys == ["/site/a.md", "/site/c.md"] and index.rel_paths == ["a.md", "c.md"]
    assert index.position("/site/c.md") == 1 and len(index.digests) == 32 and list(index.sizes) == [20, 20]
    index.put("/site/a.md", facts("a.md", "Ny"), (11, 21, b"e" * 16, True))
    assert index.titles == ["Ny", "C"] and index.digest(0) == b"e" * 16 and index.racy[0] == 1
    index.restamp(1, (12, 22), b"f" * 16, False)
    assert (index.mtimes[1], index.sizes[1], index.digest(1)) == (12, 22, b"f" * 16)
    assert index.same("norm_titles", "ny", "") == ["a.md"]  # what was derived before a change is not reused
    index.remove(["/site/a.md", "/site/c.md"])
    assert (len(index), index.rel_paths, len(index.digests), index.position("/site/a.md")) == (0, [], 0, None)


def test_kept_index_round_trips_and_a_damaged_one_is_empty(tmp_path):
    index = SiteIndex.of([facts("a.md", "A", formats=("DD/MM/YYYY",)), facts("b.md", "B")])
    path = tmp_path / "site.msgpack"
    index.save(path)
    again = SiteIndex.load(path)
    assert again.rel_paths == ["a.md", "b.md"] and again.date_families == [("DD/MM/YYYY",), ()] and len(again) == 2
    # [format, keys, rel_paths, titles, norm_titles, norm_page_titles, norm_descriptions,
    #  urls, date_families, mtimes, sizes, digests, racy]
    data = msgspec.msgpack.decode(path.read_bytes())
    for position, value in ((3, ["A"]), (9, b"\0" * 8), (0, 0), (1, None), (6, [1, 2]), (8, [["x"], "y"]), (12, "no")):
        path.write_bytes(msgspec.msgpack.encode([*data[:position], value, *data[position + 1 :]]))
        assert len(SiteIndex.load(path)) == 0, (position, value)
    path.write_bytes(msgspec.msgpack.encode(data[:-1]))
    assert len(SiteIndex.load(path)) == 0
    path.write_bytes(b"\xc1 not msgpack")
    assert len(SiteIndex.load(path)) == 0
    assert len(SiteIndex.load(tmp_path / "missing.msgpack")) == 0


def test_kept_index_keeps_none_empty_and_nul_values_exactly(tmp_path):
    index = SiteIndex.of([facts("a.md", "A\0B"), facts("b.md", ""), facts("c.md", "C")])
    index.norm_descriptions = [None, "", "beskrivelse"]
    path = tmp_path / "site.msgpack"
    index.save(path)
    again = SiteIndex.load(path)
    for name in ("keys", "rel_paths", "titles", "norm_titles", "norm_descriptions", "urls", "date_families"):
        assert getattr(again, name) == getattr(index, name), name
    assert list(again.mtimes) == list(index.mtimes) and again.digests == index.digests and again.racy == index.racy
    SiteIndex().save(path)
    assert len(SiteIndex.load(path)) == 0


def test_a_file_name_that_is_not_utf8_is_left_out_of_the_kept_index(tmp_path):
    index = SiteIndex.of([facts("a.md", "A"), facts("caf\udce9.md", "B")])
    path = tmp_path / "site.msgpack"
    index.save(path)
    assert SiteIndex.load(path).rel_paths == ["a.md"] and len(index) == 2


ARTICLE = '---\ntitle: "{title}"\ndatePublished: "13/09/2025"\nlastUpdated: "12/10/2025"\n{related}---\n\nTekst.\n'


def write(path, title, related=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title, related=related), encoding="utf-8")
    old = time.time_ns() - 3600 * 10**9  # not "racy": the index trusts its mtime
    os.utime(path, ns=(old, old))


def codes(report):
    return [(d.path, d.code, d.span.line) for d in report.diagnostics]


def test_a_one_file_run_reads_again_only_what_changed(tmp_path, monkeypatch):
    from healthlint.run import site_refresh

    monkeypatch.chdir(tmp_path)
    (tmp_path / "healthlint.toml").write_text('select = ["HL221", "HL223"]\n', encoding="utf-8")
    related = "related:\n  - type: ordbog\n    slug: ryg\n    title: Ryg\n"
    write(tmp_path / "ordbog" / "knae.md", "Knæ", related)
    write(tmp_path / "ordbog" / "ryg.md", "Ryg")
    write(tmp_path / "ordbog" / "hofte.md", "Hofte")
    options = Options(today=date(2026, 1, 1), jobs=1)
    assert codes(lint_paths(["ordbog/knae.md"], options)) == []
    parsed = []
    original = site_refresh.facts_of
    monkeypatch.setattr(site_refresh, "facts_of", lambda shown, *rest: parsed.append(shown) or original(shown, *rest))

    os.utime(tmp_path / "ordbog" / "hofte.md")  # touched, not changed: its digest shows that
    assert codes(lint_paths(["ordbog/knae.md"], options)) == [] and parsed == []

    write(tmp_path / "ordbog" / "hofte.md", "Knæ")  # now a duplicate of the linted file's title
    assert codes(lint_paths(["ordbog/knae.md"], options)) == [("ordbog/knae.md", "HL221", 2)]
    assert parsed == ["ordbog/hofte.md"]

    (tmp_path / "ordbog" / "ryg.md").unlink()  # the related entry now leads nowhere
    assert codes(lint_paths(["ordbog/knae.md"], options)) == [("ordbog/knae.md", "HL221", 2), ("ordbog/knae.md", "HL223", 7)]
    assert parsed == ["ordbog/hofte.md"]
    # Without the cache the same is found.
    assert codes(lint_paths(["ordbog/knae.md"], Options(today=date(2026, 1, 1), jobs=1, cache=False))) == [
        ("ordbog/knae.md", "HL221", 2),
        ("ordbog/knae.md", "HL223", 7),
    ]


def test_a_cold_index_is_built_in_both_processes_and_holds_the_same(tmp_path, monkeypatch):
    # The first run after installing or upgrading reads the whole site: with --jobs 2 the
    # files are read and parsed in two processes, and the index and findings are the same.
    from healthlint.run import runner

    calls = []
    real_run = runner.run
    monkeypatch.setattr(runner, "run", lambda items, make, jobs: calls.append((len(items), jobs)) or real_run(items, make, jobs))
    indexes, found = {}, {}
    for jobs in (1, 2):
        site = tmp_path / f"jobs{jobs}"
        (site / "ordbog").mkdir(parents=True)
        (site / "healthlint.toml").write_text('select = ["HL221", "HL123"]\n', encoding="utf-8")
        for i in range(60):
            write(site / "ordbog" / f"a{i:02}.md", "Knæ" if i in (3, 41) else f"Emne {i}")
        (site / "ordbog" / "a07.md").write_bytes(b"\xff\xfe not UTF-8")  # not an article, but a page: kept bare
        monkeypatch.chdir(site)
        found[jobs] = codes(lint_paths(["ordbog/a03.md"], Options(today=date(2026, 1, 1), jobs=jobs)))
        (kept,) = (site / ".healthlint_cache").glob("site-*.msgpack")
        index = SiteIndex.load(kept)
        indexes[jobs] = [index.rel_paths, index.titles, index.date_families, bytes(index.digests), list(index.sizes)]
    assert calls == [(1, 1), (59, 1), (1, 2), (59, 2)]  # the linted file, then the rest of the site
    assert found[1] == found[2] == [("ordbog/a03.md", "HL221", 2)]
    assert indexes[1] == indexes[2] and len(indexes[1][0]) == 60
    # Links to it are not broken (its own run reports the encoding); it has no title to compare.
    assert indexes[1][1][indexes[1][0].index("ordbog/a07.md")] is None


def test_folder_families_equal_a_walk_of_the_folder_by_path():
    import random

    def walked(files, own_rel, own_formats):
        # What the rule counted before the index: every file of the folder by path, the asking
        # file with its own dates.
        rows = {rel: formats for rel, formats in files.items()}
        rows[own_rel] = own_formats
        counts = {}
        for rel in sorted(rows):
            for fmt in rows[rel]:
                counts[fmt] = counts.get(fmt, 0) + 1
        return list(counts.items())

    shapes = ["DD/MM/YYYY", "DD-MM-YYYY", "YAML date", None]
    chance = random.Random(7)
    for _ in range(40):
        files = {
            f"{chance.choice(['ordbog/', 'ordbog/', 'blog/', 'ordbog/a/', ''])}{chance.choice('abcdefgh')}{i}.md": tuple(
                chance.choice(shapes) for _ in range(chance.randint(0, 3))
            )
            for i in range(16)
        }
        everything = [facts(rel, formats=formats) for rel, formats in files.items()]
        asked_often = SiteIndex.of(everything)  # past the first few questions: one summary for all
        for _ in range(9):
            asked_often.folder_families("blog", facts("blog/x.md"))
        for own_rel in [*sorted(files)[:6], "ordbog/zz-new.md", "ordbog/0-new.md", "top-new.md"]:
            own_formats = tuple(chance.choice(shapes) for _ in range(chance.randint(0, 3)))
            folder = own_rel.rpartition("/")[0]
            in_folder = {rel: tuple(map(_family, f)) for rel, f in files.items() if rel.rpartition("/")[0] == folder}
            expected = walked(in_folder, own_rel, tuple(map(_family, own_formats)))
            own = facts(own_rel, formats=own_formats)
            assert list(SiteIndex.of(everything).folder_families(folder, own).items()) == expected  # a first question
            assert list(asked_often.folder_families(folder, own).items()) == expected


def _family(fmt):
    from healthlint.site.index import format_family

    return format_family(fmt)
