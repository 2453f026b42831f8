"""Reading aids (やさしい日本語): each section links to the same section of the official text, and readings stay out of the menus.

A reading aid is not the policy. Under each section heading of its pages, a
link leads to that section of the default language's page (the heading ids are
the same in every language). Readings written as <ruby>個人<rt>こじん</rt></ruby>
help in the text, but in the table of contents they would run into the words.
"""

from __future__ import annotations

import re

import jinja2
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url


def link_sections_to_original(page: Page, original_url: str, env: jinja2.Environment, context: dict) -> str:
    """The page's HTML with a link to the original's same section after each section heading."""
    template = env.get_template(TEMPLATE)

    def add_link(match: re.Match) -> str:
        href = f"{get_relative_url(original_url, page.file.url)}#{match.group('id')}"
        return match.group(0) + template.render({**context, "href": href})

    return SECTION_HEADING.sub(add_link, page.content)


def drop_readings_from_toc(page: Page, html: str) -> None:
    """Table-of-contents entries read as the heading does without its ruby readings."""
    if "<rt>" not in html:
        return
    titles = {match.group("id"): _text(match.group("inner")) for match in HEADING.finditer(html)}

    def visit(items: list[AnchorLink]) -> None:
        for item in items:
            item.title = titles.get(item.id, item.title)
            visit(item.children)

    visit(page.toc.items)


def _text(inner_html: str) -> str:
    return re.sub(r"\s+", " ", TAG.sub("", READING.sub("", inner_html))).strip()


TEMPLATE = "partials/original-section.html"
SECTION_HEADING = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>.*?</h2>', re.S)
HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h(?P=level)>', re.S)
READING = re.compile(r"<rt>.*?</rt>|<rp>.*?</rp>", re.S)
TAG = re.compile(r"<[^>]+>")
