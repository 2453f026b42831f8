"""The <head> of every page, and the files beside the pages that hosts and crawlers read, on the real build."""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from build_output import nginx_dir
from conftest import built_pages
from project_facts import CONFIG, LANGUAGES, ROOT, SETTINGS, SITE_URL
from project_copies import build, copy_project
from site_facts import POLICY, Elements, expected_headers, header_rules

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _content_pages(site: Path) -> list[str]:
    return [page for page in built_pages(site) if not page.endswith("404.html")]


def _elements(site: Path, page: str) -> list[tuple[str, dict, str]]:
    parser = Elements()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.elements


def _links(site: Path, page: str, rel: str) -> list[dict]:
    return [attrs for tag, attrs, _ in _elements(site, page) if tag == "link" and attrs.get("rel") == rel]


def test_site_url_is_https():
    assert urlsplit(SITE_URL).scheme == "https"


def test_every_page_has_an_absolute_canonical_link_to_itself(site):
    for page in _content_pages(site):
        assert [link["href"] for link in _links(site, page, "canonical")] == [SITE_URL + page], page


def test_every_page_has_absolute_hreflang_alternates_for_each_language_and_x_default_to_japanese(site):
    prefixes = {locale: "" if locale == LANGUAGES[0] else f"{locale}/" for locale in LANGUAGES}
    for page in _content_pages(site):
        locale = next((locale for locale, prefix in prefixes.items() if prefix and page.startswith(prefix)), LANGUAGES[0])
        name = page.removeprefix(prefixes[locale])
        expected = {locale: SITE_URL + prefix + name for locale, prefix in prefixes.items()} | {"x-default": SITE_URL + name}
        alternates = {link["hreflang"]: link["href"] for link in _links(site, page, "alternate") if "hreflang" in link}
        assert alternates == expected, page
        assert all((site / urlsplit(href).path.lstrip("/")).is_file() for href in alternates.values())


def test_every_page_carries_the_description_from_its_front_matter(site):
    for page in _content_pages(site):
        language, name = ("en", page[3:]) if page.startswith("en/") else ("ja", page)
        source = (ROOT / "docs" / language / name).with_suffix(".md")
        metas = [attrs["content"] for tag, attrs, _ in _elements(site, page)
                 if tag == "meta" and attrs.get("name") == "description"]
        if source.is_file():
            description = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])["description"]
            assert metas == [description], page
        else:  # a dated copy or the archive index: made by the build, described all the same
            assert len(metas) == 1 and metas[0].strip(), page


def test_every_sitemap_material_fetches_exists_and_lists_each_page_with_its_alternates(site):
    for prefix in ("", "en/"):
        tree = ET.parse(site / prefix / "sitemap.xml")
        urls = tree.getroot().findall(f"{SITEMAP}url")
        assert urls, f"{prefix}sitemap.xml is empty"
        for url in urls:
            languages = {link.get("hreflang") for link in url.findall(f"{XHTML}link")}
            assert set(LANGUAGES) <= languages, url.findtext(f"{SITEMAP}loc")


def test_every_pages_folder_has_a_sitemap_listing_it_with_its_heads_alternates_and_no_page_of_another_folder(site):
    for page in _content_pages(site):
        folder = posixpath.dirname(page)
        urls = {url.findtext(f"{SITEMAP}loc"): url for url in ET.parse(site / folder / "sitemap.xml").getroot()}
        assert SITE_URL + page in urls, f"{folder}/sitemap.xml does not list {page}"
        alternates = {link.get("hreflang"): link.get("href") for link in urls[SITE_URL + page].findall(f"{XHTML}link")}
        head = {link["hreflang"]: link["href"] for link in _links(site, page, "alternate") if "hreflang" in link}
        assert alternates == head, page
        if folder not in ("", *LANGUAGES[1:]):  # below the language roots, which keep the full sitemaps
            assert {posixpath.dirname(loc.removeprefix(SITE_URL)) for loc in urls} == {folder}, f"{folder}/sitemap.xml"


def test_robots_txt_allows_crawling_and_points_to_the_sitemap(site):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines
    assert not any(line.startswith("Disallow: /") and line != "Disallow: " for line in lines)


