"""The built site on Debian's real nginx, with the generated configuration, over HTTPS: headers, redirect, chromium, Observatory.

nginx listens on 127.0.0.1:80 and :443 (the Observatory takes a host name, no
port) with a certificate made by openssl for this run. Chromium resolves the
production host name to 127.0.0.1, so the pages run at their real origin and
"nothing off the origin" means exactly that.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import socket
import ssl
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, built_pages
from site_facts import expected_headers

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
HOST = urlsplit(CONFIG["site_url"]).hostname
ORIGIN = f"https://{HOST}"
OBSERVATORY = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory" / "src" / "scan.js"


@pytest.fixture(scope="module")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory):
    """Debian's nginx serving the built site with the generated example server block."""
    work = tmp_path_factory.mktemp("nginx")
    for port in (80, 443):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} is taken: stop what listens there"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", f"subjectAltName=DNS:localhost,DNS:{HOST},IP:127.0.0.1",
                    "-keyout", work / "key.pem", "-out", work / "cert.pem"], check=True, capture_output=True)
    (work / "site.conf").write_text(_local_copy(site, work), encoding="utf-8")
    temp = "\n".join(f"  {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"user root;\nworker_processes 1;\ndaemon off;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n{temp}\n  include {work}/site.conf;\n}}\n", encoding="utf-8")
    server = subprocess.Popen(["nginx", "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for(server, work)
        yield work
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def https_browser(playwright):
    """Chromium resolving the site's own host name to the local nginx."""
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS + [f"--host-resolver-rules=MAP {HOST} 127.0.0.1"])
    yield chromium
    chromium.close()


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


def test_nginx_serves_the_precompressed_copy_to_gzip_clients(nginx, site):
    status, headers, body = _get("/policy.html", extra={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert body == (site / "policy.html.gz").read_bytes()
    assert gzip.decompress(body) == (site / "policy.html").read_bytes()


def test_each_language_has_its_own_404_page(nginx):
    assert b'lang="ja"' in _get("/no-such-page.html")[2]
    assert b'lang="en"' in _get("/en/no-such-page.html")[2]


def test_host_configuration_files_are_not_served(nginx):
    assert _get("/_headers")[0] == 404
    assert _get("/_nginx/kuruko-headers.conf")[0] == 404


def test_every_page_runs_in_chromium_under_the_csp_without_violation_error_or_foreign_request(nginx, site, https_browser):
    paths = [f"/{page}" for page in built_pages(site)] + ["/no-such-page.html", "/en/no-such-page.html"]
    context = https_browser.new_context(ignore_https_errors=True)
    context.add_init_script(VIOLATION_RECORDER)
    problems: list[str] = []
    for path in paths:
        page = context.new_page()
        page.on("console", lambda message, path=path: message.type in ("error", "warning")
                and "no-such" not in message.location["url"]  # the missing page's own 404 status
                and problems.append(f"{path}: console {message.type}: {message.text}"))
        page.on("pageerror", lambda error, path=path: problems.append(f"{path}: script error: {error}"))
        page.on("request", lambda request, path=path: not request.url.startswith(f"{ORIGIN}/")
                and problems.append(f"{path}: request off the origin: {request.url}"))
        page.on("requestfailed", lambda request, path=path: problems.append(f"{path}: failed: {request.url}"))
        page.on("response", lambda response, path=path: response.status >= 400 and "no-such" not in response.url
                and problems.append(f"{path}: {response.status} for {response.url}"))
        response = page.goto(f"{ORIGIN}{path}", wait_until="networkidle")
        assert response.headers["content-security-policy"] == expected_headers(site)["Content-Security-Policy"]
        assert page.evaluate("window.isSecureContext"), path
        problems += [f"{path}: CSP violation: {v}" for v in page.evaluate("window.__violations")]
        page.close()
    context.close()
    assert problems == []


@pytest.mark.parametrize(("path", "query", "expected"), [("/index.html", "個人情報", "個人情報"),
                                                         ("/en/index.html", "personal", "Personal")])
def test_search_finds_pages_under_the_csp(nginx, https_browser, path, query, expected):
    context = https_browser.new_context(ignore_https_errors=True)
    context.add_init_script(VIOLATION_RECORDER)
    page = context.new_page()
    refused = []
    page.on("response", lambda response: response.status >= 400 and refused.append(response.url))
    page.goto(f"{ORIGIN}{path}", wait_until="networkidle")
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(query)
    search.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert expected in results.first.inner_text()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []
    assert refused == []
    context.close()


def test_phone_navigation_and_language_switch_work_under_the_csp(nginx, https_browser):
    context = https_browser.new_context(ignore_https_errors=True, viewport={"width": 390, "height": 844}, is_mobile=True)
    context.add_init_script(VIOLATION_RECORDER)
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


def test_mdn_observatory_grades_the_server_a_plus_135_with_every_test_passed(nginx):
    result = subprocess.run(["node", str(OBSERVATORY), "localhost"], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NODE_EXTRA_CA_CERTS": str(nginx / "cert.pem")})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    failed = {name: test.get("result") for name, test in report["tests"].items() if not test.get("pass")}
    assert failed == {}
    assert (report["scan"]["grade"], report["scan"]["score"]) == ("A+", 135)


def _local_copy(site: Path, work: Path) -> str:
    """The generated server block, pointed at this run's files; each replaced line must exist."""
    conf = (site / "_nginx" / f"{HOST}.conf").read_text(encoding="utf-8")
    replacements = {f"root /var/www/{HOST};": f"root {site};",
                    f"/etc/ssl/{HOST}/fullchain.pem": str(work / "cert.pem"),
                    f"/etc/ssl/{HOST}/privkey.pem": str(work / "key.pem"),
                    "include /etc/nginx/snippets/kuruko-headers.conf;": f"include {site}/_nginx/kuruko-headers.conf;"}
    for old, new in replacements.items():
        assert old in conf, f"the generated server block no longer has {old!r}"
        conf = conf.replace(old, new)
    # The test machine may have no IPv6; production keeps both.
    return "\n".join(line for line in conf.splitlines() if "listen [::]" not in line)


def _wait_for(server: subprocess.Popen, work: Path) -> None:
    for _ in range(100):
        if server.poll() is not None:
            log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
            pytest.fail(f"nginx did not start: {server.stdout.read().decode()}{log}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", 443)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("nginx did not listen on 127.0.0.1:443")


def _get(path: str, *, port: int = 443, extra: dict | None = None) -> tuple[int, dict[str, str], bytes]:
    if port == 443:
        tls = ssl.create_default_context()
        tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
        connection = http.client.HTTPSConnection("127.0.0.1", 443, context=tls, timeout=10)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": HOST, **(extra or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


VIOLATION_RECORDER = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
});
"""
