"""Translations never lag silently: each translated page names the Japanese text it follows.

A translated page's `translates` field holds a short code of the original's
text (sha256: and the start of its body's sha256). When the original changes, the build fails
until a translator has updated the translation and copied the new code in.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import front_matter
from languages import configured_locales


@event_priority(-120)  # after every language is built, so a mistake in a page is reported first
def on_post_build(*, config: MkDocsConfig) -> None:
    """Fail, before the new site replaces the old, when an original changed after its translation."""
    if config.plugins["i18n"].building:
        return
    problems = stale_translations(Path(config.docs_dir), configured_locales(config))
    if problems:
        raise PluginError("\n".join(problems))


def stale_translations(docs: Path, locales: list[str]) -> list[str]:
    """Each translated page of the working copy whose original changed since, with its fix."""
    default, *others = locales
    return [problem for locale in others for original in sorted((docs / default).glob("*.md"))
            if (problem := _stale(original, docs / locale / original.name, docs.parent))]


def text_code(path: Path) -> str:
    """The code of a page's text: it changes whenever a character of the body changes."""
    body = front_matter.read(path).body.strip()
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:CODE_LENGTH]


def _stale(original: Path, translation: Path, root: Path) -> str | None:
    if not translation.is_file():
        return None  # languages.py reports missing translations
    try:
        code, page = text_code(original), front_matter.read(translation)
    except front_matter.FrontMatterError as error:
        return front_matter.format_error(error, root)
    recorded = page.meta.get("translates")
    if recorded == code:
        return None
    line = next((n for n, text in enumerate(translation.read_text(encoding="utf-8").split("\n"), 1)
                 if text.startswith("translates:")), 2)
    where = translation.relative_to(root).as_posix()
    problem = ("has no 'translates' field" if recorded is None else
               f"translates an older text of {original.relative_to(root).as_posix()} ({recorded}, now {code})")
    return (f"{where}:{line}: this translation {problem}\n"
            f"  How to fix: bring the translation up to date with {original.relative_to(root).as_posix()}, "
            f"then set 'translates: {code}' in its front matter")


CODE_LENGTH = 12
