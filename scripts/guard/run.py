"""Run every checker on a built site: each returns Findings; print the short report, write the HTML one."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from guard import accessibility, appi, browser, html_validity, lighthouse, links, page_weight, report, structure, urls
from guard.site import Site, serve
from policy_site.messages import _, explained, fault


def run(args: argparse.Namespace) -> int:
    """Run every checker not skipped, report, and return the exit code."""
    site_dir = args.project / args.site_dir
    report_dir = args.project / args.report_dir
    if not (site_dir / "index.html").is_file():
        print(fault(str(site_dir), _("no built site here."), _("run 'make check', which builds first")), file=sys.stderr)
        return 1
    shutil.rmtree(report_dir, ignore_errors=True)
    report_dir.mkdir(parents=True)
    try:
        summary = _check(args, Site.load(site_dir, args.project.resolve()), report_dir)
    except Exception as error:  # a missing or broken tool: say so plainly, not as a traceback
        if args.verbose:
            raise
        print(explained(_("The release guard could not run: {error}").format(error=error),
                        _("run 'make check', which installs every tool it needs; if this persists, run it again "
                          "with --verbose and keep the output")), file=sys.stderr)
        return 1
    report.write_html(summary, report_dir / "index.html")
    print(report.text(summary, report_dir / "index.html"))
    return 0 if summary.fit else 1


def _check(args: argparse.Namespace, site: Site, report_dir: Path) -> report.Summary:
    checks = [structure.NAME, urls.NAME, appi.NAME, links.NAME, links.LINKCHECKER]
    findings = structure.check(site)
    url_findings, unlisted = urls.check(site)
    findings += url_findings
    appi_findings, disclosures = appi.check(site)
    findings += appi_findings
    scores: list[dict] = []
    if "html" not in args.skip:
        checks.append(html_validity.NAME)
        findings += html_validity.check(site)
    findings += links.check(site)
    with serve(site) as server, links.crawling(site, server, online=args.online) as crawled:
        axe = "accessibility" not in args.skip
        checks += [page_weight.NAME, browser.NAME] + ([accessibility.NAME] if axe else [])
        walk = browser.check(site, server, axe)
        findings += page_weight.check(walk.first_views) + walk.loads + walk.accessibility
        if "lighthouse" not in args.skip:
            checks.append(lighthouse.NAME)
            found, scores = lighthouse.check(site, server, report_dir, args.performance_floor)
            findings += found
        findings += crawled()
    return report.Summary(site, checks, findings, links.external_links(site), scores, unlisted, list(args.skip),
                          disclosures)
