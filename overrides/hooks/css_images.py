"""Material's icons embedded in its CSS as data: URLs become files, so the CSP can keep img-src at 'self'.

Material draws the search result, navigation and other icons with
mask-image: url("data:image/svg+xml,..."); a CSP without data: blocks them.
Each distinct image becomes one file in assets/images/css/ and the stylesheet
points to it instead. The stylesheets are rewritten before MkDocs copies them,
so the bytes integrity.py pins while it builds each page are final.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files, before they are copied
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Move every embedded SVG image of every stylesheet into its own file, before any page pins the stylesheet."""
    images: dict[str, bytes] = {}
    for stylesheet in [file for file in files if file.dest_uri.endswith(".css")]:
        css = stylesheet.content_string
        folder = posixpath.dirname(stylesheet.dest_uri) or "."

        def to_file(match: re.Match) -> str:
            svg = unquote(match.group("data")).encode("utf-8")
            image = f"{FOLDER}/{hashlib.sha256(svg).hexdigest()[:16]}.svg"
            images[image] = svg
            return f'url("{posixpath.relpath(image, folder)}")'

        rewritten = DATA_URL.sub(to_file, css)
        if rewritten != css:
            stylesheet.content_string = rewritten
    for image, svg in sorted(images.items()):
        files.append(File.generated(config, image, content=svg))
    return files


FOLDER = "assets/images/css"
DATA_URL = re.compile(r"""url\((?P<q>["']?)data:image/svg\+xml(?:;charset=utf-8)?,(?P<data>.*?)(?P=q)\)""")
