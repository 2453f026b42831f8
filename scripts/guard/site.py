"""The built site as the checkers see it: its pages parsed once, its languages, and the server they read it from."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import os
import socket
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from guard import nginx
from guard.nginx import ADDRESS


TOOLS = Path(__file__).resolve().parents[2]  # the repository, whose node_modules/ holds the npm checkers
# Debian's chromium, as every checker that browses the site runs it, at a phone's and a desktop's width
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORTS = [(390, 844), (1280, 800)]


@dataclass(frozen=True)
class Finding:
    """One fault, worded for staff: where it is, what is wrong, how to fix it."""

    check: str
    where: str
    problem: str
    fix: str


@dataclass
class Page:
    path: str  # relative to the site root, e.g. "en/policy.html"
    locale: str
    soup: BeautifulSoup

    @functools.cached_property
    def ids(self) -> set[str]:
        return {tag["id"] for tag in self.soup.find_all(id=True)} | {
            tag["name"] for tag in self.soup.find_all("a", attrs={"name": True})}

    @functools.cached_property
    def redirect_target(self) -> str | None:
        """The URL a redirect page sends readers to (meta refresh), or None for a real page."""
        meta = self.soup.find("meta", attrs={"http-equiv": lambda v: v and v.lower() == "refresh"})
        if meta is None:
            return None
        _, _, url = meta.get("content", "").partition("url=")
        return url.strip().strip("'\"") or None

    @property
    def is_not_found(self) -> bool:
        return Path(self.path).name == "404.html"

    @property
    def is_history(self) -> bool:
        """The revision history lists the dates of every revision rather than having one of its own."""
        return self.soup.select_one(".policy-archive-entry") is not None

    @property
    def is_policy_page(self) -> bool:
        return not self.is_not_found and self.redirect_target is None and not self.is_history


@dataclass
class Site:
    root: Path
    project: Path
    locales: list[str]  # default (authoritative) first
    site_url: str
    pages: dict[str, Page] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, project: Path) -> Site:
        """Read mkdocs.yml for the languages and site URL, and parse every page of the build once."""
        config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        languages = next(p["i18n"]["languages"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
        locales = [lang["locale"] for lang in sorted(languages, key=lambda lang: not lang.get("default"))]
        site = cls(root, project, locales, config["site_url"].rstrip("/") + "/")
        for file in sorted(root.rglob("*.html")):
            path = file.relative_to(root).as_posix()
            soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
            site.pages[path] = Page(path, site.locale_of(path), soup)
        return site

    def locale_of(self, path: str) -> str:
        first, _, rest = path.partition("/")
        return first if rest and first in self.locales[1:] else self.locales[0]

    def language_path(self, page: Page) -> str:
        """The page's path inside its language, the same for every translation of it."""
        prefix = "" if page.locale == self.locales[0] else page.locale + "/"
        return page.path.removeprefix(prefix)

    def internal_path(self, base: str, url: str) -> tuple[str, str] | None:
        """(file path, fragment) of a URL that stays on this site, or None for an external one."""
        if url.startswith(self.site_url):
            url = "/" + url[len(self.site_url):]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        if not path:
            target = base
        elif path.startswith("/"):
            target = normpath(path.lstrip("/") or ".")
        else:
            target = normpath(join(dirname(base), path))
        if url.split("#")[0].endswith("/") or (self.root / target).is_dir():
            target = f"{target}/index.html".removeprefix("./")
        return target, unquote(parts.fragment)


@dataclass(frozen=True)
class Server:
    url: str  # https://127.0.0.1:PORT/, for the crawlers (they trust `certificate`) and browsers (told to ignore it)
    host: str  # site_url's host name ...
    tls_port: int  # ... served over HTTPS here, for a browser that is told so (chrome_flags)
    certificate: Path

    @property
    def chrome_flags(self) -> list[str]:
        """Chromium's flags making site_url reach this server, so absolute links stay on the site checked."""
        return [f"--host-resolver-rules=MAP {self.host} {ADDRESS}:{self.tls_port}", "--ignore-certificate-errors"]


@contextlib.contextmanager
def serve(site: Site):
    """The site as it will be published (make publish's copy), on the nginx configuration the build wrote for it."""
    from build_output import copy_for_web, nginx_dir

    host = urlsplit(site.site_url).hostname
    with tempfile.TemporaryDirectory(prefix="guard-nginx-") as folder:
        os.chmod(folder, 0o755)  # nginx's workers run unprivileged, as in production: they must reach the copy
        web_root = Path(folder) / "www"
        copy_for_web(site.root, web_root)
        port, tls_port = free_ports(2)
        with nginx.serve(web_root, nginx_dir(site.root), host, Path(folder), ports={80: port, 443: tls_port}) as running:
            yield Server(f"https://{ADDRESS}:{tls_port}/", host, tls_port, running.certificate)


def run_to_the_end(coroutine):
    """asyncio.run in a thread of its own: a caller using Playwright's sync API (the tests) keeps an event loop
    running in its thread, where asyncio.run refuses to start another."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def free_ports(count: int) -> list[int]:
    """Ports free now, all different (each probe stays bound until all are chosen)."""
    with contextlib.ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind((ADDRESS, 0))
        return [probe.getsockname()[1] for probe in probes]
