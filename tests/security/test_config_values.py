"""Every value a committed config holds is checked before any file is read: a value that is
out of range, not finite, or a glob or pattern that cannot work ends the run with exit 2 and a
message naming the key, never with a traceback, a hang or a run that quietly ignores it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from security.cli import healthlint

ARTICLE = "---\ntitle: Ondt i knæet\n---\n\nKnæsmerter er almindelige.\n"

PACK = """\
rules:
  - code: HL591
    name: house-pattern
    extends: existence
    level: warning
    message: Avoid “{{match}}”.
    why: A test rule.
{extra}    patterns:
      - '{pattern}'
"""


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return healthlint(cwd, "check", *args, home=cwd / "home", timeout=60, text=True)


def project(tmp_path: Path, config: str, files: dict[str, str] | None = None) -> Path:
    (tmp_path / "healthlint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def assert_config_error(done: subprocess.CompletedProcess, *fragments: str) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, (done.returncode, done.stderr, done.stdout[:2000])
    for fragment in fragments:
        assert fragment in done.stderr, (fragment, done.stderr)


# (config text, the key the message must name, a fragment saying what is allowed)
BAD_VALUES = {
    "exclude-lone-bang": ('exclude = ["!"]\n', "`exclude`", "matches nothing"),
    "per-file-ignores-lone-bang": ('[per-file-ignores]\n"!" = ["HL201"]\n', "`per-file-ignores", "matches nothing"),
    "include-bad-range": ('include = ["a/**/[z-a]"]\n', "`include`", "glob"),
    "time-limit-inf": ("time-limit = inf\n", "`time-limit`", "3600"),
    "time-limit-minus-inf": ("time-limit = -inf\n", "`time-limit`", "3600"),
    "time-limit-nan": ("time-limit = nan\n", "`time-limit`", "3600"),
    "time-limit-1e300": ("time-limit = 1e300\n", "`time-limit`", "3600"),
    "memory-limit-huge": ("memory-limit = 1000000000000000\n", "`memory-limit`", "1,048,576"),
    "max-file-size-huge": ("max-file-size = 1000000000000000\n", "`max-file-size`", "1,000,000,000"),
    "rule-option-negative": ("[rules.meta-title-too-long]\nmax-chars = -1\n", "`rules.meta-title-too-long.max-chars`", "from 0"),
    "rule-option-inf": ("[rules.HL206]\nmax-chars = inf\n", "`rules.HL206.max-chars`", "10,000"),
    "rule-option-nan": ("[rules.lix-too-high]\nmax-lix = nan\n", "`rules.lix-too-high.max-lix`", "10,000"),
    "rule-option-huge": ("[rules.stale-article]\nmax-age-months = 1000000000000000\n", "`rules.stale-article.max-age-months`", "10,000"),
    "rule-option-not-whole": ("[rules.long-word]\nmax-letters = 20.5\n", "`rules.long-word.max-letters`", "whole number"),
    "rule-option-glob-key": (
        '[rules.missing-required-key.keys-by-glob]\n"!" = ["title"]\n',
        "`rules.missing-required-key.keys-by-glob",
        "matches nothing",
    ),
    "site-page-glob": (
        '[[site.pages]]\nname = "ordbog"\nglob = "!"\n',
        "`site.pages[0].glob`",
        "matches nothing",
    ),
    "content-root-nul": ('content-root = "a\\u0000b"\n', "`content-root`", "NUL"),
}


@pytest.mark.parametrize("config, key, fragment", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_bad_value_is_a_config_error_naming_the_key(tmp_path, config, key, fragment):
    done = run(project(tmp_path, config), "a.md", "--no-cache")
    assert_config_error(done, "config error", "healthlint.toml", key, fragment)


# (pattern, extra rule fields, a fragment of the message)
BAD_PATTERNS = {
    "huge-count": ("a{4294967294}", "", "at most 1,000"),
    "huge-count-range": ("ab{2,5000}", "", "at most 1,000"),
    "nested-counts": ("(?:(?:(?:(?:ab{16}){16}){16}){16}){16}", "", "10,000"),
    "too-long": ("a" * 2001, "", "2,000"),
    "pack-glob-lone-bang": ("abc", "    globs: ['!']\n", "matches nothing"),
}


@pytest.mark.parametrize("pattern, extra, fragment", BAD_PATTERNS.values(), ids=BAD_PATTERNS.keys())
def test_a_costly_pack_pattern_is_refused_naming_the_pack_and_rule(tmp_path, pattern, extra, fragment):
    config = 'rule-packs = ["house.yaml"]\n'
    done = run(project(tmp_path, config, {"house.yaml": PACK.format(pattern=pattern, extra=extra)}), "a.md", "--no-cache")
    assert_config_error(done, "`rule-packs`", "house.yaml", "HL591", fragment)


def test_a_control_character_in_a_key_is_shown_escaped(tmp_path):
    done = run(project(tmp_path, '"\\u001b[2Jcolour" = 1\n'), "a.md", "--no-cache")
    assert_config_error(done, "`\\x1b[2Jcolour`", "unknown setting")
    assert "\x1b" not in done.stderr


def test_patterns_that_together_cost_too_much_to_compile_are_refused(tmp_path):
    rules = "".join(
        PACK.format(pattern="ab{1000}x", extra="").replace("HL591", f"HL{700 + n}").replace("house-pattern", f"house-{n}")[len("rules:\n") :]
        for n in range(120)
    )
    done = run(project(tmp_path, 'rule-packs = ["house.yaml"]\n', {"house.yaml": "rules:\n" + rules}), "a.md", "--no-cache")
    assert_config_error(done, "`rule-packs`", "house.yaml", "100,000")


@pytest.mark.parametrize(
    "flag, value",
    [
        ("--time-limit", "inf"),
        ("--time-limit", "nan"),
        ("--time-limit", "1e300"),
        ("--time-limit", "3601"),
        ("--memory-limit", "1000000000000000"),
    ],
)
def test_a_limit_flag_out_of_range_is_a_usage_error(tmp_path, flag, value):
    done = run(project(tmp_path, ""), "a.md", "--no-cache", flag, value)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert flag in done.stderr


def test_the_largest_allowed_values_are_accepted(tmp_path):
    config = (
        "time-limit = 3600\nmemory-limit = 1048576\nmax-file-size = 1000000000\n"
        "[rules.meta-title-too-long]\nmax-chars = 0\n[rules.lix-too-high]\nmax-lix = 10000.0\n"
    )
    done = run(project(tmp_path, config), "a.md", "--no-cache", "--select", "HL0,HL201,HL601", "--time-limit", "0")
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
