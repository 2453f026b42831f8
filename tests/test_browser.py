"""Every page in every language, on a phone and a desktop, in Debian's chromium at the site's real https origin.

nginx serves the build with its generated headers, so each page also runs under the strict CSP.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from conftest import BROWSER_ARGS, CHROMIUM, VIOLATION_RECORDER, built_pages, open_context
from guard.site import run_to_the_end
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
TABS = 4


def test_every_page_loads_cleanly_at_each_width_under_the_csp_with_no_request_off_the_site(site: Path,
                                                                                          site_url: str) -> None:
    csp = expected_headers(site)["Content-Security-Policy"]
    visits = [(width, path) for width in WIDTHS for path in built_pages(site) + list(MISSING)]
    assert run_to_the_end(_walk(visits, site_url, csp)) == []


async def _walk(visits: list[tuple[int, str]], site_url: str, csp: str) -> list[str]:
    """TABS pages at once: most of a page's time is waiting for its network to be idle, after the load event."""
    from playwright.async_api import async_playwright

    work: asyncio.Queue = asyncio.Queue()
    for visit in visits:
        work.put_nowait(visit)
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        contexts = {}
        for width in WIDTHS:
            contexts[width] = await browser.new_context(ignore_https_errors=True,
                                                        viewport={"width": width, "height": 900})
            await contexts[width].add_init_script(VIOLATION_RECORDER)
        await asyncio.gather(*(_visit_until_done(contexts, work, site_url, csp, problems) for _ in range(TABS)))
        await browser.close()
    return sorted(problems)


async def _visit_until_done(contexts: dict, work: asyncio.Queue, site_url: str, csp: str, problems: list[str]) -> None:
    while not work.empty():
        width, path = work.get_nowait()
        where = f"{path} at {width}px"
        page = await contexts[width].new_page()
        page.on("console", lambda m, where=where, path=path: m.type in ("error", "warning")
                and m.location["url"] != site_url + path and problems.append(f"{where}: console: {m.text}"))
        page.on("pageerror", lambda e, where=where: problems.append(f"{where}: script error: {e}"))
        page.on("request", lambda r, where=where: not r.url.startswith(site_url) and not r.url.startswith("data:")
                and problems.append(f"{where}: request off the site: {r.url}"))
        page.on("requestfailed", lambda r, where=where: problems.append(f"{where}: failed: {r.url}"))
        page.on("response", lambda r, where=where, path=path: r.status >= 400 and r.url != site_url + path
                and problems.append(f"{where}: {r.status} for {r.url}"))
        response = await page.goto(site_url + path, wait_until="networkidle")
        if response.status != (404 if path in MISSING else 200):
            problems.append(f"{where}: status {response.status}")
        if response.headers.get("content-security-policy") != csp:
            problems.append(f"{where}: Content-Security-Policy {response.headers.get('content-security-policy')}")
        if await page.locator("h1").count() != 1:
            problems.append(f"{where}: not one h1")
        problems.extend(f"{where}: CSP violation: {v}" for v in await page.evaluate("window.__violations"))
        await page.close()


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
