"""Every script and stylesheet a page loads carries Subresource Integrity; nothing a page loads is off the site.

This is the last pass over the finished HTML (after mkdocs-static-i18n and
every other hook), so pages any hook adds are covered too. It also refuses
what the Content-Security-Policy would silently block: style="" and on*=""
attributes, and resources from another origin.
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

from languages import configured_locales


@event_priority(-200)  # after mkdocs-static-i18n (-100) and the per-language hooks (-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Pin each script and stylesheet to its bytes, so a tampered or stale file is refused by the browser."""
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    digests: dict[str, str] = {}  # every page loads the same few files: hash each once
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        _refuse_inline_attributes(page.relative_to(site), html, configured_locales(config))
        pinned = RESOURCE.sub(lambda match: _pin(match, page, site, digests), html)
        if pinned != html:
            page.write_text(pinned, encoding="utf-8")


def _sri(data: bytes) -> str:
    """The integrity value of a file: sha384, as the SRI specification recommends."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def _pin(match: re.Match, page: Path, site: Path, digests: dict[str, str]) -> str:
    tag, url = match.group(0), match.group("url")
    where = page.relative_to(site)
    if "integrity=" in tag:
        return tag
    if OFF_SITE.match(url):
        raise PluginError(f"site/{where}: loads {url} from another site\n"
                          f"  How to fix: copy the file into docs/assets/ and link to it there; "
                          f"this site makes no request off its own origin")
    path = site / url.lstrip("/") if url.startswith("/") else page.parent / url.split("?")[0]
    key = posixpath.normpath(path.as_posix())
    if key not in digests:
        if not path.resolve().is_file():
            raise PluginError(f"site/{where}: {url} does not exist in the built site\n"
                              f"  How to fix: correct the path, or add the file under docs/assets/")
        digests[key] = _sri(path.read_bytes())
    return tag[:-1].rstrip("/ ") + f' integrity="{digests[key]}">'


def _refuse_inline_attributes(where: Path, html: str, locales: list[str]) -> None:
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


RESOURCE = re.compile(r'<(?:script\b[^>]*\bsrc|link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref)="(?P<url>[^"]+)"[^>]*>')
INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1>", re.S)
OFF_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
INLINE_ATTRIBUTE = re.compile(r'<[a-zA-Z][^<>]*?\s(style|on[a-z]+)\s*=', re.S)
