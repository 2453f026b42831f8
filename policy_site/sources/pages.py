"""Policy pages carry valid front matter, readable heading ids and only markers that exist.

Authors never type dates into the body: the effective date comes from the
`revision` field. Archived pages passed these checks as the working copy, the
manifest proves them unchanged, and staff could not fix them anyway, so only
the working copy's pages are checked.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from .. import front_matter, history
from ..messages import _, fault, listing
from ..templates import MARKER


def authored_source(page: Page) -> Path | None:
    """The working-copy file an author edits for this page; None for archived and generated pages."""
    source = page.file.abs_src_path
    if source is None or history.frozen_date(source):
        return None
    return Path(source)


def check_page(source: Path, root: Path, markers: list[str], original: Path | None) -> front_matter.Page:
    """Refuse a page whose front matter, headings or markers would publish something wrong."""
    try:
        page = front_matter.read(source)
    except front_matter.FrontMatterError as error:
        raise PluginError(front_matter.format_error(error, root)) from None
    where = source.relative_to(root).as_posix()
    original_ids = _heading_ids(original) if original else []
    ids = [match.group(3) for line in page.body.split("\n") if (match := HEADING.match(line))]
    headings = 0
    for number, line in enumerate(page.body.split("\n"), page.body_line):
        if heading := HEADING.match(line):
            if not heading.group(3):
                raise PluginError(fault(f"{where}:{number}", _("the heading '{heading}' has no id").format(
                    heading=heading.group(2)), _id_hint(line, _counterpart(ids, headings, original_ids),
                                                        original, root)))
            headings += 1
        for name in MARKER.findall(line):
            if name not in markers:
                raise PluginError(fault(f"{where}:{number}", _("'{marker}' is not a marker the site knows").format(
                    marker=f"<!-- {name} -->"), _("write one of {markers}, or remove the line").format(
                    markers=listing(f"<!-- {m} -->" for m in markers))))
    return page


def _counterpart(ids: list[str | None], position: int, original_ids: list[str]) -> str | None:
    """The original's id between the ids of the headings around this one; None unless exactly one fits.

    Counting headings alone names another section's id when the two pages differ in a heading before it.
    """
    before = next((i for i in reversed(ids[:position]) if i in original_ids), None)
    after = next((i for i in ids[position + 1:] if i in original_ids), None)
    start = original_ids.index(before) + 1 if before else 0
    end = original_ids.index(after) if after else len(original_ids)
    between = [i for i in original_ids[start:end] if i and i not in ids]
    return between[0] if len(between) == 1 else None


def _id_hint(line: str, counterpart: str | None, original: Path | None, root: Path) -> str:
    """A translation's heading takes the id of the original's heading in the same place."""
    if original and counterpart:
        return _("end the line with the id of the same heading in {original}: '{heading}'").format(
            original=original.relative_to(root).as_posix(), heading=f"{line.rstrip()} {{#{counterpart}}}")
    return _("end the line with a short ASCII id in braces (small letters, digits and '-'), "
             "the same in every language, for example '{heading}'").format(heading=f"{line.rstrip()} {{#your-section}}")


def _heading_ids(path: Path) -> list[str]:
    page = front_matter.read(path)
    return [match.group(3) or "" for line in page.body.split("\n") if (match := HEADING.match(line))]


HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([a-z0-9][a-z0-9-]*)\})?\s*$")
