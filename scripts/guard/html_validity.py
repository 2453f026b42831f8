"""HTML: the Nu Html Checker (vnu.jar, from npm's vnu-jar) finds no error on any page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from guard.site import TOOLS, Finding, Site
from policy_site.messages import N_, _


def check(site: Site) -> list[Finding]:
    """Validate every page in one Java run (the JVM start is the slow part)."""
    jar = TOOLS / VNU_JAR
    if shutil.which("java") is None or not jar.is_file():
        return [Finding(NAME, "vnu.jar", _("Java or the Nu Html Checker is not installed"),
                        _("run 'make check' (it installs both), or scripts/install-system-packages.sh and "
                          "'make node_modules/.installed'"))]
    files = [str(site.root / path) for path in site.pages]
    result = subprocess.run(["java", "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True)
    try:
        messages = json.loads(result.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        return [Finding(NAME, "vnu.jar", _("did not run ({error})").format(error=result.stderr.strip()[-300:]),
                        _("check that Java 17 or newer is installed: java -version"))]
    return [Finding(NAME, f"{_page(site, m.get('url', ''))}:{m.get('lastLine', '?')}", m.get("message", ""),
                    _("correct the Markdown or template that produces this element (see the line in the built page)"))
            for m in messages if m.get("type") in ("error", "non-document-error")]


def _page(site: Site, url: str) -> str:
    path = Path(url.removeprefix("file:"))
    try:
        return path.relative_to(site.root.resolve()).as_posix()
    except ValueError:
        return url


NAME = N_("HTML (Nu Html Checker)")
VNU_JAR = Path("node_modules/vnu-jar/build/dist/vnu.jar")
