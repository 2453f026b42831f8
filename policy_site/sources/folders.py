"""Every configured language is complete: same pages, its own strings and glossary, no stray folders.

mkdocs-static-i18n quietly serves the Japanese page at the English URL when a
translation is missing; this check turns that into a build error instead.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from .. import history


def check_folders(docs: Path, locales: list[str]) -> None:
    """Fail before building when a language folder is missing, stray or incomplete."""
    default = locales[0]
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and p.name not in SHARED_FOLDERS):
        if folder.name not in locales:
            raise PluginError(
                f"docs/{folder.name}/: '{folder.name}' is not a language listed in mkdocs.yml\n"
                f"  How to fix: rename the folder to one of {', '.join(locales)}, "
                f"or add '- {{locale: {folder.name}, name: ...}}' under plugins > i18n > languages")
    expected = history.page_names(docs / default)
    for locale in locales[1:]:
        found = history.page_names(docs / locale)
        if not found:
            raise PluginError(f"docs/{locale}/: the folder of language '{locale}' is missing or has no pages\n"
                              f"  How to fix: copy docs/{default}/ to docs/{locale}/ and translate every page")
        for name in sorted(set(expected) - set(found)):
            raise PluginError(f"docs/{locale}/{name}.md: this translation is missing (docs/{default}/{name}.md exists)\n"
                              f"  How to fix: add docs/{locale}/{name}.md, translated from docs/{default}/{name}.md")
        for name in sorted(set(found) - set(expected)):
            raise PluginError(f"docs/{locale}/{name}.md: this page has no original in docs/{default}/\n"
                              f"  How to fix: add docs/{default}/{name}.md first, "
                              f"or remove or rename docs/{locale}/{name}.md")


def load_strings(docs: Path, locale: str, reading_aid: bool) -> dict[str, str]:
    """The words the templates show around the policy text in one language, every key present."""
    strings = _load_mapping(docs / locale / STRINGS_FILE, docs.parent)
    keys = STRING_KEYS + (READING_AID_KEYS if reading_aid else ())
    missing = [key for key in keys if not isinstance(strings.get(key), str)]
    if missing:
        raise PluginError(f"docs/{locale}/{STRINGS_FILE}: missing {', '.join(missing)}\n"
                          f"  How to fix: add them, as in the {STRINGS_FILE} of another language")
    return strings


def load_glossary(docs: Path, locale: str) -> dict[str, str]:
    """A translation's fixed terms: the Japanese term, then the words its every page uses for it."""
    glossary = _load_mapping(docs / locale / GLOSSARY_FILE, docs.parent)
    odd = [term for term, words in glossary.items() if not isinstance(words, str) or not words.strip()]
    if odd:
        raise PluginError(f"docs/{locale}/{GLOSSARY_FILE}: '{odd[0]}' has no wording\n"
                          f"  How to fix: write each fixed term as 'Japanese term: the words this language uses'")
    return glossary


def _load_mapping(path: Path, root: Path) -> dict:
    where = path.relative_to(root).as_posix()
    if not path.is_file():
        raise PluginError(f"{where}: missing\n  How to fix: copy it from another language folder and translate it")
    try:
        mapping = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PluginError(f"{where}: not valid YAML in UTF-8 ({error})\n"
                          f"  How to fix: write each entry as 'name: text' on its own line") from None
    if not isinstance(mapping, dict):
        raise PluginError(f"{where}: not a list of 'name: text' entries\n"
                          f"  How to fix: write each entry as 'name: text' on its own line")
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
               "comparison_moved", "pdf_link", "comparison_pdf_link", "pdf_url_label", "pdf_hash_label")
