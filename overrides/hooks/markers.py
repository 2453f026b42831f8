"""Replace marker comments in Markdown (<!-- signature -->) with content rendered from a template.

Authors place generated content where it belongs; its HTML lives in overrides/partials/markers/.
"""

from __future__ import annotations

import re

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Keep the build's own environment (one per language build): a new one per page recompiles every template."""
    _ENV[:] = [env]
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Render each marker with the full page context, so dates and strings are localised."""
    if "<!--" not in (page.content or ""):
        return context

    def render(match: re.Match) -> str:
        return _ENV[0].get_template(f"partials/markers/{match.group(1)}.html").render(context)

    page.content = MARKER.sub(render, page.content)
    return context


_ENV: list[jinja2.Environment] = []  # the current build's, set by on_env
MARKER = re.compile(r"<!--\s*(signature|archive-index)\s*-->")
