"""Page weight: a first view is the page and its CSS; Material's bundle, search and its index come after the load event."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from conftest import open_context
from project_facts import ROOT
from test_release_guard import run_guard, section

sys.path.insert(0, str(ROOT / "scripts"))

from guard.page_weight import BUDGET, first_views  # noqa: E402
from guard.site import Site, serve  # noqa: E402

LATE = re.compile(r"bundle\.[0-9a-f]{8}\.min\.js$|search_index\.json$|workers/|lunr/")


def test_every_first_view_fits_the_budget_without_scripts_or_search(site: Path, browser) -> None:
    built = Site.load(site, ROOT)
    pages = [page.path for page in built.pages.values() if page.redirect_target is None]
    with serve(built) as server:
        views = first_views(browser, site, server.url, pages)
    assert sorted(views) == sorted(pages)
    for path, loaded in views.items():
        assert path in loaded and any(file.endswith(".css") for file in loaded), path
        assert [file for file in loaded if LATE.search(file)] == [], path
        assert sum(loaded.values()) <= BUDGET, (path, loaded)


def test_bundle_search_and_palette_toggle_start_after_the_load_event_under_the_csp(site_url: str, browser) -> None:
    context = open_context(browser, viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.goto(site_url + "en/policy.html", wait_until="networkidle")
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


def test_guard_fails_a_page_that_loads_the_bundle_before_the_load_event(site: Path, tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copy(ROOT / "published-urls.txt", tmp_path)
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).name
    page = copy / "en" / "policy.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</head>", f'<script src="../assets/javascripts/{bundle}"></script></head>', 1),
                    encoding="utf-8")
    result = run_guard(tmp_path, copy, tmp_path / "report", "--skip", "html", "--skip", "accessibility",
                       "--skip", "lighthouse")
    assert result.returncode == 1
    weight = section(result.stdout, "Page weight")
    assert weight.strip().startswith("FAIL  Page weight (1)")
    assert "en/policy.html" in weight and f"over the budget of {BUDGET:,}" in weight and bundle in weight
    assert "policy.html" not in weight.replace("en/policy.html", "")
