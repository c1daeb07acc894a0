"""The same files, settings and `--today` give byte-identical reports, whatever `--jobs`
and whatever the cache holds."""

from __future__ import annotations

from pathlib import Path

from security.cli import TODAY, healthlint, no_traceback

ARTICLE = """---
title: {title}
datePublished: 01/02/2025
lastUpdated: {updated}
---

{first} er en øvelse for hele kroppen. Musklerne i ryggen og benene arbejder sammen.

## Sådan gør du

Stå med fødderne i hoftebredde. Hold ryggen lige, og sænk dig langsomt. {second} skal være rolig hele vejen.

## Hvornår skal du søge læge?

Søg læge, hvis smerterne bliver værre, eller hvis du får feber. Ring 112 ved brystsmerter.
"""


def _site(root: Path, count: int) -> None:
    for folder in ("ordbog", "traening", "blog"):
        (root / folder).mkdir(parents=True)
    (root / "healthlint.toml").write_text("", encoding="utf-8")
    for number in range(count):
        folder = ("ordbog", "traening", "blog")[number % 3]
        # One unknown word in two casings, in an order that differs from file to file.
        first, second = ("Body", "body") if number % 4 < 2 else ("body", "Body")
        if number % 5 == 0:
            first, second = "bodyen", "Bodyen"
        text = ARTICLE.format(
            title=f"Øvelse nummer {number} for ryg og ben",
            updated=f"{1 + number % 28:02d}/03/2025",
            first=first,
            second=second,
        )
        (root / folder / f"oevelse-{number:03d}.md").write_text(text, encoding="utf-8")


def test_jobs_and_cache_state_do_not_change_a_single_byte(tmp_path):
    site = tmp_path / "site"
    _site(site, 300)
    reports = []
    for name, args in (("jobs1", ("--jobs", "1", "--no-cache")), ("jobs2", ("--jobs", "2", "--no-cache")), ("cold", ("--jobs", "2")), ("warm1", ("--jobs", "2")), ("warm2", ("--jobs", "1"))):
        done = healthlint(site, "check", "--select", "ALL", "--format", "json", "-o", f"../{name}.json", "--today", TODAY, *args, timeout=300)
        no_traceback(done)
        assert done.returncode in (0, 1)
        reports.append((tmp_path / f"{name}.json").read_bytes())
    assert b"HL610" in reports[0]
    assert all(report == reports[0] for report in reports[1:]), [len(r) for r in reports]
