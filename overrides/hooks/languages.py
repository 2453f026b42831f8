"""Every configured language is complete: same pages, its own strings, no stray folders.

mkdocs-static-i18n quietly serves the Japanese page at the English URL when a
translation is missing; this hook turns that into a build error instead.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

import yaml
from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fail before building when a language folder is missing, stray or incomplete."""
    if config.plugins["i18n"].building:
        return config  # checked, and the strings loaded, when the build of the first language began
    docs = Path(config.docs_dir)
    locales = configured_locales(config)
    default = locales[0]
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and p.name not in SHARED_FOLDERS):
        if folder.name not in locales:
            raise PluginError(
                f"docs/{folder.name}/: '{folder.name}' is not a language listed in mkdocs.yml\n"
                f"  How to fix: rename the folder to one of {', '.join(locales)}, "
                f"or add '- {{locale: {folder.name}, name: ...}}' under plugins > i18n > languages")
    expected = _pages(docs / default)
    for locale in locales:
        _check_same_pages(docs, default, locale, expected)
        _STRINGS[locale] = _load_strings(docs / locale / STRINGS_FILE, docs.parent)
    return config


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Give page templates the reader's language and its strings."""
    return _add_language(context, config)


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    """Give the 404 page (a theme template, not a page) the same."""
    return _add_language(context, config)


def configured_locales(config: MkDocsConfig) -> list[str]:
    """The languages from mkdocs.yml, default (authoritative) first."""
    languages = config.plugins["i18n"].config.languages
    return [lang.locale for lang in sorted(languages, key=lambda lang: not lang.default)]


def current_locale(config: MkDocsConfig) -> str:
    """The language being built: mkdocs-static-i18n builds them one after another."""
    return config.plugins["i18n"].current_language


def strings_of(config: MkDocsConfig, locale: str) -> dict[str, str]:
    """The template strings of one language, for pages written outside a page build (redirects)."""
    docs = Path(config.docs_dir)
    return _load_strings(docs / locale / STRINGS_FILE, docs.parent)


def url_prefix(locale: str, locales: list[str]) -> str:
    """Where a language's pages live under the site root: '' for the default language, 'en/' for English."""
    return "" if locale == locales[0] else f"{locale}/"


@functools.lru_cache(maxsize=4096)  # Babel is slow and every page of a revision shows the same few dates
def localized_date(date: datetime.date, locale: str) -> str:
    """A date in the reader's own form: 2017年12月27日, December 27, 2017."""
    return format_date(date, format="long", locale=locale)


def _add_language(context: dict, config: MkDocsConfig) -> dict:
    locales = configured_locales(config)
    context["strings"] = _STRINGS[current_locale(config)]
    context["default_locale"] = locales[0]
    context["is_translation"] = current_locale(config) != locales[0]
    return context


def _pages(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")} if folder.is_dir() else set()


def _check_same_pages(docs: Path, default: str, locale: str, expected: set[str]) -> None:
    found = _pages(docs / locale)
    if not found:
        raise PluginError(f"docs/{locale}/: the folder of language '{locale}' is missing or has no pages\n"
                          f"  How to fix: copy docs/{default}/ to docs/{locale}/ and translate every page")
    for name in sorted(expected - found):
        raise PluginError(f"docs/{locale}/{name}: this translation is missing (docs/{default}/{name} exists)\n"
                          f"  How to fix: add docs/{locale}/{name}, translated from docs/{default}/{name}")
    for name in sorted(found - expected):
        raise PluginError(f"docs/{locale}/{name}: this page has no original in docs/{default}/\n"
                          f"  How to fix: add docs/{default}/{name} first, or remove or rename docs/{locale}/{name}")


def _load_strings(path: Path, root: Path) -> dict[str, str]:
    where = path.relative_to(root)
    if not path.is_file():
        raise PluginError(f"{where}: missing\n  How to fix: copy it from another language folder and translate it")
    try:
        strings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PluginError(f"{where}: not valid YAML in UTF-8 ({error})\n"
                          f"  How to fix: write each entry as 'name: text' on its own line") from None
    missing = [key for key in STRING_KEYS if not isinstance(strings.get(key), str)]
    if missing:
        raise PluginError(f"{where}: missing {', '.join(missing)}\n"
                          f"  How to fix: add them, as in the strings.yml of another language")
    return strings


_STRINGS: dict[str, dict[str, str]] = {}

STRINGS_FILE = "strings.yml"
SHARED_FOLDERS = {"assets"}
STRING_KEYS = ("organisation", "effective_label", "prevails_notice", "original_link",
               "not_found_title", "not_found_text", "home_link", "moved_title", "moved_link",
               # revisions.py: banners, archive index, what changed, feeds
               "archive_title", "archive_link", "archived_notice", "dated_current_notice", "upcoming_notice",
               "upcoming_announcement", "current_version_link", "upcoming_link", "changes_link", "changes_title",
               "changes_compared", "changes_legend", "inserted_label", "deleted_label", "change_label", "no_changes",
               "no_text_changes", "previous_version_link", "status_in_force", "status_past",
               "status_upcoming", "feed_entry_title", "in_force_label")
