"""No scripts in Markdown: the site's Content-Security-Policy blocks them, so the page would silently break.

Raw <script> elements, inline event handlers (onclick=...) and javascript: links
are refused with the file and line, before they are published.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import history


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Look at the HTML the Markdown became, so code examples (escaped) never count."""
    if page.file.abs_src_path is None:
        return html  # rendered from the project's own templates, not written by an author
    if history.frozen_date(page.file.abs_src_path):
        return html
    finder = _ScriptFinder()
    finder.feed(html)
    if not finder.found:
        return html
    source = Path(page.file.abs_src_path)
    where = source.relative_to(Path(config.config_file_path).parent).as_posix()
    what, needle = finder.found[0]
    raise PluginError(f"{where}:{_line_of(source, needle)}: the page contains {what}; the site's security "
                      f"policy blocks scripts written into pages, so it would not work for readers\n"
                      f"  How to fix: remove it. Write the text in plain Markdown; if the page truly needs "
                      f"a script, ask the web team to add it to the site's theme")


class _ScriptFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append(("a <script> element", "<script"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((f"an event handler attribute ({name}=...)", name))
            elif name in URL_ATTRIBUTES and JAVASCRIPT_URL.match(value or ""):
                self.found.append((f"a 'javascript:' link ({name}=...)", "javascript:"))


def _line_of(source: Path, needle: str) -> int:
    """The first line holding the offending text; line 1 if the Markdown spelt it differently."""
    lines = source.read_text(encoding="utf-8").lower().split("\n")
    return next((number for number, line in enumerate(lines, 1) if needle in line), 1)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
JAVASCRIPT_URL = re.compile(r"\s*javascript:", re.I)
