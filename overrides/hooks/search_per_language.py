"""One search index per language, so a Japanese reader gets Japanese results and an English reader English.

mkdocs-static-i18n stacks every language into one index at /search/; this
splits it into /search/ (default language) and /<lang>/search/, and points each
page's Material config at its own language root.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from languages import configured_locales, current_locale, url_prefix


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Make Material load /<lang>/search/ and /<lang>/sitemap.xml on translated pages."""
    prefix = url_prefix(current_locale(config), configured_locales(config))
    if not prefix:
        return output

    def rebase(match: re.Match) -> str:
        app = json.loads(match.group(2))
        app["base"] = f"{app['base']}/{prefix}"
        return match.group(1) + json.dumps(app, ensure_ascii=False, separators=(",", ":")) + match.group(3)

    return CONFIG_SCRIPT.sub(rebase, output, count=1)


@event_priority(-110)  # after mkdocs-static-i18n has written the stacked index
def on_post_build(*, config: MkDocsConfig) -> None:
    """Write each language's entries, with that language's tokenizer settings, to its own index."""
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    stacked = json.loads((site / INDEX).read_text(encoding="utf-8"))
    locales = configured_locales(config)
    for locale in locales:
        prefix = url_prefix(locale, locales)
        docs = [_strip(doc, prefix) for doc in stacked["docs"] if _locale_of(doc["location"], locales) == locale]
        settings = {"lang": index_languages(locale), **SEARCH_SETTINGS.get(locale, {})}
        index = {"config": {**stacked["config"], **settings}, "docs": docs}
        target = site / prefix / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def index_languages(locale: str) -> list[str]:
    """A language's index is of that language alone: its reader searches in it (and lunr loads only its files)."""
    return [locale]


def _locale_of(location: str, locales: list[str]) -> str:
    first = location.split("/", 1)[0]
    return first if first in locales[1:] and "/" in location else locales[0]


def _strip(doc: dict, prefix: str) -> dict:
    return {**doc, "location": doc["location"].removeprefix(prefix)}


CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
INDEX = "search/search_index.json"
# Material splits a query only at its separator, never with the Japanese segmenter, so the
# Japanese index splits before every kana and kanji: query and index then agree, and a phrase
# like 個人情報の保護 finds the pages holding all its characters, title matches first.
# English keeps whole words: Material's trailing-wildcard queries miss stemmed tokens.
SEARCH_SETTINGS = {
    "ja": {"separator": r"[\s\-\u3000、。，．・「」【】（）()/]+|(?=[\u3040-\u30ff\u3400-\u9fff])"},
    "en": {"separator": r"[\s\-]+", "pipeline": []},
}
