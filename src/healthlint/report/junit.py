"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure): one test suite per
file, one test case per rule that fired there, failing with that rule's problems as
`line:column message`. A file with no problems has one passing test case, so it is counted.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from healthlint.report.escape import visible
from healthlint.report.fingerprint import PathMapper

# XML 1.0 cannot hold controls (escaped by `visible`) nor these two even escaped; an article's
# bytes must not make the report unreadable for the consumer.
_NOT_XML = re.compile("[\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Content on one line and valid XML: a report printed to a CI log cannot start a line
    with a workflow command, whatever a name or a message holds."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))


def render_junit(report) -> str:
    mapper = PathMapper()
    by_file: dict[str, list] = {result.path: [] for result in report.files}
    for d in report.diagnostics:
        by_file.setdefault(d.path, []).append(d)

    root = ET.Element("testsuites", name="healthlint")
    total_tests = total_failures = 0
    for path in sorted(by_file):
        shown = xml_text(mapper.repo_path(path))
        by_rule: dict[tuple[str, str], list] = {}
        for d in by_file[path]:
            by_rule.setdefault((d.code, d.name), []).append(d)
        suite = ET.SubElement(root, "testsuite", name=shown)
        if not by_rule:
            ET.SubElement(suite, "testcase", classname=shown, name="healthlint", file=shown)
        for (code, name), found in sorted(by_rule.items()):
            case = ET.SubElement(suite, "testcase", classname=shown, name=f"{code} {name}", file=shown)
            worst = max(d.severity for d in found).label
            count = f"{len(found)} problem" + ("" if len(found) == 1 else "s")
            failure = ET.SubElement(case, "failure", type=worst, message=xml_text(f"{code} {name}: {count} ({worst})"))
            failure.text = "\n".join(xml_text(f"{d.span.line}:{d.span.column} {d.message}") for d in found)
        tests, failures = max(1, len(by_rule)), len(by_rule)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("skipped", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
