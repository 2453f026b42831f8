"""Sitemaps: Material's language selector fetches sitemap.xml next to each alternate page.

/sitemap.xml lists every page the build made (the archive index and the dated
pages included) with its hreflang alternates; /<lang>/sitemap.xml lists that
language's pages. Every other folder of pages (archive/, archive/<date>/) gets a
sitemap of its own pages only, with their alternates: that is all the selector
reads there, so the selector's requests never 404 and the sitemaps grow with the
pages, not with the pages squared. A page's <lastmod> is its effective date (the
archive index's: that of the revision in force), not the day of the build, so
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


@event_priority(-110)  # after mkdocs-static-i18n has written its sitemap, which this replaces
def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the full sitemap, one per translated language and one per folder of pages, from the pages built."""
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    locales = configured_locales(config)
    pages = sorted(_PAGES)
    _write(site / "sitemap.xml", pages, config.site_url, locales[0])
    for locale in locales[1:]:
        prefix = url_prefix(locale, locales)
        _write(site / prefix / "sitemap.xml", [page for page in pages if page.startswith(prefix)],
               config.site_url, locales[0])
    language_roots = {url_prefix(locale, locales).rstrip("/") for locale in locales}
    for folder, folder_pages in _pages_by_folder().items():
        if folder not in language_roots:
            _write(site / folder / "sitemap.xml", folder_pages, config.site_url, locales[0])


def _write(path: Path, pages: list[str], site_url: str, default: str) -> None:
    tree = _sitemap(pages, site_url)
    _add_x_default(tree, default)
    tree.write(path, encoding="UTF-8", xml_declaration=True)


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


def _sitemap(pages: list[str], site_url: str) -> ET.ElementTree:
    """The entries of these pages with their alternates, shaped as mkdocs-static-i18n writes them."""
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
