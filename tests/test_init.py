"""`healthlint init`: a commented config that loads, never written over an existing one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from healthlint.config import Config, load_config
from healthlint.config_template import template

# A commented-out setting or table in the template (prose comments do not look like this).
SETTING = re.compile(r'^# (\[\[?[a-z.-]+\]\]?|"[^"]+" = |[a-z-]+ = )', re.M)


def init(folder: Path, *args: str):
    proc = subprocess.run(
        [sys.executable, "-m", "healthlint", "init", *args], cwd=folder, capture_output=True, timeout=60, stdin=subprocess.DEVNULL
    )
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def loaded(folder: Path) -> Config:
    return load_config(None, folder, folder)


def same_as_defaults(config: Config) -> bool:
    default = Config(root=config.root)
    return all(getattr(config, f.name) == getattr(default, f.name) for f in fields(Config) if f.name not in ("source", "root"))


def test_init_writes_pyproject_toml_that_loads_with_the_defaults(tmp_path: Path):
    code, out, err = init(tmp_path)
    assert (code, err) == (0, "")
    assert out == "Wrote the healthlint settings to pyproject.toml. Edit them there; `healthlint check` reads them from now on.\n"
    text = (tmp_path / "pyproject.toml").read_text("utf-8")
    assert text.startswith("[tool.healthlint]\n# healthlint: a linter for Danish health articles in Markdown.\n")
    assert "# [[tool.healthlint.site.pages]]\n" in text
    config = loaded(tmp_path)
    assert config.source == str(tmp_path / "pyproject.toml")
    assert same_as_defaults(config)


def test_init_toml_writes_healthlint_toml(tmp_path: Path):
    code, out, _ = init(tmp_path, "--toml")
    assert code == 0
    assert out.startswith("Wrote the healthlint settings to healthlint.toml.")
    text = (tmp_path / "healthlint.toml").read_text("utf-8")
    assert "[tool.healthlint]" not in text and "tool.healthlint." not in text
    assert "# [[site.pages]]\n" in text
    config = loaded(tmp_path)
    assert config.source == str(tmp_path / "healthlint.toml")
    assert same_as_defaults(config)
    assert not (tmp_path / "pyproject.toml").exists()


def test_init_into_another_folder(tmp_path: Path):
    (tmp_path / "site").mkdir()
    assert init(tmp_path, "site")[0] == 0
    assert (tmp_path / "site" / "pyproject.toml").is_file()


@pytest.mark.parametrize("pyproject", [True, False])
def test_every_commented_example_loads_when_switched_on(tmp_path: Path, pyproject: bool):
    text = template(pyproject)
    switched = SETTING.sub(lambda m: m.group(1), text)
    assert switched.count("[[") == 4 and "# " + "content-root" not in switched
    (tmp_path / ("pyproject.toml" if pyproject else "healthlint.toml")).write_text(switched, "utf-8")
    (tmp_path / "ordliste.txt").write_text("Fysiopuls\n", "utf-8")  # the word list the example names must exist
    config = loaded(tmp_path)
    assert config.content_root == "content"
    assert config.per_file_ignores == {"blog/**": ["stale-article"]}
    assert [kind.name for kind in config.site_profile.kinds] == ["ordbog", "oevelser", "blog", "tekster"]
    assert config.site_profile.domains == ("fysiopuls.dk", "www.fysiopuls.dk")
    assert [step.kind for step in config.site_profile.kinds[1].description] == ["key", "first-paragraph"]
    assert (config.site_profile.kinds[3].fragment, config.site_profile.kinds[0].slug_title) == (True, "danish")
    assert [step.template for step in config.site_profile.kinds[0].title] == ["{metaTitle}", "{title} - hvad er {title_lower}?"]
    assert config.docs_url == "https://example.org/healthlint/rules/{code}"


def test_init_appends_to_a_pyproject_without_the_section(tmp_path: Path):
    original = '[project]\nname = "indhold"\n\n[tool.black]\nline-length = 100'  # no final newline
    (tmp_path / "pyproject.toml").write_text(original, "utf-8")
    assert init(tmp_path)[0] == 0
    text = (tmp_path / "pyproject.toml").read_text("utf-8")
    assert text.startswith(original + "\n\n[tool.healthlint]\n")
    data = tomllib.loads(text)
    assert data["tool"]["black"] == {"line-length": 100}
    assert data["project"] == {"name": "indhold"}
    assert same_as_defaults(loaded(tmp_path))


def test_init_keeps_crlf_line_endings(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\r\nname = "indhold"\r\n')
    assert init(tmp_path)[0] == 0
    data = (tmp_path / "pyproject.toml").read_bytes()
    assert data.startswith(b'[project]\r\nname = "indhold"\r\n\r\n[tool.healthlint]\r\n')
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert same_as_defaults(loaded(tmp_path))


def test_refuses_an_existing_section(tmp_path: Path):
    original = '[tool.healthlint]\nignore = ["HL306"]\n'
    (tmp_path / "pyproject.toml").write_text(original, "utf-8")
    code, out, err = init(tmp_path)
    assert (code, out) == (2, "")
    assert err == "healthlint: pyproject.toml already has a [tool.healthlint] section; healthlint init does not overwrite it\n"
    assert (tmp_path / "pyproject.toml").read_text("utf-8") == original


def test_refuses_an_existing_section_written_as_dotted_keys(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool]\nhealthlint.ignore = ["HL306"]\n', "utf-8")
    assert init(tmp_path)[0] == 2


def test_refuses_an_existing_healthlint_toml(tmp_path: Path):
    (tmp_path / "healthlint.toml").write_text('fail-on = "warning"\n', "utf-8")
    for args in ((), ("--toml",)):
        code, out, err = init(tmp_path, *args)
        assert (code, out) == (2, "")
        assert err == "healthlint: healthlint.toml already exists; healthlint init does not overwrite it. Edit it, or remove it first\n"
    assert (tmp_path / "healthlint.toml").read_text("utf-8") == 'fail-on = "warning"\n'
    assert not (tmp_path / "pyproject.toml").exists()


def test_toml_refuses_when_pyproject_has_the_section(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.healthlint]\n", "utf-8")
    code, _, err = init(tmp_path, "--toml")
    assert code == 2
    assert err == (
        "healthlint: pyproject.toml already has a [tool.healthlint] section; a healthlint.toml beside it "
        "would take its place. Keep one of them\n"
    )
    assert not (tmp_path / "healthlint.toml").exists()


def test_refuses_a_pyproject_that_is_not_toml(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[project\n", "utf-8")
    code, _, err = init(tmp_path)
    assert code == 2
    assert err.startswith("healthlint: pyproject.toml is not valid TOML (")
    assert err.endswith("); fix it first, then run `healthlint init` again\n")
    assert (tmp_path / "pyproject.toml").read_text("utf-8") == "[project\n"


def test_refuses_a_folder_that_does_not_exist(tmp_path: Path):
    code, _, err = init(tmp_path, "nowhere")
    assert (code, err) == (2, "healthlint: nowhere is not a folder\n")


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path):
    init(tmp_path)
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "pyproject.toml").stat().st_mode & 0o777 == 0o666 & ~umask


def test_check_runs_with_the_written_config(tmp_path: Path):
    init(tmp_path)
    (tmp_path / "a.md").write_text("", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "healthlint", "check", "--no-cache", "--select", "HL0", "--format", "concise"],
        cwd=tmp_path, capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0
    assert proc.stdout.decode().splitlines()[0].startswith("a.md:1:1: HL005 ")
