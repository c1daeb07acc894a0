#!/usr/bin/env python3
"""The floor: the least any Markdown linter built on these parsers must do per file.

    python bench/floor.py DIR [--jobs N]

Reads every `*.md` under DIR, parses the frontmatter with python-frontmatter and the body
with markdown-it-py (commonmark + table), and walks every token and inline child. With
`--jobs N` the files are split over N forked processes, as healthlint's runner does. Prints
the number of files and tokens (so the work cannot be skipped) to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys


def _parse_files(paths: list[str]) -> int:
    import frontmatter
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    count = 0
    for path in paths:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        post = frontmatter.loads(text)
        for token in parser.parse(post.content):
            count += 1
            for child in token.children or ():
                count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    paths = sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(args.folder)
        for name in names
        if name.endswith(".md")
    )
    if args.jobs <= 1:
        tokens = _parse_files(paths)
    else:
        import multiprocessing

        # Import the parsers before forking, as healthlint's workers share its modules.
        import frontmatter  # noqa: F401
        import markdown_it  # noqa: F401

        size = max(1, len(paths) // (args.jobs * 8))
        chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            tokens = sum(pool.map(_parse_files, chunks))
    print(f"{len(paths)} files, {tokens} tokens", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
