"""`--format sarif` and the fingerprints: valid SARIF 2.1.0 that GitHub code scanning accepts,
repository-relative locations, full regions, rule metadata, and alerts that survive edits."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from cli_outputs import BINARY_MSG, COMMENT, EMPTY_MSG, INFO_TEXT, UNUSED_MSG, run

from healthlint import __version__
from healthlint.report.fingerprint import (
    PathMapper,
    SourceLines,
    fingerprint,
    occurrence_fingerprints,
)
from healthlint.ruleset.registry import rule_by_selector

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.json").read_text("utf-8"))


def sarif(cwd: Path, *args: str, expect_code: int, stdin: bytes = b"") -> dict:
    code, out, err = run(cwd, "check", *args, "--format", "sarif", "--no-cache", stdin=stdin)
    assert (code, err) == (expect_code, "")
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree whose articles sit one folder down, in `artikler/`."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    site = tmp_path / "artikler"
    site.mkdir()
    (site / "empty.md").write_bytes(b"")
    (site / "info.md").write_text(INFO_TEXT, "utf-8")
    (site / "bin.md").write_bytes(b"ab\x00")
    return tmp_path


# -- fingerprints ------------------------------------------------------------------------------


def test_fingerprint_ignores_surrounding_whitespace_only():
    base = fingerprint("HL301", "a/b.md", "### Overskrift")
    assert len(base) == 32 and int(base, 16) >= 0
    assert fingerprint("HL301", "a/b.md", "  ### Overskrift \t") == base
    assert fingerprint("HL302", "a/b.md", "### Overskrift") != base
    assert fingerprint("HL301", "a/c.md", "### Overskrift") != base
    assert fingerprint("HL301", "a/b.md", "### Overskrift!") != base
    assert fingerprint("HL301", "a/b.md", "### Over skrift") != base


def test_fingerprint_fields_cannot_run_into_each_other():
    assert fingerprint("HL301", "ab", "c") != fingerprint("HL301", "a", "bc")


def test_occurrence_counter_keeps_equal_fingerprints_apart():
    assert occurrence_fingerprints(["x", "y", "x", "x"]) == ["x:0", "y:0", "x:1", "x:2"]


def test_path_mapper_uses_the_work_tree_root_then_the_working_folder(repo, tmp_path_factory):
    mapper = PathMapper(repo / "artikler")
    assert mapper.map("info.md") == (repo, "artikler/info.md")
    assert mapper.home == repo
    outside = tmp_path_factory.mktemp("plain")
    (outside / "sub").mkdir()
    plain = PathMapper(outside)
    assert plain.map("sub/a.md") == (outside, "sub/a.md")
    assert plain.home == outside
    assert plain.map("/nowhere/a.md") == (outside, None)
    assert plain.repo_path("/nowhere/a.md") == "/nowhere/a.md"
    assert plain.map("-") == (outside, "-")


def test_source_lines_read_files_and_tolerate_unreadable_ones(tmp_path):
    (tmp_path / "crlf.md").write_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    lines = SourceLines({"-": "from\nstdin"})
    assert [lines.line(str(tmp_path / "crlf.md"), n) for n in (1, 2, 3, 4, 5)] == ["one", "two", "three", "", ""]
    assert lines.line("-", 2) == "stdin"
    assert lines.line(str(tmp_path / "missing.md"), 1) == ""
    assert lines.line(str(tmp_path), 1) == ""


# -- the log -----------------------------------------------------------------------------------


def test_sarif_log_in_a_git_work_tree(repo):
    log = sarif(repo / "artikler", ".", "--select", "HL0", expect_code=1)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("healthlint", __version__)
    assert driver["informationUri"].startswith("https://")
    # Only the rules that fired, in order of first appearance; ruleIndex points into them.
    assert [r["id"] for r in driver["rules"]] == ["HL002", "HL005", "HL020"]
    assert [r["name"] for r in driver["rules"]] == ["binary-file", "empty-file", "unused-suppression"]
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == ["error", "warning", "note"]

    results = run_["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("HL002", 0, "error"),
        ("HL005", 1, "warning"),
        ("HL020", 2, "note"),
    ]
    assert [r["message"]["text"] for r in results] == [BINARY_MSG, EMPTY_MSG, UNUSED_MSG]
    locations = [r["locations"][0]["physicalLocation"] for r in results]
    assert [loc["artifactLocation"] for loc in locations] == [
        {"uri": "artikler/bin.md", "uriBaseId": "%SRCROOT%"},
        {"uri": "artikler/empty.md", "uriBaseId": "%SRCROOT%"},
        {"uri": "artikler/info.md", "uriBaseId": "%SRCROOT%"},
    ]
    assert [loc["region"] for loc in locations] == [
        {"startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 4},
        {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2},
        {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 44},
    ]
    assert results[2]["partialFingerprints"] == {
        "healthlint/v1": fingerprint("HL020", "artikler/info.md", COMMENT) + ":0"
    }
    assert results[1]["partialFingerprints"] == {"healthlint/v1": fingerprint("HL005", "artikler/empty.md", "") + ":0"}


def test_rule_metadata_comes_from_the_rule_docs(repo):
    log = sarif(repo / "artikler", "info.md", "--select", "HL0", expect_code=0)
    (descriptor,) = log["runs"][0]["tool"]["driver"]["rules"]
    rule = rule_by_selector("HL020")
    assert descriptor["id"] == "HL020"
    assert descriptor["shortDescription"] == {"text": rule.summary}
    assert descriptor["fullDescription"] == {"text": rule.doc}
    assert descriptor["help"] == {"text": rule.doc, "markdown": f"**HL020 unused-suppression**\n\n{rule.doc}"}
    assert descriptor["helpUri"] == "https://healthlint.readthedocs.io/rules/HL020"
    assert descriptor["properties"] == {"tags": list(rule.tags)}


def test_docs_url_from_flag_and_config(repo):
    site = repo / "artikler"
    log = sarif(site, "info.md", "--select", "HL0", "--docs-url", "https://docs.example.dk/{name}.html#{code}", expect_code=0)
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == "https://docs.example.dk/unused-suppression.html#HL020"
    (site / "healthlint.toml").write_text('docs-url = "https://intern.example.dk/regler/{code}"\n', "utf-8")
    log = sarif(site, "info.md", "--select", "HL0", expect_code=0)
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == "https://intern.example.dk/regler/HL020"
    log = sarif(site, "info.md", "--select", "HL0", "--docs-url", "https://x.example/{code}", expect_code=0)
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == "https://x.example/HL020"


def test_docs_url_in_config_must_be_a_string(repo):
    site = repo / "artikler"
    (site / "healthlint.toml").write_text("docs-url = 3\n", "utf-8")
    code, out, err = run(site, "check", "info.md", "--format", "sarif")
    assert (code, out) == (2, "")
    assert "`docs-url`: must be a string" in err


def test_configured_severity_is_the_default_level(repo):
    site = repo / "artikler"
    (site / "healthlint.toml").write_text('[rules]\nHL005 = { severity = "error" }\n', "utf-8")
    log = sarif(site, "empty.md", "--select", "HL0", expect_code=1)
    (descriptor,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor["defaultConfiguration"] == {"level": "error"}
    assert log["runs"][0]["results"][0]["level"] == "error"


def test_clean_run_is_a_valid_log_with_no_results(repo):
    (repo / "artikler" / "ok.md").write_text("Tekst.\n", "utf-8")
    log = sarif(repo / "artikler", "ok.md", "--select", "HL0", expect_code=0)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
    assert "originalUriBaseIds" not in log["runs"][0]


def test_outside_a_work_tree_paths_are_relative_to_the_working_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "empty.md").write_bytes(b"")
    if subprocess.run(["git", "-C", str(tmp_path), "rev-parse"], capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git work tree")
    log = sarif(tmp_path, "sub", "--select", "HL0", expect_code=0)
    run_ = log["runs"][0]
    assert run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "sub/empty.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}


def test_uris_are_percent_encoded(repo):
    site = repo / "artikler"
    (site / "ondt i lænden #2.md").write_bytes(b"")
    log = sarif(site, "ondt i lænden #2.md", "--select", "HL0", expect_code=0)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "artikler/ondt%20i%20l%C3%A6nden%20%232.md", "uriBaseId": "%SRCROOT%"}
    # The fingerprint is of the path as the repository has it, not of its URI.
    fp = log["runs"][0]["results"][0]["partialFingerprints"]["healthlint/v1"]
    assert fp == fingerprint("HL005", "artikler/ondt i lænden #2.md", "") + ":0"


def test_fingerprints_survive_unrelated_edits_and_follow_the_line(repo):
    site = repo / "artikler"

    def prints() -> list[str]:
        log = sarif(site, "info.md", "--select", "HL0", expect_code=0)
        return [r["partialFingerprints"]["healthlint/v1"] for r in log["runs"][0]["results"]]

    before = prints()
    (site / "info.md").write_text("Ny indledning.\n\nOg mere.\n" + INFO_TEXT, "utf-8")
    moved = sarif(site, "info.md", "--select", "HL0", expect_code=0)
    assert moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert [r["partialFingerprints"]["healthlint/v1"] for r in moved["runs"][0]["results"]] == before
    (site / "info.md").write_text("Tekst her.\n   " + COMMENT + "  \nMere tekst.\n", "utf-8")
    assert prints() == before  # indentation is not a change of the problem
    (site / "info.md").write_text("Tekst her.\n<!-- healthlint-disable-next-line HL005 HL002 -->\nMere tekst.\n", "utf-8")
    assert prints() != before


def test_repeated_problems_on_identical_lines_get_distinct_fingerprints(repo):
    site = repo / "artikler"
    (site / "twice.md").write_text(f"{COMMENT}\nTekst.\n\n{COMMENT}\nTekst.\n", "utf-8")
    log = sarif(site, "twice.md", "--select", "HL0", expect_code=0)
    prints = [r["partialFingerprints"]["healthlint/v1"] for r in log["runs"][0]["results"]]
    base = fingerprint("HL020", "artikler/twice.md", COMMENT)
    assert prints == [base + ":0", base + ":1"]


def test_stdin_uses_the_text_it_was_given(repo):
    site = repo / "artikler"
    log = sarif(site, "-", "--stdin-filename", "ny.md", "--select", "HL0", expect_code=0, stdin=INFO_TEXT.encode())
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "artikler/ny.md"
    assert result["partialFingerprints"]["healthlint/v1"] == fingerprint("HL020", "artikler/ny.md", COMMENT) + ":0"


def test_unreadable_file_is_reported_with_an_empty_line(repo):
    site = repo / "artikler"
    (site / "broken.md").symlink_to(site / "nowhere.md")
    log = sarif(site, "broken.md", "--select", "HL0", expect_code=1)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "HL001"
    assert result["partialFingerprints"]["healthlint/v1"] == fingerprint("HL001", "artikler/broken.md", "") + ":0"


def test_output_file_and_exit_zero(repo):
    site = repo / "artikler"
    code, out, err = run(site, "check", ".", "--select", "HL0", "--format", "sarif", "-o", "out.sarif", "--exit-zero", "--no-cache")
    assert (code, out, err) == (0, "", "")
    log = json.loads((site / "out.sarif").read_text("utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert len(log["runs"][0]["results"]) == 3


def test_run_notes_become_tool_notifications(repo):
    from healthlint.api import Report
    from healthlint.config import Config
    from healthlint.report.sarif import render_sarif

    report = Report([], [], Config(), notes=["Blog posts have no meta description."])
    log = json.loads(render_sarif(report, cwd=repo))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [{"level": "note", "message": {"text": "Blog posts have no meta description."}}],
        }
    ]


def test_fix_keeps_machine_formats_parseable(tmp_path, monkeypatch, capsys):
    from fakerules import use_fake_rules

    from healthlint import cli

    use_fake_rules(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "a.md").write_text("FLAG og ERROR\n", "utf-8")
    argv = ["check", "a.md", "--select", "HL901,HL903", "--fix", "--no-cache", "--jobs", "1", "--summary", "run.txt"]
    assert cli.main([*argv, "--format", "sarif"]) == 1
    out, err = capsys.readouterr()
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["HL903"]
    assert err == "Fixed 1 problem in 1 file.\n"
    assert (tmp_path / "a.md").read_text("utf-8") == "flag og ERROR\n"
    assert (tmp_path / "run.txt").read_text("utf-8").startswith("## healthlint\n\nChecked 1 file: 1 error, 0 warnings, 0 infos.\n")
    for fmt in ("gitlab", "junit"):
        assert cli.main([*argv, "--format", fmt]) == 1
        out, err = capsys.readouterr()
        assert err == "No fixes applied.\n"
        assert out.startswith("[" if fmt == "gitlab" else "<?xml") and out.rstrip().endswith("]" if fmt == "gitlab" else "</testsuites>")
