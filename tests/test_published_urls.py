"""URL continuity: the list of published URLs only grows, and a moved page may leave a redirect page behind."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from guard import urls
from guard.published import URL_LIST, read_published_urls, record_published_urls
from guard.site import Site
from project_facts import POLICY, ROOT

REDIRECT = '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>移動しました</title>' \
           '<meta http-equiv="refresh" content="0; url={target}"></head><body></body></html>'


def tiny_site(folder: Path, *pages: str) -> Path:
    for page in pages:
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        (folder / page).write_text("<!doctype html><title>t</title>", encoding="utf-8")
    return folder


def test_recording_adds_the_new_urls_and_keeps_every_old_one(tmp_path: Path) -> None:
    (tmp_path / URL_LIST).write_text("# list\nprivacy-2016.html\n", encoding="utf-8")
    site = tiny_site(tmp_path / "site", "index.html", "en/index.html")
    assert record_published_urls(site, tmp_path) == ["en/index.html", "index.html"]
    assert read_published_urls(tmp_path) == ["en/index.html", "index.html", "privacy-2016.html"]
    assert record_published_urls(site, tmp_path) == []


def test_publish_urls_verb_creates_the_list_and_names_what_it_added(tmp_path: Path) -> None:
    tiny_site(tmp_path / "site", "index.html", "policy.html")
    result = subprocess.run([sys.executable, str(POLICY), "publish_urls",
                             "--project", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "2 new URL(s) added" in result.stdout and "policy.html" in result.stdout
    text = (tmp_path / URL_LIST).read_text(encoding="utf-8")
    assert text.startswith("# Every URL this site has ever published")
    assert text.splitlines()[-2:] == ["index.html", "policy.html"]


def test_guard_accepts_a_moved_page_that_leaves_a_redirect_page(site: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(site, tmp_path / "site")
    (copy / "policy.html").rename(copy / "basic-policy.html")
    (copy / "policy.html").write_text(REDIRECT.format(target="basic-policy.html"), encoding="utf-8")
    findings, _ = urls.check(Site.load(copy, ROOT))
    assert findings == []


def test_guard_rejects_a_redirect_page_that_leads_nowhere(site: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(site, tmp_path / "site")
    (copy / "policy.html").write_text(REDIRECT.format(target="basic-policy.html"), encoding="utf-8")
    findings, _ = urls.check(Site.load(copy, ROOT))
    assert [(f.where, f.problem) for f in findings] == [
        ("policy.html", "redirects to 'basic-policy.html', which does not exist")]
