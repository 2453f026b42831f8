"""The Japanese pages hold the published 2017-12-27 text word for word, numbering included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pages import POLICY_PAGES, article, text

FIXTURE = Path(__file__).parent / "fixtures" / "policy-2017-12-27-ja.txt"


def seed_units() -> list[str]:
    """Every line of the published text; a line of '・' items counts as one unit per item."""
    units = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        line = line.strip().removeprefix("•").strip()
        if line.startswith("・"):
            units += [item.strip() for item in line.split("・") if item.strip()]
        elif line:
            units.append(line)
    return units


@pytest.fixture(scope="module")
def japanese_text(site: Path) -> str:
    return " ".join(text(article(site / page)) for page in POLICY_PAGES)


@pytest.mark.parametrize("unit", seed_units())
def test_every_sentence_of_the_published_text_is_on_the_japanese_site(japanese_text: str, unit: str) -> None:
    assert unit in japanese_text


def test_the_fixture_is_the_whole_published_text() -> None:
    units = seed_units()
    assert units[0] == "プライバシーポリシー" and len(units) == 53
    assert any(u.startswith("(10)") for u in units) and "2017年12月27日" in units


def test_the_signature_date_comes_from_front_matter_not_the_body() -> None:
    for source in Path(__file__).parent.parent.glob("docs/*/*.md"):
        assert not re.search(r"2017年|December 27", source.read_text(encoding="utf-8")), source
