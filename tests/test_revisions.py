"""Policy revisions: the shipped history, and the whole staff workflow on a temporary copy of the project.

The copy is revised to 2027-04-01 with one sentence changed in each language,
then built twice: on the day before it takes effect (upcoming) and on the day
it does (current).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from project_facts import LANGUAGES, POLICY, ROOT, SITE_URL
from project_copies import copy_project, retranslate, write_summaries

from policy_site import front_matter, history
from policy_site.sources.translations import text_code

NEW = "2027-04-01"
OLD = "2017-12-27"
SENTENCES = {  # language -> (page, sentence before, sentence after)
    "ja": ("policy", "(7)個人情報は常に正確かつ最新の内容で管理します。",
           "(7)個人情報は常に正確かつ最新の内容で管理し、不要になった個人情報は速やかに消去します。"),
    "en": ("policy", "(7) We always keep personal information accurate and up to date.",
           "(7) We always keep personal information accurate and up to date, "
           "and we promptly erase personal information we no longer need."),
}
SUMMARIES = {"ja": "第7項に消去の定めを加えました", "en": "Principle 7 now covers erasure"}  # the revision's, per language
FIRST_EDITION = {"ja": "初版（制定）", "en": "First edition"}  # 2017-12-27's summary
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# what differs, rightly, between a page at its stable and at its dated URL: links to the history, the original
REVISION_LINKS = re.compile(r'<p class="policy-(?:revision-permanent|history-link)">.*?</p>'
                            r'|<aside class="admonition info policy-notice".*?</aside>', re.S)


def policy(*args: str, project: Path, date: str | None = None) -> subprocess.CompletedProcess:
    """Run a staff command on a project folder, on a given build date."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    if date:
        env["SOURCE_DATE_EPOCH"] = str(int(datetime.datetime.fromisoformat(f"{date}T00:00:00+00:00").timestamp()))
    return subprocess.run([sys.executable, str(POLICY), args[0], "--project", str(project),
                           *args[1:]], capture_output=True, text=True, env=env)


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project after `revise 2027-04-01`, one sentence edited per language, the revision's summary
    written in each language and no page's own: the changed page needs none, the unchanged ones nothing."""
    project = copy_project(tmp_path_factory.mktemp("revised"))
    result = policy("revise", NEW, project=project)
    assert result.returncode == 0, result.stdout + result.stderr
    for locale in LANGUAGES:  # the other translations are brought up to date word for word elsewhere
        page, before, after = SENTENCES.get(locale, ("policy", None, None))
        if before:
            path = project / "docs" / locale / f"{page}.md"
            text = path.read_text(encoding="utf-8")
            assert before in text and "summary:" not in text
            path.write_text(text.replace(before, after), encoding="utf-8")
    write_summaries(project, {locale: SUMMARIES.get(locale, SUMMARIES["en"]) for locale in LANGUAGES})
    return retranslate(project)


def build(project: Path, date: str, name: str) -> Path:
    result = policy("build", "--site-dir", name, project=project, date=date)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / name


@pytest.fixture(scope="module")
def current(revised: Path) -> Path:
    """The revised copy built on the day the new revision takes effect."""
    return build(revised, NEW, "site-current")


@pytest.fixture(scope="module")
def upcoming(revised: Path) -> Path:
    """The revised copy built on the day before it takes effect."""
    return build(revised, "2027-03-31", "site-upcoming")


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def links(page_html: str) -> list[str]:
    return re.findall(r'<a href="([^"#]+)[^"]*"', page_html)


def resolve(site: Path, page: str, href: str) -> Path:
    return (site / page).parent.joinpath(href).resolve()


# The site as shipped: only the real 2017-12-27 revision

