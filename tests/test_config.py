"""Configuration: finding it, layering it under the flags, and strict validation naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakerules import use_fake_rules

from healthlint import cli
from healthlint.config import ConfigError, load_config


@pytest.fixture
def site(tmp_path, monkeypatch):
    use_fake_rules(monkeypatch)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def lint(capsys, *args: str) -> tuple[int, list[str], str]:
    code = cli.main(["check", *args, "--format", "concise", "--quiet"])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def places(lines: list[str]) -> list[str]:
    return [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in lines]


# -- finding the config ----------------------------------------------------------------------


def test_pyproject_found_walking_up_from_the_linted_file(site, capsys):
    write(site / "proj" / "pyproject.toml", '[tool.healthlint]\nselect = ["HL901"]\n')
    write(site / "proj" / "docs" / "deep" / "a.md", "FLAG ERROR\n")
    code, out, _ = lint(capsys, "proj/docs/deep/a.md")
    assert (code, places(out)) == (0, ["proj/docs/deep/a.md:1:1: HL901"])


def test_healthlint_toml_found_walking_up(site, capsys):
    write(site / "proj" / "healthlint.toml", 'select = ["HL903"]\n')
    write(site / "proj" / "docs" / "a.md", "FLAG ERROR\n")
    code, out, _ = lint(capsys, "proj/docs")
    assert (code, places(out)) == (1, ["proj/docs/a.md:1:6: HL903"])


def test_pyproject_without_a_healthlint_table_is_passed_over(site, capsys):
    write(site / "healthlint.toml", 'select = ["HL903"]\n')
    write(site / "sub" / "pyproject.toml", "[tool.black]\nline-length = 100\n")
    write(site / "sub" / "a.md", "FLAG ERROR\n")
    assert places(lint(capsys, "sub/a.md")[1]) == ["sub/a.md:1:6: HL903"]


def test_healthlint_toml_wins_over_pyproject_in_the_same_folder(site, capsys):
    write(site / "healthlint.toml", 'select = ["HL903"]\n')
    write(site / "pyproject.toml", '[tool.healthlint]\nselect = ["HL901"]\n')
    write(site / "a.md", "FLAG ERROR\n")
    assert places(lint(capsys, "a.md")[1]) == ["a.md:1:6: HL903"]


def test_nearest_config_wins(site, capsys):
    write(site / "healthlint.toml", 'select = ["HL903"]\n')
    write(site / "sub" / "healthlint.toml", 'select = ["HL901"]\n')
    write(site / "sub" / "a.md", "FLAG ERROR\n")
    assert places(lint(capsys, "sub/a.md")[1]) == ["sub/a.md:1:1: HL901"]


def test_explicit_config_file(site, capsys):
    write(site / "healthlint.toml", 'select = ["HL903"]\n')
    write(site / "elsewhere" / "strict.toml", 'select = ["HL901"]\n')
    write(site / "elsewhere" / "pyproject.toml", '[tool.healthlint]\nselect = ["marked-word", "error-on-error"]\n')
    write(site / "a.md", "FLAG ERROR\n")
    assert places(lint(capsys, "a.md", "--config", "elsewhere/strict.toml")[1]) == ["a.md:1:1: HL901"]
    assert places(lint(capsys, "a.md", "--config", "elsewhere/pyproject.toml")[1]) == ["a.md:1:1: HL901", "a.md:1:6: HL903"]


def test_underscored_keys_are_accepted(site):
    path = write(site / "healthlint.toml", 'extend_select = ["HL901"]\nmax_file_size = 10\nrespect_gitignore = false\n')
    config = load_config(path, site, site)
    assert (config.extend_select, config.max_file_size, config.respect_gitignore) == (["HL901"], 10, False)


# -- layering --------------------------------------------------------------------------------


def test_config_select_ignore_extend_select(site, capsys):
    write(site / "a.md", "FLAG ERROR\n")
    write(site / "healthlint.toml", 'select = ["testing"]\nignore = ["crashing"]\n')
    assert places(lint(capsys, "a.md")[1]) == ["a.md:1:1: HL901", "a.md:1:6: HL903"]
    write(site / "healthlint.toml", 'select = ["HL0"]\nextend-select = ["marked-word"]\n')
    assert places(lint(capsys, "a.md")[1]) == ["a.md:1:1: HL901"]
    # flags add to the config's ignore
    write(site / "healthlint.toml", 'select = ["HL90"]\nignore = ["HL902"]\n')
    assert places(lint(capsys, "a.md", "--ignore", "HL903")[1]) == ["a.md:1:1: HL901"]
    # --select replaces the config's select, the config's ignore still holds
    assert places(lint(capsys, "a.md", "--select", "HL9")[1]) == ["a.md:1:1: HL901", "a.md:1:6: HL903"]


def test_per_rule_severity_changes_the_exit_code(site, capsys):
    write(site / "empty.md", "")
    assert lint(capsys, "empty.md", "--select", "HL005")[0] == 0
    write(site / "pyproject.toml", '[tool.healthlint.rules.HL005]\nseverity = "error"\n')
    code, out, _ = lint(capsys, "empty.md", "--select", "HL005")
    assert (code, places(out)) == (1, ["empty.md:1:1: HL005"])
    write(site / "pyproject.toml", '[tool.healthlint.rules.error-on-error]\nseverity = "warning"\n')
    write(site / "e.md", "ERROR\n")
    assert lint(capsys, "e.md", "--select", "HL903")[0] == 0


def test_rule_options_from_config(site, capsys):
    write(site / "healthlint.toml", '[rules.HL901]\nword = "MARK"\n')
    write(site / "a.md", "FLAG MARK\n")
    assert places(lint(capsys, "a.md", "--select", "HL901")[1]) == ["a.md:1:6: HL901"]


def test_per_file_ignores(site, capsys):
    write(site / "healthlint.toml", '[per-file-ignores]\n"drafts/**" = ["HL901"]\n"*.old.md" = ["testing"]\n')
    for name in ("drafts/x/a.md", "b.old.md", "c.md"):
        write(site / name, "FLAG ERROR\n")
    code, out, _ = lint(capsys, ".", "--select", "HL901,HL903")
    assert places(out) == ["c.md:1:1: HL901", "c.md:1:6: HL903", "drafts/x/a.md:1:6: HL903"]


def test_include_and_exclude(site, capsys):
    write(site / "healthlint.toml", 'include = ["*.md", "*.txt"]\nexclude = ["archive/", "*.tmp.md"]\n')
    for name in ("a.md", "b.txt", "c.markdown", "archive/d.md", "e.tmp.md"):
        write(site / name, "FLAG\n")
    assert places(lint(capsys, ".", "--select", "HL901")[1]) == ["a.md:1:1: HL901", "b.txt:1:1: HL901"]


def test_max_file_size_from_config(site, capsys):
    write(site / "healthlint.toml", "max-file-size = 5\n")
    write(site / "a.md", "FLAG!\n")
    assert places(lint(capsys, "a.md", "--select", "HL0,HL901")[1]) == ["a.md:1:1: HL004"]


# -- validation: exit 2 naming the file and the key ------------------------------------------


@pytest.mark.parametrize(
    "name, text, key, fragment",
    [
        ("pyproject.toml", "[tool.healthlint]\nselekt = []\n", "tool.healthlint.selekt", "unknown setting"),
        ("healthlint.toml", "colour = true\n", "colour", "unknown setting"),
        ("healthlint.toml", 'select = "HL0"\n', "select", "must be a list of strings"),
        ("healthlint.toml", 'select = ["HL999"]\n', "select", "'HL999' matches no rule code"),
        ("healthlint.toml", 'ignore = ["no-such-name"]\n', "ignore", "'no-such-name' matches no rule"),
        ("healthlint.toml", 'extend-select = [1]\n', "extend-select", "must be a list of strings"),
        ("healthlint.toml", "max-file-size = -1\n", "max-file-size", "must be a positive whole number"),
        ("healthlint.toml", 'max-file-size = "5MB"\n', "max-file-size", "must be a positive whole number"),
        ("healthlint.toml", "respect-gitignore = 1\n", "respect-gitignore", "must be true or false"),
        ("healthlint.toml", 'fail-on = "fatal"\n', "fail-on", 'must be "error", "warning" or "info"'),
        ("healthlint.toml", "per-file-ignores = []\n", "per-file-ignores", "must be a table"),
        ("healthlint.toml", '[per-file-ignores]\n"a.md" = ["HL777"]\n', "per-file-ignores.a.md", "'HL777' matches no rule"),
        ("pyproject.toml", "[tool.healthlint.rules.HL999]\nseverity = \"error\"\n", "tool.healthlint.rules.HL999", "no rule has this code or name"),
        ("healthlint.toml", '[rules.HL005]\nseverity = "fatal"\n', "rules.HL005.severity", 'must be "error", "warning" or "info"'),
        ("healthlint.toml", "[rules.HL005]\ncolour = 1\n", "rules.HL005.colour", "HL005 has no such option"),
        ("healthlint.toml", "[rules.HL901]\nword = 3\n", "rules.HL901.word", "must be a string, not a number"),
        ("healthlint.toml", 'rules = { HL005 = "error" }\n', "rules.HL005", "must be a table"),
        ("pyproject.toml", "[tool]\nhealthlint = 3\n", "tool.healthlint", "must be a table"),
    ],
)
def test_invalid_config_exits_2_naming_file_and_key(site, capsys, name, text, key, fragment):
    path = write(site / name, text)
    write(site / "a.md", "x\n")
    code, out, err = lint(capsys, "a.md")
    assert (code, out) == (2, [])
    assert err.startswith(f"healthlint: config error: {path}: `{key}`: "), err
    assert fragment in err


def test_config_that_is_not_toml_exits_2_naming_the_file(site, capsys):
    path = write(site / "healthlint.toml", "select = [\n")
    write(site / "a.md", "x\n")
    code, _, err = lint(capsys, "a.md")
    assert code == 2
    assert err.startswith(f"healthlint: config error: {path}: not valid TOML")


def test_config_error_is_one_exception_type_with_file_and_key(site):
    path = write(site / "healthlint.toml", "nope = 1\n")
    with pytest.raises(ConfigError) as caught:
        load_config(None, site, site)
    assert (caught.value.source, caught.value.key) == (str(path), "nope")
