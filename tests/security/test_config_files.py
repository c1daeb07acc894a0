"""Every file the config names (rule packs, word lists) and the config file itself is read the
way an article is: only a regular file (a device or a named pipe is refused before it is
opened), only up to a size limit, only as UTF-8. Anything else ends the run with exit 2 and a
message naming the file; it never hangs, eats memory or ends in a traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from security.cli import healthlint

ARTICLE = "---\ntitle: Ondt i knæet\n---\n\nKnæsmerter er almindelige.\n"
PACK = """\
rules:
  - code: HL591
    name: house-word
    extends: existence
    level: warning
    message: Avoid “{match}”.
    why: A test rule.
    patterns: [abc]
"""
# The limits the messages state: a rule pack is at most 1 MB, a config file or word list 5 MB.
PACK_LIMIT = 1_000_000
FILE_LIMIT = 5_000_000
NOT_REGULAR = ("not a regular file", "outside the project")


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return healthlint(cwd, "check", *args, home=cwd / "home", timeout=60, text=True, memory_cap=4 << 30)


def assert_refused(done: subprocess.CompletedProcess, name: str, reasons: tuple[str, ...]) -> None:
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 2, (done.returncode, done.stderr[-3000:], done.stdout[:2000])
    assert "config error" in done.stderr, done.stderr
    assert name in done.stderr, done.stderr
    assert any(reason in done.stderr for reason in reasons), done.stderr


def article(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")


def with_pack(tmp_path: Path) -> Path:
    article(tmp_path)
    (tmp_path / "healthlint.toml").write_text('rule-packs = ["pack.yaml"]\n', encoding="utf-8")
    return tmp_path / "pack.yaml"


def with_words(tmp_path: Path) -> Path:
    article(tmp_path)
    (tmp_path / "healthlint.toml").write_text('[rules.spelling]\nwords-files = ["ord.txt"]\n', encoding="utf-8")
    return tmp_path / "ord.txt"


# -- devices and named pipes: refused before they are opened --------------------------------


def test_a_rule_pack_linked_to_dev_zero(tmp_path):
    with_pack(tmp_path).symlink_to("/dev/zero")
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "pack.yaml", NOT_REGULAR)


def test_a_word_list_linked_to_dev_zero(tmp_path):
    with_words(tmp_path).symlink_to("/dev/zero")
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "ord.txt", NOT_REGULAR)


def test_a_rule_pack_that_is_a_named_pipe(tmp_path):
    os.mkfifo(with_pack(tmp_path))
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "pack.yaml", ("not a regular file",))


def test_a_word_list_that_is_a_named_pipe(tmp_path):
    os.mkfifo(with_words(tmp_path))
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "ord.txt", ("not a regular file",))


def test_a_config_given_with_config_that_links_to_dev_zero(tmp_path):
    article(tmp_path)
    (tmp_path / "zero.toml").symlink_to("/dev/zero")
    assert_refused(run(tmp_path, "a.md", "--no-cache", "--config", "zero.toml"), "zero.toml", NOT_REGULAR)


def test_a_config_given_with_config_that_is_a_named_pipe(tmp_path):
    article(tmp_path)
    os.mkfifo(tmp_path / "pipe.toml")
    assert_refused(run(tmp_path, "a.md", "--no-cache", "--config", "pipe.toml"), "pipe.toml", ("not a regular file",))


def test_a_config_found_walking_up_that_links_to_dev_zero(tmp_path):
    article(tmp_path)
    (tmp_path / "healthlint.toml").symlink_to("/dev/zero")
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "healthlint.toml", NOT_REGULAR)


def test_a_pyproject_found_walking_up_that_is_a_named_pipe(tmp_path):
    article(tmp_path)
    os.mkfifo(tmp_path / "pyproject.toml")
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "pyproject.toml", ("not a regular file",))


# -- size: read no further than the limit -----------------------------------------------------


def test_a_rule_pack_over_the_size_limit(tmp_path):
    pack = with_pack(tmp_path)
    head = PACK.encode("utf-8")
    pack.write_bytes(head + b"#" * (PACK_LIMIT - len(head)) + b"\n")
    assert pack.stat().st_size == PACK_LIMIT + 1
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "pack.yaml", ("1,000,000 bytes",))


def test_a_word_list_over_the_size_limit(tmp_path):
    words = with_words(tmp_path)
    words.write_bytes(b"ord\n" * (FILE_LIMIT // 4) + b"x")
    assert words.stat().st_size == FILE_LIMIT + 1
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "ord.txt", ("5,000,000 bytes",))


def test_a_config_over_the_size_limit(tmp_path):
    article(tmp_path)
    config = tmp_path / "healthlint.toml"
    config.write_bytes(b"#234567\n" * (FILE_LIMIT // 8) + b"\n")
    assert config.stat().st_size == FILE_LIMIT + 1
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "healthlint.toml", ("5,000,000 bytes",))


# -- text: UTF-8 only ---------------------------------------------------------------------------


def test_a_rule_pack_that_is_not_utf8(tmp_path):
    with_pack(tmp_path).write_bytes(PACK.encode("utf-8").replace(b"Avoid", b"Undg\xe5"))
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "pack.yaml", ("save it as UTF-8",))


def test_a_word_list_that_is_not_utf8(tmp_path):
    with_words(tmp_path).write_bytes("blåbær\nrødgrød\n".encode("latin-1"))
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "ord.txt", ("save it as UTF-8",))


def test_a_config_that_is_not_utf8(tmp_path):
    article(tmp_path)
    (tmp_path / "healthlint.toml").write_bytes('# Sundhed på dansk\nselect = ["ALL"]\n'.encode("latin-1"))
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "healthlint.toml", ("save it as UTF-8",))


# -- names that lead nowhere ---------------------------------------------------------------------


def test_a_word_list_that_does_not_exist(tmp_path):
    with_words(tmp_path)
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "ord.txt", ("does not exist",))


def test_a_word_list_that_is_a_folder(tmp_path):
    with_words(tmp_path).mkdir()
    assert_refused(run(tmp_path, "a.md", "--no-cache"), "ord.txt", ("is a folder",))


@pytest.mark.parametrize("key", ["rule-packs", "words-files"])
def test_a_file_name_with_a_nul_character(tmp_path, key):
    article(tmp_path)
    table = "" if key == "rule-packs" else "[rules.spelling]\n"
    (tmp_path / "healthlint.toml").write_text(f'{table}{key} = ["pack\\u0000.yaml"]\n', encoding="utf-8")
    assert_refused(run(tmp_path, "a.md", "--no-cache"), key, ("NUL",))