def test_security_txt_follows_rfc_9116_with_values_from_mkdocs_yml(site):
    text = (site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(": ")
            fields.setdefault(name, []).append(value)
    assert fields["Contact"] == SETTINGS["security_contact"]
    assert fields["Preferred-Languages"] == [", ".join(LANGUAGES)]
    assert fields["Canonical"] == [f"{SITE_URL}.well-known/security.txt"]
    assert set(fields) == {"Contact", "Expires", "Preferred-Languages", "Canonical"}
    (expires,) = fields["Expires"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", expires)
    built = datetime.datetime.fromtimestamp((site / ".well-known" / "security.txt").stat().st_mtime, datetime.timezone.utc)
    left = datetime.datetime.fromisoformat(expires.replace("Z", "+00:00")) - built
    assert datetime.timedelta(days=1) < left < datetime.timedelta(days=365)


def test_every_script_and_stylesheet_is_pinned_by_integrity_matching_its_bytes(site):
    for page in built_pages(site):
        for tag, attrs, _ in _elements(site, page):
            url = attrs.get("src") if tag == "script" else attrs.get("href") if attrs.get("rel") == "stylesheet" else None
            if url is None:
                continue
            target = site / urlsplit(urljoin(f"/{page}", url)).path.lstrip("/")
            digest = base64.b64encode(hashlib.sha384(target.read_bytes()).digest()).decode()
            assert attrs.get("integrity") == f"sha384-{digest}", f"{page}: {url}"


def test_no_page_loads_anything_from_another_origin_or_has_inline_style_or_handler_attributes(site):
    for page in built_pages(site):
        for tag, attrs, _ in _elements(site, page):
            assert not [name for name in attrs if name == "style" or name.startswith("on")], f"{page}: <{tag}>"
            for name in ("src", "srcset", "poster", "data"):
                assert not re.match(r"^([a-z]+:|//)", attrs.get(name) or ""), f"{page}: <{tag} {name}>"
            if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload", "manifest"):
                assert not re.match(r"^([a-z]+:|//)", attrs["href"]), f"{page}: {attrs['href']}"


def test_stylesheets_embed_no_data_urls_and_every_image_they_name_exists(site):
    for stylesheet in site.rglob("*.css"):
        css = stylesheet.read_text(encoding="utf-8")
        assert "data:" not in css, stylesheet
        for url in re.findall(r'url\("?([^")]+)"?\)', css):
            assert (stylesheet.parent / url).resolve().is_file(), f"{stylesheet.name}: {url}"


def test_the_csp_opens_nothing_beyond_self_and_the_hashes_of_this_builds_inline_code(site):
    csp = expected_headers(site)["Content-Security-Policy"]
    directives = dict(part.split(" ", 1) for part in csp.split("; "))
    assert directives["default-src"] == "'none'"
    for name in ("frame-ancestors", "base-uri", "form-action"):
        assert directives[name] == "'none'"
    for name, sources in directives.items():
        assert all(s in ("'self'", "'none'") or re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", s) for s in sources.split()), name
    assert "'sha256-" in directives["script-src"], "Material's inline scripts must be hashed"


def test_headers_file_and_nginx_include_carry_every_header_with_the_same_value(site):
    assert header_rules(site)["/*"] == expected_headers(site)
    nginx = re.findall(r'^add_header (\S+) "(.*)" always;$', (nginx_dir(site) / "security-headers.conf").read_text(), re.M)
    assert dict(nginx) == expected_headers(site)


def test_hsts_lasts_two_years_for_every_subdomain(site):
    value = expected_headers(site)["Strict-Transport-Security"]
    assert value.startswith("max-age=63072000; includeSubDomains")
    assert value.endswith("; preload") == POLICY["hsts"]["preload"]


def test_headers_file_keeps_each_fingerprinted_asset_a_year(site):
    text = (site / "_headers").read_text(encoding="utf-8")
    assets = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.min.*") if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", p.name))
    assert len(assets) >= 3
    for asset in assets:
        assert f"/{asset}\n  Cache-Control: public, max-age=31536000, immutable" in text


def test_shared_files_have_a_gzip_copy_with_the_same_content_and_pages_archives_and_source_maps_have_none(site):
    shared = pages = 0
    for path in site.rglob("*"):
        copy = path.with_name(path.name + ".gz")
        if "archive" in path.relative_to(site).parts:
            assert not copy.exists() and path.suffix != ".gz", f"{path}: nginx compresses the archive on the fly"
            pages += path.suffix == ".html"
        elif path.suffix in (".css", ".js", ".json", ".xml", ".svg", ".txt") and path.stat().st_size >= 256:
            assert gzip.decompress(copy.read_bytes()) == path.read_bytes(), path
            shared += 1
        elif path.suffix in (".html", ".map"):
            assert not copy.exists(), f"{copy}: nginx compresses pages on the fly; source maps are not compressed"
            pages += path.suffix == ".html"
    assert shared > 20 and pages == len(built_pages(site))


@pytest.mark.parametrize(("path", "old", "new", "message"), [
    ("docs/ja/policy.md", "- (1)", '<p style="color: red">赤字</p>\n\n- (1)', "docs/ja/policy.md"),
    ("mkdocs.yml", "mailto:security@", "security@", "plugins > policy-site > security_contact"),
])
def test_build_refuses_what_would_break_the_csp_or_security_txt_and_keeps_the_last_site(tmp_path, path, old, new, message):
    project = copy_project(tmp_path / "project")
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("last good", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert message in result.stderr and "How to fix" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "last good"


def test_a_rewritten_fingerprinted_stylesheet_gets_the_fingerprint_of_its_new_bytes(site: Path) -> None:
    """Material's main.<hash>.min.css is served immutable for a year: bytes changed under its name would pair a
    cached original with pages pinned to the rewritten one."""
    import material

    originals = {p.name for p in (Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css")}
    (built,) = [p for p in (site / "assets/stylesheets").glob("main.*.min.css")]
    assert built.name not in originals
    assert built.name == f"main.{hashlib.sha256(built.read_bytes()).hexdigest()[:8]}.min.css"
    assert f"assets/stylesheets/{built.name}" in (site / "policy.html").read_text(encoding="utf-8")
