"""No scripts in Markdown: the site's Content-Security-Policy blocks them, so the page would silently break.

Raw <script> elements, inline event handlers (onclick=...) and javascript: links
are refused with the file and line, before they are published.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..messages import N_, _, fault


def check_scripts(html: str, source: Path, root: Path) -> None:
    """Look at the HTML the Markdown became, so code examples (escaped) never count."""
    finder = _ScriptFinder()
    finder.feed(html)
    if not finder.found:
        return
    what, needle, name = finder.found[0]
    raise PluginError(fault(f"{source.relative_to(root).as_posix()}:{_line_of(source, needle)}",
                            _("the page contains {what}; the site's security policy blocks scripts written into pages, "
                              "so it would not work for readers").format(what=_(what).format(attribute=name)),
                            _("remove it. Write the text in plain Markdown; if the page truly needs "
                              "a script, ask the web team to add it to the site's theme")))


class _ScriptFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (what, text to find its line by, attribute)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append((N_("a <script> element"), "<script", tag))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((N_("an event handler attribute ({attribute}=...)"), name, name))
            elif name in URL_ATTRIBUTES and JAVASCRIPT_URL.match(value or ""):
                self.found.append((N_("a 'javascript:' link ({attribute}=...)"), "javascript:", name))


def _line_of(source: Path, needle: str) -> int:
    """The first line holding the offending text; line 1 if the Markdown spelt it differently."""
    lines = source.read_text(encoding="utf-8").lower().split("\n")
    return next((number for number, line in enumerate(lines, 1) if needle in line), 1)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
JAVASCRIPT_URL = re.compile(r"\s*javascript:", re.I)
