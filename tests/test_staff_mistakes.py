"""Every mistake staff can make in the sources stops the build with one message: file, line, fix; no traceback.

Each case copies the project into a temporary folder, breaks one thing the way
an editor would, and runs the staff build command on it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import start_interruptible
from project_copies import ROOT, build, copy_project, retranslate, tree


def edit(project: Path, path: str, old: str, new: str) -> None:
    """Replace text in a copied source; the text must be there, so no case tests an unbroken copy."""
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update this test case"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def remove_line(project: Path, path: str, start: str) -> None:
    file = project / path
    lines = file.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, f"{path} has no single line starting {start!r}: update this test case"
    file.write_text("\n".join(kept), encoding="utf-8")


def append(project: Path, path: str, text: str) -> None:
    with open(project / path, "a", encoding="utf-8") as file:
        file.write(f"\n{text}\n")


# mistake: (how to make it, where the message points, what it says[, what the line it points at holds])
MISTAKES = {
    "front matter that is not valid YAML": (
        lambda p: edit(p, "docs/en/policy.md", "title: Personal Information", "title: Personal: Information"),
        "docs/en/policy.md:2:", "not valid YAML", "title: Personal: Information"),
    "a missing front-matter field": (
        lambda p: remove_line(p, "docs/ja/handling.md", "description:"),
        "docs/ja/handling.md:", "the field 'description' is missing"),
    "a misspelt front-matter field": (
        lambda p: edit(p, "docs/en/website.md", "revision:", "revison:"),
        "docs/en/website.md:4:", "unknown field 'revison'", "revison:"),
    "a malformed date": (
        lambda p: edit(p, "docs/ja/policy.md", "revision: 2017-12-27", "revision: 2017/12/27"),
        "docs/ja/policy.md:4:", "not a date in the form YYYY-MM-DD"),
    "an impossible date": (
        lambda p: edit(p, "docs/ja/policy.md", "revision: 2017-12-27", "revision: 2017-02-30"),
        "docs/ja/policy.md:4:", "not a real calendar date"),
    "a full-width colon after a field name": (
        lambda p: edit(p, "docs/ja/policy.md", "revision: 2017-12-27", "revision：2017-12-27"),
        "docs/ja/policy.md:4:", "followed by the full-width colon '：'", "revision："),
    "full-width digits in a date": (
        lambda p: edit(p, "docs/ja/policy.md", "revision: 2017-12-27", "revision: ２０１７-１２-２７"),
        "docs/ja/policy.md:4:", "contains the full-width character '２'", "２０１７"),
    "a Japanese page missing in English": (
        lambda p: (p / "docs/en/website.md").unlink(),
        "docs/en/website.md:", "translation is missing"),
    "an English page missing in Japanese": (
        lambda p: (p / "docs/en/cookies.md").write_text((p / "docs/en/website.md").read_text("utf-8"), "utf-8"),
        "docs/en/cookies.md:", "no original in docs/ja/"),
    "a heading whose id differs between languages": (
        lambda p: edit(p, "docs/en/handling.md", "{#joint-use}", "{#joint}"),
        "docs/en/handling.md:28:", "heading {#joint} where docs/ja/handling.md:27 has a level-2 heading {#joint-use}", "{#joint}"),
    "a heading missing in the translation": (
        lambda p: remove_line(p, "docs/en/website.md", "## Security measures"),
        "docs/en/website.md:9:", "has nothing where docs/ja/website.md:12 has a level-2 heading {#security}"),
    "a heading the original does not have": (
        lambda p: append(p, "docs/en/policy.md", "## Contact {#contact}"),
        "docs/en/policy.md:", "a level-2 heading {#contact} that docs/ja/policy.md does not have", "{#contact}"),
    "a numbered item missing in the translation": (
        lambda p: remove_line(p, "docs/en/policy.md", "- (10)"),
        "docs/en/policy.md:13:", "a list of 9 items where docs/ja/policy.md:12 has a list of 10 items"),
    "a numbered item numbered differently in the translation": (
        lambda p: edit(p, "docs/en/policy.md", "- (4) We collect", "- (5) We collect"),
        "docs/en/policy.md:16:", "numbers this item '(5)' where docs/ja/policy.md numbers it '(4)'", "- (5) We collect"),
    "an item missing in a nested list of the translation": (
        lambda p: remove_line(p, "docs/en/handling.md", "    - Sex"),
        "docs/en/handling.md:35:", "a nested list of 6 items where docs/ja/handling.md:34 has a nested list of 7"),
    "a link to a page that does not exist": (
        lambda p: edit(p, "docs/ja/index.md", "(policy.md)", "(polcy.md)"),
        "docs/ja/index.md:12:", "did you mean 'policy.md'?", "(polcy.md)"),
    "a link to an anchor that does not exist": (
        lambda p: edit(p, "docs/en/index.md", "(handling.md)", "(handling.md#complaints)"),
        "docs/en/index.md:14:", "'#complaints', which is not a heading id of docs/en/handling.md", "#complaints"),
    "a link to an address instead of a page": (
        lambda p: edit(p, "docs/ja/index.md", "(website.md)", "(/website.html)"),
        "docs/ja/index.md:14:", "an address on the web server", "(/website.html)"),
    "a Markdown file saved as Shift_JIS, not UTF-8": (
        lambda p: (p / "docs/ja/policy.md").write_bytes((ROOT / "docs/ja/policy.md").read_text("utf-8").encode("shift_jis")),
        "docs/ja/policy.md:2:", "not saved as UTF-8"),
    "a raw <script> in Markdown": (
        lambda p: append(p, "docs/en/website.md", "<script>alert('hello')</script>"),
        "docs/en/website.md:", "a <script> element", "<script>"),
    "an inline event handler in Markdown": (
        lambda p: append(p, "docs/ja/website.md", '<a href="#" onclick="history.back()">戻る</a>'),
        "docs/ja/website.md:", "event handler attribute (onclick=...)", "onclick="),
    "a javascript: link in Markdown": (
        lambda p: append(p, "docs/ja/website.md", "[戻る](javascript:history.back())"),
        "docs/ja/website.md:", "a 'javascript:' link", "javascript:"),
    "a misspelt setting in mkdocs.yml": (
        lambda p: edit(p, "mkdocs.yml", "use_directory_urls:", "use_directory_url:"),
        "mkdocs.yml:", "did you mean 'use_directory_urls'?", "use_directory_url:"),
    "a misspelt plugin in mkdocs.yml": (
        lambda p: edit(p, "mkdocs.yml", "  - search\n", "  - serch\n"),
        "mkdocs.yml:", "did you mean 'search'?", "- serch"),
    "a wrong value in mkdocs.yml": (
        lambda p: edit(p, "mkdocs.yml", "use_directory_urls: false", "use_directory_urls: flase"),
        "mkdocs.yml:", "the setting 'use_directory_urls' has a wrong value", "flase"),
    "a misspelt page in the menu of mkdocs.yml": (
        lambda p: edit(p, "mkdocs.yml", "  - website.md", "  - webite.md"),
        "mkdocs.yml:", "did you mean 'website.md'?", "- webite.md"),
    "broken indentation in mkdocs.yml": (
        lambda p: edit(p, "mkdocs.yml", "\n  language: ja", "\n language: ja"),
        "mkdocs.yml:", "not valid YAML", " language: ja"),
    "an unknown language folder": (
        lambda p: (p / "docs/fr").mkdir() or (p / "docs/fr/index.md").write_text("# Politique\n", "utf-8"),
        "docs/fr/:", "'fr' is not a language listed in mkdocs.yml"),
    "an empty page": (
        lambda p: (p / "docs/en/handling.md").write_bytes(b""),
        "docs/en/handling.md:1:", "the page is empty"),
    "a misspelt marker comment": (
        lambda p: edit(p, "docs/ja/policy.md", "<!-- signature -->", "<!-- signatur -->"),
        "docs/ja/policy.md:", "'<!-- signatur -->' is not a marker the site knows", "<!-- signatur -->"),
    "an English heading left without its id": (
        lambda p: edit(p, "docs/en/handling.md", " {#contact}", ""),
        "docs/en/handling.md:", "with the id of the same heading in docs/ja/handling.md: "
                                "'## Complaints and Enquiries Desk for Personal Information {#contact}'", "Complaints"),
    "a page with front matter and no text": (
        lambda p: (p / "docs/ja/website.md").write_text(
            "---\n" + (ROOT / "docs/ja/website.md").read_text("utf-8").split("---\n")[1] + "---\n", "utf-8"),
        "docs/ja/website.md:1:", "the page is empty"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_stops_the_build_with_one_message_naming_file_line_and_fix(tmp_path: Path, mistake: str):
    breaks, where, says, *culprit = MISTAKES[mistake]
    project = copy_project(tmp_path / "project")
    breaks(project)
    retranslate(project)  # one mistake at a time: an edited original is not also a lagging translation here
    result = build(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("How to fix:") == 1, result.stderr
    message = result.stderr.split("\n\n", 1)[1]
    assert message.startswith(where) and says in message, result.stderr
    if culprit:  # the mistake is written on one line: the message points at that line
        path, line = re.match(r"([^:]+):(\d+):", message).groups()
        assert culprit[0] in (project / path).read_text(encoding="utf-8").split("\n")[int(line) - 1], message
    assert not (project / "site").exists()


def test_scripts_shown_as_code_are_not_mistaken_for_scripts(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    append(project, "docs/en/website.md", "The site never uses `<script>` or `onclick=\"...\"` in its pages.")
    append(project, "docs/ja/website.md", "当サイトのページでは `<script>` を使いません。")
    result = build(retranslate(project))
    assert result.returncode == 0, result.stderr
    assert "&lt;script&gt;" in (project / "site/en/website.html").read_text(encoding="utf-8")


def test_a_page_saved_by_a_windows_editor_builds(tmp_path: Path):
    """Notepad may save UTF-8 with a byte-order mark and CRLF line ends: that is not a mistake."""
    project = copy_project(tmp_path / "project")
    text = (project / "docs/en/policy.md").read_text(encoding="utf-8")
    (project / "docs/en/policy.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "(10) We constantly review" in (project / "site/en/policy.html").read_text(encoding="utf-8")


def test_a_wrong_source_date_epoch_is_explained(tmp_path: Path):
    result = build(copy_project(tmp_path / "project"), SOURCE_DATE_EPOCH="2027-04-01")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "SOURCE_DATE_EPOCH='2027-04-01' is not a number of seconds" in result.stderr


def test_verbose_shows_the_traceback_staff_do_not_see(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    MISTAKES["a misspelt front-matter field"][0](project)
    result = build(project, "--verbose")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "unknown field 'revison'" in result.stderr


def test_a_failed_build_leaves_the_previous_site_byte_identical(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    assert build(project).returncode == 0
    before = tree(project / "site"), tree(project / "site-nginx")
    edit(project, "docs/ja/policy.md", "revision: 2017-12-27", "revision: 2017-02-30")
    edit(project, "docs/ja/index.md", "生活協同組合", "生協")  # a change that must not reach site/
    assert build(project).returncode == 1
    assert (tree(project / "site"), tree(project / "site-nginx")) == before
    assert sorted(p.name for p in project.iterdir()) == [".cache",  # the PDFs laid out, kept for the next build
                                                         "appi.yml", "docs", "hosting", "mkdocs.yml", "overrides", "site",
                                                         "site-nginx"]


def test_a_build_killed_while_swapping_sites_loses_nothing(tmp_path: Path):
    """site/ is replaced in two renames; a crash between them leaves the last good site as .site-previous/."""
    project = copy_project(tmp_path / "project")
    assert build(project).returncode == 0
    before = tree(project / "site")
    (project / "site").rename(project / ".site-previous")
    edit(project, "docs/ja/policy.md", "revision: 2017-12-27", "revision: 2017-02-30")
    assert build(project).returncode == 1
    assert tree(project / "site") == before
    assert not (project / ".site-previous").exists()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["interrupted", "killed"])
def test_an_interrupted_build_leaves_the_previous_site_byte_identical(tmp_path: Path, how: signal.Signals):
    project = copy_project(tmp_path / "project")
    assert build(project).returncode == 0
    before = tree(project / "site")
    edit(project, "docs/ja/index.md", "生活協同組合", "生協")
    (project / "pause.py").write_text(PAUSE_HOOK, encoding="utf-8")
    append(project, "mkdocs.yml", "hooks:\n  - pause.py")
    paused = tmp_path / "paused"
    process = start_interruptible([sys.executable, str(ROOT / "scripts/policy.py"), "build", "--project", str(project)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "BUILD_PAUSED": str(paused)})
    try:
        while not paused.exists() and process.poll() is None:
            time.sleep(0.05)
        assert paused.exists(), process.communicate()
        process.send_signal(how)
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert tree(project / "site") == before
    if how == signal.SIGINT:
        assert process.returncode == 130 and "Traceback" not in stderr, stderr
        assert "Build interrupted, site/ was left as it was." in stderr


# A test-only MkDocs hook that stops the build half-way: pages are written to the staging folder, site/ is not yet replaced.
PAUSE_HOOK = '''
import os, pathlib, time


def on_post_build(*, config):
    pathlib.Path(os.environ["BUILD_PAUSED"]).touch()
    time.sleep(600)
'''


def test_a_heading_without_id_is_told_the_id_of_its_own_section_when_the_pages_differ_before_it(tmp_path: Path):
    from mkdocs.exceptions import PluginError
    from policy_site.sources.pages import check_page

    project = copy_project(tmp_path / "project")
    remove_line(project, "docs/en/handling.md", "## 2. Joint use of personal data")
    edit(project, "docs/en/handling.md", "Information {#contact}", "Information")
    with pytest.raises(PluginError) as refused:
        check_page(project / "docs/en/handling.md", project, ["signature"], project / "docs/ja/handling.md")
    assert "'## Complaints and Enquiries Desk for Personal Information {#contact}'" in str(refused.value)
