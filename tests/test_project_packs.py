"""A project's own YAML rule packs, named in config, work like the shipped ones."""

from __future__ import annotations

import subprocess
import sys

PACK = """\
rules:
  - code: HL590
    name: brand-spelling
    extends: substitution
    level: warning
    tags: [house-style]
    summary: Our brand is written FysFinder.
    scope: paragraph
    swap:
      'fys-finder': FysFinder
    message: Write “{replacement}”, not “{match}”.
    why: The brand name is one word with two capitals.
"""


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "healthlint", *args], cwd=cwd, capture_output=True, text=True)


def test_project_pack_rule_fires_and_is_listed(tmp_path):
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "healthlint.toml").write_text('rule-packs = ["house.yaml"]\nselect = ["house-style"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text('---\ntitle: "x"\n---\n\nFind en klinik på Fys-Finder i dag.\n', encoding="utf-8")
    result = run("check", "a.md", "--format", "concise", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "a.md:5:19: HL590 Write “FysFinder”, not “Fys-Finder”."
    listing = run("rules", cwd=tmp_path)
    assert "HL590  brand-spelling" in listing.stdout
    assert run("rule", "HL590", cwd=tmp_path).stdout.startswith("HL590 brand-spelling\n")


def test_broken_project_pack_is_a_config_error_naming_file_and_line(tmp_path):
    (tmp_path / "house.yaml").write_text(PACK.replace("extends: substitution", "extends: nonsense"), encoding="utf-8")
    (tmp_path / "healthlint.toml").write_text('rule-packs = ["house.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text('---\ntitle: "x"\n---\n\nTekst.\n', encoding="utf-8")
    result = run("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "healthlint.toml" in result.stderr and "rule-packs" in result.stderr
    assert "house.yaml:4: `extends` must be one of existence, substitution, required, conditional" in result.stderr


def test_force_exclude_applies_to_the_stdin_filename(tmp_path):
    (tmp_path / "healthlint.toml").write_text('exclude = ["drafts/**"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    args = ["check", "-", "--stdin-filename", "drafts/a.md", "--format", "concise", "--no-cache"]
    excluded = subprocess.run(
        [sys.executable, "-m", "healthlint", *args, "--force-exclude"], cwd=tmp_path, input="", capture_output=True, text=True
    )
    assert (excluded.returncode, excluded.stdout) == (0, "Checked 0 files: no problems found.\n")
    linted = subprocess.run([sys.executable, "-m", "healthlint", *args], cwd=tmp_path, input="", capture_output=True, text=True)
    assert linted.returncode == 0 and "HL005" in linted.stdout


def test_select_names_a_project_pack_rule(tmp_path):
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "healthlint.toml").write_text('rule-packs = ["house.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text('---\ntitle: "x"\n---\n\nFind en klinik på Fys-Finder i dag.\n', encoding="utf-8")
    result = run("check", "a.md", "--select", "HL590", "--format", "concise", "--no-cache", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == "a.md:5:19: HL590 Write “FysFinder”, not “Fys-Finder”."
