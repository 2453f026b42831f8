"""The built site on Debian's real nginx as production runs it (tests/nginx_server.py), over HTTPS: every file, headers, redirect, phone menu, Observatory.

Every page in chromium under the CSP is make check's browser walk (guard/browser.py), against the same nginx.
"""

from __future__ import annotations

import gzip
import http.client
import re
import ssl
import subprocess

import pytest

import observatory
from build_output import nginx_dir
from conftest import open_context
from guard.page_weight import compressed_size
from project_facts import HOST, ORIGIN
from site_facts import expected_headers


def test_plain_http_redirects_permanently_to_the_same_https_address(nginx):
    status, headers, _ = _get("/en/policy.html?from=test", port=80)
    assert status == 301
    assert headers["location"] == f"{ORIGIN}/en/policy.html?from=test"


@pytest.mark.parametrize("path", ["/index.html", "/en/policy.html", "/assets/kuruko.css", "/search/search_index.json",
                                  "/sitemap.xml", "/.well-known/security.txt", "/no-such-page.html"])
def test_every_response_carries_every_security_header_with_its_value(nginx, site, path):
    status, headers, _ = _get(path)
    assert status == (404 if path.startswith("/no-such") else 200)
    for name, value in expected_headers(site).items():
        assert headers.get(name.lower()) == value, name


def test_fingerprinted_assets_are_cached_a_year_and_everything_else_revalidates(nginx, site):
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    assert _get(f"/{bundle}")[1]["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("/index.html", "/en/index.html", "/assets/kuruko.css", "/assets/javascripts/kuruko.js"):
        assert _get(path)[1]["cache-control"] == "no-cache", path


def test_security_txt_is_served_as_utf8_plain_text(nginx):
    status, headers, _ = _get("/.well-known/security.txt")
    assert status == 200
    assert headers["content-type"] == "text/plain; charset=utf-8"


def test_nginx_serves_the_precompressed_copy_of_a_shared_file_to_gzip_clients(nginx, site):
    status, headers, body = _get("/assets/kuruko.css", extra={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert body == (site / "assets" / "kuruko.css.gz").read_bytes()
    assert gzip.decompress(body) == (site / "assets" / "kuruko.css").read_bytes()


@pytest.mark.parametrize("page", ["policy.html", "en/archive/index.html", "404.html"])
def test_nginx_gzips_a_page_on_the_fly_with_vary_to_the_size_the_page_weight_guard_counts(nginx, site, page):
    assert not (site / f"{page}.gz").exists()
    status, headers, body = _get(f"/{page}", extra={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert headers.get("vary") == "Accept-Encoding"
    assert gzip.decompress(body) == (site / page).read_bytes()
    assert len(body) == compressed_size(site / page)
    assert "content-encoding" not in _get(f"/{page}")[1]


def test_each_language_has_its_own_404_page(nginx):
    assert b'lang="ja"' in _get("/no-such-page.html")[2]
    assert b'lang="en"' in _get("/en/no-such-page.html")[2]


def test_the_netlify_and_cloudflare_headers_file_is_not_served(nginx):
    assert _get("/_headers")[0] == 404


def test_phone_navigation_and_language_switch_work_under_the_csp(nginx, browser):
    context = open_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    refused = []
    page.on("response", lambda response: response.status >= 400 and refused.append(response.url))
    page.goto(f"{ORIGIN}/policy.html", wait_until="networkidle")
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-nav--primary").get_by_role("link").nth(2).wait_for(state="visible")
    page.locator("label.md-header__button[for=__drawer]").evaluate("label => label.click()")
    page.locator(".md-select button").click()
    with page.expect_navigation():
        page.locator("a.md-select__link[hreflang=en]").click()
    assert page.url == f"{ORIGIN}/en/policy.html"
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []
    assert refused == []
    context.close()


def test_a_revisions_pdf_opens_in_chromiums_own_viewer_under_the_sites_headers(nginx, browser):
    context = open_context(browser)
    page = context.new_page()
    page.goto(f"{ORIGIN}/policy.html", wait_until="networkidle")
    with page.expect_navigation():
        page.locator("a[type='application/pdf']").first.click()
    assert page.url == f"{ORIGIN}/archive/2017-12-27/revision-2017-12-27.pdf"
    session = context.new_cdp_session(page)
    for _ in range(30):  # the viewer starts after the navigation has committed
        if PDF_VIEWER in {target["url"] for target in session.send("Target.getTargets")["targetInfos"]}:
            break
        page.wait_for_timeout(500)
    else:
        pytest.fail("chromium did not open its PDF viewer for the PDF under the site's headers")
    context.close()


def test_mdn_observatory_grades_the_server_a_plus_135_with_every_test_passed(nginx):
    assert observatory.scan(nginx.certificate) == ("A+", 135, {})


def test_every_built_file_answers_200_to_nginxs_unprivileged_workers_and_a_missing_page_404(nginx, site):
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != "_headers")
    connection = _connection()
    statuses = {}
    for path in files + ["no-such-page.html", "en/no-such-page.html", "archive/no-such-page.html"]:
        connection.request("GET", "/" + path, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        statuses[path] = response.status
    connection.close()
    assert len(files) > 100
    assert {path for path, status in statuses.items() if status != 200} == {
        "no-such-page.html", "en/no-such-page.html", "archive/no-such-page.html"}
    assert set(statuses.values()) == {200, 404}


def test_nginx_runs_as_production_does_master_as_root_workers_unprivileged(nginx):
    master = nginx.process.pid
    workers = subprocess.run(["ps", "-o", "user=", "--ppid", str(master)], capture_output=True, text=True).stdout.split()
    assert subprocess.run(["ps", "-o", "user=", "-p", str(master)], capture_output=True, text=True).stdout.split() == \
        ["root"]
    assert workers and "root" not in workers
    assert not re.search(r"^\s*user\s", (nginx.folder / "nginx.conf").read_text(encoding="utf-8"), re.M)


def test_nginx_runs_the_built_configuration_with_only_addresses_certificates_and_root_changed(nginx, site):
    built = (nginx_dir(site) / f"{HOST}.conf").read_text(encoding="utf-8").splitlines()
    running = (nginx.folder / "conf.d" / f"{HOST}.conf").read_text(encoding="utf-8").splitlines()
    changed = ("listen ", "ssl_certificate ", "ssl_certificate_key ", "root ")
    assert [line for line in built if not line.strip().startswith(changed)] == \
        [line for line in running if not line.strip().startswith(changed)]
    assert (nginx.folder / "snippets" / "security-headers.conf").read_bytes() == \
        (nginx_dir(site) / "security-headers.conf").read_bytes()
    assert [line.strip() for line in running if line.strip().startswith("listen ")] == [
        "listen 127.0.0.1:80;", "listen 127.0.0.1:443 ssl http2;"]


def _get(path: str, *, port: int = 443, extra: dict | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = _connection() if port == 443 else http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": HOST, **(extra or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


def _connection() -> http.client.HTTPSConnection:
    tls = ssl.create_default_context()
    tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
    return http.client.HTTPSConnection("127.0.0.1", 443, context=tls, timeout=10)


PDF_VIEWER = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html"  # Chromium's built-in PDF viewer
