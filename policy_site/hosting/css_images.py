"""Material's icons embedded in its CSS as data: URLs become files, so the CSP can keep img-src at 'self'.

Material draws the search result, navigation and other icons with
mask-image: url("data:image/svg+xml,..."); a CSP without data: blocks them.
Each distinct image becomes one file in assets/images/css/ and the stylesheet
points to it instead. The stylesheets are rewritten before MkDocs copies them,
so the bytes integrity.py pins while it builds each page are final. A
fingerprinted stylesheet (main.<8 hex>.min.css, served immutable for a year)
whose bytes change gets the fingerprint of its new bytes, so a reader holding
Material's original in cache never pairs it with our pages.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def move_css_images(files: Files, config: MkDocsConfig) -> dict[str, str]:
    """Move every embedded SVG image of every stylesheet into its own file; return the stylesheets renamed."""
    images: dict[str, bytes] = {}
    renamed: dict[str, str] = {}
    for stylesheet in [file for file in files if file.dest_uri.endswith(".css")]:
        css = stylesheet.content_string
        folder = posixpath.dirname(stylesheet.dest_uri) or "."

        def to_file(match: re.Match) -> str:
            svg = unquote(match.group("data")).encode("utf-8")
            image = f"{FOLDER}/{hashlib.sha256(svg).hexdigest()[:16]}.svg"
            images[image] = svg
            return f'url("{posixpath.relpath(image, folder)}")'

        rewritten = DATA_URL.sub(to_file, css)
        if rewritten == css:
            continue
        fingerprint = hashlib.sha256(rewritten.encode("utf-8")).hexdigest()[:8]
        name = FINGERPRINT.sub(f".{fingerprint}.min.css", stylesheet.dest_uri)
        files.remove(stylesheet)
        files.append(File.generated(config, name, content=rewritten))
        if name != stylesheet.dest_uri:
            renamed[stylesheet.dest_uri] = name
    for image, svg in sorted(images.items()):
        files.append(File.generated(config, image, content=svg))
    return renamed


FOLDER = "assets/images/css"
DATA_URL = re.compile(r"""url\((?P<q>["']?)data:image/svg\+xml(?:;charset=utf-8)?,(?P<data>.*?)(?P=q)\)""")
FINGERPRINT = re.compile(r"\.[0-9a-f]{8}\.min\.css$")
