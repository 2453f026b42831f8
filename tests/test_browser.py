"""Every page in both languages, on a phone and a desktop, in Debian's chromium: clean, local, searchable."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import built_pages

WIDTHS = (390, 1280)
SEARCHES = [
    ("policy.html", "個人情報の保護", "policy.html"),
    ("policy.html", "共同利用", "handling.html#joint-use"),
    ("policy.html", "利用目的", "handling.html#purposes"),
    ("policy.html", "安全対策", "website.html#security"),
    ("en/policy.html", "joint use", "en/handling.html#joint-use"),
    ("en/policy.html", "purposes", "en/handling.html#purposes"),
    ("en/index.html", "security measures", "en/website.html#security"),
]


@pytest.fixture
def page_in(browser):
    """A fresh browser context per test (no cached search index), at a given width."""
    contexts = []

    def open_at(width: int):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_loads_cleanly_with_no_request_off_the_site(site: Path, site_url: str, page_in, width: int) -> None:
    for path in built_pages(site):
        page = page_in(width)
        errors, failed, foreign = [], [], []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        page.on("request", lambda r: urlsplit(r.url).netloc != urlsplit(site_url).netloc
                and not r.url.startswith("data:") and foreign.append(r.url))
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() == 1, path
        assert (errors, failed, foreign) == ([], [], []), path
        page.close()


@pytest.mark.parametrize("start, query, expected", SEARCHES)
def test_search_finds_the_page_in_the_readers_language(site_url: str, page_in, start: str, query: str, expected: str) -> None:
    page = page_in(1280)
    page.goto(site_url + start)
    page.wait_for_load_state("networkidle")
    page.fill("input[name=query]", query)
    page.press("input[name=query]", "End")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    hrefs = [h.split("?")[0] + ("#" + h.split("#")[1] if "#" in h else "") for h in
             results.evaluate_all("links => links.map(a => a.href)")]
    assert site_url + expected in hrefs[:3]
    language_root = site_url + ("en/" if start.startswith("en/") else "")
    assert all(h.startswith(language_root) for h in hrefs)
    assert start.startswith("en/") or not any(h.startswith(site_url + "en/") for h in hrefs)


def test_language_switch_keeps_the_page_and_the_section(site_url: str, page_in) -> None:
    page = page_in(1280)
    page.goto(site_url + "handling.html#joint-use")
    page.wait_for_load_state("networkidle")
    page.click(".md-header__option .md-select button")
    page.click('.md-select__link[hreflang="en"]')
    page.wait_for_url("**/en/handling.html#joint-use")
    assert page.locator("h2#joint-use").is_visible()


def test_printing_hides_navigation_and_search_and_shows_link_targets(site_url: str, page_in) -> None:
    page = page_in(1280)
    page.goto(site_url + "handling.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-search").is_visible()
    after = page.locator('a[href^="tel:"]').evaluate("a => getComputedStyle(a, '::after').content")
    assert "tel:0120-025-261" in after


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
def test_colours_follow_the_readers_system_setting(browser, site_url: str, scheme: str, palette: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "policy.html")
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette
    context.close()
