"""A moved page leaves a redirect page in every language, and the release guard accepts it in place of the old URL."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from guard import html_validity, urls
from guard.site import Site
from project_copies import build, copy_project
from project_facts import LANGUAGES, ROOT, SITE_URL

def project_copy(tmp_path: Path, redirects: str) -> Path:
    """The repository's sources with extra > redirects set: this hook needs a build of its own."""
    project = copy_project(tmp_path / "project")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  redirects: {}\n" in config
    (project / "mkdocs.yml").write_text(config.replace("  redirects: {}\n", f"  redirects: {redirects}\n"),
                                        encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("moved"), "{privacy.html: policy.html}")
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def test_a_moved_page_leaves_a_redirect_page_in_every_language(moved: Path) -> None:
    ja = (moved / "site" / "privacy.html").read_text(encoding="utf-8")
    en = (moved / "site" / "en" / "privacy.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=policy.html">' in ja and '<html lang="ja">' in ja
    assert "このページは移動しました" in ja and '<a href="policy.html">' in ja
    assert '<meta http-equiv="refresh" content="0; url=policy.html">' in en and "This page has moved" in en
    assert f'<link rel="canonical" href="{SITE_URL}en/policy.html">' in en


def test_the_guard_accepts_the_redirect_page_at_a_published_url_and_finds_it_valid(moved: Path) -> None:
    published = (ROOT / "published-urls.txt").read_text(encoding="utf-8")
    (moved / "published-urls.txt").write_text(published + "privacy.html\nen/privacy.html\n", encoding="utf-8")
    site = Site.load(moved / "site", moved)
    assert urls.check(site)[0] == []
    site.pages = {path: page for path, page in site.pages.items() if path.endswith("privacy.html")}
    assert sorted(site.pages) == sorted([f"{locale}/privacy.html" for locale in LANGUAGES[1:]] + ["privacy.html"])
    assert html_validity.check(site) == []


def test_a_redirect_to_a_page_that_is_not_built_fails_the_build(tmp_path: Path) -> None:
    result = build(project_copy(tmp_path, "{privacy.html: nowhere.html}"))
    assert result.returncode == 1
    assert "'privacy.html' points to 'nowhere.html', which is not built" in result.stderr


def test_a_redirect_from_an_existing_page_fails_the_build(tmp_path: Path) -> None:
    result = build(project_copy(tmp_path, "{policy.html: index.html}"))
    assert result.returncode == 1
    assert "'policy.html' is still a page, so it cannot redirect" in result.stderr


def test_redirect_pages_written_after_the_build_are_pinned_and_hashed_into_the_csp(tmp_path: Path) -> None:
    project = project_copy(tmp_path, "{privacy.html: policy.html}")
    template = project / "overrides" / "partials" / "redirect.html"
    style = "h1{margin:0}"
    text = template.read_text(encoding="utf-8")
    assert "</head>" in text
    template.write_text(text.replace("</head>", f'<link rel="stylesheet" href="/assets/kuruko.css">\n'
                                                f"<style>{style}</style>\n</head>"), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    pin = base64.b64encode(hashlib.sha384((site / "assets" / "kuruko.css").read_bytes()).digest()).decode()
    for page in ("privacy.html", "en/privacy.html"):
        assert f'href="/assets/kuruko.css" integrity="sha384-{pin}">' in (site / page).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in (site / "_headers").read_text(encoding="utf-8")
