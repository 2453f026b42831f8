"""make undo-revision: the last `make revision` taken back byte for byte, never one that was published or edited."""

from __future__ import annotations

from pathlib import Path

from project_facts import LANGUAGES
from project_copies import copy_project, tree, write_summaries
from test_revisions import NEW, OLD, policy

from policy_site import history

LATER = "2028-04-01"


def opened(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A copy of the project with revision NEW just opened, and its docs/ as they were before."""
    project = copy_project(tmp_path / "project")
    before = tree(project / "docs")
    assert policy("revise", NEW, project=project).returncode == 0
    return project, before


def test_undo_gives_back_docs_as_they_were_before_the_revision_was_opened(tmp_path: Path):
    project, before = opened(tmp_path)
    result = policy("undo_revision", project=project)
    assert result.returncode == 0, result.stderr
    assert tree(project / "docs") == before
    assert not (project / "docs" / "ja" / history.ARCHIVE).exists()
    assert f"Revision {NEW} is undone" in result.stdout and "make revision DATE=" in result.stdout


def test_undo_keeps_earlier_revisions_archived_and_in_the_manifest(tmp_path: Path):
    project, _before = opened(tmp_path)
    write_summaries(project, {locale: "Principle 7 now covers erasure" for locale in LANGUAGES})
    between = tree(project / "docs")
    assert policy("revise", LATER, project=project).returncode == 0
    result = policy("undo_revision", project=project)
    assert result.returncode == 0, result.stderr
    assert tree(project / "docs") == between
    assert history.archive_problems(project / "docs") == []
    assert {name.split("/")[2] for name in history.read_manifest(project / "docs")} == {OLD}
    assert policy("build", project=project).returncode == 0


def test_undo_refuses_a_revision_whose_pages_were_published_and_changes_nothing(tmp_path: Path):
    project, _before = opened(tmp_path)
    (project / "published-urls.txt").write_text(f"policy.html\nen/archive/{NEW}/policy.html\n", encoding="utf-8")
    revised = tree(project)
    result = policy("undo_revision", project=project)
    assert result.returncode == 1
    assert f"published-urls.txt: en/archive/{NEW}/policy.html" in result.stderr
    assert "make revision DATE=" in result.stderr
    assert tree(project) == revised


def test_undo_is_not_stopped_by_the_urls_of_the_revision_before(tmp_path: Path):
    project, before = opened(tmp_path)
    (project / "published-urls.txt").write_text(f"policy.html\narchive/{OLD}/policy.html\n", encoding="utf-8")
    assert policy("undo_revision", project=project).returncode == 0
    assert tree(project / "docs") == before


def test_undo_refuses_edits_naming_file_and_line_and_discards_them_only_when_told(tmp_path: Path):
    project, before = opened(tmp_path)
    page = project / "docs" / "en" / "policy.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    edited = next(number for number, line in enumerate(lines, 1) if line.startswith("- (7)"))
    lines[edited - 1] += " Edited."
    page.write_text("\n".join(lines), encoding="utf-8")
    write_summaries(project, {"ja": "第7項を改めました"})
    (project / "docs" / "ko" / "website.md").unlink()
    revised = tree(project)
    result = policy("undo_revision", project=project)
    assert result.returncode == 1
    for where in (f"docs/en/policy.md:{edited}:", f"docs/ja/{history.SUMMARY}:1:", "docs/ko/website.md:"):
        assert where in result.stderr
    assert "DISCARD_EDITS=1" in result.stderr
    assert tree(project) == revised
    assert policy("undo_revision", "--discard-edits", project=project).returncode == 0
    assert tree(project / "docs") == before


def test_undo_refuses_when_no_revision_was_ever_opened(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    before = tree(project)
    result = policy("undo_revision", project=project)
    assert result.returncode == 1 and "none to undo" in result.stderr
    assert tree(project) == before


def test_undo_refuses_an_archive_changed_by_hand(tmp_path: Path):
    project, _before = opened(tmp_path)
    frozen = project / "docs" / "en" / history.ARCHIVE / OLD / "policy.md"
    frozen.write_text(frozen.read_text(encoding="utf-8") + "\nAdded.\n", encoding="utf-8")
    revised = tree(project)
    result = policy("undo_revision", project=project)
    assert result.returncode == 1 and f"docs/en/archive/{OLD}/policy.md" in result.stderr
    assert tree(project) == revised
