"""Each theme template is compiled once per build, not once per language.

mkdocs-static-i18n builds every language with a fresh Jinja environment, and
compiling Material's templates is a large share of a small build. The compiled
code is kept in memory, keyed by template and source checksum, so an edited
template (mkdocs serve) is compiled again.
"""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Give every language's environment the same store of compiled templates."""
    env.bytecode_cache = _COMPILED
    return env


class _InMemory(jinja2.BytecodeCache):
    """Jinja's bytecode cache without the files: the code objects live as long as the process."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str | None], object] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[(bucket.key, bucket.checksum)] = bucket.code


_COMPILED = _InMemory()
