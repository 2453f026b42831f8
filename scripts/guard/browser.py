"""Every page in chromium as members see it, at its real address under the site's CSP: one walk serves axe, the
page weight's first views and the checks of each page's own loading (nothing the CSP blocks, no script error, no
request off the site).

Each page is loaded once per width with the browser's cache off, a first view, read in light, then switched to
dark with Material's own palette toggle, as a member switches it: the dark scheme changes only colours, so a
second load would show axe nothing new."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import NamedTuple

from guard import accessibility, page_weight
from guard.site import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS, Finding, Server, Site, run_to_the_end
from policy_site.messages import N_, _, listing


class Walk(NamedTuple):
    """What the walk found: axe's faults, the page loads' faults, and each page's first view (page_weight.check)."""
    accessibility: list[Finding]
    loads: list[Finding]
    first_views: dict[str, dict[str, int]]


def check(site: Site, server: Server, axe: bool = True) -> Walk:
    """Every page at each width, in each colour scheme: the faults differ between them. Without axe (make check
    --skip accessibility) the pages are still loaded, checked and weighed."""
    found = run_to_the_end(_walk(site, server, axe))
    faults, problems = found.faults, found.problems
    axe_findings = [Finding(accessibility.NAME, path, _("{rule}: {help} (element {element}; seen at {modes})").format(
                                rule=rule, help=fault["help"], element=target, modes=_modes(fault["modes"])),
                            _("see {url}").format(url=fault["helpUrl"]))
                    for (path, rule, target), fault in sorted(faults.items())]
    load_findings = [Finding(NAME, path, _("{problem} (seen at {modes})").format(problem=problem, modes=_widths(widths)),
                             _(FIXES[kind])) for (path, kind, problem), widths in sorted(problems.items())]
    return Walk(axe_findings, load_findings, found.first_views)


@dataclass
class _Found:
    faults: dict[tuple[str, str, str], dict] = field(default_factory=dict)  # (page, rule, element): axe's violation
    problems: dict[tuple[str, str, str], set] = field(default_factory=dict)  # (page, kind, problem): the widths
    first_views: dict[str, dict[str, int]] = field(default_factory=dict)  # page: file: compressed size


async def _walk(site: Site, server: Server, axe: bool) -> _Found:
    """TABS tabs at once: axe is CPU-bound in the browser, the rest waits; each tab keeps its width."""
    from playwright.async_api import async_playwright

    work: asyncio.Queue = asyncio.Queue()
    for viewport in VIEWPORTS:
        for page in site.pages.values():
            if page.redirect_target is None:
                work.put_nowait((viewport, page.path))
    found = _Found()
    script = VIOLATION_RECORDER + (accessibility.script() if axe else "")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + server.chrome_flags)
        try:
            await asyncio.gather(*(_worker(browser, work, site, script, axe, found) for _ in range(TABS)))
        finally:
            await browser.close()
    return found


async def _worker(browser, work: asyncio.Queue, site: Site, script: str, axe: bool, found: _Found) -> None:
    """Take pages off the queue until it is empty, with a tab of its own for each width."""
    tabs: dict[tuple, _Tab] = {}
    try:
        while not work.empty():
            viewport, path = work.get_nowait()
            if viewport not in tabs:
                tabs[viewport] = await _Tab.open(browser, viewport, script, site.site_url)
            tab = tabs[viewport]
            seen = await tab.load(path)
            page_weight.record(found.first_views.setdefault(path, {}),
                               await tab.tab.evaluate(page_weight.LOADED_BEFORE_LOAD), site.root, site.site_url)
            if axe:
                _note(found.faults, path, (viewport, "light"), await accessibility.violations(tab.tab, "light"))
            await tab.tab.wait_for_load_state("networkidle")  # Material's bundle, loaded after the load event
            await tab.switch("dark")
            if axe:
                _note(found.faults, path, (viewport, "dark"), await accessibility.violations(tab.tab, "dark"))
            await tab.switch("light")  # the next page opens as a member's first view does
            seen += [("blocked", text) for text in await tab.tab.evaluate("window.__violations")]
            for kind, problem in seen:
                found.problems.setdefault((path, kind, problem), set()).add(viewport)
    finally:
        for tab in tabs.values():
            await tab.tab.context.close()


