"""Every Japanese page has its page in every language, with the same outline, lists and links, and nothing left untranslated."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pages import POLICY_PAGES, article, links, list_shapes, outline, soup, text
from project_copies import build, copy_project
from project_facts import LANGUAGES

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")
KANA = re.compile(r"[\u3040-\u30ff]+")  # Chinese is written in Han characters too: only kana give Japanese away
TRANSLATIONS = LANGUAGES[1:]
PAGES = [(locale, page) for locale in TRANSLATIONS for page in POLICY_PAGES]
# The effective date, 2017-12-27 in front matter, as each language writes it (Babel's long form)
DATES = {"ja": "2017年12月27日", "ja-Hira": "2017年12月27日", "en": "December 27, 2017", "zh-Hans": "2017年12月27日",
         "ko": "2017년 12월 27일", "vi": "27 tháng 12, 2017", "pt-BR": "27 de dezembro de 2017"}
ADDED = ".policy-notice, .policy-original-section"  # what the build adds to a translation's text


@pytest.mark.parametrize("locale, page", PAGES)
def test_translation_has_the_japanese_heading_outline_and_ids(site: Path, locale: str, page: str) -> None:
    assert outline(article(site / locale / page)) == outline(article(site / page))


@pytest.mark.parametrize("locale, page", PAGES)
def test_translation_has_the_same_lists_and_paragraphs(site: Path, locale: str, page: str) -> None:
    japanese, translated = article(site / page), article(site / locale / page)
    assert list_shapes(translated) == list_shapes(japanese)
    assert _paragraphs(translated) == _paragraphs(japanese)


@pytest.mark.parametrize("locale, page", PAGES)
def test_translation_has_the_same_links(site: Path, locale: str, page: str) -> None:
    translated = article(site / locale / page)
    added = [a["href"] for a in translated.select(f"{ADDED.replace(', ', ' a, ')} a")]
    assert [h for h in links(translated) if h not in added] == links(article(site / page))


@pytest.mark.parametrize("locale, page", [(locale, page) for locale, page in PAGES if locale != "ja-Hira"])
def test_translation_leaves_no_japanese_sentence_untranslated(site: Path, locale: str, page: str) -> None:
    translated = text(article(site / locale / page))
    for run in (KANA if locale.startswith("zh") else JAPANESE).findall(translated):
        assert re.search(rf"[(（][^()（）]*{re.escape(run)}[^()（）]*[)）]", translated), f"untranslated Japanese: {run}"


@pytest.mark.parametrize("locale, page", PAGES)
def test_numbering_is_kept_item_by_item(site: Path, locale: str, page: str) -> None:
    def numbers(root: Path) -> list[str]:
        return [m.group(0) for li in article(root / page).find_all("li")
                if (m := re.match(r"\(?\d+\)", text(li)))]
    assert numbers(site / locale) == numbers(site)


@pytest.mark.parametrize("locale", TRANSLATIONS)
def test_translated_pages_say_the_japanese_text_prevails_and_link_to_it(site: Path, locale: str) -> None:
    for page in POLICY_PAGES:
        notice = article(site / locale / page).select_one(".policy-notice")
        assert notice is not None and notice.a["hreflang"] == "ja" and notice.a["href"] == f"../{page}", page
        assert article(site / page).select_one(".policy-notice") is None
    assert "the Japanese text prevails" in text(article(site / "en/policy.html").select_one(".policy-notice"))


@pytest.mark.parametrize("locale", LANGUAGES)
def test_effective_date_is_rendered_in_each_languages_form(site: Path, locale: str) -> None:
    root = site / (locale if locale != LANGUAGES[0] else "")
    for page in POLICY_PAGES:
        effective = article(root / page).select_one(".policy-effective time")
        assert (effective.get_text(), effective["datetime"]) == (DATES[locale], "2017-12-27"), page
    assert DATES[locale] in text(article(root / "policy.html").select_one(".policy-signature"))


@pytest.mark.parametrize("locale", LANGUAGES)
def test_phone_number_is_a_tel_link_in_every_language(site: Path, locale: str) -> None:
    tel = article(site / (locale if locale != LANGUAGES[0] else "") / "handling.html").select_one('a[href^="tel:"]')
    assert tel["href"] == "tel:0120-025-261" and tel.get_text() == "0120-025-261"


def test_pages_and_their_404_declare_their_language(site: Path) -> None:
    for locale in LANGUAGES:
        root = site / (locale if locale != LANGUAGES[0] else "")
        assert soup(root / "policy.html").html["lang"] == locale
        assert soup(root / "404.html").html["lang"] == locale


@pytest.mark.parametrize("locale", [locale for locale in TRANSLATIONS if locale != "ja-Hira"])  # ja-Hira is Japanese
def test_the_description_header_and_footer_of_every_page_are_in_its_language(site: Path, locale: str) -> None:
    """What the theme puts around the text: the colour toggle's name, the copyright, the description of a page
    without one of its own (the 404 page, the revision history) come from the language, not from mkdocs.yml."""
    for path in sorted((site / locale).rglob("*.html")):
        page = soup(path)
        if page.find("meta", attrs={"http-equiv": "refresh"}):  # a redirect page: no header
            continue
        words = [page.find("meta", attrs={"name": "description"})["content"], text(page.select_one(".md-copyright")),
                 *(element[name] for name in ("title", "aria-label") for element in page.select(f".md-header [{name}]"))]
        assert [word for word in words if KANA.search(word)] == [], path


def test_the_reading_aid_links_each_section_to_the_official_text_and_says_it_is_not_the_policy(site: Path) -> None:
    for page in POLICY_PAGES:
        easy, official = article(site / "ja-Hira" / page), article(site / page)
        sections = [h2["id"] for h2 in easy.find_all("h2")]
        linked = [a["href"] for a in easy.select(".policy-original-section a")]
        assert linked == [f"../{page}#{section}" for section in sections]
        assert all(official.find(id=section) is not None for section in sections)
        assert "せいしきな ポリシーでは ありません" in text(easy.select_one(".policy-notice"))


def test_readings_stay_out_of_the_table_of_contents(site: Path) -> None:
    page = soup(site / "ja-Hira" / "handling.html")
    assert page.find("rt") is not None
    toc = [text(a) for a in page.select(".md-nav--secondary a.md-nav__link")]
    assert "1. 個人情報を 使う 目的" in toc and not any("こじんじょうほう" in entry for entry in toc)


def test_the_language_selector_names_each_language_in_its_own_script(site: Path) -> None:
    names = {a["hreflang"]: text(a) for a in soup(site / "ko" / "policy.html").select(".md-select__link[hreflang]")}
    assert names == {"ja": "日本語", "ja-Hira": "やさしい日本語", "en": "English", "zh-Hans": "简体中文",
                     "ko": "한국어", "vi": "Tiếng Việt", "pt-BR": "Português (Brasil)"}


def test_missing_translation_fails_the_build_instead_of_serving_japanese(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs/en/website.md").unlink()
    result = build(project)
    assert result.returncode == 1
    assert "docs/en/website.md: this translation is missing" in result.stderr
    assert not (project / "site").exists()


def test_page_without_its_japanese_original_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy(project / "docs/en/website.md", project / "docs/en/extra.md")
    result = build(project)
    assert result.returncode == 1 and "docs/en/extra.md: this page has no original" in result.stderr


def _paragraphs(node) -> int:
    return len([p for p in node.find_all("p") if not p.find_parent(class_="policy-notice")
                and "policy-original-section" not in (p.get("class") or [])])
