#!/usr/bin/env python3
"""Write a deterministic corpus of Danish health articles for the benchmark.

    python bench/generate.py OUT --files 5000 [--seed 1]

The articles are built from the seed article (tests/data/seed-article.md) and the glossary
example: its sections, table and FAQ are reused with another topic, reordered and trimmed to
about 8 KB, with varied titles, dates and links. A known share of them carries injected
defects (see DEFECTS), so the linter has real work and real output. The folder gets a
pyproject.toml with the example site profile and `ordbog/` and `blog/` subfolders, like
examples/pyproject.toml. Same seed and count: byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "tests" / "data" / "seed-article.md"
EXAMPLE_CONFIG = ROOT / "examples" / "pyproject.toml"

TARGET_BYTES = 8000
BLOG_SHARE = 0.15

# Share of articles that get each defect (independently drawn).
DEFECTS = {
    "unpadded-date": 0.10,  # HL121
    "broken-table": 0.05,  # HL401
    "heading-jump": 0.05,  # HL301
    "isjias": 0.05,  # HL504 / HL610
    "absolute-claim": 0.03,  # HL503
    "updated-before-published": 0.02,  # HL124
    "duplicate-title": 0.02,  # HL221 / HL220
    "broken-related": 0.03,  # HL223
    "trailing-punctuation": 0.03,  # HL304
    "placeholder-cell": 0.02,  # HL405
}

# (title form, phrase in running text, short form)
TOPICS = [
    ("Hekseskud", "hekseskud i lænden", "hekseskud"),
    ("Tennisalbue", "tennisalbue", "tennisalbue"),
    ("Frossen skulder", "frossen skulder", "frossen skulder"),
    ("Knæsmerter", "knæsmerter", "knæsmerter"),
    ("Nakkesmerter", "nakkesmerter", "nakkesmerter"),
    ("Iskias", "iskias", "iskias"),
    ("Diskusprolaps", "diskusprolaps i lænden", "diskusprolaps"),
    ("Springerknæ", "springerknæ", "springerknæ"),
    ("Løberknæ", "løberknæ", "løberknæ"),
    ("Hælspore", "hælspore", "hælspore"),
    ("Skinnebensbetændelse", "skinnebensbetændelse", "skinnebensbetændelse"),
    ("Piskesmæld", "piskesmæld", "piskesmæld"),
    ("Hofteartrose", "hofteartrose", "hofteartrose"),
    ("Knæartrose", "knæartrose", "knæartrose"),
    ("Muskelfibersprængning", "muskelfibersprængning", "muskelfibersprængning"),
    ("Forstuvet ankel", "forstuvet ankel", "forstuvet ankel"),
    ("Golfalbue", "golfalbue", "golfalbue"),
    ("Kontorryg", "ondt i ryggen ved kontorarbejde", "rygsmerter"),
    ("Spændingshovedpine", "spændingshovedpine", "spændingshovedpine"),
    ("Karpaltunnelsyndrom", "karpaltunnelsyndrom", "karpaltunnelsyndrom"),
    ("Slidgigt i ryggen", "slidgigt i ryggen", "slidgigt"),
    ("Lyskeskade", "lyskeskade", "lyskeskade"),
    ("Akillessene", "smerter i akillessenen", "akillessmerter"),
    ("Bækkenløsning", "bækkenløsning", "bækkenløsning"),
    ("Skulderimpingement", "skulderimpingement", "impingement"),
    ("Korsbåndsskade", "korsbåndsskade", "korsbåndsskade"),
    ("Menisklæsion", "menisklæsion", "menisklæsion"),
    ("Musearm", "musearm", "musearm"),
    ("Stiv nakke", "stiv nakke", "stiv nakke"),
    ("Lændesmerter", "lændesmerter", "lændesmerter"),
]

QUALIFIERS = [
    "", "hos løbere", "hos ældre", "efter graviditet", "hos børn", "hos unge", "ved kontorarbejde",
    "efter fodbold", "hos håndværkere", "om natten", "efter træning", "hos cyklister",
    "i hverdagen", "hos gravide", "efter en operation", "hos sportsfolk", "ved stillesiddende arbejde",
    "hos svømmere", "hos pensionister", "efter et fald",
]
ANGLES = ["", "symptomer og behandling", "årsager og øvelser", "gode råd", "hvad kan du selv gøre"]

ABSOLUTE_CLAIM = "Denne øvelse helbreder altid {short} på få dage."
PLACEHOLDER = "TODO"


def _slug(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _seed_parts() -> tuple[str, list[list[str]]]:
    """The seed's intro paragraph and its sections (each a list of lines, heading first)."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2].strip("\n")
    intro, _, rest = body.partition("\n\n")
    sections: list[list[str]] = []
    for line in rest.splitlines():
        if line.startswith("## ") or line.startswith("### "):
            sections.append([line])
        elif sections:
            sections[-1].append(line)
    return intro, sections


