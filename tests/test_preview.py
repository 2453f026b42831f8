"""make serve: the real live preview on a copy of the project, watched in chromium as staff edit and save.

A mistake is shown at the top of the page it concerns, in Japanese, while every page stays
readable; the next save that fixes it takes the notice away. make site refuses the same mistakes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import open_context, start_interruptible
from guard.site import free_ports
from project_copies import build, copy_project
from project_facts import POLICY, ROOT

from policy_site import history

NOTICE = ".policy-preview"
WAIT_MS = 90_000  # a rebuild of every language takes seconds; a loaded machine may take far longer


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory):
    """`policy.py serve` (what make serve runs) on a copy of the project, messages in the staff's Japanese."""
    folder = tmp_path_factory.mktemp("preview")
    project, log = copy_project(folder / "project"), folder / "serve.log"
    port = free_ports(1)[0]
    with log.open("w") as output:
        server = start_interruptible([sys.executable, str(POLICY), "serve", "--project",
                                      str(project), "--dev-addr", f"127.0.0.1:{port}"],
                                     env={**os.environ, "POLICY_SITE_MESSAGES": "ja", "NO_MKDOCS_2_WARNING": "1"},
                                     stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + WAIT_MS / 1000
    while not _answers(url + "policy.html"):
        assert server.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.5)
    yield project, url
    server.send_signal(signal.SIGINT)  # as Ctrl-C stops make serve
    try:
        server.wait(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()


@pytest.fixture
def tab(browser):
    context = open_context(browser)
    yield context.new_page()
    context.close()


def test_a_lagging_translation_is_shown_on_its_page_and_gone_after_the_save_that_fixes_it(preview, tab):
    project, url = preview
    japanese = project / "docs" / "ja" / "policy.md"
    text = japanese.read_text(encoding="utf-8")
    tab.goto(url + "en/policy.html")
    assert tab.locator(NOTICE).count() == 0
    japanese.write_text(text.replace("最新の内容で管理します。", "最新の内容で管理し、不要なものは消去します。"), encoding="utf-8")
    notice = tab.wait_for_selector(NOTICE, timeout=WAIT_MS)  # the open page reloads by itself after the rebuild
    shown = notice.inner_text()
    assert "docs/en/policy.md:" in shown and "docs/ja/policy.md" in shown and "直し方" in shown
    assert notice.get_attribute("role") == "alert" and notice.is_visible()
    assert tab.locator("h1").count() == 1 and "(7)" in tab.locator("article").inner_text()
    for other in ("policy.html", "en/handling.html"):
        with urllib.request.urlopen(url + other) as response:
            assert response.status == 200 and NOTICE[1:] not in response.read().decode("utf-8"), other
    japanese.write_text(text, encoding="utf-8")
    tab.wait_for_selector(NOTICE, state="detached", timeout=WAIT_MS)


def test_a_mistaken_date_is_shown_on_its_line_while_its_text_stays_readable_and_make_site_refuses_it(preview, tab,
                                                                                                      tmp_path: Path):
    project, url = preview
    page = project / "docs" / "en" / "handling.md"
    text = page.read_text(encoding="utf-8")
    line = text.split("\n").index(next(line for line in text.split("\n") if line.startswith("revision:"))) + 1
    tab.goto(url + "en/handling.html")
    page.write_text(text.replace("revision: 2017-12-27", "revision: 2017-13-27"), encoding="utf-8")
    notice = tab.wait_for_selector(NOTICE, timeout=WAIT_MS)
    assert f"docs/en/handling.md:{line}" in notice.inner_text() and "2017-13-27" in notice.inner_text()
    assert tab.locator("article h2").count() > 0
    refused = build(copy_project(tmp_path / "strict", source=project))
    assert refused.returncode == 1 and f"docs/en/handling.md:{line}" in refused.stderr
    page.write_text(text, encoding="utf-8")
    tab.wait_for_selector(NOTICE, state="detached", timeout=WAIT_MS)


def test_an_opened_revision_without_its_summary_is_shown_on_every_page_of_each_language(preview, tab):
    project, url = preview
    summary = project / "docs" / "ko" / history.SUMMARY
    kept = summary.read_bytes()
    tab.goto(url + "ko/website.html")
    summary.write_text("", encoding="utf-8")
    notice = tab.wait_for_selector(NOTICE, timeout=WAIT_MS)
    assert f"docs/ko/{history.SUMMARY}" in notice.inner_text()
    with urllib.request.urlopen(url + "en/website.html") as response:
        assert NOTICE[1:] not in response.read().decode("utf-8")
    summary.write_bytes(kept)
    tab.wait_for_selector(NOTICE, state="detached", timeout=WAIT_MS)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def test_a_translations_strings_file_that_is_not_yaml_is_shown_on_that_languages_pages(preview, tab):
    project, url = preview
    strings = project / "docs" / "vi" / "strings.yml"
    kept = strings.read_bytes()
    tab.goto(url + "vi/policy.html")
    strings.write_bytes(kept + b"\nprevails_notice: [unclosed\n")
    notice = tab.wait_for_selector(NOTICE, timeout=WAIT_MS)
    assert "docs/vi/strings.yml" in notice.inner_text() and "YAML" in notice.inner_text()
    with urllib.request.urlopen(url + "policy.html") as response:
        assert NOTICE[1:] not in response.read().decode("utf-8")
    strings.write_bytes(kept)
    tab.wait_for_selector(NOTICE, state="detached", timeout=WAIT_MS)
