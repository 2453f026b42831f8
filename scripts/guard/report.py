"""The guard's answer: a short text report on the terminal, a readable HTML one in site-report/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from guard.appi import Disclosure
from guard.site import Finding, Site


@dataclass
class Summary:
    site: Site
    checks: list[str]
    findings: list[Finding]
    external: dict[str, list[str]]
    scores: list[dict]
    unlisted: list[str]
    skipped: list[str]
    disclosures: list[Disclosure]

    @property
    def by_check(self) -> dict[str, list[Finding]]:
        return {check: [f for f in self.findings if f.check == check] for check in self.checks}

    @property
    def fit(self) -> bool:
        return not self.findings


def text(summary: Summary, html_report: Path) -> str:
    """Few lines when all is well; every fault with its fix when not."""
    site = summary.site
    lines = [f"Release guard: {site.root} ({len(site.pages)} pages, languages {', '.join(site.locales)})"]
    for check, found in summary.by_check.items():
        lines.append(f"  {'FAIL' if found else 'PASS'}  {check}" + (f" ({len(found)})" if found else ""))
        for finding in found:
            lines += [f"        {finding.where}: {finding.problem}", f"          How to fix: {finding.fix}"]
    lines += [f"  SKIP  {name}" for name in summary.skipped]
    for score in summary.scores:
        lines.append(f"        Lighthouse {score['page']}: performance {score['performance']}, accessibility "
                     f"{score['accessibility']}, best practices {score['best-practices']}, SEO {score['seo']}")
    unstated = [d for d in summary.disclosures if not d.stated_in]
    if summary.disclosures:
        lines.append(f"  APPI disclosures: {len(summary.disclosures) - len(unstated)} of {len(summary.disclosures)} "
                     f"items mapped to the policy (appi.yml)")
    for disclosure in unstated:
        lines.append(f"        advisory, not a fault: the policy does not state '{disclosure.item}' ({disclosure.article}); "
                     f"the co-op decides whether and how (appi.yml:{disclosure.line})")
    lines.append(f"  External links: {len(summary.external)} (listed in the report)")
    if summary.unlisted:
        lines.append(f"  New URLs not yet in published-urls.txt: {len(summary.unlisted)} "
                     f"(make publish-urls adds them when you publish)")
    lines.append(f"Report: {html_report}")
    lines.append("RESULT: fit to publish" if summary.fit else
                 f"RESULT: NOT fit to publish, {len(summary.findings)} fault(s) to fix")
    return "\n".join(lines)


def write_html(summary: Summary, path: Path) -> None:
    """Staff and auditors read this one in a browser."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True)
    path.write_text(environment.get_template("report.html").render(summary=summary), encoding="utf-8")
