"""Policy pages carry valid front matter and readable heading ids; its facts reach the templates.

Authors never type dates into the body: the effective date comes from the
`revision` field and is rendered in the reader's language here.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import front_matter
from languages import current_locale


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Refuse a page whose front matter or headings would publish something wrong."""
    root = Path(config.config_file_path).parent
    try:
        source = front_matter.read(page.file.abs_src_path)
    except front_matter.FrontMatterError as error:
        raise PluginError(front_matter.format_error(error, root)) from None
    page.meta["revision_date"] = source.revision
    for offset, line in enumerate(source.body.split("\n")):
        _check_heading(Path(page.file.abs_src_path).relative_to(root), source.body_line + offset, line)
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Render the effective date in the reader's language (2017年12月27日 / December 27, 2017)."""
    date = page.meta.get("revision_date")
    if date is not None:
        context["effective_iso"] = date.isoformat()
        context["effective_date"] = format_date(date, format="long", locale=current_locale(config))
    return context


def _check_heading(path: Path, line_number: int, line: str) -> None:
    match = HEADING.match(line)
    if match and not ID.search(line):
        raise PluginError(
            f"{path}:{line_number}: the heading '{match.group(2).strip()}' has no id\n"
            f"  How to fix: end the line with an ASCII id in braces, the same in every language, "
            f"for example '{line.rstrip()} {{#contact}}'")


HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
ID = re.compile(r"\{#[a-z0-9][a-z0-9-]*\}\s*$")
