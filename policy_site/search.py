"""One search index per language, tuned to how it is written, and only the lunr files those indexes load.

mkdocs-static-i18n stacks every language into one index at /search/; this
splits it into /search/ (default language) and /<lang>/search/, and points each
page's Material config at its own language root and at the plugin's search
worker (assets/javascripts/workers/policy-search.js), which runs Material's
with stems and diacritic-free forms added where a language needs them. Material's search worker
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
    """Make Material load /<lang>/search/ and /<lang>/sitemap.xml on translated pages, through our worker."""

    def rebase(match: re.Match) -> str:
        app = json.loads(match.group(2))
        if prefix:
            app["base"] = f"{app['base']}/{prefix}"
        folder, material = app["search"].rsplit("/", 1)
        app["search"] = f"{folder}/{WORKER}?material={material}"
        return match.group(1) + json.dumps(app, ensure_ascii=False, separators=(",", ":")) + match.group(3)

    return CONFIG_SCRIPT.sub(rebase, output, count=1)


def split_index(site: Path, locales: list[str], prefixes: dict[str, str]) -> None:
    """Write each language's entries, with that language's tokenizer settings, to its own index."""
    stacked = json.loads((site / INDEX).read_text(encoding="utf-8"))
    for locale in locales:
        prefix = prefixes[locale]
        docs = [{**doc, "location": doc["location"].removeprefix(prefix)}
                for doc in stacked["docs"] if _locale_of(doc["location"], locales) == locale]
        settings = {"lang": index_languages(locale), **SETTINGS.get(_primary(locale), SPACED)}
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
    """The lunr language of a language's index: its reader searches in it, and lunr loads only its files."""
    return [LUNR_LANGUAGES.get(_primary(locale), "en")]


def _primary(locale: str) -> str:
    """zh-Hans and ja-Hira are searched as Chinese and Japanese, pt-BR as Portuguese."""
    return locale.split("-")[0]


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
WORKER = "policy-search.js"
# Material splits a query only at its separator and appends a wildcard to every term. So the
# Japanese and Chinese indexes split before every kana and Han character: query and index then
# agree, and a phrase like 個人情報の保護 or 个人信息 finds the pages holding all its characters,
# title matches first. Korean keeps whole words, so 개인정보 finds 개인정보를 and 개인정보의 by the
# wildcard. No index runs lunr's pipeline (a trimmer would cut CJK words away, a stemmer would
# make tokens a wildcard query misses); where inflection or diacritics matter, policy-search.js
# adds stems (lunr-languages' stemmer) and diacritic-free words as extra fields.
CJK_SEPARATOR = r"[\s\-\u3000、。，．・「」【】（）《》：；！？()/]+|(?=[\u3040-\u30ff\u3400-\u9fff])"
WORD_SEPARATOR = r"[\s\-,.;:!?()\[\]/\"'“”«»]+"
SETTINGS = {
    "ja": {"separator": CJK_SEPARATOR},  # lunr.ja's own pipeline
    "zh": {"separator": CJK_SEPARATOR, "pipeline": []},
    "ko": {"separator": WORD_SEPARATOR, "pipeline": []},
    "en": {"separator": WORD_SEPARATOR, "pipeline": [], "policy": {"stemmer": "en"}},
    "pt": {"separator": WORD_SEPARATOR, "pipeline": [], "policy": {"stemmer": "pt", "fold": True}},
    "vi": {"separator": WORD_SEPARATOR, "pipeline": [], "policy": {"fold": True}},
}
SPACED = {"separator": WORD_SEPARATOR, "pipeline": []}  # any other language written with spaces
# The lunr-languages support an index loads: lunr.ja's segmenter and pipeline, lunr.pt's stemmer
# (for policy-search.js). The others need none: lunr.zh wants a Node.js segmenter, and English is built in.
LUNR_LANGUAGES = {"ja": "ja", "pt": "pt"}
