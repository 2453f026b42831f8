"""A sitemap per language: Material's language selector fetches sitemap.xml next to each alternate page.

/sitemap.xml lists every page with its hreflang alternates; /<lang>/sitemap.xml
lists that language's pages, and every other folder of pages (archive/<date>/)
gets a copy of its language's, so the selector's requests never 404. A page's
<lastmod> is its effective date, not the day of the build, so builds are reproducible.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from languages import configured_locales


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Date the page by its effective date (MkDocs would use the day of the build), before the sitemap is rendered."""
    if "revision_date" in page.meta:  # pages made from templates keep MkDocs' build date (SOURCE_DATE_EPOCH)
        page.update_date = page.meta["revision_date"].isoformat()
    return markdown


@event_priority(-110)  # after mkdocs-static-i18n has written the sitemap of all languages
def on_post_build(*, config: MkDocsConfig) -> None:
    """Split the full sitemap into one per translated language; gzip it without a timestamp."""
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    full = ET.parse(site / "sitemap.xml")
    _add_x_default(full, configured_locales(config)[0])
    full.write(site / "sitemap.xml", encoding="UTF-8", xml_declaration=True)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress((site / "sitemap.xml").read_bytes(), mtime=0))
    for locale in configured_locales(config)[1:]:
        root = f"{config.site_url}{locale}/"
        tree = ET.ElementTree(ET.Element(f"{{{NAMESPACES['']}}}urlset"))
        for url in full.getroot():
            if url.findtext(f"{{{NAMESPACES['']}}}loc", "").startswith(root):
                tree.getroot().append(url)
        ET.indent(tree)
        tree.write(site / locale / "sitemap.xml", encoding="UTF-8", xml_declaration=True)
    _copy_into_page_folders(site, configured_locales(config))


def _add_x_default(sitemap: ET.ElementTree, default: str) -> None:
    """Readers of no listed language get the authoritative page, as the pages' own x-default link says."""
    link = f"{{{NAMESPACES['xhtml']}}}link"
    for url in sitemap.getroot():
        original = next((a for a in url.findall(link) if a.get("hreflang") == default), None)
        if original is not None:
            url.append(ET.Element(link, rel="alternate", hreflang="x-default", href=original.get("href")))
    ET.indent(sitemap)


def _copy_into_page_folders(site: Path, locales: list[str]) -> None:
    """Pages in subfolders (archive/<date>/) get their language's sitemap next to them too."""
    for folder in sorted({page.parent for page in site.rglob("*.html")}):
        top = folder.relative_to(site).parts[:1]
        source = site / top[0] if top and top[0] in locales[1:] else site
        if not (folder / "sitemap.xml").exists():
            (folder / "sitemap.xml").write_bytes((source / "sitemap.xml").read_bytes())


NAMESPACES = {"": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
