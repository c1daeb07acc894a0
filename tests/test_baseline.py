"""`check --write-baseline` and `--baseline`: old problems stay silent, new ones fail the run.

Real rules on small articles: HL124 (lastUpdated before datePublished, an error) and HL404
(an empty table cell, a warning), through the command line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from healthlint.report.baseline import BaselineError, apply, load

RULES = ("--select", "HL124,HL404", "--today", "2026-01-01", "--no-cache")

OLD = '---\ntitle: "Knæsmerter"\ndatePublished: "10/05/2025"\nlastUpdated: "01/03/2025"\n---\n\nTekst om knæ.\n'
NEW = '---\ntitle: "Hofte"\ndatePublished: "10/06/2025"\nlastUpdated: "01/06/2025"\n---\n\nTekst om hofter.\n'
TABLE = '---\ntitle: "Tabel"\ndatePublished: "10/05/2025"\nlastUpdated: "11/05/2025"\n---\n\n| a | b |\n|---|---|\n| x |  |\n'


def run(cwd: Path, *args: str):
    code, out, err = run_cli(cwd, "check", *RULES, *args)
    assert "Traceback" not in err, err
    return code, out, err


def problems(out: str) -> list[str]:
    """`path:line:col CODE` of each problem in concise output."""
    return [" ".join(line.split(" ")[:2]) for line in out.splitlines() if line.split(":")[0].endswith(".md")]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "knae.md").write_text(OLD, "utf-8")
    return tmp_path


def test_write_baseline_records_every_problem_sorted_with_a_version(site: Path):
    (site / "tabel.md").write_text(TABLE, "utf-8")
    code, out, err = run(site, "--write-baseline", "baseline.json")
    assert (code, err) == (0, "")
    assert out == "Wrote 2 problems in 2 files to the baseline baseline.json.\n"
    data = json.loads((site / "baseline.json").read_text("utf-8"))
    assert data["version"] == 1
    assert [(f["path"], f["rule"], f["name"], f["count"]) for f in data["findings"]] == [
        ("knae.md", "HL124", "updated-before-published", 1),
        ("tabel.md", "HL404", "empty-table-cell", 1),
    ]
    assert all(len(f["fingerprint"]) == 32 for f in data["findings"])


def test_old_problem_stays_silent_after_lines_above_it_and_a_new_one_fails(site: Path):
    assert run(site, "--write-baseline", "baseline.json")[0] == 0
    code, out, _ = run(site, "--baseline", "baseline.json", "--format", "concise")
    assert (code, problems(out)) == (0, [])
    assert "note: 1 known problem hidden by the baseline baseline.json.\n" in out

    # Three lines inserted above the old problem move it from line 4 to line 7.
    shifted = OLD.replace('title: "Knæsmerter"\n', 'title: "Knæsmerter"\nmetaTitle: "Knæsmerter: årsager"\nkeyword: "knæ"\nauthor: "Redaktionen"\n')
    (site / "knae.md").write_text(shifted, "utf-8")
    code, out, _ = run(site, "--format", "concise")
    assert (code, problems(out)) == (1, ["knae.md:7:15: HL124"])  # still there without the baseline
    (site / "hofte.md").write_text(NEW, "utf-8")

    code, out, _ = run(site, "--baseline", "baseline.json", "--format", "concise")
    assert code == 1
    assert problems(out) == ["hofte.md:4:15: HL124"]
    assert out.endswith(
        "note: 1 known problem hidden by the baseline baseline.json.\n"
        "Checked 2 files: 1 error, 0 warnings, 0 infos.\n"
    )


def test_editing_the_problem_line_makes_it_new(site: Path):
    run(site, "--write-baseline", "baseline.json")
    (site / "knae.md").write_text(OLD.replace('"01/03/2025"', '"02/03/2025"'), "utf-8")
    code, out, _ = run(site, "--baseline", "baseline.json", "--format", "concise")
    assert (code, problems(out)) == (1, ["knae.md:4:15: HL124"])
    assert out.endswith(
        "note: 0 known problems hidden by the baseline baseline.json. 1 problem it records was not found "
        "(fixed, or the line changed): run --write-baseline baseline.json to drop it.\n"
        "Checked 1 file: 1 error, 0 warnings, 0 infos.\n"
    )


def test_counts_matter_two_identical_problems_one_recorded(tmp_path: Path):
    (tmp_path / "tabel.md").write_text(TABLE, "utf-8")
    run(tmp_path, "--write-baseline", "baseline.json")
    (tmp_path / "tabel.md").write_text(TABLE + "| x |  |\n", "utf-8")  # the same row again
    code, out, _ = run(tmp_path, "--baseline", "baseline.json", "--format", "concise", "--fail-on", "warning")
    assert (code, problems(out)) == (1, ["tabel.md:10:6: HL404"])
    assert "note: 1 known problem hidden by the baseline baseline.json.\n" in out


def test_a_fixed_problem_is_counted_as_gone(site: Path):
    run(site, "--write-baseline", "baseline.json")
    (site / "knae.md").write_text(OLD.replace('"01/03/2025"', '"01/06/2025"'), "utf-8")
    code, out, _ = run(site, "--baseline", "baseline.json", "--format", "concise")
    assert (code, problems(out)) == (0, [])
    assert out == (
        "note: 0 known problems hidden by the baseline baseline.json. 1 problem it records was not found "
        "(fixed, or the line changed): run --write-baseline baseline.json to drop it.\n"
        "Checked 1 file: no problems found.\n"
    )


def test_problems_of_files_not_linted_are_not_gone(site: Path):
    (site / "hofte.md").write_text(NEW, "utf-8")
    run(site, "--write-baseline", "baseline.json")
    code, out, _ = run(site, "--baseline", "baseline.json", "--format", "concise", "knae.md")
    # hofte.md's recorded problem was not looked for, so it is not reported as gone.
    assert (code, out) == (0, "note: 1 known problem hidden by the baseline baseline.json.\nChecked 1 file: no problems found.\n")


def test_the_baseline_works_with_json_output(site: Path):
    run(site, "--write-baseline", "baseline.json")
    (site / "hofte.md").write_text(NEW, "utf-8")
    code, out, _ = run(site, "--baseline", "baseline.json", "--format", "json")
    payload = json.loads(out)
    assert code == 1
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in payload["diagnostics"]] == [("hofte.md", 4, 15, "HL124")]
    assert payload["summary"]["notes"] == ["1 known problem hidden by the baseline baseline.json."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "healthlint: the baseline baseline.json is not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes); record it again with --write-baseline baseline.json\n"),
        ('{"version": 7, "findings": []}', "healthlint: the baseline baseline.json has version 7; this healthlint reads version 1. Record it again with --write-baseline baseline.json\n"),
        ("[]", "healthlint: the baseline baseline.json is not a healthlint baseline: it needs `version` and `findings`\n"),
        ('{"version": 1, "findings": [{"rule": "HL124", "path": "knae.md"}]}', "healthlint: the baseline baseline.json: findings[0].fingerprint must be a non-empty string\n"),
        ('{"version": 1, "findings": [{"rule": "HL124", "path": "a.md", "fingerprint": "x", "count": 0}]}', "healthlint: the baseline baseline.json: findings[0].count must be a whole number of at least 1\n"),
        (b"\xff\xfe", None),
    ],
)
def test_a_corrupt_baseline_exits_2_with_a_clear_message(site: Path, content, message):
    target = site / "baseline.json"
    target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content, "utf-8")
    code, out, err = run(site, "--baseline", "baseline.json")
    assert (code, out) == (2, "")
    if message is None:
        assert err.startswith("healthlint: the baseline baseline.json cannot be read: ")
    else:
        assert err == message


def test_a_missing_baseline_exits_2(site: Path):
    code, out, err = run(site, "--baseline", "nowhere.json")
    assert (code, out) == (2, "")
    assert err == "healthlint: the baseline nowhere.json does not exist; record one with --write-baseline nowhere.json\n"


def test_write_baseline_does_not_go_with_fix(site: Path):
    code, _, err = run(site, "--fix", "--write-baseline", "baseline.json")
    assert code == 2
    assert "run --fix first, then --write-baseline" in err
    assert not (site / "baseline.json").exists()


def test_write_baseline_to_a_missing_folder_exits_2(site: Path):
    code, _, err = run(site, "--write-baseline", "no/such/folder/baseline.json")
    assert code == 2
    assert err.startswith("healthlint: cannot write the baseline no/such/folder/baseline.json: ")


def test_load_and_apply_directly(tmp_path: Path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"version": 1, "findings": [{"rule": "HL1", "path": "a.md", "fingerprint": "f", "count": 2}]}), "utf-8")
    assert load(path) == {("HL1", "a.md", "f"): 2}
    path.write_text("null", "utf-8")
    with pytest.raises(BaselineError, match="is not a healthlint baseline"):
        load(path)
    nothing = apply([], load_counter(), None)
    assert (nothing.diagnostics, nothing.hidden, nothing.gone) == ([], 0, 0)


def load_counter():
    from collections import Counter

    return Counter({("HL1", "a.md", "f"): 1})
