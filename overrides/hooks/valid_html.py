"""Valid HTML: drop the autocomplete attribute Material puts on its two toggle checkboxes.

HTML allows autocomplete on text-like inputs only, so the Nu Html Checker
reports both on every page. They sit outside any block of Material's
base.html, so no template override can reach them.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Every page."""
    return _drop_autocomplete(output)


@event_priority(10)  # before not_found.py copies the 404 page of each language
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page, which is a theme template rather than a page."""
    return _drop_autocomplete(output_content) if template_name == "404.html" else output_content


def _drop_autocomplete(html: str) -> str:
    return TOGGLE.sub(r"\1>", html, count=2)


TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
                    r' autocomplete="off">')
