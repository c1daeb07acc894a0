"""Build healthlint's table of character widths for search-result titles.

Google's result page sets titles in Arial at 20 px and cuts them by pixel width. Liberation
Sans is metric-compatible with Arial and openly licensed, so its advance widths stand in for
Arial's:

    apt-get install fonts-liberation2        # /usr/share/fonts/truetype/liberation2/
    pip install fonttools                    # build time only
    python tools/build_widths.py             # writes src/healthlint/seo/data/title_widths.json

Liberation Sans 2.x (SIL OFL 1.1) is preferred over 1.x (GPL-2 with a font exception); the
two agree on every character in the table except U+00B7 MIDDLE DOT (682 units in 2.x, 569
in 1.x). fontconfig also picks 2.x for "Liberation Sans" when both are installed, so it is
the font Chromium measures in tools/measure_chromium.py.

Width of a character = its glyph's advance width (`hmtx`, looked up through the cmap)
× 20 / unitsPerEm. Kerning and ligatures are ignored (the font has no default ligatures).
Characters that a browser draws with no width (soft hyphen, zero-width space and joiners)
are stored as 0 whatever the font says. Characters outside the table are measured as
`default`: one em (20 px), the width of CJK and emoji glyphs, which are the likeliest
strangers in a title, and wider than any Latin letter, so an estimate errs towards "too wide".

The output is byte-for-byte reproducible: one character a line in code point order.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "src/healthlint/seo/data/title_widths.json"
SIZE = 20

# Beyond Latin-1: punctuation, symbols and letters that turn up in Danish health titles.
EXTRA = (
    "–—‐‒―"  # dashes
    "‘’‚‛“”„‟‹›′″"  # quotes and primes
    "…•·"  # ellipsis and bullets
    "€‰™№"  # symbols
    "→←↑↓↔"  # arrows used as separators
    "−±×÷≤≥≈≠∞√∑"  # maths: doses, ranges, reference values
    "αβγδεκλμπσω"  # β-blokkere, α-linolensyre, ω-3
    "\u2002\u2003\u2009\u200a\u202f"  # en, em, thin, hair and narrow no-break spaces
    "ČčĆćŁłŃńŒœŠšŚśŽžŹźŻżĞğİıŞşŐőŰű"  # names and loanwords
)
# Drawn with no width by browsers; the font gives some of them a visible advance.
ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"


def table_characters() -> list[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    chars |= set(EXTRA)
    return sorted(chars)


def build(font_path: str) -> dict:
    from fontTools.ttLib import TTFont

    font = TTFont(font_path)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    units_per_em = font["head"].unitsPerEm
    widths: dict[str, float] = {}
    missing = []
    for ch in table_characters():
        glyph = cmap.get(ord(ch))
        if glyph is None:
            missing.append(f"U+{ord(ch):04X}")
            continue
        advance, _lsb = hmtx[glyph]
        widths[ch] = advance * SIZE / units_per_em
    for ch in ZERO_WIDTH:
        widths[ch] = 0.0
    if missing:
        print(f"not in the font, left to the default: {', '.join(missing)}", file=sys.stderr)
    name = font["name"]
    return {
        "font": f"{name.getDebugName(4)} {name.getDebugName(5)}",
        "source": Path(font_path).name,
        "size": SIZE,
        "units_per_em": units_per_em,
        "default": units_per_em * SIZE / units_per_em,
        "default_is": "one em: the width of CJK and emoji glyphs, wider than any Latin letter",
        "kerning": False,
        "widths": dict(sorted(widths.items())),
    }


def dump(table: dict) -> str:
    head = {k: v for k, v in table.items() if k != "widths"}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('"widths": {')
    # Visible characters as themselves, invisible ones (spaces, soft hyphen) as \u escapes.
    entries = [
        f"{json.dumps(ch, ensure_ascii=not ch.isprintable())}: {px!r}"
        for ch, px in table["widths"].items()
    ]
    lines.append(",\n".join(entries))
    lines.append("}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", help="LiberationSans-Regular.ttf (default: the installed one)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    font_path = args.font or next((p for p in FONT_CANDIDATES if Path(p).exists()), None)
    if font_path is None:
        parser.error("Liberation Sans not found: apt-get install fonts-liberation2, or pass --font")
    table = build(font_path)
    text = dump(table)
    json.loads(text)  # the hand-rolled layout must stay valid JSON
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(table['widths'])} characters from {table['font']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
