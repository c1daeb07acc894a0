"""A pull request's file names and texts are hostile: no output format may let them forge a
GitHub workflow command, reach the terminal as control characters, or crash the writer.

GitHub runs every line of a step's output that starts with `::` as a command, so a file named
`x\\n::error …` must never put a line starting with `::` into the log; only the annotations
`--format github` makes for real problems may start that way.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from security.cli import healthlint as run_cli
from security.cli import no_traceback

FORMATS = ("full", "concise", "json", "sarif", "github", "junit", "gitlab")

# One HL110 (no `title`) at 4:1 in every article, so each file name shows up exactly once.
ARTICLE = b"---\ndatePublished: 2025-01-01\nlastUpdated: 2025-01-01\n---\n\nTekst om ryg.\n"
NO_TITLE = "The frontmatter has no `title`: the page would have no H1 and no title in the search result. Add `title:` before this line."

# The name on disk, and how full and concise output must show it.
HOSTILE_NAMES = {
    "not-utf8": (b"caf\xe9.md", "caf\\xe9.md"),
    "forged-command": (b"x\n::error title=Forged::owned.md", "x\\n::error title=Forged::owned.md"),
    "carriage-return": (b"cr\r::warning title=CR::owned.md", "cr\\r::warning title=CR::owned.md"),
    "terminal-escape": (b"bell\x07\x1b[31m.md", "bell\\u0007\\u001b[31m.md"),
    "line-separator": ("sep\u2028::error title=Sep::owned.md".encode(), "sep\\u2028::error title=Sep::owned.md"),
    "rich-markup": (b"[bold red]x[link=mailto:evil]y.md", "[bold red]x[link=mailto:evil]y.md"),
}

# How `--format github` must write each name as the `file` property: GitHub's own escaping
# for `%`, CR, LF, `:` and `,`, and the visible escapes for what it has none for.
GITHUB_FILE = {
    "not-utf8": "caf\\xe9.md",
    "forged-command": "x%0A%3A%3Aerror title=Forged%3A%3Aowned.md",
    "carriage-return": "cr%0D%3A%3Awarning title=CR%3A%3Aowned.md",
    "terminal-escape": "bell\\u0007\\u001b[31m.md",
    "line-separator": "sep\\u2028%3A%3Aerror title=Sep%3A%3Aowned.md",
    "rich-markup": "[bold red]x[link=mailto%3Aevil]y.md",
}

# SARIF artifact URIs: the name's bytes, percent-encoded.
SARIF_URI = {
    "not-utf8": "caf%E9.md",
    "forged-command": "x%0A%3A%3Aerror%20title%3DForged%3A%3Aowned.md",
    "carriage-return": "cr%0D%3A%3Awarning%20title%3DCR%3A%3Aowned.md",
    "terminal-escape": "bell%07%1B%5B31m.md",
    "line-separator": "sep%E2%80%A8%3A%3Aerror%20title%3DSep%3A%3Aowned.md",
    "rich-markup": "%5Bbold%20red%5Dx%5Blink%3Dmailto%3Aevil%5Dy.md",
}

# Characters that must never reach a terminal from content: C0 and C1 controls (a line
# break only as the line end the reporter wrote) and the Unicode line separators.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_ANSI = re.compile("\x1b\\[[0-9;]*m")


def healthlint(cwd: Path, *args: str | bytes) -> subprocess.CompletedProcess:
    """The real CLI on the hostile names, checked for a traceback."""
    return _checked(cwd, *args, "--no-cache", "--select", "HL110")


def _checked(cwd: Path, *args: str | bytes) -> subprocess.CompletedProcess:
    """`healthlint check ARGS` with a HOME of its own and no GitHub step summary, and no traceback."""
    done = run_cli(cwd, "check", *args, home=cwd.with_name(cwd.name + "-home"), timeout=60)
    no_traceback(done)
    return done


def write_article(folder: Path, name: bytes, content: bytes = ARTICLE) -> None:
    # By bytes: a name that is not UTF-8 cannot be spelled as a str without surrogates.
    descriptor = os.open(os.path.join(os.fsencode(folder), name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(descriptor, content)
    finally:
        os.close(descriptor)


@pytest.fixture
def hostile_site(tmp_path: Path) -> Path:
    for name, _ in HOSTILE_NAMES.values():
        write_article(tmp_path, name)
    return tmp_path


def command_lines(stdout: bytes) -> list[str]:
    """The lines GitHub would run as workflow commands (it splits on CR as well as LF)."""
    return [line for line in re.split(r"\r\n|\r|\n", stdout.decode("utf-8")) if line.startswith("::")]


# -- full and concise: every name shown escaped, exactly ---------------------------------------


@pytest.mark.parametrize("case", sorted(HOSTILE_NAMES))
def test_concise_shows_the_name_escaped_on_one_line(tmp_path, case):
    name, shown = HOSTILE_NAMES[case]
    write_article(tmp_path, name)
    done = healthlint(tmp_path, ".", "--format", "concise", "--color", "never")
    assert done.returncode == 1
    assert done.stdout.decode("utf-8") == f"{shown}:4:1: HL110 {NO_TITLE}\nChecked 1 file: 1 error, 0 warnings, 0 infos.\n"


@pytest.mark.parametrize("case", sorted(HOSTILE_NAMES))
def test_full_shows_the_name_escaped_on_one_line(tmp_path, case):
    name, shown = HOSTILE_NAMES[case]
    write_article(tmp_path, name)
    done = healthlint(tmp_path, ".", "--format", "full", "--color", "never")
    assert done.returncode == 1
    assert done.stdout.decode("utf-8") == (
        f"{shown}:4:1: HL110 missing-required-key [error]\n"
        f"  {NO_TITLE}\n"
        "  4 │ ---\n"
        "    │ ^^^\n"
        "\n"
        "Checked 1 file: 1 error, 0 warnings, 0 infos.\n"
    )


def test_full_in_colour_does_not_read_markup_in_a_name(tmp_path):
    name, shown = HOSTILE_NAMES["rich-markup"]
    write_article(tmp_path, name)
    done = healthlint(tmp_path, ".", "--format", "full", "--color", "always")
    assert done.returncode == 1
    plain = _ANSI.sub("", done.stdout.decode("utf-8"))
    assert plain.splitlines()[0] == f"{shown}:4:1: HL110 missing-required-key [error]"


@pytest.mark.parametrize("fmt", ["full", "concise"])
@pytest.mark.parametrize("color", ["never", "always"])
def test_no_control_character_from_a_name_reaches_the_terminal(hostile_site, fmt, color):
    done = healthlint(hostile_site, ".", "--format", fmt, "--color", color)
    assert done.returncode == 1
    text = done.stdout.decode("utf-8")
    if color == "always":
        text = _ANSI.sub("", text)  # the reporter's own colours are the only escapes allowed
    assert _RAW_CONTROL.findall(text) == []
    assert b"\x07" not in done.stdout
    if color == "never":
        assert b"\x1b" not in done.stdout
    assert len(text.splitlines()) == (6 * 5 + 1 if fmt == "full" else 6 + 1)


# -- every format: no forged command on stdout, and a readable --output-file -------------------


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "github"])
def test_no_line_of_stdout_starts_with_a_command(hostile_site, fmt):
    done = healthlint(hostile_site, ".", "--format", fmt, "--color", "never")
    assert done.returncode == 1
    assert command_lines(done.stdout) == []
    assert command_lines(done.stderr) == []


def test_github_annotations_are_the_only_commands_and_escape_the_names(hostile_site):
    done = healthlint(hostile_site, ".", "--format", "github")
    assert done.returncode == 1
    assert b"\x07" not in done.stdout and b"\x1b" not in done.stdout
    expected = sorted(
        f"::error file={GITHUB_FILE[case]},line=4,col=1,endLine=4,endColumn=3,title=HL110 missing-required-key::{NO_TITLE}"
        for case in HOSTILE_NAMES
    )
    assert sorted(command_lines(done.stdout)) == expected
    assert done.stdout.decode("utf-8").count("\n") == len(HOSTILE_NAMES) + 1  # the annotations and the summary


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_is_written_and_readable(hostile_site, fmt):
    done = healthlint(hostile_site, ".", "--format", fmt, "--output-file", "report.out")
    assert done.returncode == 1
    assert done.stdout == b""
    data = (hostile_site / "report.out").read_bytes()
    text = data.decode("utf-8")  # valid UTF-8, whatever the names' bytes were
    if fmt == "json":
        paths = sorted(d["path"] for d in json.loads(text)["diagnostics"])
        # The real names, except that a byte that is not UTF-8 becomes the text `\xe9`.
        assert paths == sorted(name.decode("utf-8", "backslashreplace") for name, _ in HOSTILE_NAMES.values())
    elif fmt == "gitlab":
        paths = sorted(issue["location"]["path"] for issue in json.loads(text))
        assert "caf\\xe9.md" in paths and "x\n::error title=Forged::owned.md" in paths
    elif fmt == "sarif":
        results = json.loads(text)["runs"][0]["results"]
        uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
        assert uris == sorted(SARIF_URI.values())
    elif fmt == "junit":
        root = ET.fromstring(data)
        assert sorted(suite.get("name") for suite in root) == sorted(shown for _, shown in HOSTILE_NAMES.values())
        assert _RAW_CONTROL.findall(text) == []
    elif fmt == "github":
        assert len(command_lines(data)) == len(HOSTILE_NAMES)
    else:
        assert _RAW_CONTROL.findall(text) == []
        for _, shown in HOSTILE_NAMES.values():
            assert f"{shown}:4:1: HL110" in text
    assert command_lines(data) == [] or fmt == "github"


def test_json_on_stdout_is_valid_and_shows_an_undecodable_byte_as_an_escape(tmp_path):
    write_article(tmp_path, b"caf\xe9.md")
    done = healthlint(tmp_path, ".", "--format", "json")
    assert done.returncode == 1
    (diagnostic,) = json.loads(done.stdout.decode("utf-8"))["diagnostics"]
    assert (diagnostic["path"], diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("caf\\xe9.md", "HL110", 4, 1)


def test_sarif_on_stdout_percent_encodes_the_raw_bytes(tmp_path):
    write_article(tmp_path, b"caf\xe9.md")
    done = healthlint(tmp_path, ".", "--format", "sarif")
    assert done.returncode == 1
    (result,) = json.loads(done.stdout.decode("utf-8"))["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "caf%E9.md", "uriBaseId": "%SRCROOT%"}


def test_summary_file_is_written_with_every_name_escaped(hostile_site):
    done = healthlint(hostile_site, ".", "--format", "concise", "--summary", "summary.md")
    assert done.returncode == 1
    text = (hostile_site / "summary.md").read_bytes().decode("utf-8")
    assert _RAW_CONTROL.findall(text) == []
    assert command_lines(text.encode()) == []
    assert "| caf\\\\xe9.md | 1 | 0 | 0 |" in text  # Markdown shows the escape as `caf\xe9.md`


# -- messages: a project rule pack quoting article text ------------------------------------------

PACK = """\
rules:
  - code: HL590
    name: forged-message
    extends: existence
    level: error
    scope: [paragraph, title]
    patterns: ['skadelig\\S*']
    message: "Fandt [bold]{match}[/bold].\\n::error title=Forged::owned"
    why: A message may quote the article, and a pack may write anything.
