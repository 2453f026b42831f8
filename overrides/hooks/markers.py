"""Replace marker comments in Markdown (<!-- signature -->) with content rendered from a template.

Authors place generated content where it belongs; its HTML lives in overrides/partials/markers/.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Render each marker with the full page context, so dates and strings are localised."""
    if "<!--" not in (page.content or ""):
        return context
    env = config.theme.get_env()

    def render(match: re.Match) -> str:
        return env.get_template(f"partials/markers/{match.group(1)}.html").render(context)

    page.content = MARKER.sub(render, page.content)
    return context


MARKER = re.compile(r"<!--\s*(signature|archive-index|changes)\s*-->")
