"""The 新旧対照表 of a revision, and the comparison behind it and behind "what changed".

A temporary copy of the project is revised to 2027-04-01, in every language: a
word changes inside a sentence (SSL becomes TLS in the security notes), a
principle is added, a purpose item is deleted, and an English sentence is
hard-wrapped over two lines without a word of it changing.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pages import soup, text
from project_copies import build, copy_project, retranslate, write_summaries
from project_facts import LANGUAGES

from policy_site.revisions.diff import compare
from policy_site.revisions.provisions import provisions

NEW, OLD = "2027-04-01", "2017-12-27"
EPOCH = "1806505200"  # 2027-04-01 00:00 in Japan
ADDED = {"ja": "- (11)個人情報の保護に関する教育を継続して行います。",
         "en": "- (11) We keep training our staff in protecting personal information."}
WRAPPED = ("When you use services on the Coop Kuruko website, we may ask you to enter personal information,",
           "for example when you register as a member.")
ATOM = "{http://www.w3.org/2005/Atom}"


def _revise(project: Path) -> Path:
    """What staff do for the revision: open it, edit every language, write the summaries."""
    import policy

    assert policy.main(["revise", NEW, "--project", str(project)]) == 0
    for locale in LANGUAGES:
        folder = project / "docs" / locale
        for path in sorted(folder.glob("*.md")):
            head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
            if path.stem == "website":
                body = re.sub(r"SSL(\s?[(（])Secure Sockets? Layer", r"TLS\1Transport Layer Security", body)
                body = body.replace(" ".join(WRAPPED), "\n".join(WRAPPED))
            if path.stem == "policy":
                last = next(line for line in body.split("\n") if line.startswith("- (10)"))
                body = body.replace(last, f"{last}\n{ADDED.get(locale, ADDED['en'])}")
            if path.stem == "handling":
                body = re.sub(r"\n- \(4\)[^\n]*", "", body, count=1)
            path.write_text(f"{head}\n---\n{body}", encoding="utf-8")
    return write_summaries(retranslate(project), {locale: "第11項を新設ほか" if locale == "ja" else "Revised"
                                                  for locale in LANGUAGES})


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _revise(copy_project(tmp_path_factory.mktemp("comparison")))


@pytest.fixture(scope="module")
def built(revised: Path) -> Path:
    result = build(revised, SOURCE_DATE_EPOCH=EPOCH)
    assert result.returncode == 0, result.stdout + result.stderr
    return revised / "site"


def _document(site: Path, prefix: str, name: str):
    page = soup(site / prefix / "archive" / NEW / "comparison.html")
    return page.select_one(f"#comparison-{name}").find_parent("section")


def _marked(cells, tag: str) -> list[str]:
    """The marked words of a column, without the words for screen readers."""
    marked = []
    for cell in cells:
        for element in cell.find_all(tag):
            marked.append("".join(element.find_all(string=True, recursive=False)))
    return marked


# The comparison, on Markdown

def test_sentences_end_at_the_full_stop_and_after_abbreviations_only_where_a_sentence_ends():
    [paragraph] = provisions("Coop Kuruko Co. Ltd. works with e.g. the JCCU and i.e. others. Mr. Sato\n"
                             "leads it. Dr. Ito helps.\n", "en")
    assert [s.strip() for s in paragraph.sentences] == [
        "Coop Kuruko Co. Ltd. works with e.g. the JCCU and i.e. others.", "Mr. Sato leads it.", "Dr. Ito helps."]
    [japanese] = provisions("一文目です。二文目\nです！三文目。", "ja")
    assert japanese.sentences == ("一文目です。", "二文目です！", "三文目。")


def test_list_items_are_provisions_of_their_own_with_their_numbers():
    found = provisions("# Title {#t}\n\nText.\n\n- (1) One\n- (2) Two\n    - 1) Nested\n", "en")
    assert [(p.kind, p.depth, p.label, p.text) for p in found] == [
        ("heading", 0, "", "Title"), ("paragraph", 0, "", "Text."), ("item", 1, "(1)", "(1) One"),
        ("item", 1, "(2)", "(2) Two"), ("item", 2, "1)", "1) Nested")]


def test_a_hard_wrapped_paragraph_is_compared_as_the_reader_sees_it():
    old = "We use SSL (Secure Sockets Layer), which encrypts it. Even then it is safe.\n"
    new = "We use TLS (Transport Layer Security),\nwhich encrypts it.\nEven then it is safe.\n"
    [row] = compare(old, new, "en").changed
    assert [(op, text) for op, text in row.segments if op != "equal"] == [
        ("delete", "SSL"), ("insert", "TLS"), ("delete", "Secure Sockets"), ("insert", "Transport"),
        ("insert", " Security")]


def test_japanese_is_compared_character_by_character():
    [row] = compare("- (7)個人情報は常に正確かつ最新の内容で管理します。\n",
                    "- (7)個人情報は常に正確かつ最新の内容で管理し、不要になった個人情報は速やかに消去します。\n", "ja").changed
    assert row.segments == [("equal", "(7)個人情報は常に正確かつ最新の内容で管理し"),
                            ("insert", "、不要になった個人情報は速やかに消去し"), ("equal", "ます。")]


def test_a_renumbered_item_is_renumbered_and_a_moved_one_moved_not_deleted_and_added():
    old = "# A {#a}\n\n- (1) One\n- (2) Two\n- (3) Three\n\n# B {#b}\n\nKept here.\n"
    new = "# A {#a}\n\n- (1) One\n- (2) Three\n\n# B {#b}\n\nKept here.\n\n- (2) Two\n"
    rows = compare(old, new, "en").changed
    assert [(row.status, row.new.text) for row in rows] == [("renumbered", "(2) Three"), ("moved", "(2) Two")]
    assert rows[0].segments[:2] == [("delete", "(3)"), ("insert", "(2)")]
    assert rows[1].moved_from == "A" and rows[1].section == "B"


def test_readings_stay_ruby_and_one_token():
    [row] = compare("<ruby>技術<rt>ぎじゅつ</rt></ruby>を 使います。\n", "<ruby>技術<rt>ぎじゅつ</rt></ruby>を 使いません。\n",
                    "ja-Hira").changed
    assert str(row.new_parts[0][1]).startswith("<ruby>技術<rt>ぎじゅつ</rt></ruby>")


# The table page, built

@pytest.mark.parametrize("prefix, new, old", [("", "改正後", "改正前"), ("en/", "New text", "Previous text")])
def test_the_table_has_the_new_text_left_and_the_previous_text_right(built: Path, prefix: str, new: str, old: str):
    page = soup(built / prefix / "archive" / NEW / "comparison.html")
    for table in page.select("table.policy-comparison"):
        assert [text(th) for th in table.select("thead th")] == [new, old]
        assert all(len(row.find_all("td")) == 2 for row in table.select("tbody tr"))
    caption = {"": "（傍線部分は改正部分）", "en/": "(Underlined parts are the amended parts)"}[prefix]
    assert text(page.select_one("table.policy-comparison caption")) == caption
    assert text(page.h1) == {"": "2027年4月1日改定 新旧対照表", "en/": "Comparison table: revision of April 1, 2027"}[prefix]


@pytest.mark.parametrize("prefix, deleted, inserted", [
    ("", ["SSL", "Secure Socket"], ["TLS", "Transport", " Security"]),
    ("en/", ["SSL", "Secure Sockets"], ["TLS", "Transport", " Security"]),
])
def test_only_the_changed_words_are_marked_and_the_wrapped_sentence_is_no_change(built: Path, prefix: str,
                                                                                deleted: list, inserted: list):
    website = _document(built, prefix, "website")
    [row] = website.select("tr.policy-comparison-changed")
    new, old = row.find_all("td")
    assert _marked([new], "ins") == inserted and _marked([old], "del") == deleted
    assert new.select_one(".policy-comparison-label") is not None  # a word for screen readers too
    dated = soup(built / prefix / "archive" / NEW / "website.html").select_one("#changes")
    assert len(dated.select(".policy-changed")) == 1  # the same one change in "what changed"
    assert _marked(dated.select(".policy-changed"), "ins") == inserted
    assert _marked(dated.select(".policy-changed"), "del") == deleted


@pytest.mark.parametrize("prefix, added, deleted", [("", "（新設）", "（削除）"), ("en/", "(New provision)", "(Deleted)")])
def test_an_added_principle_is_new_on_the_old_side_and_a_deleted_purpose_deleted_on_the_new_side(
        built: Path, prefix: str, added: str, deleted: str):
    [row] = _document(built, prefix, "policy").select("tr.policy-comparison-added")
    new, old = row.find_all("td")
    assert text(old.select_one(".policy-comparison-marker")) == added
    assert _marked([new], "ins") == [ADDED[prefix and "en" or "ja"].removeprefix("- ")]
    [row] = _document(built, prefix, "handling").select("tr.policy-comparison-deleted")
    new, old = row.find_all("td")
    assert text(new.select_one(".policy-comparison-marker")) == deleted
    assert "(4)" in _marked([old], "del")[0]
    assert text(_document(built, prefix, "policy").select_one("tr.policy-comparison-omitted")) .count(
        {"": "（略）", "en/": "(Unchanged)"}[prefix]) == 2
    assert "（略）" not in text(_document(built, prefix, "index")) and _document(built, prefix, "index").table is None


def test_every_language_has_the_table_linked_from_the_history_the_pages_the_json_and_the_feed(built: Path):
    data = json.loads((built / "revisions.json").read_text(encoding="utf-8"))
    newest, first = data["revisions"]
    for locale in LANGUAGES:
        prefix = "" if locale == "ja" else f"{locale}/"
        url = f"{prefix}archive/{NEW}/comparison.html"
        assert (built / url).is_file()
        assert newest["comparison_url"][locale] == data["site"] + url and first["comparison_url"][locale] is None
        assert f'href="{NEW}/comparison.html"' in (built / prefix / "archive/index.html").read_text(encoding="utf-8")
        for page in ("policy.html", f"archive/{NEW}/website.html"):
            hrefs = [a["href"] for a in soup(built / prefix / page).select(".policy-history-link a")]
            assert any(href.endswith(f"archive/{NEW}/comparison.html") or href == "comparison.html" for href in hrefs)
        feed = ET.parse(built / prefix / "revisions.atom").getroot()
        assert data["site"] + url in feed.find(f"{ATOM}entry").findtext(f"{ATOM}content")
    assert not (built / "archive" / OLD / "comparison.html").exists()  # the first revision compares with nothing


# The PDFs

def _pdf(site: Path, prefix: str, date: str, kind: str, locale: str):
    from pypdf import PdfReader

    return PdfReader(site / prefix / "archive" / date / f"{kind}-{date}.pdf")


def _fonts(reader) -> list:
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.append(font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)
    return fonts


def test_every_revision_in_every_language_is_one_pdf_and_each_table_too(built: Path):
    data = json.loads((built / "revisions.json").read_text(encoding="utf-8"))
    newest, first = data["revisions"]
    for locale in LANGUAGES:
        prefix = "" if locale == "ja" else f"{locale}/"
        for revision, date in ((newest, NEW), (first, OLD)):
            url = f"{prefix}archive/{date}/revision-{date}.pdf"
            assert (built / url).read_bytes().startswith(b"%PDF-") and revision["pdf_url"][locale] == data["site"] + url
        table = f"{prefix}archive/{NEW}/comparison-{NEW}.pdf"
        assert (built / table).is_file() and newest["comparison_pdf_url"][locale] == data["site"] + table
        assert first["comparison_pdf_url"][locale] is None
        for page in ("policy.html", f"archive/{NEW}/website.html", f"archive/{OLD}/website.html", "archive/index.html"):
            hrefs = [a["href"] for a in soup(built / prefix / page).select('a[type="application/pdf"]')]
            assert hrefs and all((built / prefix / page).parent.joinpath(h).resolve().is_file() for h in hrefs), page


@pytest.mark.parametrize("locale, prefix, says", [
    ("ja", "", ["個人情報保護方針", "TLS(Transport Layer Security)という技術を使用することにより", "施行日", "2027年4月1日"]),
    ("en", "en/", ["Personal Information Protection Policy", "TLS (Transport Layer Security)", "Effective date"]),
])
def test_a_revision_pdf_is_a4_searchable_text_with_its_facts_bookmarks_fonts_and_tags(built: Path, revised: Path,
                                                                                     locale: str, prefix: str,
                                                                                     says: list):
    from policy_site import history

    reader = _pdf(built, prefix, NEW, "revision", locale)
    assert len(reader.pages) >= 4  # one document after another, each from a new page
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842 for p in reader.pages)
    extracted = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    for words in says:
        assert words in extracted
    data = json.loads((built / "revisions.json").read_text(encoding="utf-8"))
    assert data["revisions"][0]["pdf_url"][locale] in extracted
    assert history.sha256(revised / "docs" / locale / "website.md") in extracted
    titles = [item["/Title"] for item in reader.outline if not isinstance(item, list)]
    assert says[0] in titles and len(titles) == 4
    fonts = _fonts(reader)
    assert fonts and all({"/FontFile", "/FontFile2", "/FontFile3"} & set(f["/FontDescriptor"]) for f in fonts)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == locale and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_the_table_pdf_has_both_columns_and_the_markers(built: Path):
    extracted = "".join(page.extract_text() for page in _pdf(built, "", NEW, "comparison", "ja").pages)
    for words in ("改正後", "改正前", "（傍線部分は改正部分）", "（新設）", "（削除）", "（略）", "TLS"):
        assert words in extracted


def test_pdfs_are_the_same_bytes_from_another_checkout_and_the_cache_lays_out_only_what_changed(
        built: Path, revised: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import weasyprint

    pdfs = {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*.pdf")}
    assert len(pdfs) == 3 * len(LANGUAGES)
    laid_out = []
    write_pdf = weasyprint.HTML.write_pdf
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **k: laid_out.append(1) or write_pdf(self, *a, **k))
    elsewhere = copy_project(tmp_path / "another-checkout", source=revised, pdf_cache=False)  # every PDF laid out anew
    assert build(elsewhere, SOURCE_DATE_EPOCH=EPOCH).returncode == 0
    assert len(laid_out) == len(pdfs)
    assert {p.relative_to(elsewhere / "site").as_posix(): p.read_bytes() for p in (elsewhere / "site").rglob("*.pdf")} == pdfs
    laid_out.clear()
    assert build(elsewhere, SOURCE_DATE_EPOCH=EPOCH).returncode == 0
    assert laid_out == []  # nothing changed, nothing laid out again
    page = elsewhere / "docs" / "en" / "website.md"
    page.write_text(page.read_text(encoding="utf-8").replace("extremely difficult", "very difficult"), encoding="utf-8")
    assert build(elsewhere, SOURCE_DATE_EPOCH=EPOCH).returncode == 0
    assert len(laid_out) == 2  # the English revision and its table; the archived revision's PDFs are reused
    changed = {p.relative_to(elsewhere / "site").as_posix() for p in (elsewhere / "site").rglob("*.pdf")
               if p.read_bytes() != pdfs[p.relative_to(elsewhere / "site").as_posix()]}
    assert changed == {f"en/archive/{NEW}/revision-{NEW}.pdf", f"en/archive/{NEW}/comparison-{NEW}.pdf"}


def test_without_weasyprint_the_build_says_in_japanese_what_to_install(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when it or Debian's Pango cannot be loaded
    result = build(copy_project(tmp_path, pdf_cache=False), POLICY_SITE_MESSAGES="ja")
    assert result.returncode == 1 and "PDFを作るためのWeasyPrintが読み込めません" in result.stderr
    assert "scripts/install-system-packages.sh" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