def test_shipped_history_is_the_2017_revision_alone_in_force(site: Path):
    data = json.loads(html(site, "revisions.json"))
    assert data["in_force"] == OLD
    assert [(r["date"], r["status"]) for r in data["revisions"]] == [(OLD, "in_force")]
    assert not list((ROOT / "docs").glob("*/archive"))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_current_revision_is_also_at_its_permanent_dated_url(site: Path, prefix: str):
    def text(page: str) -> str:
        article = html(site, page)
        return " ".join(REVISION_LINKS.sub("", article[article.index("<h1"):article.index("</article>")]).split())

    for page in ("index", "policy", "handling", "website"):
        dated = f"{prefix}archive/{OLD}/{page}.html"
        assert 'class="policy-revision-permanent"' in html(site, dated)
        assert text(dated) == text(f"{prefix}{page}.html")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_current_page_links_to_the_archive_index(site: Path, prefix: str):
    for page in ("index", "policy", "handling", "website"):
        hrefs = [resolve(site, f"{prefix}{page}.html", h) for h in links(html(site, f"{prefix}{page}.html"))]
        assert (site / prefix / "archive" / "index.html").resolve() in hrefs


def test_search_finds_only_the_text_in_force(site: Path):
    for index in (site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"):
        locations = [doc["location"] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]]
        assert locations and not [loc for loc in locations if "archive/" in loc]


