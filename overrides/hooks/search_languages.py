"""Only the lunr language files the search worker loads: Material ships those of every language it knows (0.9 MB).

Material's search worker (setupSearchLanguages in its worker source) imports,
for an index of the languages L: min/lunr.stemmer.support.min.js, then
tinyseg.js for ja, wordcut.js for hi and th, min/lunr.<l>.min.js for each l
but en, and min/lunr.multi.min.js when L has more than one language; for an
index of English alone, nothing. No page can load the other files.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from languages import configured_locales
from search_per_language import index_languages


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Leave out of the build the lunr files that no language's search index makes the worker import."""
    loaded = {LUNR + name for locale in configured_locales(config) for name in _worker_imports(index_languages(locale))}
    for file in [file for file in files if file.src_uri.startswith(LUNR) and file.src_uri not in loaded]:
        files.remove(file)
    return files


def _worker_imports(languages: list[str]) -> list[str]:
    """Mirrors Material's worker, so a language added to mkdocs.yml brings its own files."""
    scripts = []
    for language in languages:
        scripts += SEGMENTERS.get(language, [])
        if language != "en":
            scripts.append(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        scripts.append("min/lunr.multi.min.js")
    return ["min/lunr.stemmer.support.min.js", *scripts] if scripts else []


LUNR = "assets/javascripts/lunr/"  # where Material's theme puts them; the worker imports them from ../lunr/
SEGMENTERS = {"ja": ["tinyseg.js"], "hi": ["wordcut.js"], "th": ["wordcut.js"]}
