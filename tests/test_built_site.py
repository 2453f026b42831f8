"""The built site: exactly the golden list of paths, one search index and one 404 page per language."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import built_pages
from project_facts import LANGUAGES, SITE_URL
from pages import POLICY_PAGES, soup, text

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
GOLDEN = Path(__file__).parent / "golden" / "built-paths.txt"


def test_built_paths_match_the_golden_list(site: Path) -> None:
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                   if p.is_file() and not p.relative_to(site).as_posix().startswith("assets/"))
    expected = GOLDEN.read_text(encoding="utf-8").split()
    assert built == expected, (f"The build's paths changed. If that is intended, replace {GOLDEN} with:\n"
                               + "\n".join(built))


def _index(site: Path, locale: str) -> dict:
    prefix = "" if locale == LANGUAGES[0] else f"{locale}/"
    return json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))


def test_each_language_has_its_own_search_index_with_only_its_pages(site: Path) -> None:
    for locale in LANGUAGES:
        index = _index(site, locale)
        assert {d["location"].split("#")[0] for d in index["docs"]} == set(POLICY_PAGES), locale
    ja, en, ko = _index(site, "ja"), _index(site, "en"), _index(site, "ko")
    assert not any(JAPANESE.search(d["title"]) for d in en["docs"] + ko["docs"])
    assert all(JAPANESE.search(d["title"]) for d in ja["docs"])
    assert any("個人情報の保護" in d["text"] for d in ja["docs"])
    assert any("개인정보를" in d["text"] for d in ko["docs"])


def test_each_index_is_tuned_to_how_its_language_is_written(site: Path) -> None:
    settings = {locale: _index(site, locale)["config"] for locale in LANGUAGES}
    assert [settings[locale]["lang"] for locale in LANGUAGES] == [["ja"], ["ja"], ["en"], ["en"], ["en"], ["en"], ["pt"]]
    assert settings["zh-Hans"]["separator"] == settings["ja"]["separator"]  # split before every Han character
    assert [settings[locale].get("policy") for locale in ("en", "pt-BR", "vi", "ko", "zh-Hans")] == [
        {"stemmer": "en"}, {"stemmer": "pt", "fold": True}, {"fold": True}, None, None]


def test_only_the_lunr_files_the_search_worker_imports_for_our_languages_are_shipped(site: Path) -> None:
    # Material's worker imports, for an index of languages L: the stemmer support, tinyseg.js for ja,
    # min/lunr.<l>.min.js for each l but en, min/lunr.multi.min.js for more than one; nothing for en alone.
    worker = next(site.glob("assets/javascripts/workers/search.*.min.js")).read_text(encoding="utf-8")
    assert "/min/lunr.stemmer.support.min.js" in worker and "/tinyseg.js" in worker and "/min/lunr.${" in worker
    lunr = site / "assets/javascripts/lunr"
    shipped = {p.relative_to(lunr).as_posix() for p in lunr.rglob("*") if p.is_file() and p.suffix != ".gz"}
    assert shipped == {"min/lunr.stemmer.support.min.js", "tinyseg.js", "min/lunr.ja.min.js", "min/lunr.pt.min.js"}


def test_translated_pages_point_material_at_their_own_language_root(site: Path) -> None:
    config = json.loads(soup(site / "en/handling.html").select_one("#__config").string)
    assert config["base"] == "../en/"
    assert json.loads(soup(site / "handling.html").select_one("#__config").string)["base"] == "."
    worker, material = config["search"].split("?material=")
    assert worker == "../assets/javascripts/workers/policy-search.js"
    assert (site / "assets/javascripts/workers" / material).is_file() and material.startswith("search.")


def test_every_language_has_its_own_404_page(site: Path) -> None:
    ja, en = soup(site / "404.html"), soup(site / "en/404.html")
    assert ja.html["lang"] == "ja" and "ページが見つかりません" in text(ja.h1)
    assert en.html["lang"] == "en" and text(en.h1) == "Page not found"
    assert en.select_one("article a")["href"] == "/en/index.html"
    for locale in LANGUAGES[1:]:
        page = soup(site / locale / "404.html")
        assert page.html["lang"] == locale and page.select_one("article a")["href"] == f"/{locale}/index.html"


def test_every_language_has_a_sitemap_for_the_language_selector(site: Path) -> None:
    for locale in LANGUAGES[1:]:
        sitemap = (site / locale / "sitemap.xml").read_text(encoding="utf-8")
        assert f"/{locale}/policy.html</loc>" in sitemap and "example/policy.html</loc>" not in sitemap
    full = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", full))
    assert listed == {SITE_URL + page for page in built_pages(site)  # every page but 404s and redirects
                      if not page.endswith("404.html") and 'http-equiv="refresh"' not in (site / page).read_text()}
    assert full.count('hreflang="x-default"') == full.count("<url>")
    assert f'hreflang="x-default" href="{SITE_URL}policy.html"' in full
