"""One summary per revision and language (docs/<lang>/revision-summary.txt): refused while missing or empty, in the
language it lacks; the pages need none; a revision frozen before there were summary files keeps its home page's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from project_facts import LANGUAGES
from project_copies import build, copy_project, retranslate, write_summaries

from policy_site import history

NEW = "2027-04-01"
OLD = "2017-12-27"
SUMMARY = {"ja": "第10項を改めました", "en": "Principle 10 revised"}
EDITS = {"ja": ("継続的な改善を図ります。", "毎年、継続的な改善を図ります。"),
         "en": ("keep working to improve it.", "keep working to improve it every year.")}


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy right after `make revision DATE=2027-04-01`: every summary file empty, no page edited."""
    import policy

    project = copy_project(tmp_path_factory.mktemp("opened"))
    assert policy.main(["revise", NEW, "--project", str(project)]) == 0
    return project


def test_revision_opens_with_an_empty_summary_file_per_language_and_no_page_summaries(opened: Path):
    for locale in LANGUAGES:
        assert (opened / "docs" / locale / history.SUMMARY).read_text(encoding="utf-8") == ""
        assert not any("\nsummary:" in p.read_text(encoding="utf-8") for p in (opened / "docs" / locale).glob("*.md"))


def test_build_refuses_a_summary_left_empty_naming_only_the_languages_that_lack_it(opened: Path, tmp_path: Path):
    project = write_summaries(copy_project(tmp_path, source=opened),
                              {locale: SUMMARY.get(locale, "Revised") for locale in LANGUAGES if locale != "ko"})
    result = build(project)
    assert result.returncode == 1
    assert f"docs/ko/{history.SUMMARY}: the summary of revision {NEW} is still empty" in result.stderr
    assert "in the language of docs/ko/" in result.stderr
    assert f"docs/en/{history.SUMMARY}" not in result.stderr and f"docs/ja/{history.SUMMARY}" not in result.stderr


def test_build_refuses_a_missing_summary_file_saying_to_create_it_in_japanese_by_default(opened: Path,
                                                                                        tmp_path: Path):
    project = write_summaries(copy_project(tmp_path, source=opened),
                              {locale: SUMMARY.get(locale, "Revised") for locale in LANGUAGES})
    (project / "docs" / "en" / history.SUMMARY).unlink()
    english = build(project)
    assert english.returncode == 1
    assert f"docs/en/{history.SUMMARY}: the summary of revision {NEW} is missing" in english.stderr
    assert "create this file" in english.stderr
    japanese = build(project, POLICY_SITE_MESSAGES="ja")
    assert japanese.returncode == 1
    assert f"docs/en/{history.SUMMARY}: 改定 {NEW} の概要がありません" in japanese.stderr


@pytest.fixture(scope="module")
def summarised(opened: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The opened revision with one changed page per language and only the revision's summary written; its old
    revision frozen as the older `make revision` froze it, without a summary file (the manifest without it too)."""
    project = copy_project(tmp_path_factory.mktemp("summarised"), source=opened)
    for locale, (before, after) in EDITS.items():
        path = project / "docs" / locale / "policy.md"
        path.write_text(path.read_text(encoding="utf-8").replace(before, after, 1), encoding="utf-8")
    write_summaries(retranslate(project), {locale: SUMMARY.get(locale, "Revised") for locale in LANGUAGES})
    docs = project / "docs"
    for locale in LANGUAGES:
        (docs / locale / "archive" / OLD / history.SUMMARY).unlink()
    manifest = docs / history.MANIFEST
    manifest.write_text("".join(line + "\n" for line in manifest.read_text(encoding="utf-8").splitlines()
                                if not line.endswith(history.SUMMARY)), encoding="utf-8")
    result = build(project, SOURCE_DATE_EPOCH="1806537600")  # 2027-04-01
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_changed_pages_need_no_summary_of_their_own_and_show_the_revisions(summarised: Path):
    dated = (summarised / "en" / "archive" / NEW / "policy.html").read_text(encoding="utf-8")
    changes = dated[dated.index('id="changes"'):].split("</section>")[0]
    assert f"<p>{SUMMARY['en']}</p>" in changes and 'class="policy-changed"' in changes


def test_history_feed_and_json_show_the_revision_summary_and_the_old_one_its_home_pages(summarised: Path):
    data = json.loads((summarised / "revisions.json").read_text(encoding="utf-8"))
    assert [r["date"] for r in data["revisions"]] == [NEW, OLD]
    assert data["revisions"][0]["summary"]["ja"] == SUMMARY["ja"]
    assert data["revisions"][1]["summary"] == {"ja": "初版（制定）", "ja-Hira": "最初の バージョン",
                                               "en": "First edition", "zh-Hans": "第一版", "ko": "초판(제정)",
                                               "vi": "Phiên bản đầu tiên", "pt-BR": "Primeira edição"}
    assert {p["page"]: p["summary"] for p in data["revisions"][0]["pages"]["en"]} == \
        {"index": None, "policy": None, "handling": None, "website": None}
    index = (summarised / "archive" / "index.html").read_text(encoding="utf-8")
    assert f"<p>{SUMMARY['ja']}</p>" in index and "<p>初版（制定）</p>" in index
    feed = (summarised / "en" / "revisions.atom").read_text(encoding="utf-8")
    assert f"<summary>{SUMMARY['en']}</summary>" in feed and "<summary>First edition</summary>" in feed


def test_no_summary_file_is_published(summarised: Path):
    assert not list(summarised.rglob(history.SUMMARY))
