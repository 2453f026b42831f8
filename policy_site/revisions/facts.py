"""What the pages, the archive index and the feeds say about each revision, worked out once per site build."""

from __future__ import annotations

import datetime
from pathlib import Path

from .. import front_matter, history
from ..dates import localized_date
from .diff import Comparison, compare


class BuildHistory:
    """The revisions of one build: which pages changed, and each revision as shown in each language."""

    def __init__(self, revisions: list[history.Revision], in_force: history.Revision, order: list[str],
                 preview: bool = False):
        self.revisions, self.in_force, self.order, self.preview = revisions, in_force, order, preview
        self._pages: dict[Path, front_matter.Page] = {}
        self._described: dict[tuple[datetime.date, str, str], dict] = {}
        self._compared: dict[tuple[datetime.date, str, str], Comparison] = {}
        self._changed = self._changed_pages()

    def read(self, path: Path) -> front_matter.Page:
        """Each source is read once: banners, the archive index and the feeds all show the same pages."""
        if path not in self._pages:
            try:
                self._pages[path] = front_matter.read(path)
            except front_matter.FrontMatterError:
                if not self.preview:  # the working copy was read whole before: only the preview gets here
                    raise
                self._pages[path] = front_matter.salvage(path)
        return self._pages[path]

    def changed_on(self, revision: history.Revision, locale: str, name: str) -> bool:
        """Whether this page's text differs from the revision before, so its dated page says what changed."""
        return (revision.date, locale, name) in self._changed

    def previous(self, revision: history.Revision) -> history.Revision | None:
        """The revision before this one; the first revision has none."""
        position = [r.date for r in self.revisions].index(revision.date)
        return self.revisions[position - 1] if position else None

    def compared_in(self, revision: history.Revision, locale: str) -> bool:
        """Whether the revision has a 新旧対照表 in this language: the revision before was published in it too."""
        previous = self.previous(revision)
        return previous is not None and bool(revision.pages(locale)) and bool(previous.pages(locale))

    def compared_languages(self, revision: history.Revision) -> list[str]:
        return [locale for locale in revision.folders if self.compared_in(revision, locale)]

    def comparison(self, revision: history.Revision, locale: str, name: str) -> Comparison:
        """A page against the revision before, compared once: its "what changed" and the 新旧対照表 show the same."""
        key = (revision.date, locale, name)
        if key not in self._compared:
            previous = self.previous(revision)
            had_page = previous is not None and name in previous.pages(locale)
            old = self.read(previous.source(locale, name)).body if had_page else ""
            new = self.read(revision.source(locale, name)).body if name in revision.pages(locale) else ""
            self._compared[key] = compare(old, new, locale)
        return self._compared[key]

    def changes_url(self, revision: history.Revision | None, locale: str, name: str | None, prefix: str) -> str | None:
        if revision is None or not self.changed_on(revision, locale, name):
            return None
        return f"{prefix}{dated_path(revision, name)}#{CHANGES_ID}"

    def describe(self, revision: history.Revision, locale: str, prefix: str) -> dict:
        """One revision in one language (URLs relative to the site), computed once however many pages show it."""
        key = (revision.date, locale, prefix)
        if key not in self._described:
            self._described[key] = self._description(revision, locale, prefix)
        return self._described[key]

    def _description(self, revision: history.Revision, locale: str, prefix: str) -> dict:
        later = [r for r in self.revisions if r.date > revision.date]
        status = ("in_force" if revision.date == self.in_force.date
                  else "upcoming" if revision.date > self.in_force.date else "past")
        names = sorted(revision.pages(locale), key=lambda name: (self.order + [name]).index(name))
        pages = {name: self.read(revision.source(locale, name)) for name in names}
        until = later[0].date - datetime.timedelta(days=1) if status == "past" else None
        first = revision.date == self.revisions[0].date
        return {
            "iso": revision.date.isoformat(),
            "date": localized_date(revision.date, locale),
            "until": until and localized_date(until, locale),
            "until_iso": until and until.isoformat(),
            "status": status,
            "languages": [language for language in revision.folders if revision.pages(language)],
            "summary": self.summary(revision, locale),
            "url": f"{prefix}{dated_path(revision, 'index')}",
            "comparison_url": f"{prefix}{dated_path(revision, COMPARISON)}" if self.compared_in(revision, locale) else None,
            "pdf_url": f"{prefix}{pdf_path(revision, 'revision')}",
            "comparison_pdf_url": (f"{prefix}{pdf_path(revision, COMPARISON)}"
                                   if self.compared_in(revision, locale) else None),
            "pages": [{"name": name, "title": page.meta["title"], "summary": page.meta.get("summary"),
                       "url": f"{prefix}{dated_path(revision, name)}", "sha256": history.sha256(page.path),
                       "changed": None if first else self.changed_on(revision, locale, name),
                       "changes_url": self.changes_url(revision, locale, name, prefix)}
                      for name, page in pages.items()],
        }

    def summary(self, revision: history.Revision, locale: str) -> str:
        """The revision's summary file; a revision frozen before there were any is summed up by its home page."""
        summary = revision.summary(locale)
        if summary is None and "index" in revision.pages(locale):
            summary = self.read(revision.source(locale, "index")).meta.get("summary")
        return summary or ""

    def _changed_pages(self) -> set[tuple[datetime.date, str, str]]:
        """Pages whose text differs from the revision before: only these say what changed."""
        changed = set()
        for previous, revision in zip(self.revisions, self.revisions[1:]):
            for locale in revision.folders:
                for name in revision.pages(locale):
                    new = self.read(revision.source(locale, name))
                    old = self.read(previous.source(locale, name)) if name in previous.pages(locale) else None
                    if old is None or old.body != new.body:
                        changed.add((revision.date, locale, name))
        return changed


def dated_path(revision: history.Revision, name: str) -> str:
    return f"{history.ARCHIVE}/{revision.date}/{name}.html"


def pdf_path(revision: history.Revision, kind: str) -> str:
    """The revision (kind 'revision') or its 新旧対照表 as a PDF, at the same address in every language's folder,
    named by its date so that a downloaded copy says what it is."""
    return f"{history.ARCHIVE}/{revision.date}/{kind}-{revision.date}.pdf"


COMPARISON = "comparison"  # the revision's 新旧対照表, beside its dated pages
CHANGES_ID = "changes"  # the "what changed" section at the end of a dated page
