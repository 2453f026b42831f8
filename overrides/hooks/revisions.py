"""Every revision at a permanent dated URL; the stable URLs show the one in force on the build date.

/policy.html (and /en/policy.html) is the revision in force. Every revision, the
current and upcoming ones included, is also at /archive/<date>/policy.html; when
its text differs from the revision before, that page ends with what changed
(#changes), sentence by sentence; /archive/index.html lists them all. The
archive itself is checked against its manifest before anything is built (see
history.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import front_matter
import history
import revision_facts
import sentence_diff
from build_date import build_date
from languages import configured_locales, current_locale, url_prefix
from revision_facts import dated_path


@event_priority(10)  # before languages.py compares folders: a hand-edited archive is reported as such
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Refuse an archive edited by hand, and learn the revisions before any page is built."""
    if config.plugins["i18n"].building:
        return config  # each further language's build reuses what the first one learnt
    docs = Path(config.docs_dir)
    problems = history.archive_problems(docs)
    if problems:
        raise PluginError("\n".join(problems))
    try:
        revisions = history.revisions(docs, configured_locales(config))
        revision_facts.start(revisions, history.in_force(revisions, build_date()), page_order(config))
    except history.HistoryError as error:
        raise PluginError(str(error)) from None
    except front_matter.FrontMatterError as error:
        raise PluginError(front_matter.format_error(error, docs.parent)) from None
    return config


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Point the stable pages at the revision in force; add the dated copies and the archive index."""
    facts = revision_facts.current()
    locale, revisions, current = current_locale(config), facts.revisions, facts.in_force
    prefix = url_prefix(locale, configured_locales(config))
    by_url = {file.url: file for file in files}
    _PAGES.clear()
    for name in current.pages(locale):
        stable = by_url.get(f"{prefix}{name}.html")
        if stable is not None:
            stable.abs_src_path = str(current.source(locale, name))
            _PAGES[stable.url] = ("stable", current, name)
    for revision in revisions:
        for name in revision.pages(locale):
            dated = dated_path(revision, name)
            if not revision.archived:
                files.append(_generated(config, dated, abs_src_path=str(revision.source(locale, name))))
            _PAGES[f"{prefix}{dated}"] = ("dated", revision, name)
    files.append(_generated(config, INDEX, content=ARCHIVE_INDEX_MARKER))
    _PAGES[f"{prefix}{INDEX}"] = ("index", None, None)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep earlier, upcoming and generated pages out of search: a search finds the text in force."""
    kind = _PAGES.get(page.file.url, ("",))[0]
    if kind and kind != "stable":
        page.meta["search"] = {"exclude": True}
    if kind == "index":  # the history last changed with the revision in force, not on the day of the build
        page.update_date = revision_facts.current().in_force.date.isoformat()
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Give the banner, the archive index and the "what changed" section the facts of this page's revision."""
    if page.file.url not in _PAGES:
        return context
    kind, revision, name = _PAGES[page.file.url]
    locale = current_locale(config)
    prefix = url_prefix(locale, configured_locales(config))
    facts = revision_facts.current()
    revisions, current = facts.revisions, facts.in_force

    def described(one: history.Revision) -> dict:
        return facts.describe(one, locale, prefix)

    context["revision_page"] = {
        "kind": kind,
        "name": name,
        "revision": revision and described(revision),
        "current_url": f"{prefix}{name}.html" if name in current.pages(locale) else f"{prefix}index.html",
        "archive_url": f"{prefix}{INDEX}",
        "feed_url": f"{prefix}{FEED}",
        "changes_url": facts.changes_url(revision, locale, name, prefix),
        "upcoming": [described(r) for r in revisions if r.date > current.date],
    }
    strings = context["strings"]
    if kind == "index":
        page.meta["title"] = strings["archive_title"]
        context["archive"] = [described(r) for r in reversed(revisions)]
    if kind == "dated" and facts.changed_on(revision, locale, name):
        context["changes"] = _changes_context(revision, name, locale, prefix)
    return context


def page_order(config: MkDocsConfig) -> list[str]:
    """The page names in the order of the navigation in mkdocs.yml."""
    return [Path(item).stem for item in config.nav or [] if isinstance(item, str)]


def _changes_context(revision: history.Revision, name: str, locale: str, prefix: str) -> dict:
    facts = revision_facts.current()
    previous = facts.previous(revision)
    new = facts.read(revision.source(locale, name))
    old_body = facts.read(previous.source(locale, name)).body if name in previous.pages(locale) else ""
    return {
        "id": revision_facts.CHANGES_ID,
        "summary": new.meta["summary"],
        "blocks": sentence_diff.changed_blocks(old_body, new.body),
        "previous": facts.describe(previous, locale, prefix),
        "previous_url": f"{prefix}{dated_path(previous, name)}" if name in previous.pages(locale) else None,
    }


def _generated(config: MkDocsConfig, path: str, **source) -> File:
    """A page of this language at `path` (site-relative), with the i18n facts the language selector reads."""
    locale = current_locale(config)
    file = File.generated(config, f"{url_prefix(locale, configured_locales(config))}{path[:-5]}.md", **source)
    file.locale = file.locale_alternate_of = locale
    file.alternates = {other: _Link(f"{url_prefix(other, configured_locales(config))}{path}") for other in configured_locales(config)}
    return file


class _Link:
    """What the i18n plugin reads of an alternate: its URL."""

    def __init__(self, url: str):
        self.url = url


_PAGES: dict[str, tuple] = {}  # page URL -> (kind, revision, page name) for this language's build

INDEX = f"{history.ARCHIVE}/index.html"
FEED = "revisions.atom"
ARCHIVE_INDEX_MARKER = "<!-- archive-index -->\n"
