"""Accessibility: axe-core in chromium finds no WCAG 2.2 A/AA violation, on phones and desktops, light and dark.

The pages are loaded by the browser walk (guard/browser.py), which runs axe on each as it loads it.
"""

from __future__ import annotations

from guard.site import TOOLS
from policy_site.messages import N_


def script() -> str:
    """axe itself, given to each tab once as an init script, not sent with every page: a third of the CPU."""
    return (TOOLS / AXE).read_text(encoding="utf-8")


async def violations(tab, scheme: str) -> list[dict]:
    """The WCAG A/AA violations on the page the tab shows. The dark scheme changes only colours (Material's
    palette swaps its colour variables), so there only the rules that read colours run: half of axe's time."""
    rules = {"type": "tag", "values": WCAG_TAGS} if scheme == "light" else {"type": "rule", "values": COLOUR_RULES}
    return await tab.evaluate("runOnly => axe.run(document, {runOnly, resultTypes: ['violations']})"
                              ".then(r => r.violations)", rules)


NAME = N_("Accessibility (axe-core)")
AXE = "node_modules/axe-core/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # the WCAG A/AA rules whose result depends on colour
