"""make check on the repository's sources, as staff run it before publishing: it passes, and make publish takes it.

It runs once, in a pytest-xdist worker of its own, while the other workers run the rest (tests/conftest.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from guard import appi
from project_facts import POLICY


def test_make_check_passes_the_real_build_with_every_checker_without_a_network_and_records_it(checked) -> None:
    result = checked.result
    assert result.returncode == 0, result.stdout + result.stderr
    assert "RESULT: fit to publish" in result.stdout
    for check in ("Structure", "URL continuity", "Links and anchors", "LinkChecker", "Page weight",
                  "HTML (Nu Html Checker)", "Page loads in chromium (CSP, scripts, requests)",
                  "Accessibility (axe-core)", "Lighthouse (mobile)"):
        assert f"PASS  {check}\n" in result.stdout
    assert (checked.report / "lighthouse" / "en-policy.report.html").is_file()
    assert f"Recorded in {checked.report / 'passed.json'}" in result.stdout


def test_make_publish_accepts_the_build_make_check_passed(checked, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(POLICY), "publish", str(tmp_path / "www"), "--site-dir",
                             str(checked.site), "--report-dir", str(checked.report)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "www" / "en" / "policy.html").read_bytes() == (checked.site / "en" / "policy.html").read_bytes()


def test_make_check_reports_the_disclosures_and_passes_with_the_advisory_items(checked) -> None:
    output = checked.result.stdout
    assert f"PASS  {appi.NAME}\n" in output
    assert "APPI disclosures: 8 of 10 items mapped to the policy (appi.yml)" in output
    assert "advisory, not a fault: the policy does not state '個人情報取扱事業者の氏名又は名称及び住所" in output
    html = (checked.report / "index.html").read_text(encoding="utf-8")
    assert "<code>handling.md#joint-use</code>" in html and "Advisory: not stated" in html
