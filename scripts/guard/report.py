"""The guard's answer: a short text report on the terminal, a readable HTML one in site-report/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from guard.appi import Disclosure
from guard.site import Finding, Site
from policy_site import messages
from policy_site.messages import _, explained, listing


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
    lines = [_("Release guard: {site} ({count} pages, languages {languages})").format(
        site=site.root, count=len(site.pages), languages=listing(site.locales))]
    for check, found in summary.by_check.items():
        verdict, name = _("FAIL") if found else _("PASS"), _(check)
        lines.append(f"  {verdict}  {name}" + (f" ({len(found)})" if found else ""))
        for finding in found:
            lines += [" " * 8 + line for line in explained(f"{finding.where}: {finding.problem}", finding.fix).split("\n")]
    skipped = _("SKIP")
    lines += [f"  {skipped}  {name}" for name in summary.skipped]
    for score in summary.scores:
        lines.append("        " + _("Lighthouse {page}: performance {performance}, accessibility {accessibility}, "
                                  "best practices {practices}, SEO {seo}").format(
            page=score["page"], performance=score["performance"], accessibility=score["accessibility"],
            practices=score["best-practices"], seo=score["seo"]))
    unstated = [d for d in summary.disclosures if not d.stated_in]
    if summary.disclosures:
        lines.append("  " + _("APPI disclosures: {stated} of {count} items mapped to the policy (appi.yml)").format(
            stated=len(summary.disclosures) - len(unstated), count=len(summary.disclosures)))
    for disclosure in unstated:
        lines.append("        " + _("advisory, not a fault: the policy does not state '{item}' ({article}); "
                                  "the co-op decides whether and how (appi.yml:{line})").format(
            item=disclosure.item, article=disclosure.article, line=disclosure.line))
    lines.append("  " + _("External links: {count} (listed in the report)").format(count=len(summary.external)))
    if summary.unlisted:
        lines.append("  " + _("New URLs not yet in published-urls.txt: {count} "
                              "(make publish-urls adds them when you publish)").format(count=len(summary.unlisted)))
    lines.append(_("Report: {file}").format(file=html_report))
    lines.append(_("RESULT: fit to publish") if summary.fit else
                 _("RESULT: NOT fit to publish, {count} fault(s) to fix").format(count=len(summary.findings)))
    return "\n".join(lines)


def write_html(summary: Summary, path: Path) -> None:
    """Staff and auditors read this one in a browser."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True)
    environment.globals.update(_=_, listing=listing, language=messages.language())
    environment.filters["code"] = lambda text: Markup("<code>{}</code>").format(text)
    path.write_text(environment.get_template("report.html").render(summary=summary), encoding="utf-8")
