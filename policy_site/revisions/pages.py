"""Every revision at a permanent dated URL; the stable URLs show the one in force on the build date.

/policy.html (and /en/policy.html) is the revision in force. Every revision, the
current and upcoming ones included, is also at /archive/<date>/policy.html; when
its text differs from the revision before, that page ends with what changed
(#changes), word by word; every revision after the first also has its
新旧対照表 at /archive/<date>/comparison.html, made from the same comparison;
/archive/index.html lists them all. Each language's build makes one
RevisionPages; the facts it reads are the site's.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import history
from ..pdfs import Printed
from ..i18n import Languages
from .facts import CHANGES_ID, COMPARISON, BuildHistory, dated_path


class RevisionPages:
    """One language's stable, dated and index pages, and what each page's templates show of its revision."""

    def __init__(self, facts: BuildHistory, languages: Languages) -> None:
        self.facts, self.languages = facts, languages
        self.locale = languages.current
        self.prefix = languages.prefix(self.locale)
        self.kinds: dict[str, tuple[str, history.Revision | None, str | None]] = {}  # URL: (kind, revision, name)

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """Point the stable pages at the revision in force; add the dated copies and the archive index."""
        current = self.facts.in_force
        by_url = {file.url: file for file in files}
        for name in current.pages(self.locale):
            stable = by_url.get(f"{self.prefix}{name}.html")
            if stable is not None:
                stable.abs_src_path = str(current.source(self.locale, name))
                self.kinds[stable.url] = ("stable", current, name)
        for revision in self.facts.revisions:
            for name in revision.pages(self.locale):
                dated = dated_path(revision, name)
                if not revision.archived:
                    files.append(self._generated(config, dated, revision, abs_src_path=str(revision.source(self.locale, name))))
                self.kinds[f"{self.prefix}{dated}"] = ("dated", revision, name)
            if self.facts.compared_in(revision, self.locale):
                path = dated_path(revision, COMPARISON)
                files.append(self._generated(config, path, revision, content=COMPARISON_MARKER,
                                             locales=self.facts.compared_languages(revision)))
                self.kinds[f"{self.prefix}{path}"] = ("comparison", revision, None)
        files.append(self._generated(config, INDEX, None, content=ARCHIVE_INDEX_MARKER))
        self.kinds[f"{self.prefix}{INDEX}"] = ("index", None, None)

    def on_markdown(self, page: Page) -> None:
        """Keep earlier, upcoming and generated pages out of search: a search finds the text in force."""
        kind = self.kinds.get(page.file.url, ("",))[0]
        if kind and kind != "stable":
            page.meta["search"] = {"exclude": True}
        if kind == "index":  # the history last changed with the revision in force, not on the day of the build
            page.update_date = self.facts.in_force.date.isoformat()
        if kind in ("dated", "comparison"):
            page.meta["revision_date"] = self.kinds[page.file.url][1].date

    def context(self, context: dict, page: Page) -> None:
        """Give the banner, the archive index and the "what changed" section the facts of this page's revision."""
        if page.file.url not in self.kinds:
            return
        kind, revision, name = self.kinds[page.file.url]
        facts, current = self.facts, self.facts.in_force
        context["revision_page"] = {
            "kind": kind,
            "name": name,
            "revision": revision and self._described(revision),
            "current_url": f"{self.prefix}{name}.html" if name in current.pages(self.locale) else f"{self.prefix}index.html",
            "archive_url": f"{self.prefix}{INDEX}",
            "feed_url": f"{self.prefix}{FEED}",
            "changes_url": facts.changes_url(revision, self.locale, name, self.prefix),
            "comparison_url": revision and self._described(revision)["comparison_url"],
            "upcoming": [self._described(r) for r in facts.revisions if r.date > current.date],
        }
        if kind == "index":
            page.meta["title"] = context["strings"]["archive_title"]
            context["archive"] = [self._described(r) for r in reversed(facts.revisions) if r.pages(self.locale)]
        if kind == "dated" and facts.changed_on(revision, self.locale, name):
            context["changes"] = self._changes(revision, name)
        if kind == "comparison":
            described = self._described(revision)
            page.meta["title"] = context["strings"]["comparison_title"].format(date=described["date"])
            context["comparison"] = self._comparison(revision)

    def _comparison(self, revision: history.Revision) -> dict:
        """The 新旧対照表 of a revision: every document of it, each with its comparison to the revision before."""
        previous = self.facts.previous(revision)
        documents = []
        for page in self._described(revision)["pages"]:
            documents.append({**page, "comparison": self.facts.comparison(revision, self.locale, page["name"])})
        return {"documents": documents, "previous": self._described(previous)}

    def print(self, page: Page, printed: Printed) -> None:
        """Keep the HTML of a dated or comparison page for the revision's PDFs."""
        kind, revision, name = self.kinds.get(page.file.url, ("", None, None))
        if kind in ("dated", "comparison"):
            printed.note(revision, self.locale, name or COMPARISON, page.content)

    def _described(self, revision: history.Revision) -> dict:
        return self.facts.describe(revision, self.locale, self.prefix)

    def _changes(self, revision: history.Revision, name: str) -> dict:
        previous = self.facts.previous(revision)
        new = self.facts.read(revision.source(self.locale, name))
        had_page = previous is not None and name in previous.pages(self.locale)
        return {
            "id": CHANGES_ID,
            "summary": new.meta.get("summary") or self.facts.summary(revision, self.locale),
            "rows": self.facts.comparison(revision, self.locale, name).changed,
            "previous": previous and self._described(previous),
            "previous_url": f"{self.prefix}{dated_path(previous, name)}" if had_page else None,
        }

    def _generated(self, config: MkDocsConfig, path: str, revision: history.Revision | None,
                   locales: list[str] | None = None, **source) -> File:
        """A page of this language at `path`; its alternates are the languages that have it (a revision's own)."""
        file = File.generated(config, f"{self.prefix}{path[:-5]}.md", **source)
        if locales is None:
            locales = [locale for locale in self.languages.locales if revision is None or revision.pages(locale)]
        return self.languages.adopt(file, {locale: f"{self.languages.prefix(locale)}{path}" for locale in locales})


def page_order(config: MkDocsConfig) -> list[str]:
    """The page names in the order of the navigation in mkdocs.yml."""
    return [Path(item).stem for item in config.nav or [] if isinstance(item, str)]


INDEX = f"{history.ARCHIVE}/index.html"
FEED = "revisions.atom"
ARCHIVE_INDEX_MARKER = "<!-- archive-index -->\n"
COMPARISON_MARKER = "<!-- comparison -->\n"
