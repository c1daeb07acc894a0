"""Measure titles in headless Chromium, to check healthlint's width table against a renderer.

    apt-get install chromium fonts-liberation2
    python tools/measure_chromium.py        # writes tests/data/chromium_widths.json

Chromium loads a local page whose script puts each string in a span set in
`20px "Liberation Sans"` with `white-space: pre` and reads the span's
getBoundingClientRect().width, twice: with kerning and ligatures off (what the table models)
and as Chromium draws text by default (kerning on). `--dump-dom` prints the page after the
script has written the results into it. The test suite reads only the JSON this writes, so
it runs without a browser.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FAMILY = "Liberation Sans"
SIZE = 20
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "tests/data/chromium_widths.json"

# Titles as a Danish physiotherapy and health site writes them: metaTitle values, the
# glossary fallback "{title} - hvad er {title lowercased}?" and blog "{title} | Fysfinder Blog".
STRINGS = [
    "Hekseskud i lænden → symptomer og behandling",
    "Hekseskud i lænden - hvad er hekseskud i lænden?",
    "Lær alt om hekseskud i lænden - årsager, symptomer og behandlingsmuligheder.",
    "Iskias: Smerter i ballen og benet – årsager og øvelser",
    "Diskusprolaps i nakken → symptomer, behandling og genoptræning",
    "Ondt i knæet? 7 øvelser der styrker knæet",
    "Frossen skulder – 3 faser og hvad du kan gøre",
    "Plantar fasciitis (hælspore): Årsager og behandling",
    "Tennisalbue | Fysfinder Blog",
    "Golfalbue vs. tennisalbue: Hvad er forskellen?",
    "Åreknuder i benene – hvornår skal du søge læge?",
    "Ømme muskler efter træning: 5 gode råd",
    "ÆØÅ-testen: Så stærk er din ryg",
    "Whiplash efter bilulykke — symptomer og prognose",
    "Fysioterapeut i København, Aarhus og Odense | Find klinik",
    "NSAID’er mod rygsmerter: Hvad virker – og hvad gør ikke?",
    "“Jeg kunne ikke rejse mig” – historien om et hekseskud",
    "Idéer til øvelser på kontoret",
    "Rygsmerter… eller noget andet?",
    "Gravid med bækkenløsning • 6 gode øvelser",
    "Pris på fysioterapi 2025: Fra 350 € til 650 kr. pr. gang",
    "Feber over 38,5 °C og ondt i ryggen – søg læge",
    "Vitamin D: 25 µg om dagen?",
    "Korsbåndsskade (ACL) – genoptræning uge 1–12",
    "Skulderimpingement: Øvelser & råd fra fysioterapeuter",
    "Hvad er LIX-tal? «Let» og «svær» tekst",
    "Stiv nakke efter søvn → 4 hurtige løsninger",
    "Karpaltunnelsyndrom: Snurren i hånden om natten",
    "Løberknæ (ITB-syndrom) | Årsager & øvelser",
    "Menisklæsion – operation eller træning?",
    "Piriformis\u00adsyndrom: Smerter i sædet",
    "Hold\u00a0ryggen stærk: 10 minutters træning",
    "Café-arbejde og ondt i skuldrene – ergonomi i praksis",
    "Kræft og træning: Hvad siger forskningen? (2024)",
    "Bækkenbunden efter fødsel: Øvelser uge 0–6 ‘trin for trin’",
    "Artrose i hoften: 12 spørgsmål & svar",
    "Hovedpine fra nakken – spændingshovedpine forklaret",
    "Svimmelhed (BPPV): Epleys manøvre trin for trin",
    "Ondt i ryggen? 9 ud af 10 har det bedre inden for 6 uger",
    "Fysioterapi · Massage · Akupunktur i Aalborg",
    "β-blokkere og træning: Puls ≤ 120 – hvad er normalt?",
    "Rygsmerter: Den komplette guide til årsager, øvelser og behandling hos fysioterapeut",
]

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<style>
  body {{ margin: 0; }}
  span {{ font: {size}px "{family}"; white-space: pre; position: absolute; }}
  .flat {{ font-kerning: none; font-variant-ligatures: none;
           font-feature-settings: "kern" 0, "liga" 0; }}
</style></head>
<body>
<script>
const strings = {strings};
const out = [];
for (const s of strings) {{
  const flat = document.createElement("span");
  flat.className = "flat";
  flat.textContent = s;
  const kerned = document.createElement("span");
  kerned.textContent = s;
  document.body.append(flat, kerned);
  out.push({{text: s, px: flat.getBoundingClientRect().width,
             px_kerned: kerned.getBoundingClientRect().width}});
  flat.remove();
  kerned.remove();
}}
const pre = document.createElement("pre");
pre.id = "result";
pre.textContent = JSON.stringify(out);
document.body.append(pre);
</script>
</body></html>
"""


def chromium_version(binary: str) -> str:
    result = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def font_file(family: str) -> str:
    result = subprocess.run(
        ["fc-match", "--format=%{file}", family], capture_output=True, text=True, check=True
    )
    return result.stdout


def measure(binary: str, strings: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "measure.html"
        page.write_text(
            PAGE.format(size=SIZE, family=FAMILY, strings=json.dumps(strings)), encoding="utf-8"
        )
        profile = Path(tmp) / "profile"
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    match = re.search(r'<pre id="result">(.*?)</pre>', result.stdout, re.S)
    if match is None:
        raise SystemExit(f"no result in Chromium's output:\n{result.stdout[:2000]}")
    rows = json.loads(html.unescape(match.group(1)))
    if [row["text"] for row in rows] != strings:
        raise SystemExit("Chromium returned other strings than it was given")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    rows = measure(args.chromium, STRINGS)
    fixture = {
        "renderer": chromium_version(args.chromium),
        "font": f'{SIZE}px "{FAMILY}"',
        "font_file": font_file(FAMILY),
        "method": "span getBoundingClientRect().width; px: kerning and ligatures off, "
        "px_kerned: Chromium's default",
        "measurements": rows,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{args.output}: {len(rows)} strings measured with {fixture['renderer']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
