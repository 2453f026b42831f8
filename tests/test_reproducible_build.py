"""The same sources give the same bytes; the clock decides nothing but the build date; nothing is fetched."""

from __future__ import annotations

import datetime
import gzip
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from policy_site import front_matter
from policy_site.dates import build_date
from conftest import built_pages
from project_copies import ROOT, build, copy_project, tree
from project_facts import LANGUAGES, SITE_URL

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_two_checkouts_with_the_same_build_date_give_byte_identical_sites(tmp_path: Path):
    first = copy_project(tmp_path / "a")  # with the PDFs it made before
    second = copy_project(tmp_path / "elsewhere" / "another-checkout", pdf_cache=False)  # a fresh clone: none
    for project in (first, second):
        result = build(project, SOURCE_DATE_EPOCH="1806850800")
        assert result.returncode == 0, result.stderr
    built = tree(first / "site")
    assert "search/search_index.json" in built and "en/search/search_index.json" in built
    assert built == tree(second / "site")
    for path, content in built.items():
        for folder in (first, second, ROOT):
            assert str(folder).encode() not in content, f"{path} contains the checkout path {folder}"


def test_sitemap_gzip_carries_no_timestamp(site: Path):
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert packed[4:8] == b"\0\0\0\0"  # MTIME field of the gzip header (RFC 1952)
    assert gzip.decompress(packed) == (site / "sitemap.xml").read_bytes()


@pytest.mark.parametrize("sitemap", ["sitemap.xml", "en/sitemap.xml", "ja-Hira/sitemap.xml"])
def test_sitemap_dates_each_page_by_its_effective_date(site: Path, sitemap: str):
    urls = ET.parse(site / sitemap).getroot().findall(f"{SITEMAP}url")
    assert urls
    for url in urls:
        page = url.findtext(f"{SITEMAP}loc").removeprefix(SITE_URL)
        first, _, rest = page.partition("/")
        locale, name = (first, rest) if first in LANGUAGES[1:] else (LANGUAGES[0], page)
        # the shipped history is one revision: its dated pages are copies of the working pages, and
        # the archive index is dated by the revision in force, the one of the working index page
        name = re.sub(r"^archive/(?:\d{4}-\d{2}-\d{2}/)?", "", name)
        source = front_matter.read(ROOT / "docs" / locale / name.replace(".html", ".md"))
        assert url.findtext(f"{SITEMAP}lastmod") == source.meta["revision"], page


def test_build_date_is_the_date_in_japan_of_source_date_epoch(monkeypatch: pytest.MonkeyPatch):
    midnight_in_tokyo = datetime.datetime(2027, 4, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(midnight_in_tokyo.timestamp())))
    assert build_date() == datetime.date(2027, 4, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(midnight_in_tokyo.timestamp()) - 1))
    assert build_date() == datetime.date(2027, 3, 31)


def test_build_date_without_source_date_epoch_is_today_in_japan(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))).date()
    today = build_date()
    after = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))).date()
    assert today in (before, after)


def test_build_date_refuses_a_source_date_epoch_that_is_not_a_number(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2027-04-01")
    with pytest.raises(PluginError, match="not a number of seconds"):
        build_date()


def test_the_build_opens_no_network_connection(tmp_path: Path):
    """Python's audit hooks see every name lookup and connection, whatever library makes it."""
    guard = (
        "import runpy, sys\n"
        "def guard(event, args):\n"
        "    if event in ('socket.connect', 'socket.getaddrinfo', 'socket.gethostbyname', 'urllib.Request'):\n"
        "        print('NETWORK USED:', event, args, file=sys.stderr)\n"
        "        raise OSError('the build must not use the network')\n"
        "sys.addaudithook(guard)\n"
        f"sys.path.insert(0, {str(ROOT / 'scripts')!r})\n"  # as `python scripts/policy.py` starts
        f"sys.argv = ['policy.py', 'build', '--project', {str(copy_project(tmp_path / 'project'))!r}]\n"
        f"runpy.run_path({str(ROOT / 'scripts' / 'policy.py')!r}, run_name='__main__')\n"
    )
    result = subprocess.run([sys.executable, "-c", guard], capture_output=True, text=True)
    assert "NETWORK USED" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "project" / "site" / "index.html").is_file()


def test_pages_load_nothing_from_other_hosts(site: Path):
    for page in built_pages(site):
        finder = _ResourceFinder()
        finder.feed((site / page).read_text(encoding="utf-8"))
        foreign = [url for url in finder.urls if EXTERNAL.match(url) and not url.startswith(SITE_URL)]
        assert not foreign, f"{page} loads {foreign}"


class _ResourceFinder(HTMLParser):
    """The URLs a browser fetches on its own: scripts, images, frames, stylesheets, icons, preloads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and values.get("src"):
            self.urls.append(values["src"])
        if tag == "link" and set((values.get("rel") or "").split()) & FETCHED_LINKS:
            self.urls.append(values.get("href") or "")


EXTERNAL = re.compile(r"^(https?:)?//", re.I)
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "manifest"}
