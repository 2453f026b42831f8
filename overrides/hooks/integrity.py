"""Every script and stylesheet a page loads carries Subresource Integrity; nothing a page loads is off the site.

Each page is pinned and checked as MkDocs renders it, last of the hooks that
edit it: pages (on_post_page), the 404 page (on_post_template, before
not_found.py routes it to its language's folder), and the pages redirects.py
writes after the build. The files a page loads are already in site_dir then:
MkDocs copies static files before it builds pages, and css_images.py rewrites
the stylesheets before they are copied. It also refuses what the
Content-Security-Policy would silently block: style="" and on*="" attributes,
and resources from another origin.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from languages import configured_locales, current_locale, url_prefix
from redirects import redirect_pages


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Hash each build's own copies: `mkdocs serve` rebuilds after a stylesheet or script changed."""
    _DIGESTS.clear()


@event_priority(-200)  # last, after every hook that edits the page (mkdocs-static-i18n is at -100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Pin each script and stylesheet to its bytes, so a tampered or stale file is refused by the browser."""
    return _finished(output, page.file.dest_uri, config)


@event_priority(5)  # after valid_html.py (10), before not_found.py (0) swaps in the default language's 404 page
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page; it lands in its language's folder."""
    if not template_name.endswith(".html"):
        return output_content
    built = url_prefix(current_locale(config), configured_locales(config)) + template_name
    return _finished(output_content, built, config)


@event_priority(-200)  # after redirects.py (-110) has written its pages
def on_post_build(*, config: MkDocsConfig) -> None:
    """The redirect pages are written after every language is built, so no page event saw them."""
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    for built in redirect_pages(config):
        path = site / built
        path.write_text(_finished(path.read_text(encoding="utf-8"), built, config), encoding="utf-8")


def _finished(html: str, built: str, config: MkDocsConfig) -> str:
    """The page as published: refused if the CSP would break it, else with every load pinned."""
    _refuse_inline_attributes(Path(built), html, configured_locales(config))
    site = Path(config.site_dir)
    return RESOURCE.sub(lambda match: _pin(match, built, site), html)


def _sri(data: bytes) -> str:
    """The integrity value of a file: sha384, as the SRI specification recommends."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def _pin(match: re.Match, built: str, site: Path) -> str:
    """Each file is hashed once per build, from the bytes MkDocs has already copied into site_dir."""
    tag, url = match.group(0), match.group("url")
    if "integrity=" in tag:
        return tag
    if OFF_SITE.match(url):
        raise PluginError(f"site/{built}: loads {url} from another site\n"
                          f"  How to fix: copy the file into docs/assets/ and link to it there; "
                          f"this site makes no request off its own origin")
    path = url.split("?")[0]
    key = posixpath.normpath(path[1:] if path.startswith("/") else posixpath.join(posixpath.dirname(built), path))
    if key not in _DIGESTS:
        if key.startswith("../") or not (site / key).is_file():
            raise PluginError(f"site/{built}: {url} does not exist in the built site\n"
                              f"  How to fix: correct the path, or add the file under docs/assets/")
        _DIGESTS[key] = _sri((site / key).read_bytes())
    return tag[:-1].rstrip("/ ") + f' integrity="{_DIGESTS[key]}">'


def _refuse_inline_attributes(where: Path, html: str, locales: list[str]) -> None:
    """Blanking out script and style bodies only matters, and only costs time, on a page that may be refused."""
    if not INLINE_ATTRIBUTE.search(html):
        return
    markup = INLINE.sub(lambda e: f"<{e[1]}{e[2]}>" + "\n" * e[3].count("\n") + f"</{e[1]}>", html)
    match = INLINE_ATTRIBUTE.search(markup)
    if match:
        line = markup.count("\n", 0, match.start()) + 1
        raise PluginError(f"site/{where}:{line}: an HTML element has a {match.group(1)}=\"...\" attribute, "
                          f"which the Content-Security-Policy blocks\n"
                          f"  How to fix: find it in {_source_of(where, locales)} (or a template in overrides/); "
                          f"move a style into docs/assets/kuruko.css as a class, a script into docs/assets/javascripts/")


def _source_of(built: Path, locales: list[str]) -> str:
    parts = built.with_suffix(".md").parts
    return "docs/" + "/".join(parts if parts[0] in locales[1:] else (locales[0], *parts))


_DIGESTS: dict[str, str] = {}  # path in the site: integrity value; every page loads the same few files

RESOURCE = re.compile(r'<(?:script\b[^>]*\bsrc|link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref)="(?P<url>[^"]+)"[^>]*>')
INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1>", re.S)
OFF_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
# A start tag, read word by word (possessive runs: one pass over each page), up to a style or on* attribute.
INLINE_ATTRIBUTE = re.compile(r'<[a-zA-Z](?:[^<>\s]*+\s)+?(style|on[a-z]+)\s*=')
