"""Sitemaps: Material's language selector fetches sitemap.xml next to each alternate page.

/sitemap.xml lists every page with its hreflang alternates; /<lang>/sitemap.xml
lists that language's pages. Every other folder of pages (archive/,
archive/<date>/) gets a sitemap of its own pages only,
with their alternates: that is all the selector reads there, so the selector's
requests never 404 and the sitemaps grow with the pages, not with the pages
squared. A page's <lastmod> is its effective date, not the day of the build, so
builds are reproducible. precompress.py makes their gzip copies.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from languages import configured_locales, url_prefix


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Each build of the site starts with no page noted; the builds of its languages add theirs."""
    if not config.plugins["i18n"].building:
        _PAGES.clear()


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Date the page by its effective date (MkDocs would use the day of the build), before the sitemap is rendered."""
    if "revision_date" in page.meta:  # pages made from templates keep MkDocs' build date (SOURCE_DATE_EPOCH)
        page.update_date = page.meta["revision_date"].isoformat()
    return markdown


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Note every page of every language with its date and alternates, for the sitemap of its folder."""
    alternates = getattr(page.file, "alternates", None)
    if alternates:
        _PAGES[page.file.url] = (page.update_date, {locale: other.url for locale, other in alternates.items()})
    return output


@event_priority(-110)  # after mkdocs-static-i18n has written the sitemap of all languages
def on_post_build(*, config: MkDocsConfig) -> None:
    """Split the full sitemap into one per translated language, and write one per folder of pages."""
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    locales = configured_locales(config)
    full = ET.parse(site / "sitemap.xml")
    _add_x_default(full, locales[0])
    full.write(site / "sitemap.xml", encoding="UTF-8", xml_declaration=True)
    for locale in locales[1:]:
        root = f"{config.site_url}{locale}/"
        tree = ET.ElementTree(ET.Element(URLSET))
        for url in full.getroot():
            if url.findtext(LOC, "").startswith(root):
                tree.getroot().append(url)
        ET.indent(tree)
        tree.write(site / locale / "sitemap.xml", encoding="UTF-8", xml_declaration=True)
    language_roots = {url_prefix(locale, locales).rstrip("/") for locale in locales}
    for folder, pages in _pages_by_folder().items():
        if folder not in language_roots:
            tree = _folder_sitemap(pages, config.site_url)
            _add_x_default(tree, locales[0])
            tree.write(site / folder / "sitemap.xml", encoding="UTF-8", xml_declaration=True)


def _add_x_default(sitemap: ET.ElementTree, default: str) -> None:
    """Readers of no listed language get the authoritative page, as the pages' own x-default link says."""
    for url in sitemap.getroot():
        original = next((a for a in url.findall(LINK) if a.get("hreflang") == default), None)
        if original is not None:
            url.append(ET.Element(LINK, rel="alternate", hreflang="x-default", href=original.get("href")))
    ET.indent(sitemap)


def _pages_by_folder() -> dict[str, list[str]]:
    """The noted pages grouped by folder, sorted, so identical builds write identical sitemaps."""
    folders: dict[str, list[str]] = {}
    for url in sorted(_PAGES):
        folders.setdefault(posixpath.dirname(url), []).append(url)
    return folders


def _folder_sitemap(pages: list[str], site_url: str) -> ET.ElementTree:
    """The entries of these pages, shaped as mkdocs-static-i18n writes them in the full sitemap."""
    urlset = ET.Element(URLSET)
    for page in pages:
        date, alternates = _PAGES[page]
        url = ET.SubElement(urlset, f"{{{NAMESPACES['']}}}url")
        ET.SubElement(url, LOC).text = site_url + page
        if date:
            ET.SubElement(url, f"{{{NAMESPACES['']}}}lastmod").text = date
        for locale, other in alternates.items():
            ET.SubElement(url, LINK, rel="alternate", hreflang=locale, href=site_url + other)
    return ET.ElementTree(urlset)


_PAGES: dict[str, tuple[str, dict[str, str]]] = {}  # page URL -> (lastmod, language -> URL), every language

NAMESPACES = {"": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
URLSET = f"{{{NAMESPACES['']}}}urlset"
LOC = f"{{{NAMESPACES['']}}}loc"
LINK = f"{{{NAMESPACES['xhtml']}}}link"
