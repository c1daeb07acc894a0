"""`--format junit` read back by a real JUnit consumer (junitparser), and `--format gitlab`
checked field by field against GitLab's Code Quality format."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from cli_outputs import BINARY_MSG, COMMENT, EMPTY_MSG, INFO_TEXT, UNUSED_MSG, run
from fakerules import use_fake_rules
from junitparser import Failure, JUnitXml

from healthlint import cli
from healthlint.diagnostic import Severity, Span, Violation
from healthlint.report.fingerprint import fingerprint
from healthlint.ruleset.rule import rule


@pytest.fixture
def site(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "artikler").mkdir()
    (tmp_path / "artikler" / "empty.md").write_bytes(b"")
    (tmp_path / "artikler" / "info.md").write_text(f"{INFO_TEXT}\n{COMMENT}\nIgen.\n", "utf-8")
    (tmp_path / "artikler" / "bin.md").write_bytes(b"ab\x00")
    (tmp_path / "artikler" / "ok.md").write_text("Tekst.\n", "utf-8")
    return tmp_path


# -- JUnit -------------------------------------------------------------------------------------


def junit(site: Path, *args: str, expect_code: int) -> JUnitXml:
    code, _, err = run(site / "artikler", "check", *args, "--format", "junit", "-o", "report.xml", "--no-cache")
    assert (code, err) == (expect_code, "")
    return JUnitXml.fromfile(str(site / "artikler" / "report.xml"))


def test_junit_suites_cases_and_failures(site):
    xml = junit(site, "bin.md", "empty.md", "info.md", "ok.md", "--select", "HL0", expect_code=1)
    assert (xml.name, xml.tests, xml.failures, xml.errors, xml.skipped) == ("healthlint", 4, 3, 0, 0)
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == ["artikler/bin.md", "artikler/empty.md", "artikler/info.md", "artikler/ok.md"]
    assert [(s.tests, s.failures) for s in suites.values()] == [(1, 1), (1, 1), (1, 1), (1, 0)]

    (clean,) = list(suites["artikler/ok.md"])
    assert (clean.classname, clean.name, clean.is_passed) == ("artikler/ok.md", "healthlint", True)

    (binary,) = list(suites["artikler/bin.md"])
    assert (binary.classname, binary.name, binary.is_passed) == ("artikler/bin.md", "HL002 binary-file", False)
    (failure,) = binary.result
    assert isinstance(failure, Failure)
    assert (failure.type, failure.message) == ("error", "HL002 binary-file: 1 problem (error)")
    assert failure.text == f"1:3 {BINARY_MSG}"

    (unused,) = list(suites["artikler/info.md"])
    (failure,) = unused.result
    assert (failure.type, failure.message) == ("info", "HL020 unused-suppression: 2 problems (info)")
    assert failure.text == f"2:1 {UNUSED_MSG}\n5:1 {UNUSED_MSG}"


def test_junit_one_case_per_rule_in_a_file(tmp_path, monkeypatch):
    use_fake_rules(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("FLAG og ERROR\nFLAG\n", "utf-8")
    assert cli.main(["check", "a.md", "--select", "HL901,HL903", "--format", "junit", "-o", "r.xml", "--no-cache", "--jobs", "1"]) == 1
    (suite,) = list(JUnitXml.fromfile("r.xml"))
    assert (suite.name, suite.tests, suite.failures) == ("a.md", 2, 2)
    cases = [(case.name, case.result[0].type, case.result[0].text) for case in suite]
    assert cases == [
        ("HL901 marked-word", "warning", "1:1 The marker `FLAG` is here.\n2:1 The marker `FLAG` is here."),
        ("HL903 error-on-error", "error", "1:9 The word ERROR is here."),
    ]


@rule("HL909", "control-message", Severity.WARNING, tags=("testing",))
def control_message(doc, ctx):
    """Quotes the first line raw, control characters and all (test-only).

    **Why this matters**: it proves the XML stays well-formed.

    **Fix safety**: no automatic fix.
    """
    yield Violation(Span.point(1), f"Linjen er '{doc.lines[0]}' & <mere>.")


def test_junit_stays_well_formed_with_control_characters(tmp_path, monkeypatch):
    use_fake_rules(monkeypatch, control_message)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("a\x1bb\x0bc\x7f\n", "utf-8")
    assert cli.main(["check", "a.md", "--select", "HL909", "--format", "junit", "-o", "r.xml", "--no-cache", "--jobs", "1"]) == 0
    (suite,) = list(JUnitXml.fromfile("r.xml"))
    (case,) = list(suite)
    assert case.result[0].text == "1:1 Linjen er 'a\\u001bb\\u000bc\\u007f' & <mere>."  # DEL too: no control reaches a CI log


# -- GitLab Code Quality -----------------------------------------------------------------------


def gitlab_issues(cwd: Path, *args: str, expect_code: int) -> list[dict]:
    code, out, err = run(cwd, "check", *args, "--format", "gitlab", "--no-cache")
    assert (code, err) == (expect_code, "")
    return json.loads(out)


def md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def test_gitlab_every_field(site):
    issues = gitlab_issues(site / "artikler", ".", "--select", "HL0", expect_code=1)
    comment = fingerprint("HL020", "artikler/info.md", COMMENT)
    assert issues == [
        {
            "description": f"HL002 binary-file: {BINARY_MSG}",
            "check_name": "HL002",
            "fingerprint": md5(fingerprint("HL002", "artikler/bin.md", "ab\x00") + ":0"),
            "severity": "critical",
            "location": {"path": "artikler/bin.md", "lines": {"begin": 1, "end": 1}},
        },
        {
            "description": f"HL005 empty-file: {EMPTY_MSG}",
            "check_name": "HL005",
            "fingerprint": md5(fingerprint("HL005", "artikler/empty.md", "") + ":0"),
            "severity": "minor",
            "location": {"path": "artikler/empty.md", "lines": {"begin": 1, "end": 1}},
        },
        {
            "description": f"HL020 unused-suppression: {UNUSED_MSG}",
            "check_name": "HL020",
            "fingerprint": md5(comment + ":0"),
            "severity": "info",
            "location": {"path": "artikler/info.md", "lines": {"begin": 2, "end": 2}},
        },
        {
            "description": f"HL020 unused-suppression: {UNUSED_MSG}",
            "check_name": "HL020",
            "fingerprint": md5(comment + ":1"),
            "severity": "info",
            "location": {"path": "artikler/info.md", "lines": {"begin": 5, "end": 5}},
        },
    ]
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_survive_lines_added_above(site):
    folder = site / "artikler"
    before = [i["fingerprint"] for i in gitlab_issues(folder, "info.md", "--select", "HL0", expect_code=0)]
    (folder / "info.md").write_text("Ny første linje.\n" + (folder / "info.md").read_text("utf-8"), "utf-8")
    after = gitlab_issues(folder, "info.md", "--select", "HL0", expect_code=0)
    assert [i["location"]["lines"]["begin"] for i in after] == [3, 6]
    assert [i["fingerprint"] for i in after] == before


def test_gitlab_clean_run_is_an_empty_list(site):
    assert gitlab_issues(site / "artikler", "ok.md", "--select", "HL0", expect_code=0) == []
