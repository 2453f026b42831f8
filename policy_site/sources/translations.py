"""Translations never lag silently and keep their words: each names the Japanese text it follows, and uses its glossary.

A translated page's `translates` field holds a short code of the original's
text (sha256: and the start of its body's sha256). When the original changes, the build fails
until a translator has updated the translation and copied the new code in. Each
language's glossary.yml fixes the words for the terms the policy repeats; a page
whose original uses a term must use those words.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import front_matter
from ..messages import _, fault


def stale_translations(docs: Path, locales: list[str]) -> list[str]:
    """Each translated page of the working copy whose original changed since, with its fix."""
    default, *others = locales
    return [problem for locale in others for original in sorted((docs / default).glob("*.md"))
            if (problem := stale_translation(original, docs / locale / original.name, docs.parent))]


def stale_translation(original: Path, translation: Path, root: Path) -> str | None:
    """Whether a translated page follows its original as it is now, and if not, its fix."""
    if not translation.is_file():
        return None  # folders.py reports missing translations
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
    shown = original.relative_to(root).as_posix()
    problem = (_("this translation has no 'translates' field") if recorded is None else
               _("this translation translates an older text of {original} ({recorded}, now {code})").format(
                   original=shown, recorded=recorded, code=code))
    return fault(f"{where}:{line}", problem,
                 _("bring the translation up to date with {original}, then set 'translates: {code}' in its front matter")
                 .format(original=shown, code=code))


def text_code(path: Path) -> str:
    """The code of a page's text: it changes whenever a character of the body changes."""
    body = front_matter.read(path).body.strip()
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:CODE_LENGTH]


def glossary_problems(original: Path, translation: Path, glossary: dict[str, str], root: Path) -> list[str]:
    """Each fixed term the original uses whose words the translation lacks."""
    japanese, translated = front_matter.read(original).body, front_matter.read(translation).body
    where = translation.relative_to(root).as_posix()
    return [fault(where, _("{original} says '{term}', but this translation never uses '{words}', "
                           "the words its glossary fixes for it").format(
                      original=f"{original.relative_to(root).as_posix()}:{_line_with(original, term)}",
                      term=term, words=words),
                  _("translate '{term}' as '{words}' ({glossary}); if the glossary should change, change it there")
                  .format(term=term, words=words, glossary=f"docs/{translation.parent.name}/glossary.yml"))
            for term, words in glossary.items() if term in japanese and words.casefold() not in translated.casefold()]


def _line_with(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), 1) if text in line)


CODE_LENGTH = 12