def _retopic(text: str, topic: tuple[str, str, str]) -> str:
    title, phrase, short = topic
    text = text.replace("hekseskud i lænden", phrase).replace("Hekseskud i lænden", phrase[0].upper() + phrase[1:])
    text = text.replace("et hekseskud", short).replace("Et hekseskud", short[0].upper() + short[1:])
    text = text.replace("hekseskud", short).replace("Hekseskud", short[0].upper() + short[1:])
    return text.replace("(isjias)", "(iskias)")


def _date(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randrange((high - low).days + 1))


def _format_date(day: date, sep: str, unpadded: bool) -> str:
    """DD/MM/YYYY (or DD-MM-YYYY); unpadded leaves out the day's leading zero (`7-06-2025`)."""
    d = str(day.day) if unpadded else f"{day.day:02d}"
    return f"{d}{sep}{day.month:02d}{sep}{day.year}"


def _titles(rng: random.Random, count: int) -> list[tuple[tuple[str, str, str], str]]:
    combos = [(t, q, a) for t in TOPICS for q in QUALIFIERS for a in ANGLES]
    rng.shuffle(combos)
    while len(combos) < count:  # more files than combinations: number the extra ones
        combos += [(t, f"{q} del {len(combos) // 3000 + 2}".strip(), a) for t, q, a in combos[: count - len(combos)]]
    chosen = []
    for topic, qualifier, angle in combos[:count]:
        title = " ".join(part for part in (topic[0], qualifier) if part)
        chosen.append((topic, title + (f": {angle}" if angle else "")))
    return chosen


