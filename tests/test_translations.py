"""Every Japanese page has its English page with the same outline, lists and links, and nothing left untranslated."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from project_copies import build, copy_project
from pages import POLICY_PAGES, article, links, list_shapes, outline, soup, text

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")


@pytest.mark.parametrize("page", POLICY_PAGES)
def test_english_page_has_the_japanese_heading_outline_and_ids(site: Path, page: str) -> None:
    assert outline(article(site / "en" / page)) == outline(article(site / page))


@pytest.mark.parametrize("page", POLICY_PAGES)
def test_english_page_has_the_same_lists_with_the_same_number_of_items(site: Path, page: str) -> None:
    japanese, english = article(site / page), article(site / "en" / page)
    assert list_shapes(english) == list_shapes(japanese)
    assert _paragraphs(english) == _paragraphs(japanese)


@pytest.mark.parametrize("page", POLICY_PAGES)
def test_english_page_has_the_same_links(site: Path, page: str) -> None:
    original_link = [a["href"] for a in article(site / "en" / page).select(".policy-notice a")]
    assert [h for h in links(article(site / "en" / page)) if h not in original_link] == links(article(site / page))


@pytest.mark.parametrize("page", POLICY_PAGES)
def test_english_page_leaves_no_japanese_sentence_untranslated(site: Path, page: str) -> None:
    english = text(article(site / "en" / page))
    for run in JAPANESE.findall(english):
        assert re.search(rf"\([^()]*{re.escape(run)}[^()]*\)", english), f"untranslated Japanese: {run}"


@pytest.mark.parametrize("page", POLICY_PAGES)
def test_numbering_is_kept_item_by_item(site: Path, page: str) -> None:
    def numbers(root: Path) -> list[str]:
        return [m.group(0) for li in article(root / page).find_all("li")
                if (m := re.match(r"\(?\d+\)", text(li)))]
    assert numbers(site / "en") == numbers(site)


def test_translated_pages_say_the_japanese_text_prevails_and_link_to_it(site: Path) -> None:
    for page in POLICY_PAGES:
        notice = article(site / "en" / page).select_one(".policy-notice")
        assert notice is not None and "Japanese text prevails" in text(notice), page
        assert notice.a["hreflang"] == "ja" and notice.a["href"] == f"../{page}"
        assert article(site / page).select_one(".policy-notice") is None


def test_effective_date_is_rendered_in_each_languages_form(site: Path) -> None:
    for page in POLICY_PAGES:
        ja, en = article(site / page), article(site / "en" / page)
        assert ja.select_one(".policy-effective time").get_text() == "2017年12月27日"
        assert en.select_one(".policy-effective time").get_text() == "December 27, 2017"
        assert ja.select_one(".policy-effective time")["datetime"] == "2017-12-27"
    assert "2017年12月27日" in text(article(site / "policy.html").select_one(".policy-signature"))
    assert "December 27, 2017" in text(article(site / "en/policy.html").select_one(".policy-signature"))


def test_phone_number_is_a_tel_link_in_every_language(site: Path) -> None:
    for root in (site, site / "en"):
        tel = article(root / "handling.html").select_one('a[href^="tel:"]')
        assert tel["href"] == "tel:0120-025-261" and tel.get_text() == "0120-025-261"


def test_pages_declare_their_language(site: Path) -> None:
    assert soup(site / "policy.html").html["lang"] == "ja"
    assert soup(site / "en/policy.html").html["lang"] == "en"


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
    return len([p for p in node.find_all("p") if not p.find_parent(class_="policy-notice")])
