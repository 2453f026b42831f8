"""What members do in Debian's chromium at the site's real https origin: search, switch language, print, read in
the dark, reach a missing page.

nginx serves the build with its generated headers, so each page also runs under the strict CSP. That every built
page, in every language, at a phone's and a desktop's width, in light and dark, loads under the CSP with nothing
blocked and no request off the site is make check's browser walk (guard/browser.py), run end to end in
tests/test_make_check.py and on a broken copy in tests/test_release_guard.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import open_context
from project_facts import LANGUAGES
from site_facts import expected_headers

WIDTHS = (390, 1280)
SEARCHES = [
    ("policy.html", "個人情報の保護", "policy.html"),
    ("policy.html", "共同利用", "handling.html#joint-use"),
    ("policy.html", "利用目的", "handling.html#purposes"),
    ("policy.html", "安全対策", "website.html#security"),
    ("en/policy.html", "joint use", "en/handling.html#joint-use"),
    ("en/policy.html", "purposes", "en/handling.html#purposes"),
    ("en/index.html", "security measures", "en/website.html#security"),
    # an inflected form finds the forms the text uses (protecting: protect, protection)
    ("en/index.html", "protecting", "en/policy.html"),
    ("pt-BR/index.html", "utilizar", "pt-BR/policy.html"),  # the policy says "utilizamos"
    # typed without diacritics, as on a keyboard without them
    ("pt-BR/index.html", "informacoes pessoais", "pt-BR/policy.html"),
    ("vi/index.html", "du lieu ca nhan", "vi/handling.html"),
    ("vi/index.html", "dữ liệu cá nhân", "vi/handling.html"),
    # Korean attaches particles: 개인정보 finds 개인정보를 and 개인정보의
    ("ko/index.html", "개인정보", "ko/handling.html#purposes"),
    # no spaces between Chinese words
    ("zh-Hans/index.html", "个人信息", "zh-Hans/policy.html"),
    ("zh-Hans/index.html", "共同利用", "zh-Hans/handling.html#joint-use"),
    # やさしい日本語: by the words, and by their readings
    ("ja-Hira/index.html", "共同利用", "ja-Hira/handling.html#joint-use"),
    ("ja-Hira/index.html", "あんぜん", "ja-Hira/website.html#security"),
]
MISSING = ("no-such-page.html", "en/no-such-page.html")


@pytest.mark.parametrize("path", MISSING)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_missing_page_answers_404_with_its_languages_page_loading_cleanly_under_the_csp(site: Path, site_url: str,
                                                                                        browser, width: int,
                                                                                        path: str) -> None:
    """Every built page is loaded the same way by make check's browser walk (guard/browser.py); a missing address
    is no built page, so it is walked here."""
    context = open_context(browser, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and m.location["url"] != site_url + path
            and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("request", lambda r: not r.url.startswith((site_url, "data:")) and problems.append(f"off the site: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and r.url != site_url + path
            and problems.append(f"{r.status} for {r.url}"))
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response.status == 404
    assert response.headers["content-security-policy"] == expected_headers(site)["Content-Security-Policy"]
    assert page.locator("html").get_attribute("lang") == ("en" if path.startswith("en/") else "ja")
    assert page.locator("h1").count() == 1
    assert problems + page.evaluate("window.__violations") == []
    context.close()


@pytest.mark.parametrize("start, query, expected", SEARCHES)
def test_search_finds_the_page_in_the_readers_language(site_url: str, browser, start: str, query: str, expected: str) -> None:
    context = open_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + start, wait_until="networkidle")
    page.fill("input[name=query]", query)
    page.press("input[name=query]", "End")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    hrefs = [h.split("?")[0] + ("#" + h.split("#")[1] if "#" in h else "") for h in
             results.evaluate_all("links => links.map(a => a.href)")]
    assert site_url + expected in hrefs[:3]
    locale = start.split("/")[0] if "/" in start else LANGUAGES[0]
    language_root = site_url + ("" if locale == LANGUAGES[0] else f"{locale}/")
    assert all(h.startswith(language_root) for h in hrefs)
    assert not any(h.startswith(f"{site_url}{other}/") for other in LANGUAGES[1:] if other != locale for h in hrefs)
    assert page.evaluate("window.__violations") == []
    context.close()


def test_language_switch_keeps_the_page_and_the_section(site_url: str, browser) -> None:
    context = open_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "handling.html#joint-use", wait_until="networkidle")
    page.click(".md-header__option .md-select button")
    page.click('.md-select__link[hreflang="en"]')
    page.wait_for_url("**/en/handling.html#joint-use")
    assert page.locator("h2#joint-use").is_visible()
    context.close()


def test_printing_hides_navigation_and_search_and_shows_link_targets(site_url: str, browser) -> None:
    context = open_context(browser)
    page = context.new_page()
    page.goto(site_url + "handling.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-search").is_visible()
    after = page.locator('a[href^="tel:"]').evaluate("a => getComputedStyle(a, '::after').content")
    assert "tel:0120-025-261" in after
    context.close()


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
def test_colours_follow_the_readers_system_setting(browser, site_url: str, scheme: str, palette: str) -> None:
    context = open_context(browser, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "policy.html")
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette
    context.close()
