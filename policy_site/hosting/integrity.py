"""Every page as published: valid, pinned by Subresource Integrity, loading nothing from off the site.

Each page is finished as MkDocs renders it, after everything else that edits
it: pages, each language's 404 page, and the redirect pages written after the
build. The files a page loads are already in site_dir then: MkDocs copies static
files before it builds pages, and css_images.py rewrites the stylesheets before
they are copied. It also refuses what the Content-Security-Policy would
silently block: style="" and on*="" attributes, and resources from another origin.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..messages import _, fault


class Integrity:
    """The integrity value of each file pages load, hashed once per site build: every page loads the same few."""

    def __init__(self, site: Path, locales: list[str]) -> None:
        self.site, self.locales = site, locales
        self.renamed: dict[str, str] = {}  # stylesheets css_images.py renamed: old path: new path
        self.digests: dict[str, str] = {}

    def finish(self, html: str, built: str) -> str:
        """The page as published: refused if the CSP would break it, else valid and with every load pinned."""
        html = TOGGLE.sub(r"\1>", html, count=2)
        self._refuse_inline_attributes(built, html)
        return RESOURCE.sub(lambda match: self._pin(match, built), html)

    def _pin(self, match: re.Match, built: str) -> str:
        tag, url = match.group(0), match.group("url")
        if "integrity=" in tag:
            return tag
        if OFF_SITE.match(url):
            raise PluginError(fault(f"site/{built}", _("loads {url} from another site").format(url=url),
                                    _("copy the file into docs/assets/ and link to it there; "
                                      "this site makes no request off its own origin")))
        path = url.split("?")[0]
        key = posixpath.normpath(path[1:] if path.startswith("/") else posixpath.join(posixpath.dirname(built), path))
        if key in self.renamed:  # a stylesheet css_images.py rewrote, under the name of its new bytes
            tag = tag.replace(url, url.replace(posixpath.basename(key), posixpath.basename(self.renamed[key])))
            key = self.renamed[key]
        if key not in self.digests:
            if key.startswith("../") or not (self.site / key).is_file():
                raise PluginError(fault(f"site/{built}", _("{url} does not exist in the built site").format(url=url),
                                        _("correct the path, or add the file under docs/assets/")))
            self.digests[key] = _sri((self.site / key).read_bytes())
        return tag[:-1].rstrip("/ ") + f' integrity="{self.digests[key]}">'

    def _refuse_inline_attributes(self, built: str, html: str) -> None:
        """Blanking out script and style bodies only matters, and only costs time, on a page that may be refused."""
        if not INLINE_ATTRIBUTE.search(html):
            return
        markup = INLINE.sub(lambda e: f"<{e[1]}{e[2]}>" + "\n" * e[3].count("\n") + f"</{e[1]}>", html)
        match = INLINE_ATTRIBUTE.search(markup)
        if match:
            line = markup.count("\n", 0, match.start()) + 1
            raise PluginError(fault(f"site/{built}:{line}",
                                    _("an HTML element has a {attribute}=\"...\" attribute, which the "
                                      "Content-Security-Policy blocks").format(attribute=match.group(1)),
                                    _("find it in {source} (or a template in overrides/); move a style into "
                                      "docs/assets/ as a class, a script into the site's theme").format(
                                        source=self._source_of(built))))

    def _source_of(self, built: str) -> str:
        parts = Path(built).with_suffix(".md").parts
        return "docs/" + "/".join(parts if parts[0] in self.locales[1:] else (self.locales[0], *parts))


def _sri(data: bytes) -> str:
    """The integrity value of a file: sha384, as the SRI specification recommends."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


RESOURCE = re.compile(r'<(?:script\b[^>]*\bsrc|link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref)="(?P<url>[^"]+)"[^>]*>')
INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1>", re.S)
OFF_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
# A start tag, read word by word (possessive runs: one pass over each page), up to a style or on* attribute.
INLINE_ATTRIBUTE = re.compile(r'<[a-zA-Z](?:[^<>\s]*+\s)+?(style|on[a-z]+)\s*=')
# Material's two toggle checkboxes carry autocomplete, which HTML allows on text-like inputs only (Nu checker);
# they sit outside any block of Material's base.html, so no template override can reach them.
TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
                    r' autocomplete="off">')
