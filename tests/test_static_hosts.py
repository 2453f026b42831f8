"""Netlify and Cloudflare Pages, each on its own local server (tests/static_hosts.py), applying the _headers file the build writes.

Scanned as nginx is in test_https.py and make check: every header with its value, every page
in chromium under the CSP with no violation and nothing refused, the MDN HTTP Observatory's grade.
"""

from __future__ import annotations

import fnmatch
import http.client
import json
import ssl
import subprocess
from pathlib import Path

import pytest

import observatory
import static_hosts
from conftest import built_pages, open_context
from guard.lighthouse import PAGE_TYPES
from project_facts import HOST, ORIGIN, ROOT
from site_facts import expected_headers, header_rules

MISSING = ("no-such-page.html", "en/no-such-page.html")


@pytest.fixture(scope="module", params=list(static_hosts.HOSTS))
def host(request, site: Path, tmp_path_factory: pytest.TempPathFactory):
    """One host's server at a time, on the standard ports (nginx's fixture has let them go with its module)."""
    with static_hosts.serve(request.param, site, tmp_path_factory.mktemp("host")) as certificate:
        yield request.param, certificate


def test_every_response_carries_the_headers_file_rules_that_match_it(host, site: Path) -> None:
    rules = header_rules(site)
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    assert f"/{bundle}" in rules
    for path in ("/index.html", "/en/policy.html", "/assets/kuruko.css", "/search/search_index.json",
                 "/.well-known/security.txt", "/no-such-page.html", f"/{bundle}"):
        status, headers = _get(path)
        assert status in ((404,) if "no-such" in path else (200, 308)), (host[0], path, status)
        for name, value in {**rules["/*"], **rules.get(path, {})}.items():
            if name not in static_hosts.NOT_AS_IN_PRODUCTION[host[0]]:
                assert headers.get(name.lower()) == value, (host[0], path, name)
        if status == 200 and path not in rules:
            assert "max-age=0" in headers["cache-control"], (host[0], path)  # revalidated on every visit
    assert rules["/*"] == expected_headers(site)


def test_netlifys_own_parser_reads_every_rule_of_the_headers_file_as_written(site: Path) -> None:
    script = ("import {parseAllHeaders} from '@netlify/headers-parser';"
              "console.log(JSON.stringify(await parseAllHeaders("
              "{headersFiles: [process.argv[1]], minimal: true, configHeaders: []})));")
    result = subprocess.run(["node", "--input-type=module", "-e", script, str(site / "_headers")],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    parsed = json.loads(result.stdout)
    assert parsed["errors"] == []
    assert {rule["for"]: rule["values"] for rule in parsed["headers"]} == header_rules(site)


def test_a_page_of_every_type_loads_under_the_csp_with_no_violation_and_nothing_refused(host, site: Path,
                                                                                       browser) -> None:
    """A page of every type (make check loads every page, under the same CSP, from nginx)."""
    context = open_context(browser, viewport={"width": 390, "height": 844})
    problems: list[str] = []
    for path in _page_of_every_type(site) + list(MISSING):
        page = context.new_page()
        console: list[tuple[str, str]] = []
        page.on("console", lambda m: m.type in ("error", "warning") and console.append((m.location["url"], m.text)))
        page.on("pageerror", lambda e, path=path: problems.append(f"{path}: script error: {e}"))
        page.on("requestfailed", lambda r, path=path: problems.append(f"{path}: failed: {r.url}"))
        page.on("response", lambda r, path=path: r.status >= 400 and not r.request.is_navigation_request()
                and problems.append(f"{path}: {r.status} for {r.url}"))
        response = page.goto(f"{ORIGIN}/{path}", wait_until="networkidle")
        assert response.status == (404 if path in MISSING else 200), (host[0], path)
        assert response.headers["content-security-policy"] == expected_headers(site)["Content-Security-Policy"]
        problems += [f"{path}: console: {text}" for url, text in console if url != response.url]
        problems += [f"{path}: CSP violation: {v}" for v in page.evaluate("window.__violations")]
        page.close()
    context.close()
    assert problems == [], host[0]


def test_mdn_observatory_grades_the_host_a_plus_135_with_every_test_passed(host) -> None:
    assert observatory.scan(host[1]) == ("A+", 135, {})


def _page_of_every_type(site: Path) -> list[str]:
    """As the release guard's Lighthouse run picks them (home, a policy page, 404, history, newest dated
    revision), and a translated page: what differs between pages here is how the host serves their address."""
    pages = built_pages(site)
    return [max(found) for pattern in PAGE_TYPES.values() if (found := fnmatch.filter(pages, pattern))] + ["en/policy.html"]


def _get(path: str) -> tuple[int, dict[str, str]]:
    tls = ssl.create_default_context()
    tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", 443, context=tls, timeout=10)
    connection.request("GET", path, headers={"Host": HOST})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}
