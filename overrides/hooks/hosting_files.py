"""The files a web host reads beside the pages: HTTP headers for Netlify, Cloudflare Pages and nginx, robots.txt, security.txt.

All headers come from hosting/headers.yml; the Content-Security-Policy gets
the hash of every inline script and style element of the finished pages, so
it never needs 'unsafe-inline'. The hashes are taken as MkDocs renders each
page of each language (and from redirects.py's pages), and written once, by
the default language's build. The security.txt contact comes from mkdocs.yml
(extra > security).
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
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from build_date import build_date
from integrity import INLINE
from languages import configured_locales
from redirects import redirect_pages


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember a live preview: `mkdocs serve` swaps site_url for its own http:// address."""
    _PREVIEW[0] = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Refuse a site URL or security contact that would publish a broken security.txt or an HTTP site."""
    if urlsplit(config.site_url or "").scheme != "https" and not _PREVIEW[0]:
        raise PluginError(f"mkdocs.yml: site_url is '{config.site_url}', not an https:// address\n"
                          f"  How to fix: write site_url: https://... (the site is served over HTTPS only)")
    security = config.extra.get("security") or {}
    contacts = security.get("contact")
    if not isinstance(contacts, list) or not contacts or not all(CONTACT.match(str(c)) for c in contacts):
        raise PluginError("mkdocs.yml: extra > security > contact must list one or more mailto: or https:// addresses\n"
                          "  How to fix: write, under extra > security, contact: [mailto:security@example.org]")
    days = security.get("expires_days")
    if not isinstance(days, int) or not 0 < days < 365:
        raise PluginError(f"mkdocs.yml: extra > security > expires_days is '{days}'\n"
                          f"  How to fix: give a whole number of days from 1 to 364 (RFC 9116: less than a year)")
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Start the hashes with the default language's build; the other languages' builds run inside it and add theirs."""
    if not config.plugins["i18n"].building:
        _INLINE_HASHES.clear()


@event_priority(-200)  # last, after every hook that edits the page (mkdocs-static-i18n is at -100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Hash the page's inline code while MkDocs holds it, rather than reading every page back."""
    _add_inline_hashes(output)
    return output


@event_priority(5)  # before not_found.py (0) swaps in the default language's 404 page
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page of each language, a theme template rather than a page."""
    if template_name.endswith(".html"):
        _add_inline_hashes(output_content)
    return output_content


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and redirects.py (-110) its pages
def on_post_build(*, config: MkDocsConfig) -> None:
    """Write every host's configuration from the one source, with the hashes of this build's inline code."""
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    for page in redirect_pages(config):  # written after every language is built, so no page event saw them
        _add_inline_hashes((site / page).read_text(encoding="utf-8"))
    hosting = Path(config.config_file_path).parent / HOSTING
    policy = _read_policy(hosting / POLICY_FILE)
    values = {
        "headers": _http_headers(policy, {name: sorted(found) for name, found in sorted(_INLINE_HASHES.items())}),
        "cache": policy["cache"],
        "fingerprinted": sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if FINGERPRINT.search(p.name)),
        "fingerprint_pattern": FINGERPRINT.pattern,
        "host": urlsplit(config.site_url).hostname,
        "site_url": config.site_url,
        "translated": configured_locales(config)[1:],
        "languages": configured_locales(config),
        "security": config.extra["security"],
        "expires": _expires(config.extra["security"]["expires_days"]),
    }
    values["root"] = f"/var/www/{values['host']}"
    values["headers_path"] = f"/etc/nginx/snippets/{NGINX_HEADERS}"
    values["headers_conf"], values["site_conf"] = f"site/_nginx/{NGINX_HEADERS}", f"site/_nginx/{values['host']}.conf"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(hosting), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    outputs = {"_headers": "_headers.j2", f"_nginx/{NGINX_HEADERS}": "nginx-headers.conf.j2",
               f"_nginx/{values['host']}.conf": "nginx-site.conf.j2",
               ".well-known/security.txt": "security.txt.j2", "robots.txt": "robots.txt.j2"}
    for target, template in outputs.items():
        path = site / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(env.get_template(template).render(values), encoding="utf-8")


def _read_policy(path: Path) -> dict:
    """hosting/headers.yml, checked enough that a typo fails the build rather than weakening the site."""
    try:
        policy = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{HOSTING}/{POLICY_FILE}: cannot be read ({error})\n"
                          f"  How to fix: restore it with: git checkout {HOSTING}/{POLICY_FILE}") from None
    missing = [key for key in ("content_security_policy", "hsts", "headers", "cache") if key not in (policy or {})]
    if missing:
        raise PluginError(f"{HOSTING}/{POLICY_FILE}: missing {', '.join(missing)}\n"
                          f"  How to fix: compare with the copy in git: git diff {HOSTING}/{POLICY_FILE}")
    for name, value in policy["headers"].items():
        if '"' in str(value) or "\n" in str(value):
            raise PluginError(f"{HOSTING}/{POLICY_FILE}: the value of {name} contains a double quote or a line break\n"
                              f"  How to fix: write the header value on one line, without \"")
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


def _add_inline_hashes(html: str) -> None:
    """The CSP hash source of every inline script and style element of one finished page; sorted when written."""
    for element, attributes, body in INLINE.findall(html):
        if not body or "src=" in attributes or DATA_BLOCK.search(attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        _INLINE_HASHES.setdefault(f"{element}-src", set()).add(f"'sha256-{digest}'")


def _expires(days: int) -> str:
    """Counted from the build date, the build's only clock input, so the same sources give the same bytes."""
    return (build_date() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT00:00:00Z")


_PREVIEW = [False]
_INLINE_HASHES: dict[str, set[str]] = {}  # CSP directive: hash sources, gathered over every language's build

HOSTING = "hosting"  # the folder beside mkdocs.yml holding headers.yml and the templates of these files
POLICY_FILE = "headers.yml"
NGINX_HEADERS = "kuruko-headers.conf"
# Material's bundle names carry eight hex digits of their content: main.57a0d79d.min.css.
FINGERPRINT = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)$")
CONTACT = re.compile(r"^(?:mailto:[^@\s]+@[^@\s]+|https://\S+)$")
# <script type="application/json"> is data, never run: the CSP does not apply to it.
DATA_BLOCK = re.compile(r'\btype="(?!(?:text|application)/javascript|module)[^"]*"')
