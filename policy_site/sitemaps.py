"""Sitemaps: Material's language selector fetches sitemap.xml next to each alternate page.

/sitemap.xml lists every page the build made (the archive index and the dated
pages included) with its hreflang alternates; /<lang>/sitemap.xml lists that
language's pages. Every other folder of pages (archive/, archive/<date>/) gets a
sitemap of its own pages only, with their alternates: that is all the selector
reads there, so the selector's requests never 404 and the sitemaps grow with the
pages, not with the pages squared. A page's <lastmod> is its effective date (the
archive index's: that of the revision in force), not the day of the build, so
builds are reproducible. hosting/precompress.py makes their gzip copies.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.structure.pages import Page

from .i18n import Languages


class Sitemaps:
    """The pages of every language's build, noted as each is rendered, and the sitemaps written from them."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, dict[str, str]]] = {}  # page URL: (lastmod, language: URL)

    def note(self, page: Page) -> None:
        """Note a page with its date and alternates, for the sitemap of its folder."""
        alternates = Languages.alternates(page.file)
        if alternates:
            self.pages[page.file.url] = (page.update_date, alternates)

    def write(self, site: Path, site_url: str, languages: Languages) -> None:
        """Write the full sitemap, one per translated language and one per folder of pages, from the pages built."""
        for prefix, uri in NAMESPACES.items():
            ET.register_namespace(prefix, uri)
        default = languages.default
        pages = sorted(self.pages)
        self._write(site / "sitemap.xml", pages, site_url, default)
        for locale in languages.locales[1:]:
            prefix = languages.prefix(locale)
            self._write(site / prefix / "sitemap.xml", [page for page in pages if page.startswith(prefix)],
                        site_url, default)
        language_roots = {languages.prefix(locale).rstrip("/") for locale in languages.locales}
        for folder, folder_pages in self._by_folder().items():
            if folder not in language_roots:
                self._write(site / folder / "sitemap.xml", folder_pages, site_url, default)

    def _write(self, path: Path, pages: list[str], site_url: str, default: str) -> None:
        tree = self._sitemap(pages, site_url)
        _add_x_default(tree, default)
        tree.write(path, encoding="UTF-8", xml_declaration=True)

    def _by_folder(self) -> dict[str, list[str]]:
        """The noted pages grouped by folder, sorted, so identical builds write identical sitemaps."""
        folders: dict[str, list[str]] = {}
        for url in sorted(self.pages):
            folders.setdefault(posixpath.dirname(url), []).append(url)
        return folders

    def _sitemap(self, pages: list[str], site_url: str) -> ET.ElementTree:
        """The entries of these pages with their alternates, shaped as mkdocs-static-i18n writes them."""
        urlset = ET.Element(URLSET)
        for page in pages:
            date, alternates = self.pages[page]
            url = ET.SubElement(urlset, f"{{{NAMESPACES['']}}}url")
            ET.SubElement(url, LOC).text = site_url + page
            if date:
                ET.SubElement(url, f"{{{NAMESPACES['']}}}lastmod").text = date
            for locale, other in alternates.items():
                ET.SubElement(url, LINK, rel="alternate", hreflang=locale, href=site_url + other)
        return ET.ElementTree(urlset)


def _add_x_default(sitemap: ET.ElementTree, default: str) -> None:
    """Readers of no listed language get the authoritative page, as the pages' own x-default link says."""
    for url in sitemap.getroot():
        original = next((a for a in url.findall(LINK) if a.get("hreflang") == default), None)
        if original is not None:
            url.append(ET.Element(LINK, rel="alternate", hreflang="x-default", href=original.get("href")))
    ET.indent(sitemap)


NAMESPACES = {"": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
URLSET = f"{{{NAMESPACES['']}}}urlset"
LOC = f"{{{NAMESPACES['']}}}loc"
LINK = f"{{{NAMESPACES['xhtml']}}}link"
