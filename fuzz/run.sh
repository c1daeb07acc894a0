#!/usr/bin/env bash
# Fuzz Document.from_bytes plus a full lint for N seconds (default 60) with atheris/libFuzzer.
#   fuzz/run.sh [SECONDS] [extra libFuzzer flags...]
# Needs `pip install atheris` in the Python used (PYTHON, default /work/venv/bin/python or python3).
# The corpus grows in fuzz/corpus/ (not committed); it is seeded from the test fixtures and the
# seed article. Findings are written as fuzz/findings/crash-* (or timeout-*, oom-*).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
seconds="${1:-60}"
shift || true
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x /work/venv/bin/python ]; then python=/work/venv/bin/python; else python=python3; fi
fi
corpus="$here/corpus"
findings="$here/findings"
mkdir -p "$corpus" "$findings"
if [ -z "$(ls -A "$corpus")" ]; then
  cp "$repo/tests/data/seed-article.md" "$corpus/"
  find "$repo/tests/fixtures" -name '*.md' -size -64k | while read -r f; do
    cp "$f" "$corpus/$(echo "$f" | sed 's#.*/fixtures/##; s#/#_#g')"
  done
fi
exec "$python" "$here/fuzz_lint.py" "$corpus" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
  -artifact_prefix="$findings/" -dict="$here/markdown.dict" -print_final_stats=1 "$@"