class _Tab:
    """A tab at one width, its cache off, noting what goes wrong while it loads each page and switches colours."""

    @classmethod
    async def open(cls, browser, viewport: tuple[int, int], script: str, site_url: str) -> _Tab:
        width, height = viewport
        context = await browser.new_context(viewport={"width": width, "height": height}, color_scheme="light",
                                            ignore_https_errors=True)  # the guard's throwaway certificate
        await context.add_init_script(script=script)
        return cls(await page_weight.first_view_tab(context), site_url)

    def __init__(self, tab, site_url: str):
        self.tab, self.site_url, self.url, self.seen = tab, site_url, "", []
        tab.on("console", lambda message: message.type in ("error", "warning") and message.location["url"] != self.url
               and self.seen.append(("script", _("console: {text}").format(text=message.text))))
        tab.on("pageerror", lambda error: self.seen.append(("script", _("script error: {error}").format(error=error))))
        tab.on("request", lambda request: not request.url.startswith((site_url, "data:"))
               and self.seen.append(("blocked", _("request off the site: {url}").format(url=request.url))))
        tab.on("requestfailed", lambda request: request.failure not in EXPECTED_FAILURES
               and self.seen.append(("missing", _("failed: {url}").format(url=request.url))))
        tab.on("response", lambda response: response.status >= 400 and response.url != self.url
               and self.seen.append(("missing", _("{status} for {url}").format(status=response.status,
                                                                              url=response.url))))

    async def load(self, path: str) -> list[tuple[str, str]]:
        """Open the page at its real address; (kind, problem) of what went wrong so far (the CSP's are read after)."""
        self.url, self.seen = self.site_url + path, []
        response = await self.tab.goto(self.url, wait_until="load")
        if response.status != 200:
            self.seen.append(("missing", _("status {status}").format(status=response.status)))
        if "content-security-policy" not in response.headers:
            self.seen.append(("missing", _("served without its Content-Security-Policy header")))
        return self.seen

    async def switch(self, scheme: str) -> None:
        """Click the palette toggle to the scheme, as a member does, and wait until the colours have changed: the
        scheme's palette is the one mkdocs.yml gives for that system setting, read from the page."""
        palette = await self.tab.evaluate(PALETTE_FOR, scheme)
        toggle = self.tab.locator(f"label[for={palette['input']}]") if palette else None
        if toggle is None or not await toggle.count():
            self.seen.append(("script", _(NO_TOGGLE[scheme])))
            return
        if await self.tab.evaluate(IN_SCHEME, palette["scheme"]):
            return
        await toggle.click()
        await self.tab.wait_for_function(IN_SCHEME, arg=palette["scheme"])
        await self.tab.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")


def _note(faults: dict, path: str, mode: tuple, violations: list[dict]) -> None:
    """A fault once per page, rule and element, with every mode it was seen in."""
    for violation in violations:
        for node in violation["nodes"]:
            key = (path, violation["id"], " ".join(node["target"][0:1]))
            faults.setdefault(key, {**violation, "modes": set()})["modes"].add(mode)


def _modes(modes: set) -> str:
    return listing(f"{width}px {scheme}" for (width, _height), scheme in MODES if ((width, _height), scheme) in modes)


def _widths(viewports: set) -> str:
    return listing(f"{width}px" for width, _height in VIEWPORTS if (width, _height) in viewports)


NAME = N_("Page loads in chromium (CSP, scripts, requests)")
SCHEMES = ["light", "dark"]
MODES = [(viewport, scheme) for viewport in VIEWPORTS for scheme in SCHEMES]
# Material's palette option for a system setting (light, dark): its input, whose label switches to it, and its scheme
PALETTE_FOR = """scheme => {
  const input = document.querySelector(`input[data-md-color-media="(prefers-color-scheme: ${scheme})"]`);
  return input && {input: input.id, scheme: input.dataset.mdColorScheme};
}"""
IN_SCHEME = "scheme => document.body.dataset.mdColorScheme === scheme"
NO_TOGGLE = {"light": N_("no palette toggle to switch back to light colours"),
             "dark": N_("no palette toggle to switch to dark colours")}
TABS = 3  # the CI machine's cores, and one more for the waits on the network's idle
# What to do, by the kind of problem.
FIXES = {"blocked": N_("the site loads only its own files, with no inline script or style (its CSP): move what the "
                       "page added into a file of the theme (overrides/), or remove it"),
         "missing": N_("a file the page needs is missing from the build or not served: run make check again; if it "
                       "persists, correct the page's address for it or the server configuration (site-nginx/)"),
         "script": N_("open the page at that width in chromium's developer tools (F12) to see the cause; a change "
                      "to the theme's templates (overrides/) is the usual one")}
# Failed requests told otherwise: one cut short as the tab moves on to the next page (a missing file is a 404),
# and one the CSP refused (its violation names it).
EXPECTED_FAILURES = {"net::ERR_ABORTED", "csp"}
# Each violation of the Content-Security-Policy, as the page sees it (the console words them differently).
VIOLATION_RECORDER = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`CSP: ${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
});
"""
