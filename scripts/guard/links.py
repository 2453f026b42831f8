"""Links: every internal link and anchor resolves (our walk and LinkChecker's); external links are well formed."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from guard.site import Finding, Page, Server, Site
from policy_site.messages import N_, _


def check(site: Site) -> list[Finding]:
    """Walk every page ourselves: each link's file and anchor exists, each external link is well formed."""
    return _internal(site) + _external_form(site)


@contextlib.contextmanager
def crawling(site: Site, server: Server, *, online: bool) -> Iterator[Callable[[], list[Finding]]]:
    """LinkChecker crawls the served site as a reader would, while the other checks run: it spends most of its
    time waiting (it paces its requests to a host), so it costs the guard no time of its own."""
    with tempfile.TemporaryDirectory(prefix="guard-linkchecker-") as name:
        folder = Path(name)
        command = _linkchecker_command(site, server, folder, online=online)
        with (folder / "out").open("w+", encoding="utf-8") as stdout, (folder / "err").open("w+", encoding="utf-8") as stderr:
            crawl = subprocess.Popen(command, stdout=stdout, stderr=stderr)  # files: a full pipe would stop it
            try:
                yield lambda: _linkchecker_findings(server, crawl.wait(), *(_read(output) for output in (stdout, stderr)))
            finally:
                crawl.kill()
                crawl.wait()


def _read(output) -> str:
    output.seek(0)
    return output.read()


def external_links(site: Site) -> dict[str, list[str]]:
    """Every link leaving the site, with the pages that carry it: listed in the report for staff."""
    found: dict[str, list[str]] = {}
    for page in site.pages.values():
        for url, _ in _links(page):
            if site.internal_path(page.path, url) is None and urlsplit(url).scheme not in SKIPPED_SCHEMES:
                found.setdefault(url, []).append(page.path)
    return dict(sorted(found.items()))


def _links(page: Page) -> Iterator[tuple[str, int]]:
    for tag in page.soup.find_all(LINK_ATTRIBUTES):
        url = tag.get(LINK_ATTRIBUTES[tag.name])
        if url is not None:
            yield url.strip(), tag.sourceline


def _internal(site: Site) -> list[Finding]:
    findings = []
    for page in site.pages.values():
        for url, line in _links(page):
            if urlsplit(url).scheme in SKIPPED_SCHEMES:
                continue
            target = site.internal_path(page.path, url)
            if target is None:
                continue
            path, fragment = target
            where = f"{page.path}:{line}"
            if not (site.root / path).is_file():
                findings.append(Finding(NAME, where, _("the link '{url}' points to no file ({path})").format(
                                            url=url, path=path),
                                        _("correct the link in the Markdown source, or restore the page it points to")))
            elif fragment and path in site.pages and fragment not in site.pages[path].ids:
                findings.append(Finding(NAME, where, _("the link '{url}' points to an anchor {anchor} that {path} lacks")
                                        .format(url=url, anchor=f"#{fragment}", path=path),
                                        _("link to a heading id that exists (the {#id} at the end of a heading line)")))
    return findings


def _external_form(site: Site) -> list[Finding]:
    findings = []
    for url, pages in external_links(site).items():
        parts = urlsplit(url)
        problem = None
        if re.search(r"\s", url):
            problem = _("the external link '{url}' contains a space")
        elif parts.scheme == "http":
            problem = _("the external link '{url}' uses http, not https")
        elif parts.scheme == "https" and "." not in parts.netloc:
            problem = _("the external link '{url}' has no valid host name")
        elif parts.scheme not in {"https", "mailto"}:
            problem = _("the external link '{url}' uses the scheme '{scheme}:'")
        elif parts.scheme == "mailto" and "@" not in parts.path:
            problem = _("the external link '{url}' is not an e-mail address")
        if problem:
            findings.append(Finding(NAME, pages[0], problem.format(url=url, scheme=parts.scheme),
                                    _("write the full address, starting https:// (or mailto: for e-mail)")))
    return findings


def _linkchecker_command(site: Site, server: Server, folder: Path, *, online: bool) -> list[str]:
    """LinkChecker drops root to user nobody, so its config file and the certificate it trusts must be readable by everyone."""
    config, certificate = folder / "linkcheckerrc", folder / "cert.pem"
    shutil.copy(server.certificate, certificate)
    config.write_text(f"[checking]\nsslverify={certificate}\n[AnchorCheck]\n", encoding="utf-8")
    os.chmod(folder, 0o755)
    for file in (config, certificate):
        os.chmod(file, 0o644)
    command = [str(Path(sys.executable).with_name("linkchecker")), "--config", str(config), "--no-status",
               "--recursion-level", "20", "--output", "csv",
               # site_url's links (canonical, alternates) are this site: our own walk resolves them
               "--ignore-url", f"^{re.escape(site.site_url)}", server.url]
    if online:
        command.insert(-1, "--check-extern")
    return command


def _linkchecker_findings(server: Server, returncode: int, stdout: str, stderr: str) -> list[Finding]:
    if returncode not in (0, 1):
        return [Finding(LINKCHECKER, "linkchecker", _("did not run ({error})").format(error=stderr.strip()[-300:]),
                        _("run 'make check' again; if it persists, reinstall with 'rm -rf .venv && make check'"))]
    rows = csv.DictReader(io.StringIO("\n".join(l for l in stdout.splitlines() if not l.startswith("#"))),
                          delimiter=";")
    return [Finding(LINKCHECKER, f"{row['parentname'].removeprefix(server.url) or 'index.html'}:{row['line']}",
                    f"'{row['urlname']}': {_problem(row)}", _("correct or remove the link in the Markdown source"))
            for row in rows if row.get("valid") == "False" or row.get("warningstring")]


def _problem(row: dict) -> str:
    """LinkChecker reports a missing anchor as a warning on a valid URL, with every anchor the page has."""
    if row.get("valid") == "False":
        return row["result"]
    return row["warningstring"].split(" Available anchors")[0]


NAME = N_("Links and anchors")
LINKCHECKER = "LinkChecker"
SKIPPED_SCHEMES = {"data", "tel", "javascript"}
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
