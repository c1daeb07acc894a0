"""`--diff`, `--fix` and baselines meet the same hostile file names as the reports do."""

from __future__ import annotations

import json
import os

from security.cli import TODAY, healthlint, no_traceback

FIXABLE = "---\ntitle: Ondt i ryggen\ndatePublished: 1/02/2025\nlastUpdated: 01/03/2025\n---\n\n## Behandling:\n\nHvil.\n"


def test_a_diff_never_prints_a_workflow_command_from_a_file_name(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    name = "x\n::error title=Forged::owned.md"
    (site / name).write_text(FIXABLE, encoding="utf-8")
    done = healthlint(site, "check", "--diff", "--today", TODAY, name)
    no_traceback(done)
    assert done.returncode == 1
    lines = done.stdout.decode("utf-8").splitlines()
    assert [line for line in lines if line.startswith("::")] == []
    assert lines[:2] == ["--- x\\n::error title=Forged::owned.md", "+++ x\\n::error title=Forged::owned.md"]


def test_a_baseline_keeps_a_name_that_is_not_utf8_and_applies_it(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "healthlint.toml").write_text("", encoding="utf-8")
    with open(os.path.join(os.fsencode(site), b"caf\xe9.md"), "wb") as handle:
        handle.write(FIXABLE.encode("utf-8"))
    written = healthlint(site, "check", "--today", TODAY, "--write-baseline", "baseline.json")
    no_traceback(written)
    assert written.returncode == 0
    recorded = json.loads((site / "baseline.json").read_bytes().decode("utf-8"))
    assert {finding["path"] for finding in recorded["findings"]} == {"caf\udce9.md"}
    applied = healthlint(site, "check", "--today", TODAY, "--baseline", "baseline.json", "--format", "json")
    no_traceback(applied)
    assert applied.returncode == 0 and json.loads(applied.stdout)["diagnostics"] == []
