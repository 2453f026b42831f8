"""Reading built pages for the tests: the policy text, its outline, its lists and its links."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

POLICY_PAGES = ("index.html", "policy.html", "handling.html", "website.html")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(path: Path) -> Tag:
    """The policy text of a page, without Material's header, navigation and footer."""
    return soup(path).select_one("article.md-content__inner")


def text(node: Tag) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def outline(node: Tag) -> list[tuple[str, str | None]]:
    return [(h.name, h.get("id")) for h in node.find_all(re.compile(r"^h[1-6]$"))]


def list_shapes(node: Tag) -> list[list[int]]:
    """For every list in document order, the number of items it has."""
    return [[len(lst.find_all("li", recursive=False))] for lst in node.find_all(["ul", "ol"])]


def links(node: Tag) -> list[str]:
    return [a["href"] for a in node.find_all("a", href=True)]
