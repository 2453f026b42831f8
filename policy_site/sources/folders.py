"""Every configured language is complete: same pages, its own strings and glossary, no stray folders.

mkdocs-static-i18n quietly serves the Japanese page at the English URL when a
translation is missing; this check turns that into a build error instead.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from .. import history
from ..messages import _, fault, listing


def check_folders(docs: Path, locales: list[str]) -> None:
    """Fail before building when a language folder is missing, stray or incomplete."""
    default = locales[0]
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and p.name not in SHARED_FOLDERS):
        if folder.name not in locales:
            raise PluginError(fault(
                f"docs/{folder.name}/", _("'{folder}' is not a language listed in mkdocs.yml").format(folder=folder.name),
                _("rename the folder to one of {locales}, or add '- {{locale: {folder}, name: ...}}' "
                  "under plugins > i18n > languages").format(locales=listing(locales), folder=folder.name)))
    expected = history.page_names(docs / default)
    for locale in locales[1:]:
        found = history.page_names(docs / locale)
        if not found:
            raise PluginError(fault(f"docs/{locale}/", _("the folder of language '{locale}' is missing or has no pages")
                                    .format(locale=locale),
                                    _("copy docs/{default}/ to docs/{locale}/ and translate every page")
                                    .format(default=default, locale=locale)))
        for name in sorted(set(expected) - set(found)):
            raise PluginError(fault(f"docs/{locale}/{name}.md",
                                    _("this translation is missing ({original} exists)").format(
                                        original=f"docs/{default}/{name}.md"),
                                    _("add {translation}, translated from {original}").format(
                                        translation=f"docs/{locale}/{name}.md", original=f"docs/{default}/{name}.md")))
        for name in sorted(set(found) - set(expected)):
            raise PluginError(fault(f"docs/{locale}/{name}.md",
                                    _("this page has no original in {folder}").format(folder=f"docs/{default}/"),
                                    _("add {original} first, or remove or rename {translation}").format(
                                        original=f"docs/{default}/{name}.md", translation=f"docs/{locale}/{name}.md")))


def load_strings(docs: Path, locale: str, reading_aid: bool) -> dict[str, str]:
    """The words the templates show around the policy text in one language, every key present."""
    strings = _load_mapping(docs / locale / STRINGS_FILE, docs.parent)
    keys = STRING_KEYS + (READING_AID_KEYS if reading_aid else ())
    missing = [key for key in keys if not isinstance(strings.get(key), str)]
    if missing:
        raise PluginError(fault(f"docs/{locale}/{STRINGS_FILE}", _("missing {keys}").format(keys=listing(missing)),
                                _("add them, as in the {file} of another language").format(file=STRINGS_FILE)))
    return strings


def load_glossary(docs: Path, locale: str) -> dict[str, str]:
    """A translation's fixed terms: the Japanese term, then the words its every page uses for it."""
    glossary = _load_mapping(docs / locale / GLOSSARY_FILE, docs.parent)
    odd = [term for term, words in glossary.items() if not isinstance(words, str) or not words.strip()]
    if odd:
        raise PluginError(fault(f"docs/{locale}/{GLOSSARY_FILE}", _("'{term}' has no wording").format(term=odd[0]),
                                _("write each fixed term as 'Japanese term: the words this language uses'")))
    return glossary


def _load_mapping(path: Path, root: Path) -> dict:
    where = path.relative_to(root).as_posix()
    if not path.is_file():
        raise PluginError(fault(where, _("missing"), _("copy it from another language folder and translate it")))
    try:
        mapping = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PluginError(fault(where, _("not valid YAML in UTF-8 ({error})").format(error=error),
                                _("write each entry as 'name: text' on its own line"))) from None
    if not isinstance(mapping, dict):
        raise PluginError(fault(where, _("not a list of 'name: text' entries"),
                                _("write each entry as 'name: text' on its own line")))
    return mapping


STRINGS_FILE = "strings.yml"
GLOSSARY_FILE = "glossary.yml"
SHARED_FOLDERS = {"assets"}
READING_AID_KEYS = ("original_section_link",)  # the link under each section to the official text
STRING_KEYS = ("effective_label", "prevails_notice", "original_link",
               "not_found_title", "not_found_text", "home_link", "moved_title", "moved_link",
               # revisions: banners, archive index, what changed, feeds
               "archive_title", "archive_link", "archived_notice", "dated_current_notice", "upcoming_notice",
               "upcoming_announcement", "current_version_link", "upcoming_link", "changes_link", "changes_title",
               "changes_compared", "changes_legend", "inserted_label", "deleted_label", "change_label", "no_changes",
               "no_text_changes", "previous_version_link", "status_in_force", "status_past",
               "status_upcoming", "feed_entry_title", "in_force_label", "languages_label",
               # the 新旧対照表 of each revision, and the PDFs
               "comparison_title", "comparison_link", "comparison_intro", "comparison_new", "comparison_old",
               "comparison_caption", "comparison_added", "comparison_deleted", "comparison_omitted",
               "comparison_moved", "pdf_link", "comparison_pdf_link", "pdf_url_label", "pdf_hash_label",
               # the header's colour toggle (overrides/partials/palette.html)
               "palette_toggle_default", "palette_toggle_slate")
