"""Machine-readable history: /revisions.json for auditors and an Atom feed per language for members.

revisions.json lists every revision with its date, status, summary, languages,
URLs (its 新旧対照表 and PDFs in each language among them) and the sha256 of each page's source (for archived pages, the one in
docs/archive.sha256). The feeds are /revisions.atom and /<lang>/revisions.atom.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from .. import history
from ..i18n import Languages
from .facts import BuildHistory
from .pages import FEED, INDEX


def write_feeds(site: Path, site_url: str, facts: BuildHistory, languages: Languages,
                strings: dict[str, dict[str, str]], site_names: dict[str, str], organisation: dict[str, str],
                env: jinja2.Environment) -> None:
    """Write revisions.json and each language's feed from the revisions on disk."""
    described = {locale: [facts.describe(r, locale, languages.prefix(locale)) for r in reversed(facts.revisions)]
                 for locale in languages.locales}
    _write_json(site / "revisions.json", site_url, facts.in_force, described)
    template = env.get_template("partials/revisions-atom.html")
    for locale in languages.locales:
        prefix = languages.prefix(locale)
        feed = template.render(
            locale=locale, strings=strings[locale], revisions=[r for r in described[locale] if r["pages"]],
            site_url=site_url, site_name=site_names[locale], organisation=organisation[locale], feed_url=f"{site_url}{prefix}{FEED}",
            archive_url=f"{site_url}{prefix}{INDEX}")
        (site / prefix / FEED).write_text(feed, encoding="utf-8")


def _write_json(path: Path, site_url: str, current: history.Revision, described: dict[str, list[dict]]) -> None:
    """One entry per revision, newest first, each language's pages under its locale."""
    def absolute(url: str | None) -> str | None:
        return url and f"{site_url}{url}"

    entries = []
    for number, first in enumerate(next(iter(described.values()))):
        languages = {locale: revisions[number] for locale, revisions in described.items() if revisions[number]["pages"]}
        entries.append({
            "date": first["iso"],
            "status": first["status"],
            "in_force_until": first["until_iso"],
            "languages": first["languages"],
            "summary": {locale: rev["summary"] for locale, rev in languages.items()},
            "comparison_url": {locale: absolute(rev["comparison_url"]) for locale, rev in languages.items()},
            "pdf_url": {locale: absolute(rev["pdf_url"]) for locale, rev in languages.items()},
            "comparison_pdf_url": {locale: absolute(rev["comparison_pdf_url"]) for locale, rev in languages.items()},
            "pages": {locale: [{"page": p["name"], "title": p["title"], "summary": p["summary"],
                                "url": absolute(p["url"]), "changes_url": absolute(p["changes_url"]),
                                "sha256": p["sha256"]} for p in rev["pages"]]
                      for locale, rev in languages.items()},
        })
    document = {"site": site_url, "in_force": current.date.isoformat(), "revisions": entries}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
