"""Staff read every message in Japanese unless they ask for English: the catalogs are complete and follow the code."""

from __future__ import annotations

import re
import string
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from policy_site import messages
from project_copies import build, copy_project, retranslate
from project_facts import ROOT
from test_staff_mistakes import edit

TEMPLATE = messages.LOCALE_DIR / f"{messages.DOMAIN}.pot"
IN_F_STRING = re.compile(r"""\{(?:_|N_)\(""")  # f"{_('FAIL')}": pybabel extract skips what f-strings call


def placeholders(message: str) -> set[str]:
    """The {names} .format fills in; it raises, failing the test, on a lone brace that .format would refuse."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}


def catalog(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def test_the_template_holds_every_message_of_the_code(tmp_path: Path):
    """make messages extracts into a scratch folder: the committed .pot must list the same messages."""
    subprocess.run(["make", "--silent", "messages", f"CATALOGS={tmp_path}"], cwd=ROOT, check=True, capture_output=True)
    extracted, committed = catalog(tmp_path / TEMPLATE.name), catalog(TEMPLATE)
    assert sorted(m.id for m in extracted if m.id) == sorted(m.id for m in committed if m.id), \
        "the messages in the code changed: run make messages, then translate what is new"


def test_no_message_is_translated_inside_an_f_string_where_extraction_cannot_see_it():
    hidden = [f"{path.relative_to(ROOT)}:{number}" for folder in ("policy_site", "scripts")
              for path in sorted((ROOT / folder).rglob("*.py"))
              for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if IN_F_STRING.search(line)]
    assert hidden == [], "translate the message before the f-string, or use .format"


@pytest.mark.parametrize("language", [language for language in messages.LANGUAGES if language != "en"])
def test_every_message_is_translated_and_keeps_its_placeholders(language: str):
    translated = catalog(messages.LOCALE_DIR / language / "LC_MESSAGES" / f"{messages.DOMAIN}.po")
    template = {m.id for m in catalog(TEMPLATE) if m.id}
    entries = {m.id: m for m in translated if m.id}
    assert sorted(template - set(entries)) == [], "not in the catalog: run make messages"
    assert sorted(set(entries) - template) == [], "no longer in the code: run make messages"
    assert [m.id for m in entries.values() if not m.string] == [], "not translated"
    assert [m.id for m in entries.values() if m.fuzzy] == [], "fuzzy: check the translation, then remove the fuzzy flag"
    assert [m.id for m in entries.values() if placeholders(m.id) != placeholders(m.string)] == []


@pytest.mark.parametrize(("environment", "expected"), [
    ({}, "ja"), ({"LANG": "C.UTF-8"}, "ja"), ({"LANG": "ja_JP.UTF-8"}, "ja"), ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
    ({messages.CHOICE: "en", "LANG": "ja_JP.UTF-8"}, "en"), ({messages.CHOICE: "ja", "LANG": "en_US.UTF-8"}, "ja"),
])
def test_japanese_unless_english_is_asked_for(monkeypatch: pytest.MonkeyPatch, environment: dict, expected: str):
    for name in (messages.CHOICE, "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert messages.language() == expected


# mistake: (how to make it, where the message points, what the Japanese says, what the English says)
MISTAKES = {
    "a date that is not a date": (
        lambda p: edit(p, "docs/ja/policy.md", "revision: 2017-12-27", "revision: 2017/12/27"),
        "docs/ja/policy.md:4:", "「2017/12/27」は YYYY-MM-DD の形の日付ではありません",
        "'2017/12/27' is not a date in the form YYYY-MM-DD"),
    "a heading without its id": (
        lambda p: edit(p, "docs/en/handling.md", " {#contact}", ""),
        "docs/en/handling.md:", "見出し「Complaints and Enquiries Desk for Personal Information」に id がありません",
        "the heading 'Complaints and Enquiries Desk for Personal Information' has no id"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_staff_mistake_is_explained_in_japanese_by_default_and_in_english_when_asked(tmp_path: Path, mistake: str,
                                                                                       monkeypatch: pytest.MonkeyPatch):
    breaks, where, japanese, english = MISTAKES[mistake]
    project = copy_project(tmp_path / "project")
    breaks(project)
    retranslate(project)
    for name in (messages.CHOICE, "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # a server's usual locale: not English, so Japanese
    result = build(project)
    assert result.returncode == 1 and result.stderr.startswith("ビルドに失敗しました"), result.stderr
    message = result.stderr.split("\n\n", 1)[1]
    assert message.startswith(where) and japanese in message and "\n  直し方：" in message, result.stderr
    assert "How to fix" not in result.stderr
    result = build(project, POLICY_SITE_MESSAGES="en")
    message = result.stderr.split("\n\n", 1)[1]
    assert message.startswith(where) and english in message and "\n  How to fix: " in message, result.stderr


@pytest.mark.parametrize(("language", "says", "never"), [("ja", "直し方", "How to fix"), ("en", "How to fix", "直し方")])
def test_the_guard_reports_in_the_language_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 language: str, says: str, never: str):
    from guard.report import Summary, text, write_html
    from guard.site import Finding, Site

    monkeypatch.setenv(messages.CHOICE, language)
    finding = Finding("Links and anchors", "en/index.html", "the link 'gone.html' <leads nowhere>", "correct it")
    summary = Summary(Site(tmp_path, tmp_path, ["ja", "en"], "https://example.org/"), ["Links and anchors"],
                      [finding], {"https://example.com/": ["en/index.html"]}, [], [], [], [])
    write_html(summary, tmp_path / "index.html")
    report, html = text(summary, tmp_path / "index.html"), (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f"        en/index.html: the link 'gone.html' <leads nowhere>\n          {says}" in report
    assert never not in report
    assert f'<html lang="{language}">' in html and says in html and never not in html
    assert "&lt;leads nowhere&gt;" in html and "<code>https://example.com/</code>" in html


@pytest.mark.parametrize(("language", "says", "never"), [
    ("ja", "最後に実行した「make revision」を取り消します", "Undo the last"),
    ("en", "Undo the last 'make revision'", "取り消します"),
])
def test_a_staff_commands_help_is_its_docstring_in_the_language_chosen(monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture, language: str,
                                                                      says: str, never: str):
    import policy

    monkeypatch.setenv(messages.CHOICE, language)
    for verb in (["--help"], ["undo_revision", "--help"]):
        with pytest.raises(SystemExit) as finished:
            policy.main(verb)
        assert finished.value.code == 0
    shown = capsys.readouterr().out
    assert says in shown and never not in shown
    assert (policy.undo_revision.__doc__.split("\n\n")[0].strip() in shown) == (language == "en")
