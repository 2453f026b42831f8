"""Page weight: everything a page loads before its load event fits the budget, compressed as nginx serves it."""

from __future__ import annotations

import contextlib
import gzip
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from guard.accessibility import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS
from guard.site import Finding, Site
from policy_site.messages import N_, _, listing


def check(site: Site, base_url: str, browser=None) -> list[Finding]:
    """Members read on phones over slow connections: a first view over budget is a regression, whatever its cause.

    A caller that already drives chromium (the tests: one Playwright per process) passes its browser."""
    pages = [page.path for page in site.pages.values() if page.redirect_target is None]
    with contextlib.nullcontext(browser) if browser else chromium() as running:
        views = first_views(running, site.root, base_url, pages)
    findings = []
    for path, loaded in views.items():
        total = sum(loaded.values())
        if total > BUDGET:
            largest = listing(_("{url} ({size} bytes)").format(url=url, size=f"{size:,}")
                              for url, size in sorted(loaded.items(), key=lambda i: -i[1])[:3])
            findings.append(Finding(NAME, path, _("the first view loads {total} bytes compressed before the load event, "
                                                  "over the budget of {budget}; the largest: {largest}").format(
                                        total=f"{total:,}", budget=f"{BUDGET:,}", largest=largest),
                                    _("load scripts after the load event (see the loader in overrides/main.html), "
                                      "shrink or drop what the page added, and run make bench to compare")))
    return findings


def first_views(browser, root: Path, base_url: str, paths: list[str]) -> dict[str, dict[str, int]]:
    """For each page, the files it loads before its load event (at a phone's and a desktop's width) and their gzip sizes."""
    views: dict[str, dict[str, int]] = {}
    for path in paths:
        loaded: dict[str, int] = {}
        for width, height in VIEWPORTS:
            context = browser.new_context(viewport={"width": width, "height": height}, ignore_https_errors=True)
            tab = context.new_page()
            tab.goto(base_url + path, wait_until="load")
            for url in tab.evaluate(LOADED_BEFORE_LOAD):
                file = _file_of(url, base_url)
                if (root / file).is_file():  # a missing file is the link checks' fault to report
                    loaded[file] = compressed_size(root / file)
            context.close()
        views[path] = loaded
    return views


@contextlib.contextmanager
def chromium():
    """Debian's chromium driven by Playwright, for one run of measurements."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def compressed_size(file: Path) -> int:
    """The bytes on the wire: the build's gzip copy that gzip_static sends, else what nginx's gzip sends (level 6)."""
    copy = file.with_name(file.name + ".gz")
    if copy.is_file():
        return copy.stat().st_size
    data = file.read_bytes()
    return len(gzip.compress(data, compresslevel=6, mtime=0)) if file.suffix in TEXT_SUFFIXES else len(data)


def _file_of(url: str, base_url: str) -> str:
    path = unquote(urlsplit(url).path)
    base = urlsplit(base_url).path
    file = path[len(base):] if path.startswith(base) else path.lstrip("/")
    return posixpath.normpath(file + "index.html" if file.endswith("/") or not file else file)


NAME = N_("Page weight")
BUDGET = 40_000  # bytes, compressed, everything until the load event: the "at most 40 KB"
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".atom", ".txt"}  # gzip_types in the nginx example
# The page itself, then every resource whose request started before the load event (resource timing).
LOADED_BEFORE_LOAD = """() => {
  const page = performance.getEntriesByType("navigation")[0];
  return [page.name, ...performance.getEntriesByType("resource")
    .filter(entry => entry.startTime < page.loadEventStart).map(entry => entry.name)];
}"""
