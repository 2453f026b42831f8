"""Machine-readable history: /revisions.json for auditors and an Atom feed per language for members.

revisions.json lists every revision with its date, status, summary, languages,
URLs and the sha256 of each page's source (for archived pages, the one in
docs/archive.sha256). The feeds are /revisions.atom and /<lang>/revisions.atom.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

import history
import revision_facts
from languages import STRINGS_FILE, configured_locales, url_prefix
from revisions import FEED, INDEX


@event_priority(-110)  # once, after mkdocs-static-i18n has built every language
def on_post_build(*, config: MkDocsConfig) -> None:
    """Write revisions.json and each language's feed from the revisions on disk."""
    if config.plugins["i18n"].building:
        return
    docs, site = Path(config.docs_dir), Path(config.site_dir)
    locales = configured_locales(config)
    facts = revision_facts.current()
    revisions, current = facts.revisions, facts.in_force
    described = {locale: [facts.describe(r, locale, url_prefix(locale, locales)) for r in reversed(revisions)]
                 for locale in locales}
    _write_json(site / "revisions.json", config.site_url, current, described)
    env = config.theme.get_env()
    for locale in locales:
        prefix = url_prefix(locale, locales)
        strings = yaml.safe_load((docs / locale / STRINGS_FILE).read_text(encoding="utf-8"))
        feed = env.get_template("partials/revisions-atom.html").render(
            locale=locale, strings=strings, revisions=described[locale], site_url=config.site_url,
            site_name=_site_name(config, locale), feed_url=f"{config.site_url}{prefix}{FEED}",
            archive_url=f"{config.site_url}{prefix}{INDEX}")
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
            "languages": list(languages),
            "summary": {locale: rev["summary"] for locale, rev in languages.items()},
            "pages": {locale: [{"page": p["name"], "title": p["title"], "summary": p["summary"],
                                "url": absolute(p["url"]), "changes_url": absolute(p["changes_url"]),
                                "sha256": p["sha256"]} for p in rev["pages"]]
                      for locale, rev in languages.items()},
        })
    document = {"site": site_url, "in_force": current.date.isoformat(), "revisions": entries}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _site_name(config: MkDocsConfig, locale: str) -> str:
    language = next(lang for lang in config.plugins["i18n"].config.languages if lang.locale == locale)
    return language.site_name or config.site_name
