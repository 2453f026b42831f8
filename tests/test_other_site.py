"""The generator is not a one-off: another organisation's site, in Japanese and Korean, builds with the same plugin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pages import soup, text
from project_copies import build

OTHER_SITE = Path(__file__).parent / "fixtures" / "other-site"


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("other-site") / "site"
    result = build(OTHER_SITE, "--site-dir", str(target))
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def test_its_pages_carry_its_own_name_in_each_of_its_languages(other_site: Path) -> None:
    ja, ko = soup(other_site / "policy.html"), soup(other_site / "ko" / "policy.html")
    assert "コープミナト プライバシーポリシー" in text(ja.title) and "코프미나토 프라이버시 정책" in text(ko.title)
    assert "生活協同組合コープミナト" in text(ja.select_one(".policy-signature"))
    assert "코프미나토 생활협동조합" in text(ko.select_one(".policy-signature"))
    assert (ja.html["lang"], ko.html["lang"]) == ("ja", "ko")


def test_it_has_only_its_own_languages(other_site: Path) -> None:
    head = soup(other_site / "ko" / "policy.html").head
    hreflangs = {link["hreflang"]: link["href"] for link in head.select('link[rel="alternate"][hreflang]')}
    assert hreflangs == {"ja": "https://privacy.coop-minato.example/policy.html",
                         "ko": "https://privacy.coop-minato.example/ko/policy.html",
                         "x-default": "https://privacy.coop-minato.example/policy.html"}
    korean = json.loads((other_site / "ko/search/search_index.json").read_text("utf-8"))["docs"]
    assert {doc["location"].split("#")[0] for doc in korean} == {"index.html", "policy.html"}
    assert all("코프미나토" in doc["text"] for doc in korean if "#" not in doc["location"])
    assert sorted(p.name for p in other_site.iterdir() if p.is_dir() and len(p.name) == 2) == ["ko"]


def test_its_archive_keeps_its_first_revision_and_says_what_changed(other_site: Path) -> None:
    history = json.loads((other_site / "revisions.json").read_text("utf-8"))
    assert history["site"] == "https://privacy.coop-minato.example/" and history["in_force"] == "2024-04-01"
    assert [(r["date"], r["languages"]) for r in history["revisions"]] == [("2024-04-01", ["ja", "ko"]),
                                                                          ("2021-04-01", ["ja", "ko"])]
    first = soup(other_site / "ko" / "archive" / "2021-04-01" / "policy.html")
    assert "(2)" not in text(first.article.ul)
    changes = soup(other_site / "ko" / "archive" / "2024-04-01" / "policy.html").select_one("#changes")
    assert [text(ins) for ins in changes.select("ins")] == ["[추가] (2) 개인정보의 이용 목적을 공표합니다."]


def test_its_hosting_files_carry_its_own_headers_and_security_contact(other_site: Path) -> None:
    headers = (other_site / "_headers").read_text("utf-8")
    assert "Referrer-Policy: same-origin" in headers and "no-referrer" not in headers
    security = (other_site / ".well-known" / "security.txt").read_text("utf-8")
    assert "Contact: mailto:security@coop-minato.example\nContact: https://coop-minato.example/security\n" in security
    assert "Canonical: https://privacy.coop-minato.example/.well-known/security.txt" in security


def test_nothing_of_the_co_op_whose_site_this_repository_is_leaks_into_it(other_site: Path) -> None:
    leaked = [p.relative_to(other_site).as_posix() for p in other_site.rglob("*") if p.is_file()
              and p.suffix in (".html", ".xml", ".json", ".txt", ".atom", ".conf", "")
              and any(word in p.read_text("utf-8", errors="replace") for word in ("クルコ", "Kuruko", "kuruko"))]
    assert leaked == []
