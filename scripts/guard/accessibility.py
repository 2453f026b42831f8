"""Accessibility: axe-core in chromium finds no WCAG 2.2 A/AA violation, on phones and desktops, light and dark."""

from __future__ import annotations

from guard.site import TOOLS, Finding, Site
from policy_site.messages import N_, _, listing


def check(site: Site, base_url: str) -> list[Finding]:
    """Every page in every layout and colour scheme a member may see: the faults differ between them."""
    from playwright.sync_api import sync_playwright

    axe = (TOOLS / AXE).read_text(encoding="utf-8")
    faults: dict[tuple[str, str, str], dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for width, height in VIEWPORTS:
                for scheme in SCHEMES:
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                                  ignore_https_errors=True,  # the guard's throwaway certificate
                                                  bypass_csp=True)  # axe is injected as a script
                    tab = context.new_page()
                    for page in site.pages.values():
                        if page.redirect_target is not None:
                            continue
                        for violation in _run_axe(tab, base_url + page.path, axe):
                            for node in violation["nodes"]:
                                key = (page.path, violation["id"], " ".join(node["target"][0:1]))
                                fault = faults.setdefault(key, {**violation, "modes": []})
                                fault["modes"].append(f"{width}px {scheme}")
                    context.close()
        finally:
            browser.close()
    return [Finding(NAME, path, _("{rule}: {help} (element {element}; seen at {modes})").format(
                        rule=rule, help=fault["help"], element=target, modes=listing(fault["modes"])),
                    _("see {url}").format(url=fault["helpUrl"]))
            for (path, rule, target), fault in faults.items()]


def _run_axe(tab, url: str, axe: str) -> list[dict]:
    tab.goto(url, wait_until="load")
    tab.add_script_tag(content=axe)
    return tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
                        WCAG_TAGS)


NAME = N_("Accessibility (axe-core)")
AXE = "node_modules/axe-core/axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORTS = [(390, 844), (1280, 800)]
SCHEMES = ["light", "dark"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
