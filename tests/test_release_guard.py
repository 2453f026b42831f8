"""The release guard (make check): it passes the real build, and fails a copy broken on purpose, naming each fault."""

from __future__ import annotations

import gzip
import http.client
import shutil
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from guard.site import Site, serve
from project_copies import copy_site
from project_facts import LANGUAGES, POLICY, ROOT, SITE_URL
from site_facts import expected_headers

DROPPED_URL = "privacy-2016.html"
OTHERS = [locale for locale in LANGUAGES if locale not in ("ja", "en")]  # left out of the broken copy


def run_guard(project: Path, site_dir: Path, report_dir: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(POLICY), "check", "--no-build", "--project", str(project),
               "--site-dir", str(site_dir), "--report-dir", str(report_dir), *options]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def section(output: str, check: str) -> str:
    """The lines the guard printed under one checker's heading."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(("PASS", "FAIL")) and check in line)
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("        ")), len(lines))
    return "\n".join(lines[start:end])


def insert(page: Path, before: str, html: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert before in text, f"{page} has no {before}"
    page.write_text(text.replace(before, html + before, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def broken(site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    """A Japanese and English copy of the real build with one fault of each kind, checked once by the whole
    guard but Lighthouse (it adds minutes; the real build's run has it)."""
    project = tmp_path_factory.mktemp("broken")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for locale in OTHERS:  # a small site: Japanese and English, every page of both
        config = "".join(line for line in config.splitlines(keepends=True) if f"locale: {locale}," not in line)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(ROOT / "appi.yml", project)
    published = (ROOT / "published-urls.txt").read_text(encoding="utf-8")
    (project / "published-urls.txt").write_text(published + DROPPED_URL + "\n", encoding="utf-8")
    copy = project / "site"
    copy_site(site, copy, leave_out=OTHERS)
    insert(copy / "policy.html", "</article>", '<p><a href="gone.html">an old page</a></p>')
    insert(copy / "website.html", "</article>", '<p><a href="handling.html#no-such-section">a section</a></p>')
    insert(copy / "handling.html", "</article>", "<center>centred</center>")
    insert(copy / "en" / "website.html", "</article>", '<p><img src="../assets/images/favicon.png"></p>')
    insert(copy / "en" / "policy.html", "</head>", '<script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>')
    insert(copy / "en" / "index.html", "</article>", '<p><a href="http://www.example.com/old">old site</a></p>')
    insert(copy / "en" / "index.html", "</article>", '<p><a href="../policy.html">the Japanese policy</a></p>')
    insert(copy / "handling.html", "</article>", "<h1>a second title</h1>")
    insert(copy / "website.html", "</article>", '<script>document.title = "changed";</script>')
    insert(copy / "index.html", "</article>", '<p><img src="assets/images/gone.png" alt="a picture"></p>')
    palette = (copy / "en" / "index.html").read_text(encoding="utf-8")  # a template that lost its dark toggle
    (copy / "en" / "index.html").write_text(palette.replace('for="__palette_1"', 'for="__palette_gone"'), encoding="utf-8")
    for page, element in (("en/website.html", '<aside class="admonition info policy-notice"'), ("website.html", 'class="policy-effective"')):
        text = (copy / page).read_text(encoding="utf-8")
        assert element in text
        (copy / page).write_text(text.replace(element, element.replace("policy-", "was-")), encoding="utf-8")
    (copy / "en" / "handling.html").unlink()
    result = run_guard(project, copy, project / "report", "--skip", "lighthouse")
    return result, project / "report"


def test_guard_serves_the_site_as_published_on_the_nginx_configuration_the_build_wrote(site: Path) -> None:
    with serve(Site.load(site, ROOT)) as server:
        tls = ssl.create_default_context(cafile=str(server.certificate))
        connection = http.client.HTTPSConnection("127.0.0.1", server.tls_port, context=tls, timeout=10)
        answers = {}
        for page in ("en/policy.html", "assets/kuruko.css", "no-such-page.html", "en/no-such-page.html"):
            connection.request("GET", "/" + page, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            answers[page] = response.status, response.getheader("Content-Encoding"), response.read()
            assert {name: response.getheader(name) for name in expected_headers(site)} == expected_headers(site), page
        connection.close()
    assert [status for status, _, _ in answers.values()] == [200, 200, 404, 404]
    assert answers["assets/kuruko.css"][1:] == ("gzip", (site / "assets" / "kuruko.css.gz").read_bytes())
    assert b'lang="en"' in gzip.decompress(answers["en/no-such-page.html"][2])


def test_guard_fails_a_broken_copy_of_the_site(broken) -> None:
    result, _ = broken
    assert result.returncode == 1
    assert "RESULT: NOT fit to publish" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_guard_names_a_dangling_link_in_its_own_walk_and_in_linkchecker(broken) -> None:
    output = broken[0].stdout
    assert "policy.html:" in section(output, "Links and anchors")
    assert "'gone.html' points to no file" in section(output, "Links and anchors")
    assert "'gone.html'" in section(output, "LinkChecker")


def test_guard_names_a_missing_anchor_in_its_own_walk_and_in_linkchecker(broken) -> None:
    output = broken[0].stdout
    assert "website.html:" in section(output, "Links and anchors")
    assert "anchor #no-such-section that handling.html lacks" in section(output, "Links and anchors")
    assert "no-such-section" in section(output, "LinkChecker")


def test_guard_names_an_invalid_element(broken) -> None:
    html = section(broken[0].stdout, "Nu Html Checker")
    assert "handling.html:" in html and "“center” element is obsolete" in html


def test_guard_names_an_image_without_alt_text(broken) -> None:
    output = broken[0].stdout
    assert "en/website.html: image-alt" in section(output, "axe-core")
    assert "en/website.html:" in section(output, "Structure") and "has no alt text" in section(output, "Structure")


def test_guard_names_a_dropped_url(broken) -> None:
    continuity = section(broken[0].stdout, "URL continuity")
    assert f"{DROPPED_URL}: was published before and is gone" in continuity
    assert "en/handling.html: was published before and is gone" in continuity


def test_guard_names_a_missing_translation(broken) -> None:
    assert "en/handling.html: missing: the page exists in another language but not in 'en'" in \
        section(broken[0].stdout, "Structure")


def test_guard_names_a_third_party_script(broken) -> None:
    assert "en/policy.html:" in section(broken[0].stdout, "Structure")
    assert "loads a third-party script from www.googletagmanager.com" in section(broken[0].stdout, "Structure")


def test_guard_names_a_link_into_another_language_outside_the_switcher(broken) -> None:
    assert "links to '../policy.html', a page in 'ja'" in section(broken[0].stdout, "Structure")


def test_guard_names_a_second_h1_a_missing_effective_date_and_a_missing_language_notice(broken) -> None:
    structure = section(broken[0].stdout, "Structure")
    assert "\n        handling.html: has 2 top-level headings (h1), not one" in structure
    assert "\n        website.html: shows no effective date" in structure
    assert "en/website.html: lacks the notice that the Japanese text prevails" in structure


def test_guard_names_what_the_csp_blocks_a_missing_file_and_a_lost_palette_toggle_at_every_width(broken) -> None:
    loads = section(broken[0].stdout, "Page loads in chromium")
    every_width = "(seen at 390px, 1280px)"
    assert "en/policy.html: CSP: script-src-elem blocked https://www.googletagmanager.com/gtag/js?id=G-1" in loads
    assert f"\n        website.html: CSP: script-src-elem blocked inline at {SITE_URL}website.html:" in loads
    assert f"\n        index.html: 404 for {SITE_URL}assets/images/gone.png {every_width}" in loads
    assert f"\n        en/index.html: no palette toggle to switch to dark colours {every_width}" in loads
    assert "handling.html" not in loads


def test_guard_names_an_external_link_of_bad_form(broken) -> None:
    assert "the external link 'http://www.example.com/old' uses http, not https" in \
        section(broken[0].stdout, "Links and anchors")


def test_guard_writes_a_readable_html_report_naming_the_faults(broken) -> None:
    report = (broken[1] / "index.html").read_text(encoding="utf-8")
    assert "NOT fit to publish" in report
    for fault in ("gone.html", "no-such-section", "center", "image-alt", DROPPED_URL, "googletagmanager",
                  "http://www.example.com/old"):
        assert fault in report


def test_guard_refuses_a_folder_without_a_built_site(tmp_path: Path) -> None:
    result = run_guard(ROOT, tmp_path / "nothing", tmp_path / "report")
    assert result.returncode == 1
    assert "no built site here" in result.stderr and "make check" in result.stderr


def test_guard_explains_a_tool_it_cannot_run_without_a_traceback(site: Path, tmp_path: Path) -> None:
    result = run_guard(tmp_path, site, tmp_path / "report")  # a project folder with no mkdocs.yml
    assert result.returncode == 1
    assert "The release guard could not run" in result.stderr and "How to fix" in result.stderr
    assert "Traceback" not in result.stderr