"""
PACK_ARTICLE = '---\ntitle: "Om skadelig\\e[31mrød\\a tekst"\ndatePublished: 2025-01-01\nlastUpdated: 2025-01-01\n---\n\nSkadelig tekst.\n'
FORGED_TAIL = "\\n::error title=Forged::owned"


@pytest.fixture
def pack_site(tmp_path: Path) -> Path:
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "healthlint.toml").write_text('rule-packs = ["house.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(PACK_ARTICLE, encoding="utf-8")
    return tmp_path


def pack_run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return _checked(cwd, "a.md", "--no-cache", "--select", "HL590", *args)


def test_a_message_with_a_line_break_stays_on_one_line_in_concise(pack_site):
    done = pack_run(pack_site, "--format", "concise")
    assert done.returncode == 1
    assert done.stdout.decode("utf-8") == (
        f"a.md:2:9: HL590 Fandt [bold]skadelig\\u001b[31mrød\\u0007[/bold].{FORGED_TAIL}\n"
        f"a.md:7:1: HL590 Fandt [bold]Skadelig[/bold].{FORGED_TAIL}\n"
        "Checked 1 file: 2 errors, 0 warnings, 0 infos.\n"
    )


@pytest.mark.parametrize("color", ["never", "always"])
def test_a_message_with_a_line_break_stays_on_one_line_in_full(pack_site, color):
    done = pack_run(pack_site, "--format", "full", "--color", color)
    assert done.returncode == 1
    text = _ANSI.sub("", done.stdout.decode("utf-8")) if color == "always" else done.stdout.decode("utf-8")
    lines = text.splitlines()
    assert lines[1] == f"  Fandt [bold]skadelig\\u001b[31mrød\\u0007[/bold].{FORGED_TAIL}"
    assert f"  Fandt [bold]Skadelig[/bold].{FORGED_TAIL}" in lines
    assert command_lines(done.stdout) == []
    assert b"\x07" not in done.stdout
    assert _RAW_CONTROL.findall(text) == []


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("full", "concise")])
def test_a_message_with_a_line_break_forges_no_command(pack_site, fmt):
    done = pack_run(pack_site, "--format", fmt)
    assert done.returncode == 1
    assert b"\x07" not in done.stdout and b"\x1b" not in done.stdout  # JSON writes them as \u0007, XML visibly
    commands = command_lines(done.stdout)
    if fmt == "github":
        assert len(commands) == 2
        assert all(line.endswith(".%0A::error title=Forged::owned") for line in commands)
        assert "::Fandt [bold]skadelig\\u001b[31mrød\\u0007[/bold].%0A" in commands[0]
    else:
        assert commands == []
    if fmt == "junit":
        ET.fromstring(done.stdout)
    elif fmt != "github":
        json.loads(done.stdout)
