"""Material's icons embedded in its CSS as data: URLs become files, so the CSP can keep img-src at 'self'.

Material draws the search result, navigation and other icons with
mask-image: url("data:image/svg+xml,..."); a CSP without data: blocks them.
Each distinct image is written once to assets/images/css/ and the stylesheet
points to it instead.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


@event_priority(-150)  # after mkdocs-static-i18n (-100), before Subresource Integrity pins the stylesheets (-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Move every embedded SVG image of every built stylesheet into its own file."""
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    folder = site / FOLDER
    for stylesheet in sorted(site.rglob("*.css")):
        css = stylesheet.read_text(encoding="utf-8")

        def to_file(match: re.Match) -> str:
            svg = unquote(match.group("data")).encode("utf-8")
            image = folder / f"{hashlib.sha256(svg).hexdigest()[:16]}.svg"
            folder.mkdir(parents=True, exist_ok=True)
            image.write_bytes(svg)
            return f'url("{Path(os.path.relpath(image, stylesheet.parent)).as_posix()}")'

        rewritten = DATA_URL.sub(to_file, css)
        if rewritten != css:
            stylesheet.write_text(rewritten, encoding="utf-8")


FOLDER = "assets/images/css"
DATA_URL = re.compile(r"""url\((?P<q>["']?)data:image/svg\+xml(?:;charset=utf-8)?,(?P<data>.*?)(?P=q)\)""")
