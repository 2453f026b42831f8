"""Page weight: a first view is the page and its CSS; Material's bundle, search and its index come after the load event."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import open_context
from guard import browser, page_weight
from guard.page_weight import BUDGET, first_views
from guard.site import Site, serve
from project_copies import copy_site
from project_facts import LANGUAGES, ROOT

LATE = re.compile(r"bundle\.[0-9a-f]{8}\.min\.js$|search_index\.json$|workers/|lunr/")


def test_the_first_view_of_every_page_type_fits_the_budget_without_scripts_or_search(site: Path) -> None:
    """Every page type in Japanese and a page of each translation, as Lighthouse takes them: the types share their
    templates, a language brings its fonts and text. Every page of every language is make check's run of the check
    (tests/test_make_check.py)."""
    built = Site.load(site, ROOT)
    pages = [*PAGE_TYPES, *(f"{locale}/policy.html" for locale in LANGUAGES[1:])]
    assert all((site / page).is_file() for page in pages)
    with serve(built) as server:
        views = first_views(site, server.url, pages)
    assert sorted(views) == sorted(pages)
    for path, loaded in views.items():
        assert path in loaded and any(file.endswith(".css") for file in loaded), path
        assert [file for file in loaded if LATE.search(file)] == [], path
        assert sum(loaded.values()) <= BUDGET, (path, loaded)


def test_bundle_search_and_palette_toggle_start_after_the_load_event_under_the_csp(site_url: str, browser) -> None:
    context = open_context(browser, viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.goto(site_url + "en/policy.html", wait_until="networkidle")
    # on a busy machine chromium may find the network idle before the load event has started the bundle
    page.wait_for_function("""() => performance.getEntriesByType("resource")
      .some(e => e.name.endsWith("search/search_index.json"))""")
    late = page.evaluate("""() => {
      const load = performance.getEntriesByType("navigation")[0].loadEventStart;
      return performance.getEntriesByType("resource").filter(e => e.startTime >= load).map(e => e.name);
    }""")
    assert any(re.search(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$", url) for url in late), late
    assert any(url.endswith("en/search/search_index.json") for url in late), late
    page.locator("label[for=__palette_1]").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.fill("input[name=query]", "joint use")
    page.press("input[name=query]", "End")
    page.locator(".md-search-result__item").first.wait_for()
    context.close()


def test_the_page_weight_check_fails_a_page_that_loads_the_bundle_before_the_load_event(site: Path,
                                                                                       tmp_path: Path) -> None:
    copy = tmp_path / "site"
    copy_site(site, copy)
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).name
    page = copy / "en" / "policy.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</head>", f'<script src="../assets/javascripts/{bundle}"></script></head>', 1),
                    encoding="utf-8")
    small = Site.load(copy, ROOT)  # the guard's walk and check on two pages of the copy: the broken one, its original
    small.pages = {path: small.pages[path] for path in ("policy.html", "en/policy.html")}
    with serve(small) as server:
        findings = page_weight.check(browser.check(small, server, axe=False).first_views)
    assert [finding.where for finding in findings] == ["en/policy.html"]
    assert f"over the budget of {BUDGET:,}" in findings[0].problem and bundle in findings[0].problem


PAGE_TYPES = ("index.html", "policy.html", "404.html", "archive/index.html", "archive/2017-12-27/policy.html")
