"""What one build of the site knows, and what one language's build within it knows; both live on the plugin.

A SiteBuild starts in the default language's on_config and ends after every
language is built; `mkdocs serve` starts a new one at each rebuild. A
LanguageBuild lasts from one language's on_files to the next language's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from . import front_matter, history
from .config import PolicySiteConfig
from .dates import build_date
from .hosting.headers import InlineHashes
from .hosting.integrity import Integrity
from .i18n import Languages
from .messages import _, fault
from .pdfs import Printed
from .preview import Notices
from .revisions.facts import BuildHistory
from .revisions.pages import RevisionPages, page_order
from .sitemaps import Sitemaps
from .sources import folders
from .templates import known_markers


@dataclass
class SiteBuild:
    root: Path  # the folder holding mkdocs.yml
    docs: Path
    site: Path
    site_name: str
    languages: Languages
    history: BuildHistory
    strings: dict[str, dict[str, str]]
    glossaries: dict[str, dict[str, str]]
    organisation: dict[str, str]  # language: the organisation's name in it
    markers: list[str]
    integrity: Integrity
    notices: Notices  # the preview's: mistakes shown on the pages they concern
    hashes: InlineHashes = field(default_factory=InlineHashes)
    sitemaps: Sitemaps = field(default_factory=Sitemaps)
    printed: Printed = field(default_factory=Printed)  # the dated pages' HTML, for the PDFs
    default_404: str = ""

    @classmethod
    def start(cls, config: MkDocsConfig, settings: PolicySiteConfig, languages: Languages, preview: bool) -> SiteBuild:
        """Check everything that concerns the whole site before any page is built."""
        if urlsplit(config.site_url or "").scheme != "https" and not preview:
            raise PluginError(fault("mkdocs.yml", _("site_url is '{url}', not an https:// address").format(
                url=config.site_url), _("write site_url: https://... (the site is served over HTTPS only)")))
        docs, root = Path(config.docs_dir), Path(config.config_file_path).parent
        notices = Notices(preview, Path(config.config_file_path), docs)
        notices.refuse(history.archive_problems(docs))  # before the folders: a hand-edited archive is named as such
        with notices.about(None):
            folders.check_folders(docs, languages.locales)
        default, *translations = languages.locales
        strings = {default: folders.load_strings(docs, default, default in settings.reading_aids)}
        strings |= _each_language(translations, notices, docs, strings[default],
                                  lambda locale: folders.load_strings(docs, locale, locale in settings.reading_aids))
        glossaries = _each_language(translations, notices, docs, {}, lambda locale: folders.load_glossary(docs, locale))
        return cls(
            root=root, docs=docs, site=Path(config.site_dir), site_name=config.site_name, languages=languages,
            history=_history(docs, root, languages.locales, config, notices),
            strings=strings,
            glossaries=glossaries,
            organisation=_organisation(settings.organisation, languages.locales, glossaries, notices, docs),
            markers=known_markers(config.theme.dirs),
            integrity=Integrity(Path(config.site_dir), languages.locales),
            notices=notices)

    def site_names(self) -> dict[str, str]:
        return {locale: self.languages.site_name(locale, self.site_name) for locale in self.languages.locales}


@dataclass
class LanguageBuild:
    locale: str
    prefix: str
    revisions: RevisionPages
    env: jinja2.Environment | None = None
    checked: set[Path] = field(default_factory=set)  # each source checked once


def _history(docs: Path, root: Path, locales: list[str], config: MkDocsConfig, notices: Notices) -> BuildHistory:
    odd = {} if notices.collecting else None  # the preview shows a page's wrong date on the page
    try:
        revisions = history.revisions(docs, locales, odd)
    except history.HistoryError as error:
        raise PluginError(str(error)) from None
    except front_matter.FrontMatterError as error:
        raise PluginError(front_matter.format_error(error, root)) from None
    notices.refuse_each(odd or {})
    notices.refuse_each(history.summary_problems(revisions[-1]))
    return BuildHistory(revisions, history.in_force(revisions, build_date()), page_order(config), notices.collecting)


def _each_language(locales: list[str], notices: Notices, docs: Path, borrowed, load) -> dict:
    """What load reads for each translation; in the preview, one whose file has a mistake makes do with what it
    borrows (its pages show the mistake)."""
    loaded = {}
    for locale in locales:
        with notices.about(docs / locale):
            loaded[locale] = load(locale)
        loaded.setdefault(locale, borrowed)
    return loaded


def _organisation(name: str, locales: list[str], glossaries: dict[str, dict[str, str]], notices: Notices,
                  docs: Path) -> dict[str, str]:
    """The organisation's name in each language: the glossary's words for its Japanese name."""
    for locale, glossary in glossaries.items():
        if name not in glossary:
            notices.refuse([fault(f"docs/{locale}/{folders.GLOSSARY_FILE}", _("it does not give the organisation's name"),
                                  _("add a line '{name}: <the name in this language>'").format(name=name))],
                           docs / locale)
    return {locale: glossaries.get(locale, {}).get(name, name) for locale in locales}
