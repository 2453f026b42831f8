"""Every Markdown source is a page staff can fix: UTF-8 text, with something to publish.

MkDocs stops with a Python traceback on a file saved in another encoding, and
publishes an empty page without a word; this names the file, the line and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Check every page source before MkDocs reads it."""
    root = Path(config.config_file_path).parent
    for file in files.documentation_pages():
        _check(Path(file.abs_src_path), root)
    return files


def _check(path: Path, root: Path) -> None:
    where = path.relative_to(root).as_posix()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PluginError(f"{where}:{line}: the file is not saved as UTF-8 text\n"
                          f"  How to fix: open it in your editor and save it again with the encoding 'UTF-8'") from None
    if not FRONT_MATTER.sub("", text, count=1).strip():
        raise PluginError(f"{where}:1: the page is empty, it has no text to publish\n"
                          f"  How to fix: write the page, or copy it from another language folder and "
                          f"translate it; delete the file if the page should not exist")


FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?^---[ \t]*$", re.S | re.M)
