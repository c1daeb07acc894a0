"""`--format json`, field by field, with test-only rules so every field has a known value."""

from __future__ import annotations

import json

import pytest
from fakerules import use_fake_rules

from healthlint import __version__, cli

DIAGNOSTIC_KEYS = ["path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fixable", "fix"]


@pytest.fixture
def site(tmp_path, monkeypatch):
    use_fake_rules(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "b.md").write_text("Første linje\nmed æøå FLAG og ERROR\n", "utf-8")
    (tmp_path / "a.md").write_bytes(b"")
    (tmp_path / "ok.md").write_text("Intet her.\n", "utf-8")
    return tmp_path


def run_json(capsys, *args: str) -> tuple[int, dict]:
    code = cli.main(["check", *args, "--format", "json"])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, json.loads(captured.out)


def test_json_report_field_by_field(site, capsys):
    code, payload = run_json(capsys, ".", "--select", "HL005,HL901,HL903")
    assert code == 1
    assert list(payload) == ["version", "diagnostics", "files", "summary"]
    assert payload["version"] == __version__
    assert [list(d) for d in payload["diagnostics"]] == [DIAGNOSTIC_KEYS] * 3
    assert payload["diagnostics"] == [
        {
            "path": "a.md",
            "line": 1,
            "column": 1,
            "end_line": 1,
            "end_column": 2,
            "code": "HL005",
            "name": "empty-file",
            "severity": "warning",
            "message": "The file is empty: there is no frontmatter and no article text to publish.",
            "fixable": False,
            "fix": None,
        },
        {
            "path": "docs/b.md",
            "line": 2,
            "column": 9,  # code points: `æøå` are three columns, not six bytes
            "end_line": 2,
            "end_column": 13,
            "code": "HL901",
            "name": "marked-word",
            "severity": "warning",
            "message": "The marker `FLAG` is here.",
            "fixable": True,
            "fix": {
                "safe": True,
                "description": "lowercase the marker",
                "edits": [{"line": 2, "column": 9, "end_line": 2, "end_column": 13, "new_text": "flag"}],
            },
        },
        {
            "path": "docs/b.md",
            "line": 2,
            "column": 17,
            "end_line": 2,
            "end_column": 22,
            "code": "HL903",
            "name": "error-on-error",
            "severity": "error",
            "message": "The word ERROR is here.",
            "fixable": False,
            "fix": None,
        },
    ]
    assert payload["files"] == [
        {"path": "a.md", "metrics": {}},
        {"path": "docs/b.md", "metrics": {"lines": 3}},
        {"path": "ok.md", "metrics": {"lines": 2}},
    ]
    summary = dict(payload["summary"])
    summary.pop("notes", None)  # run-level notes belong to the SEO family
    assert summary == {"files": 3, "errors": 1, "warnings": 2, "infos": 0, "by_rule": {"HL005": 1, "HL901": 1, "HL903": 1}}


def test_json_severity_follows_config(site, capsys):
    (site / "healthlint.toml").write_text('[rules.HL005]\nseverity = "error"\n[rules.marked-word]\nseverity = "info"\n', "utf-8")
    code, payload = run_json(capsys, ".", "--select", "HL005,HL901")
    assert code == 1
    assert [(d["code"], d["severity"]) for d in payload["diagnostics"]] == [("HL005", "error"), ("HL901", "info")]
    assert (payload["summary"]["errors"], payload["summary"]["warnings"], payload["summary"]["infos"]) == (1, 0, 1)


def test_json_with_no_problems(site, capsys):
    code, payload = run_json(capsys, "ok.md", "--select", "HL0,HL901")
    assert code == 0
    assert payload["diagnostics"] == []
    assert payload["files"] == [{"path": "ok.md", "metrics": {"lines": 2}}]
    assert (payload["summary"]["files"], payload["summary"]["by_rule"]) == (1, {})


def test_json_keeps_non_ascii_and_control_characters_valid(site, capsys):
    (site / "c.md").write_text("Tekst \x1b[31m FLAG \u202e\n", "utf-8")
    code = cli.main(["check", "c.md", "--select", "HL901", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0
    assert "\x1b" not in out  # json.dumps escapes control characters
    assert json.loads(out)["diagnostics"][0]["column"] == 13


def test_json_is_deterministic(site, capsys):
    first = run_json(capsys, ".", "--select", "HL0,HL901,HL903")
    second = run_json(capsys, "docs", "ok.md", "a.md", "--select", "HL0,HL901,HL903")
    assert first == second


def test_json_matches_its_schema(site, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    span = {"line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": "integer", "minimum": 1}, "end_column": {"type": "integer", "minimum": 1}}
    schema = {
        "type": "object",
        "required": ["version", "diagnostics", "files", "summary"],
        "properties": {
            "version": {"type": "string"},
            "diagnostics": {"type": "array", "items": {
                "type": "object",
                "required": DIAGNOSTIC_KEYS,
                "additionalProperties": False,
                "properties": {
                    **span,
                    "path": {"type": "string"},
                    "code": {"type": "string", "pattern": "^HL[0-9]{3}$"},
                    "name": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                    "severity": {"enum": ["error", "warning", "info"]},
                    "message": {"type": "string", "minLength": 1},
                    "fixable": {"type": "boolean"},
                    "fix": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["safe", "description", "edits"]}]},
                },
            }},
            "files": {"type": "array", "items": {"type": "object", "required": ["path", "metrics"]}},
            "summary": {"type": "object", "required": ["files", "errors", "warnings", "infos", "by_rule"]},
        },
    }
    (site / "bin.md").write_bytes(b"\x00")
    code, payload = run_json(capsys, ".", "--select", "HL0,HL901,HL902,HL903")
    assert code == 1
    jsonschema.validate(payload, schema)
    assert payload["summary"]["by_rule"] == {"HL002": 1, "HL005": 1, "HL010": 2, "HL901": 1, "HL902": 2, "HL903": 1}  # HL902 runs on the two readable files
