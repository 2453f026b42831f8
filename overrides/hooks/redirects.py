"""A moved page leaves a redirect page at its old address, in every language, so no published URL dies.

mkdocs.yml lists the moves under extra > redirects (old page: new page, paths
inside a language folder); the release guard accepts such a page in place of
the old one. The pages are written after every language is built, so
integrity.py and hosting_files.py ask redirect_pages() for them.
"""

from __future__ import annotations

from pathlib import Path
from posixpath import dirname, relpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from languages import configured_locales, strings_of, url_prefix


@event_priority(-110)  # after mkdocs-static-i18n has built every language
def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the redirect pages once every language's pages exist, so a move to nowhere fails the build."""
    if config.plugins["i18n"].building or not config.extra.get("redirects"):
        return
    site = Path(config.site_dir)
    template = config.theme.get_env().get_template("partials/redirect.html")
    locales = configured_locales(config)
    for old, new in config.extra["redirects"].items():
        for locale in locales:
            prefix = url_prefix(locale, locales)
            _check_move(site, prefix + old, prefix + new)
            target = relpath(prefix + new, dirname(prefix + old) or ".")
            html = template.render(config=config, locale=locale, strings=strings_of(config, locale), target=target,
                                   canonical=f"{config.site_url}{prefix}{new}")
            (site / prefix / old).parent.mkdir(parents=True, exist_ok=True)
            (site / prefix / old).write_text(html, encoding="utf-8")


def redirect_pages(config: MkDocsConfig) -> list[str]:
    """Where the redirect pages are built: the hooks that check every page read these after this hook wrote them."""
    locales = configured_locales(config)
    return [url_prefix(locale, locales) + old for old in config.extra.get("redirects") or {} for locale in locales]


def _check_move(site: Path, old: str, new: str) -> None:
    if (site / old).exists():
        raise PluginError(f"mkdocs.yml: extra > redirects: '{old}' is still a page, so it cannot redirect\n"
                          f"  How to fix: remove the line for it, or move the page away from that address")
    if not (site / new).is_file():
        raise PluginError(f"mkdocs.yml: extra > redirects: '{old}' points to '{new}', which is not built\n"
                          f"  How to fix: write the new page's address as built, e.g. policy.html")
