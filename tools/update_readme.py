"""Regenerate the rule table in README.md from the rules' own documentation.

    python tools/update_readme.py          # rewrite the table
    python tools/update_readme.py --check  # exit 1 when the table is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from healthlint.ruleset.registry import rules_table

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rules-table:start -->\n", "<!-- rules-table:end -->"


def updated(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return head + START + rules_table() + END + tail


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        return 0 if new == text else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
