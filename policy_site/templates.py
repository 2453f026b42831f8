"""Theme templates compiled once per site build, and the marker comments authors place in pages.

mkdocs-static-i18n builds every language with a fresh Jinja environment, and
compiling Material's templates is a large share of a small build. The compiled
code is kept in memory, keyed by template and source checksum, so an edited
template (mkdocs serve) is compiled again. A marker (<!-- signature -->) is
replaced by the template overrides/partials/markers/<name>.html, rendered with
the page's own context so dates and strings are localised.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache without the files: the code objects live as long as the plugin."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str | None], object] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[(bucket.key, bucket.checksum)] = bucket.code


def known_markers(theme_dirs: list[str]) -> list[str]:
    """The markers the theme has a template for, in every folder of the theme (overrides/ first)."""
    return sorted({path.stem for folder in theme_dirs for path in Path(folder).glob(f"{MARKERS}/*.html")})


def render_markers(content: str, env: jinja2.Environment, context: dict) -> str:
    if "<!--" not in content:
        return content
    return MARKER.sub(lambda match: env.get_template(f"{MARKERS}/{match.group(1)}.html").render(context), content)


MARKERS = "partials/markers"
MARKER = re.compile(r"<!--\s*([a-z][a-z0-9-]*)\s*-->")