def test_build_explains_a_malformed_source_date_epoch(tmp_path: Path):
    project = copy_project(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "2027-04-01"}
    result = subprocess.run([sys.executable, str(POLICY), "build", "--project", str(project)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1 and "SOURCE_DATE_EPOCH='2027-04-01'" in result.stderr
    assert "Traceback" not in result.stderr and not (project / "site").exists()


# The revise command

def test_revise_freezes_every_language_and_opens_the_next_revision(revised: Path):
    docs = revised / "docs"
    for locale in ("ja", "en"):
        frozen = sorted(p.name for p in (docs / locale / "archive" / OLD).iterdir())
        assert frozen == ["handling.md", "index.md", "policy.md", history.SUMMARY, "website.md"]
        assert (docs / locale / "archive" / OLD / "website.md").read_bytes() == \
            (ROOT / "docs" / locale / "website.md").read_bytes()
        assert {front_matter.read(p).meta["revision"] for p in (docs / locale).glob("*.md")} == {NEW}
    check = subprocess.run(["sha256sum", "--check", "--strict", history.MANIFEST], cwd=docs,
                           capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == 5 * len(LANGUAGES), check.stdout + check.stderr


@pytest.mark.parametrize("date, says", [
    ("2027-4-1", "is not a date in the form YYYY-MM-DD"),
    ("2027-02-30", "is not a real calendar date"),
    ("", "is not a date in the form YYYY-MM-DD"),
    (OLD, f"{OLD} is not after {OLD}"),
    ("2017-01-01", "is not after"),
])
def test_revise_refuses_a_bad_date_and_changes_nothing(tmp_path: Path, date: str, says: str):
    project = copy_project(tmp_path)
    before = snapshot(project)
    result = policy("revise", date, project=project)
    assert result.returncode == 1 and says in result.stderr and "How to fix" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("typed", ["２０２７-０４-０１", "２０２７ー０４ー０１", "２０２７－０４－０１", " 2027－04－01 "])
def test_revise_reads_a_date_typed_with_the_japanese_input_method_on(tmp_path: Path, typed: str):
    project = copy_project(tmp_path)
    result = policy("revise", typed, project=project)
    assert result.returncode == 0, result.stderr
    assert f"revision: {NEW}\n" in (project / "docs" / "ja" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("date, says", [
    (OLD, f"the archive already holds the revision of {OLD}"),
    (NEW, f"{NEW} is not after {NEW}"),
])
def test_revise_refuses_a_date_the_archive_holds_or_not_after_the_current_one(revised: Path, tmp_path: Path,
                                                                               date: str, says: str):
    project = copy_project(tmp_path, source=revised)
    before = snapshot(project)
    result = policy("revise", date, project=project)
    assert result.returncode == 1 and says in result.stderr
    assert snapshot(project) == before


def test_revise_refuses_while_the_open_revision_lacks_its_summary(tmp_path: Path):
    project = copy_project(tmp_path)
    assert policy("revise", NEW, project=project).returncode == 0
    assert all((project / "docs" / locale / history.SUMMARY).read_text(encoding="utf-8") == "" for locale in LANGUAGES)
    before = snapshot(project)
    result = policy("revise", "2028-04-01", project=project)
    assert result.returncode == 1
    assert f"docs/ja/{history.SUMMARY}: the summary of revision {NEW} is still empty" in result.stderr
    assert snapshot(project) == before


def test_revise_freezes_the_summary_with_the_archive_and_the_manifest_covers_it(revised: Path):
    for locale in LANGUAGES:
        frozen = revised / "docs" / locale / "archive" / OLD / history.SUMMARY
        assert frozen.read_bytes() == (ROOT / "docs" / locale / history.SUMMARY).read_bytes()
        assert history.read_manifest(revised / "docs")[f"{locale}/archive/{OLD}/{history.SUMMARY}"] == \
            history.sha256(frozen)


# Immutability of the archive

@pytest.mark.parametrize("tamper, says", [
    (lambda a: a.write_text(a.read_text(encoding="utf-8").replace("遵守", "尊重"), encoding="utf-8"), "was edited"),
    (lambda a: a.unlink(), "is missing"),
    (lambda a: a.with_name("extra.md").write_text("---\n", encoding="utf-8"), "is not in the archive manifest"),
])
def test_build_and_revise_refuse_an_archive_changed_by_hand(revised: Path, tmp_path: Path, tamper, says: str):
    project = copy_project(tmp_path, source=revised)
    archived = project / "docs" / "ja" / "archive" / OLD / "policy.md"
    tamper(archived)
    before = snapshot(project)
    built = policy("build", project=project, date=NEW)
    named = f"docs/ja/archive/{OLD}/{'extra.md' if 'manifest' in says else 'policy.md'}"
    assert built.returncode == 1 and f"{named}: this" in built.stderr and says in built.stderr
    assert not (project / "site").exists()
    revised_again = policy("revise", "2028-04-01", project=project)
    assert revised_again.returncode == 1 and says in revised_again.stderr
    assert snapshot(project) == before


def test_build_fails_when_the_japanese_text_changed_and_the_english_did_not(tmp_path: Path):
    project = copy_project(tmp_path)
    page, before, after = SENTENCES["ja"]
    path = project / "docs" / "ja" / f"{page}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")
    result = policy("build", project=project)
    assert result.returncode == 1
    assert f"docs/en/{page}.md:6: this translation translates an older text of docs/ja/{page}.md" in result.stderr
    assert f"set 'translates: {text_code(path)}'" in result.stderr


# The revised copy, built before and on the new revision's effective date

@pytest.mark.parametrize("locale, prefix", [("ja", ""), ("en", "en/")])
def test_upcoming_revision_is_announced_while_the_stable_urls_keep_the_text_in_force(upcoming: Path, locale: str,
                                                                                    prefix: str):
    page, before, after = SENTENCES[locale]
    stable = html(upcoming, f"{prefix}{page}.html")
    assert before in stable and after not in stable
    announcement = stable[stable.index("policy-revision-announcement"):]
    assert f'<time datetime="{NEW}">' in announcement.split("</aside>")[0]
    assert f"archive/{NEW}/{page}.html" in announcement.split("</aside>")[0]
    dated = html(upcoming, f"{prefix}archive/{NEW}/{page}.html")
    assert after in dated and "policy-revision-upcoming" in dated
    assert json.loads(html(upcoming, "revisions.json"))["in_force"] == OLD
    status = {"ja": "施行予定", "en": "Upcoming"}[locale]
    assert re.search(rf'<h2 id="revision-{NEW}">\s*<time[^>]*>[^<]*</time>\s*<span[^>]*>\({status}\)',
                     html(upcoming, f"{prefix}archive/index.html"))


@pytest.mark.parametrize("locale, prefix, notice", [
    ("ja", "", "これは現在の版ではありません。"), ("en", "en/", "This is not the current version."),
])
def test_after_the_effective_date_the_old_revision_is_archived_with_a_banner(current: Path, locale: str, prefix: str,
                                                                            notice: str):
    page, before, after = SENTENCES[locale]
    stable = html(current, f"{prefix}{page}.html")
    assert after in stable and before not in stable
    assert f'href="archive/{NEW}/{page}.html#changes"' in stable
    archived = html(current, f"{prefix}archive/{OLD}/{page}.html")
    assert before in archived and after not in archived
    banner = archived[archived.index('policy-revision policy-revision-past"'):].split("</aside>")[0]
    assert notice in banner
    assert f'<time datetime="{OLD}">' in banner and '<time datetime="2027-03-31">' in banner
    assert [resolve(current, f"{prefix}archive/{OLD}/{page}.html", h) for h in links(banner)] == \
        [(current / prefix / f"{page}.html").resolve(),  # the current version, and this version's PDF
         (current / prefix / "archive" / OLD / f"revision-{OLD}.pdf").resolve()]
    assert f'href="../../en/archive/{OLD}/{page}.html" hreflang="en"' in html(current, f"archive/{OLD}/{page}.html")


@pytest.mark.parametrize("locale, prefix", [("ja", ""), ("en", "en/")])
def test_archive_index_lists_every_revision_newest_first_with_summary_pages_and_what_changed(current: Path,
                                                                                           locale: str, prefix: str):
    index = html(current, f"{prefix}archive/index.html")
    assert re.findall(r'<h2 id="revision-([\d-]+)"', index) == [NEW, OLD]
    assert SUMMARIES[locale] in index and FIRST_EDITION[locale] in index
    targets = [resolve(current, f"{prefix}archive/index.html", h) for h in links(index)]
    for date in (NEW, OLD):
        for page in ("index", "policy", "handling", "website"):
            assert (current / prefix / "archive" / date / f"{page}.html").resolve() in targets
    assert f'href="{NEW}/policy.html#changes"' in index
    assert all(target.is_file() for target in targets)


@pytest.mark.parametrize("locale, prefix, inserted, words", [
    ("ja", "", "［追加］", "、不要になった個人情報は速やかに消去し"),
    ("en", "en/", "[Added]", ", and we promptly erase personal information we no longer need"),
])
def test_what_changed_marks_only_the_added_words_with_ins_and_in_words(current: Path, locale: str, prefix: str,
                                                                       inserted: str, words: str):
    page, before, after = SENTENCES[locale]
    dated = html(current, f"{prefix}archive/{NEW}/{page}.html")
    changes = dated[dated.index('<section class="policy-changes" id="changes"'):].split("</section>")[0]
    assert changes.count('class="policy-changed"') == 1  # only the changed paragraph, not the whole text
    assert f'href="../{OLD}/{page}.html"' in changes
    assert re.findall(r"<del>(.*?)</del>", changes) == []  # no word of the old sentence was taken out
    assert re.findall(r"<ins>(.*?)</ins>", changes) == [f'<span class="policy-change-label">{inserted}</span>{words}']
    paragraph = re.search(r'<p id="change-1" class="policy-changed">(.*?)</p>', changes, re.S).group(1)
    assert " ".join(re.sub(r"<a .*?</a>|<span .*?</span>|<[^>]+>", "", paragraph).split()) == after
    assert 'id="change-1"' in changes and 'href="#change-1"' in changes and 'id="change-2"' not in changes


@pytest.mark.parametrize("prefix, no_changes", [("", "この文書に変更はありません。"), ("en/", "This document did not change.")])
def test_a_page_that_did_not_change_has_no_changes_section_and_the_archive_index_says_so(current: Path, prefix: str,
                                                                                         no_changes: str):
    assert 'id="changes"' not in html(current, f"{prefix}archive/{NEW}/handling.html")
    assert 'id="changes"' not in html(current, f"{prefix}archive/{OLD}/policy.html")  # the first compares with nothing
    index = html(current, f"{prefix}archive/index.html")
    newest = index[index.index(f'id="revision-{NEW}"'):index.index(f'id="revision-{OLD}"')]
    entry = newest[newest.index(f'href="{NEW}/handling.html"'):].split("</li>")[0]
    assert no_changes in entry and "#changes" not in entry
    assert no_changes not in index[index.index(f'id="revision-{OLD}"'):]  # the first revision compares with nothing


def test_revisions_json_gives_every_revision_with_urls_and_the_manifest_hashes(current: Path, revised: Path):
    data = json.loads(html(current, "revisions.json"))
    assert data["in_force"] == NEW
    assert [(r["date"], r["status"], r["languages"]) for r in data["revisions"]] == \
        [(NEW, "in_force", list(LANGUAGES)), (OLD, "past", list(LANGUAGES))]
    assert data["revisions"][0]["summary"] == {locale: SUMMARIES.get(locale, SUMMARIES["en"]) for locale in LANGUAGES}
    assert {locale: data["revisions"][1]["summary"][locale] for locale in FIRST_EDITION} == FIRST_EDITION
    manifest = history.read_manifest(revised / "docs")
    for page in data["revisions"][1]["pages"]["en"]:
        assert page["sha256"] == manifest[f"en/archive/{OLD}/{page['page']}.md"]
    for revision in data["revisions"]:
        for pages in revision["pages"].values():
            for page in pages:
                for url in filter(None, (page["url"], page["changes_url"])):
                    assert (current / url.removeprefix(data["site"]).removesuffix("#changes")).is_file(), url
    changes = {page["page"]: page["changes_url"] for page in data["revisions"][0]["pages"]["en"]}
    assert changes == {"index": None, "policy": f"{data['site']}en/archive/{NEW}/policy.html#changes",
                       "handling": None, "website": None}


@pytest.mark.parametrize("prefix, lang", [("", "ja"), ("en/", "en")])
def test_atom_feed_has_an_entry_per_revision_newest_first(current: Path, prefix: str, lang: str):
    feed = ET.parse(current / prefix / "revisions.atom").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated")[:10] for e in entries] == [NEW, OLD]
    assert entries[0].findtext(f"{ATOM}summary") == SUMMARIES[lang]
    assert entries[1].findtext(f"{ATOM}summary") == FIRST_EDITION[lang]
    assert 'href="revisions.atom"' in html(current, f"{prefix}policy.html")


def test_text_code_changes_with_any_character_of_the_body(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: t\ndescription: d\nrevision: 2017-12-27\nsummary: s\n---\n本文。\n",
                    encoding="utf-8")
    first = text_code(page)
    page.write_text(page.read_text(encoding="utf-8").replace("本文。", "本文！"), encoding="utf-8")
    assert first != text_code(page) and first == "sha256:" + hashlib.sha256("本文。".encode()).hexdigest()[:12]


def test_every_folder_of_pages_has_a_sitemap_of_its_own_pages_for_the_language_selector(current: Path):
    pages = [page for page in current.rglob("*.html") if page.name != "404.html"]
    assert any(page.parent.parent.name == "archive" for page in pages)  # dated folders are covered
    for page in pages:
        listed = [loc.text for loc in ET.parse(page.parent / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
        assert SITE_URL + page.relative_to(current).as_posix() in listed, page
        if page.parent not in [current, *(current / locale for locale in LANGUAGES[1:])]:  # below the language roots
            folder = f"{SITE_URL}{page.parent.relative_to(current).as_posix()}/"
            assert [loc for loc in listed if loc.rsplit("/", 1)[0] + "/" != folder] == [], page.parent


def test_revise_adds_the_urls_of_the_last_build_to_the_published_list(tmp_path: Path):
    project = copy_project(tmp_path)
    assert policy("build", project=project).returncode == 0
    assert not (project / "published-urls.txt").exists()
    result = policy("revise", NEW, project=project)
    assert result.returncode == 0, result.stderr
    listed = (project / "published-urls.txt").read_text(encoding="utf-8").split("\n")
    assert {"policy.html", "en/policy.html", f"archive/{OLD}/policy.html", "en/archive/index.html"} <= set(listed)
