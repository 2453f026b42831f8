"""The APPI disclosures report (appi.yml): on the current policy, and on a revision that drops a mapped section."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from guard import appi, report
from guard.site import Site
from project_copies import build, copy_project, retranslate, write_summaries
from project_facts import LANGUAGES, ROOT

JOINT_USE = re.compile(r"\n## [^\n]*\{#joint-use\}\n.*?(?=\n## )", re.S)


@pytest.fixture(scope="module")
def without_joint_use(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A revision of 2027-04-01 that removes the section on joint use from every language, as staff would."""
    import policy

    project = copy_project(tmp_path_factory.mktemp("appi"))
    assert policy.main(["revise", "2027-04-01", "--project", str(project)]) == 0
    for locale in LANGUAGES:
        path = project / "docs" / locale / "handling.md"
        text, removed = JOINT_USE.subn("", path.read_text(encoding="utf-8"))
        assert removed == 1, path
        path.write_text(text, encoding="utf-8")
    result = build(write_summaries(retranslate(project), {locale: "共同利用の節を削除" for locale in LANGUAGES}))
    assert result.returncode == 0, result.stdout + result.stderr
    return Site.load(project / "site", project)


@pytest.fixture(scope="module")
def current(site: Path) -> Site:
    return Site.load(site, ROOT)


def test_the_current_policy_states_every_mapped_item_and_the_unmapped_ones_are_advisory(current: Site) -> None:
    findings, disclosures = appi.check(current)
    assert findings == []
    assert len(disclosures) == 10
    assert {d.article for d in disclosures} >= {"法第32条第1項第1号", "法第27条第5項第3号"}
    unstated = [d.item for d in disclosures if not d.stated_in]
    assert unstated == ["個人情報取扱事業者の氏名又は名称及び住所並びに法人にあっては、その代表者の氏名",
                        "当該個人データの管理について責任を有する者の氏名又は名称及び住所並びに法人にあっては、その代表者の氏名"]
    assert next(d for d in disclosures if d.item == "全ての保有個人データの利用目的").stated_in == ["handling.md#purposes"]


def test_a_revision_that_drops_a_mapped_section_is_an_error_naming_each_item_and_its_line(without_joint_use: Site) -> None:
    findings, disclosures = appi.check(without_joint_use)
    lines = (ROOT / appi.FILE).read_text(encoding="utf-8").splitlines()
    assert [finding.where for finding in findings] == [
        f"appi.yml:{number}" for number, line in enumerate(lines, 1) if line.startswith("  - item: ")
        and "handling.md#joint-use" in lines[number + 1]]
    assert len(findings) == 4
    assert all("is mapped to handling.md#joint-use, which the revision of 2027-04-01 does not have" in f.problem
               for f in findings)
    assert "stated_in: []" in findings[0].fix
    summary = report.Summary(without_joint_use, [appi.NAME], findings, {}, [], [], [], disclosures)
    assert f"FAIL  {appi.NAME} (4)" in report.text(summary, Path("index.html"))


@pytest.mark.parametrize("written, mistake, problem", [
    ("stated_in: [handling.md#purposes]", "stated_in: handling.md#purposes", "stated_in: is a list in brackets"),
    ("stated_in: [handling.md#purposes]", "stated_in: [handling#purposes]", "is not page.md#heading-id"),
    ("    article: 法第32条第1項第2号\n", "", "it needs item:, article: and stated_in:"),
])
def test_a_mistake_in_appi_yml_names_its_line_and_the_form_to_write(current: Site, tmp_path: Path, written: str,
                                                                   mistake: str, problem: str) -> None:
    text = (ROOT / appi.FILE).read_text(encoding="utf-8")
    assert written in text
    (tmp_path / appi.FILE).write_text(text.replace(written, mistake, 1), encoding="utf-8")
    findings, _ = appi.check(dataclasses.replace(current, project=tmp_path))
    assert [finding.where for finding in findings] == ["appi.yml:15"]
    assert problem in findings[0].problem and "item:, article: and stated_in:" in findings[0].fix