def build(out: Path, files: int, seed: int) -> dict:
    rng = random.Random(seed)
    intro, sections = _seed_parts()
    faq_at = next(i for i, s in enumerate(sections) if s[0].startswith("## Ofte stillede"))
    body_sections, faq = sections[:faq_at], sections[faq_at:]
    titles = _titles(rng, files)
    n_blog = round(files * BLOG_SHARE)
    kinds = ["blog"] * n_blog + ["ordbog"] * (files - n_blog)
    rng.shuffle(kinds)
    slugs = []
    for index, ((topic, title), kind) in enumerate(zip(titles, kinds)):
        slugs.append(f"{_slug(title)}-{index:05d}")
    counts = {name: 0 for name in DEFECTS}
    articles = []
    for index, ((topic, title), kind) in enumerate(zip(titles, kinds)):
        defects = {name for name, share in DEFECTS.items() if rng.random() < share}
        for name in defects:
            counts[name] += 1
        if "duplicate-title" in defects and index > 0:
            title = titles[rng.randrange(index)][1]
        published = _date(rng, date(2022, 1, 1), date(2025, 6, 30))
        updated = published + timedelta(days=rng.randrange(0, 180))
        if "updated-before-published" in defects:
            updated = published - timedelta(days=rng.randrange(5, 200))
        sep = "/" if kind == "ordbog" else "-"
        unpadded = "unpadded-date" in defects
        if unpadded:  # a day or month below 10 is needed for an unpadded form
            published = published.replace(day=rng.randrange(1, 10))
        lines = ["---", f'title: "{title}"']
        if rng.random() < 0.9:
            lines.append(f'metaTitle: "{title.split(":")[0]} → {rng.choice(["symptomer og behandling", "årsager og råd", "øvelser og behandling"])}"')
        lines.append(f'datePublished: "{_format_date(published, sep, unpadded)}"')
        lines.append(f'lastUpdated: "{_format_date(updated, sep, False)}"')
        if kind == "blog" and rng.random() < 0.5:
            lines.append(
                f'description: "{topic[0]}: læs om årsager, symptomer og behandling, og få gode råd fra en fysioterapeut om øvelser og hverdag."'
            )
        if rng.random() < 0.6:
            lines.append("related:")
            for _ in range(rng.randrange(1, 4)):
                other = rng.randrange(files)
                target = slugs[other] if "broken-related" not in defects else f"findes-ikke-{rng.randrange(10**6)}"
                lines.append(f'  - type: "{kinds[other]}"')
                lines.append(f'    slug: "{target}"')
                lines.append(f'    title: "{titles[other][1]}"')
        lines.append("---")
        text = _article_body(rng, topic, intro, body_sections, faq, defects, slugs, kinds)
        articles.append((kind, slugs[index], "\n".join(lines) + "\n\n" + text))

    if out.exists():
        shutil.rmtree(out)
    for folder in ("ordbog", "blog"):
        (out / folder).mkdir(parents=True)
    config = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    config += '\n[tool.healthlint.spelling]\nwords = ["FysFinder"]\n'
    (out / "pyproject.toml").write_text(config, encoding="utf-8")
    total = 0
    for kind, slug, text in articles:
        data = text.encode("utf-8")
        total += len(data)
        (out / kind / f"{slug}.md").write_bytes(data)
    manifest = {"files": files, "seed": seed, "bytes": total, "blog": n_blog, "defects": counts}
    (out / "corpus.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def _article_body(rng, topic, intro, body_sections, faq, defects, slugs, kinds) -> str:
    parts = [_retopic(intro, topic)]
    # Keep the first section (what is it), shuffle the rest, then cut to the target size.
    first, rest = body_sections[0], body_sections[1:]
    rest = rest[:]
    rng.shuffle(rest)
    chosen = [first] + rest
    faq_heading, faq_items = faq[0], faq[1:]
    faq_items = rng.sample(faq_items, k=rng.randrange(3, len(faq_items) + 1))
    text_sections = ["\n".join(s).strip("\n") for s in chosen]
    faq_text = "\n".join(faq_heading).strip("\n") + "\n\n" + "\n\n".join("\n".join(s).strip("\n") for s in faq_items)
    budget = TARGET_BYTES - len(parts[0].encode()) - len(faq_text.encode()) - 400
    kept = []
    for section in text_sections:
        size = len(section.encode())
        if kept and budget - size < 0:
            continue
        kept.append(section)
        budget -= size
    if not any(s.startswith("## ") for s in kept[1:]) and len(kept) > 1:
        kept[1] = "## " + kept[1].lstrip("#").lstrip()
    # A section starting with ### right after the intro would be a heading jump: make it ##.
    if kept[0].startswith("### "):
        kept[0] = "## " + kept[0][4:]
    other = rng.randrange(len(slugs))
    link = f"Læs også om [{kinds[other]}-artiklen](/{kinds[other]}/{slugs[other]})."
    parts.extend(kept)
    parts.append(link)
    parts.append(faq_text)
    body = "\n\n".join(_retopic(p, topic) for p in parts) + "\n"
    if "broken-table" in defects:
        body = re.sub(r"(\n\| Gentagne[^\n]*?) \|[^|\n]*\|\n", r"\1 |\n", body, count=1)
        if "Gentagne" not in body:
            body += "\n| Situation | Råd |\n|---|---|\n| Akut | Hvile | Varme |\n"
    if "heading-jump" in defects:
        body = body.replace("\n### ", "\n#### ", 1)
    if "isjias" in defects:
        body = body.replace("(iskias)", "(isjias)", 1) if "(iskias)" in body else body + "\nMange forveksler det med isjias.\n"
    if "absolute-claim" in defects:
        body += "\n" + ABSOLUTE_CLAIM.format(short=topic[2]) + "\n"
    if "trailing-punctuation" in defects:
        body = re.sub(r"\n(## [^\n]*?)\?\n", r"\n\1.\n", body, count=1)
    if "placeholder-cell" in defects:
        body = body.replace("ergonomisk rådgivning, styrketræning |", f"{PLACEHOLDER} |", 1)
    return body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    manifest = build(args.out, args.files, args.seed)
    print(json.dumps(manifest, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
