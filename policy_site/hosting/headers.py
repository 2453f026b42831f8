"""The files a web host reads beside the pages: HTTP headers for Netlify, Cloudflare Pages and nginx, robots.txt, security.txt.

All headers come from the headers file (hosting/headers.yml); the
Content-Security-Policy gets the hash of every inline script and style element
of the finished pages, so it never needs 'unsafe-inline'. The hashes are taken
as each page of each language is finished, and the files written once, after
every language is built. The security.txt contact comes from mkdocs.yml.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import yaml
from mkdocs.exceptions import PluginError

from ..dates import build_date
from ..messages import _, fault, listing
from .integrity import INLINE


class InlineHashes:
    """The CSP hash sources of the inline code of every finished page, over every language's build."""

    def __init__(self) -> None:
        self.found: dict[str, set[str]] = {}  # CSP directive: hash sources

    def add(self, html: str) -> None:
        for element, attributes, body in INLINE.findall(html):
            if not body or "src=" in attributes or DATA_BLOCK.search(attributes):
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            self.found.setdefault(f"{element}-src", set()).add(f"'sha256-{digest}'")

    def sorted(self) -> dict[str, list[str]]:
        """Sorted, so identical builds write identical headers."""
        return {name: sorted(found) for name, found in sorted(self.found.items())}


def write_hosting_files(site: Path, site_url: str, headers_file: Path, security: dict, locales: list[str],
                        hashes: InlineHashes) -> None:
    """Write every host's configuration from the one source, with the hashes of this build's inline code."""
    policy = _read_policy(headers_file)
    host = urlsplit(site_url).hostname
    values = {
        "headers": _http_headers(policy, hashes.sorted()),
        "cache": policy["cache"],
        "fingerprinted": sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if FINGERPRINT.search(p.name)),
        "fingerprint_pattern": FINGERPRINT.pattern,
        "host": host,
        "site_url": site_url,
        "translated": locales[1:],
        "languages": locales,
        "security": security,
        "expires": _expires(security["expires_days"]),
        "headers_source": headers_file.name,
        "root": f"/var/www/{host}",
        "headers_path": f"snippets/{NGINX_HEADERS}",  # relative: nginx reads it beside its nginx.conf
        "site_conf": f"{host}.conf",
    }
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    outputs = {"_headers": "_headers.j2", f"{NGINX_FOLDER}/{NGINX_HEADERS}": "nginx-headers.conf.j2",
               f"{NGINX_FOLDER}/{values['site_conf']}": "nginx-site.conf.j2",
               ".well-known/security.txt": "security.txt.j2", "robots.txt": "robots.txt.j2"}
    for target, template in outputs.items():
        path = site / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(env.get_template(template).render(values), encoding="utf-8")


def _read_policy(path: Path) -> dict:
    """The headers file, checked enough that a typo fails the build rather than weakening the site."""
    where = f"{path.parent.name}/{path.name}"
    try:
        policy = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(fault(where, _("cannot be read ({error})").format(error=error),
                                _("restore it with: git checkout {file}").format(file=where))) from None
    missing = [key for key in ("content_security_policy", "hsts", "headers", "cache") if key not in (policy or {})]
    if missing:
        raise PluginError(fault(where, _("missing {keys}").format(keys=listing(missing)),
                                _("compare with the copy in git: git diff {file}").format(file=where)))
    for name, value in policy["headers"].items():
        if '"' in str(value) or "\n" in str(value):
            raise PluginError(fault(where, _("the value of {name} contains a double quote or a line break").format(
                name=name), _("write the header value on one line, without \"")))
    return policy


def _http_headers(policy: dict, hashes: dict[str, list[str]]) -> dict[str, str]:
    """Every header with its final value: the CSP with this build's hashes, then HSTS, then the rest."""
    directives = {name: list(sources) for name, sources in policy["content_security_policy"].items()}
    for directive, found in hashes.items():
        directives[directive] = directives.get(directive, []) + found
    hsts = policy["hsts"]
    return {
        "Content-Security-Policy": "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items()),
        "Strict-Transport-Security": f"max-age={hsts['max_age']}"
                                     + ("; includeSubDomains" if hsts["include_subdomains"] else "")
                                     + ("; preload" if hsts["preload"] else ""),
        **{name: str(value) for name, value in policy["headers"].items()},
    }


def _expires(days: int) -> str:
    """Counted from the build date, the build's only clock input, so the same sources give the same bytes."""
    return (build_date() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT00:00:00Z")


TEMPLATES = Path(__file__).parent / "templates"
NGINX_HEADERS = "security-headers.conf"
NGINX_FOLDER = "_nginx"  # scripts/build_output.py moves it out of the web root, to site-nginx/
# Material's bundle names carry eight hex digits of their content: main.57a0d79d.min.css.
FINGERPRINT = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)$")
# <script type="application/json"> is data, never run: the CSP does not apply to it.
DATA_BLOCK = re.compile(r'\btype="(?!(?:text|application)/javascript|module)[^"]*"')
