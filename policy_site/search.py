"""One search index per language, tuned to how it is written, and only the lunr files those indexes load.

mkdocs-static-i18n stacks every language into one index at /search/; this
splits it into /search/ (default language) and /<lang>/search/, and points each
page's Material config at its own language root. Material's search worker
(setupSearchLanguages in its source) imports, for an index of the languages L:
min/lunr.stemmer.support.min.js, then tinyseg.js for ja, wordcut.js for hi and
th, min/lunr.<l>.min.js for each l but en, and min/lunr.multi.min.js when L has
more than one language; for an index of English alone, nothing. Material ships
the files of every language it knows (0.9 MB); no page can load the others.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.structure.files import Files


def point_at_language_root(output: str, prefix: str) -> str:
    """Make Material load /<lang>/search/ and /<lang>/sitemap.xml on translated pages."""
    if not prefix:
        return output

    def rebase(match: re.Match) -> str:
        app = json.loads(match.group(2))
        app["base"] = f"{app['base']}/{prefix}"
        return match.group(1) + json.dumps(app, ensure_ascii=False, separators=(",", ":")) + match.group(3)

    return CONFIG_SCRIPT.sub(rebase, output, count=1)


def split_index(site: Path, locales: list[str], prefixes: dict[str, str]) -> None:
    """Write each language's entries, with that language's tokenizer settings, to its own index."""
    stacked = json.loads((site / INDEX).read_text(encoding="utf-8"))
    for locale in locales:
        prefix = prefixes[locale]
        docs = [{**doc, "location": doc["location"].removeprefix(prefix)}
                for doc in stacked["docs"] if _locale_of(doc["location"], locales) == locale]
        settings = {"lang": index_languages(locale), **SEARCH_SETTINGS.get(locale, {})}
        index = {"config": {**stacked["config"], **settings}, "docs": docs}
        target = site / prefix / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def drop_unused_lunr(files: Files, locales: list[str]) -> None:
    """Leave out of the build the lunr files that no language's search index makes the worker import."""
    loaded = {LUNR + name for locale in locales for name in _worker_imports(index_languages(locale))}
    for file in [file for file in files if file.src_uri.startswith(LUNR) and file.src_uri not in loaded]:
        files.remove(file)


def index_languages(locale: str) -> list[str]:
    """A language's index is of that language alone: its reader searches in it (and lunr loads only its files)."""
    return [locale]


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


def _locale_of(location: str, locales: list[str]) -> str:
    first = location.split("/", 1)[0]
    return first if first in locales[1:] and "/" in location else locales[0]


CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
INDEX = "search/search_index.json"
LUNR = "assets/javascripts/lunr/"  # where Material's theme puts them; the worker imports them from ../lunr/
SEGMENTERS = {"ja": ["tinyseg.js"], "hi": ["wordcut.js"], "th": ["wordcut.js"]}
# Material splits a query only at its separator, never with the Japanese segmenter, so the
# Japanese index splits before every kana and kanji: query and index then agree, and a phrase
# like 個人情報の保護 finds the pages holding all its characters, title matches first.
# English keeps whole words: Material's trailing-wildcard queries miss stemmed tokens.
SEARCH_SETTINGS = {
    "ja": {"separator": r"[\s\-\u3000、。，．・「」【】（）()/]+|(?=[\u3040-\u30ff\u3400-\u9fff])"},
    "en": {"separator": r"[\s\-]+", "pipeline": []},
}
