"""Adding a language is a folder and a line of mkdocs.yml; it starts at the revision in force and never rewrites the archive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pages import soup
from project_copies import build, copy_project, tree, write_summaries
from test_revisions import NEW, OLD, policy

from policy_site import history

ADDED = "ko"  # the language the co-op adds after the revision of 2017-12-27 has been frozen


@pytest.fixture(scope="module")
def added_later(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A copy without Korean, revised to 2027-04-01 (freezing 2017-12-27), then given its Korean folder and line."""
    project = copy_project(tmp_path_factory.mktemp("added-later") / "project")
    korean = tmp_path_factory.mktemp("korean") / ADDED
    shutil.move(project / "docs" / ADDED, korean)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(line for line in config.splitlines(keepends=True) if f"locale: {ADDED}," in line)
    (project / "mkdocs.yml").write_text(config.replace(line, ""), encoding="utf-8")
    assert policy("revise", NEW, project=project).returncode == 0
    write_summaries(project, {path.parent.name: "Edition 2027" for path in (project / "docs").glob(f"*/{history.SUMMARY}")})
    archive = tree(project / "docs")
    shutil.copytree(korean, project / "docs" / ADDED)  # a translator's folder of the revision in force
    for path in (project / "docs" / ADDED).glob("*.md"):
        text = path.read_text(encoding="utf-8").replace("revision: 2017-12-27", f"revision: {NEW}")
        path.write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace(line, line), encoding="utf-8")
    result = build(project, SOURCE_DATE_EPOCH="1806969600")  # 2027-04-05
    assert result.returncode == 0, result.stderr
    return project, archive, tree(project / "docs")


def test_the_archive_is_not_rewritten_by_a_new_language(added_later) -> None:
    project, before, after = added_later
    assert {name: data for name, data in after.items() if not name.startswith(f"{ADDED}/")} == before
    assert not (project / "docs" / ADDED / "archive").exists()


def test_the_new_language_starts_at_the_revision_in_force(added_later) -> None:
    site = added_later[0] / "site"
    assert (site / ADDED / "policy.html").is_file() and (site / ADDED / "archive" / NEW / "policy.html").is_file()
    assert not (site / ADDED / "archive" / OLD).exists()
    history = json.loads((site / "revisions.json").read_text(encoding="utf-8"))
    languages = {revision["date"]: revision["languages"] for revision in history["revisions"]}
    assert ADDED in languages[NEW] and ADDED not in languages[OLD] and "ja" in languages[OLD]


def test_an_archived_page_offers_only_the_languages_its_revision_has(added_later) -> None:
    site = added_later[0] / "site"
    for page in (f"archive/{OLD}/policy.html", f"en/archive/{OLD}/handling.html"):
        head = soup(site / page)
        offered = {a["hreflang"] for a in head.select(".md-select__link[hreflang]")}
        alternates = {link["hreflang"] for link in head.select('link[rel="alternate"][hreflang]')}
        assert "ja" in offered and ADDED not in offered and ADDED not in alternates, page
    offered = {a["hreflang"] for a in soup(site / "policy.html").select(".md-select__link[hreflang]")}
    assert ADDED in offered


def test_the_history_says_which_languages_each_revision_was_published_in(added_later) -> None:
    history = soup(added_later[0] / "site" / "archive" / "index.html")
    old, new = (history.find(id=f"revision-{date}").find_parent("section") for date in (OLD, NEW))
    assert ADDED in {span["lang"] for span in new.select(".policy-revision-languages span")}
    assert ADDED not in {span["lang"] for span in old.select(".policy-revision-languages span")}
