"""Accessibility: axe-core in chromium finds no WCAG 2.2 A/AA violation, on phones and desktops, light and dark."""

from __future__ import annotations

import asyncio

from guard.site import TOOLS, Finding, Site, run_to_the_end
from policy_site.messages import N_, _, listing


def check(site: Site, base_url: str) -> list[Finding]:
    """Every page in every layout and colour scheme a member may see: the faults differ between them."""
    return run_to_the_end(_check(site, base_url))


async def _check(site: Site, base_url: str) -> list[Finding]:
    """axe is CPU-bound in the browser: TABS tabs at once keep every core busy."""
    from playwright.async_api import async_playwright

    axe = (TOOLS / AXE).read_text(encoding="utf-8")
    work: asyncio.Queue = asyncio.Queue()
    for mode in MODES:
        for page in site.pages.values():
            if page.redirect_target is None:
                work.put_nowait((mode, page.path))
    faults: dict[tuple[str, str, str], dict] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(*(_worker(browser, work, base_url, axe, faults) for _ in range(TABS)))
        finally:
            await browser.close()
    return [Finding(NAME, path, _("{rule}: {help} (element {element}; seen at {modes})").format(
                        rule=rule, help=fault["help"], element=target,
                        modes=listing(_mode_name(mode) for mode in MODES if mode in fault["modes"])),
                    _("see {url}").format(url=fault["helpUrl"]))
            for (path, rule, target), fault in sorted(faults.items())]


async def _worker(browser, work: asyncio.Queue, base_url: str, axe: str, faults: dict) -> None:
    """Take pages off the queue until it is empty, with one context of its own per layout and scheme."""
    tabs = {}
    try:
        while not work.empty():
            mode, path = work.get_nowait()
            if mode not in tabs:
                (width, height), scheme = mode
                context = await browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                                    ignore_https_errors=True,  # the guard's throwaway certificate
                                                    bypass_csp=True)  # axe is injected as a script
                await context.add_init_script(script=axe)  # sent once, not with every page: a third of the CPU
                tabs[mode] = await context.new_page()
            for violation in await _run_axe(tabs[mode], base_url + path):
                for node in violation["nodes"]:
                    key = (path, violation["id"], " ".join(node["target"][0:1]))
                    faults.setdefault(key, {**violation, "modes": set()})["modes"].add(mode)
    finally:
        for tab in tabs.values():
            await tab.context.close()


async def _run_axe(tab, url: str) -> list[dict]:
    await tab.goto(url, wait_until="load")
    return await tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                              "resultTypes: ['violations']}).then(r => r.violations)", WCAG_TAGS)


def _mode_name(mode: tuple) -> str:
    (width, _height), scheme = mode
    return f"{width}px {scheme}"


NAME = N_("Accessibility (axe-core)")
AXE = "node_modules/axe-core/axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORTS = [(390, 844), (1280, 800)]
SCHEMES = ["light", "dark"]
MODES = [(viewport, scheme) for viewport in VIEWPORTS for scheme in SCHEMES]
TABS = 2  # the CI machine's cores
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
