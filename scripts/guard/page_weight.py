"""Page weight: everything a page loads before its load event fits the budget, compressed as nginx serves it."""

from __future__ import annotations

import asyncio
import gzip
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from guard.site import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS, Finding, run_to_the_end
from policy_site.messages import N_, _, listing


def check(views: dict[str, dict[str, int]]) -> list[Finding]:
    """Members read on phones over slow connections: a first view over budget is a regression, whatever its cause.
    The views are the browser walk's (guard/browser.py), which loads every page at each width."""
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


def first_views(root: Path, base_url: str, paths: list[str]) -> dict[str, dict[str, int]]:
    """For each page, the files it loads before its load event (at a phone's and a desktop's width) and their gzip
    sizes: the walk's measure, for make bench and the tests, on any server."""
    return run_to_the_end(_first_views(root, base_url, paths))


async def _first_views(root: Path, base_url: str, paths: list[str]) -> dict[str, dict[str, int]]:
    """TABS pages at once: a page's load is mostly waiting on the server and on the browser's other processes."""
    from playwright.async_api import async_playwright

    work: asyncio.Queue = asyncio.Queue()
    for path in paths:
        for viewport in VIEWPORTS:
            work.put_nowait((path, viewport))
    views: dict[str, dict[str, int]] = {path: {} for path in paths}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(*(_measure(browser, work, root, base_url, views) for _ in range(TABS)))
        finally:
            await browser.close()
    return views


async def _measure(browser, work: asyncio.Queue, root: Path, base_url: str, views: dict[str, dict[str, int]]) -> None:
    """Take pages off the queue until it is empty, one tab per width with the browser's cache off: each load is a
    first view, and a tab is cheaper than a fresh context (half the CPU), with the same files measured."""
    tabs = {}
    try:
        while not work.empty():
            path, viewport = work.get_nowait()
            if viewport not in tabs:
                width, height = viewport
                tabs[viewport] = await first_view_tab(await browser.new_context(
                    viewport={"width": width, "height": height}, ignore_https_errors=True))
            await tabs[viewport].goto(base_url + path, wait_until="load")
            record(views[path], await tabs[viewport].evaluate(LOADED_BEFORE_LOAD), root, base_url)
    finally:
        for tab in tabs.values():
            await tab.context.close()


def record(view: dict[str, int], urls: list[str], root: Path, base_url: str) -> None:
    """Add to a page's first view the files it loaded, by their compressed size."""
    for url in urls:
        file = _file_of(url, base_url)
        if (root / file).is_file():  # a missing file is the link checks' and the walk's fault to report
            view[file] = compressed_size(root / file)


async def first_view_tab(context):
    """A tab in the context with the browser's cache off: each load is a first view, whatever came before."""
    tab = await context.new_page()
    devtools = await context.new_cdp_session(tab)
    await devtools.send("Network.enable")
    await devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return tab


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
TABS = 4
BUDGET = 40_000  # bytes, compressed, everything until the load event: the "at most 40 KB"
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".atom", ".txt"}  # gzip_types in the nginx example
# The page itself, then every resource whose request started before the load event (resource timing).
LOADED_BEFORE_LOAD = """() => {
  const page = performance.getEntriesByType("navigation")[0];
  return [page.name, ...performance.getEntriesByType("resource")
    .filter(entry => entry.startTime < page.loadEventStart).map(entry => entry.name)];
}"""
