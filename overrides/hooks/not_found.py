"""A 404 page per language: mkdocs-static-i18n writes one shared 404.html, the last language built wins.

Each language build renders the theme's 404 template; this keeps the default
language's copy at /404.html and writes the others to /<lang>/404.html.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from languages import configured_locales, current_locale


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Route the 404 page of each language to its own folder."""
    if template_name != "404.html":
        return output_content
    locale = current_locale(config)
    default = configured_locales(config)[0]
    if locale == default:
        _DEFAULT_OUTPUT[0] = output_content
        return output_content
    target = Path(config.site_dir) / locale / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, encoding="utf-8")
    return _DEFAULT_OUTPUT[0]


_DEFAULT_OUTPUT = [""]
