"""What the served headers must be, worked out independently of the build: hosting/headers.yml plus the inline code found by a real HTML parser."""

from __future__ import annotations

import base64
import functools
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import yaml

from project_facts import ROOT

POLICY = yaml.safe_load((ROOT / "hosting" / "headers.yml").read_text(encoding="utf-8"))


@functools.cache
def expected_headers(site: Path) -> dict[str, str]:
    """Every header name with the exact value a response must carry."""
    directives = {name: list(sources) for name, sources in POLICY["content_security_policy"].items()}
    for directive, hashes in inline_hashes(site).items():
        directives[directive] += sorted(hashes)
    hsts = POLICY["hsts"]
    return {
        "Content-Security-Policy": "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items()),
        "Strict-Transport-Security": f"max-age={hsts['max_age']}" + "; includeSubDomains" * hsts["include_subdomains"]
                                     + "; preload" * hsts["preload"],
        **POLICY["headers"],
    }


def header_rules(site: Path) -> dict[str, dict[str, str]]:
    """The rules of the built _headers file (Netlify's and Cloudflare Pages' syntax): path, then its headers."""
    rules: dict[str, dict[str, str]] = {}
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            path = line
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            rules.setdefault(path, {})[name] = value
    return rules


def inline_hashes(site: Path) -> dict[str, set[str]]:
    """The CSP hash of every inline script (not data blocks) and style element in the built pages."""
    found: dict[str, set[str]] = {"script-src": set(), "style-src": set()}
    for page in site.rglob("*.html"):
        parser = Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attributes, text in parser.elements:
            if tag not in ("script", "style") or not text or "src" in attributes:
                continue
            if tag == "script" and attributes.get("type", "text/javascript") not in ("text/javascript", "module"):
                continue
            digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
            found[f"{tag}-src"].add(f"'sha256-{digest}'")
    return {directive: hashes for directive, hashes in found.items() if hashes}


class Elements(HTMLParser):
    """Every element with its attributes; script and style elements also with their exact text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.elements: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._open, self._text = (tag, dict(attrs)), []
        else:
            self.elements.append((tag, dict(attrs), ""))

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self.elements.append((*self._open, "".join(self._text)))
            self._open = None
