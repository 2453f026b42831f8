"""The MDN HTTP Observatory's own scanner (npm), run on whatever server holds localhost:80 and :443 now."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from project_facts import ROOT

SCANNER = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory" / "src" / "scan.js"


def scan(certificate: Path) -> tuple[str, int, dict[str, str]]:
    """Grade, score, and the result of each test that did not pass, trusting the server's throwaway certificate."""
    result = subprocess.run(["node", str(SCANNER), "localhost"], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NODE_EXTRA_CA_CERTS": str(certificate)})
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    failed = {name: test.get("result") for name, test in report["tests"].items() if not test.get("pass")}
    return report["scan"]["grade"], report["scan"]["score"], failed
