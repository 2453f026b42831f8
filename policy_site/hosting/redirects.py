"""A moved page leaves a redirect page at its old address, in every language, so no published URL dies.

mkdocs.yml lists the moves under the plugin's `redirects` (old page: new page,
paths inside a language folder); the release guard accepts such a page in place
of the old one. The pages are written after every language is built, so the
plugin finishes them (integrity, CSP hashes) as they are written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from posixpath import dirname, relpath

import jinja2
from mkdocs.exceptions import PluginError

from ..messages import _, fault


def write_redirects(site: Path, site_url: str, moves: dict[str, str], prefixes: dict[str, str],
                    strings: dict[str, dict[str, str]], env: jinja2.Environment,
                    finish: Callable[[str, str], str]) -> None:
    """Write the redirect pages once every language's pages exist, so a move to nowhere fails the build."""
    template = env.get_template("partials/redirect.html")
    for old, new in moves.items():
        for locale, prefix in prefixes.items():
            _check_move(site, prefix + old, prefix + new)
            target = relpath(prefix + new, dirname(prefix + old) or ".")
            html = template.render(locale=locale, strings=strings[locale], target=target,
                                   canonical=f"{site_url}{prefix}{new}")
            (site / prefix / old).parent.mkdir(parents=True, exist_ok=True)
            (site / prefix / old).write_text(finish(html, prefix + old), encoding="utf-8")


def _check_move(site: Path, old: str, new: str) -> None:
    if (site / old).exists():
        raise PluginError(fault("mkdocs.yml", REDIRECTS + _("'{old}' is still a page, so it cannot redirect").format(
                                    old=old),
                                _("remove the line for it, or move the page away from that address")))
    if not (site / new).is_file():
        raise PluginError(fault("mkdocs.yml", REDIRECTS + _("'{old}' points to '{new}', which is not built").format(
                                    old=old, new=new),
                                _("write the new page's address as built, e.g. policy.html")))


REDIRECTS = "plugins > policy-site > redirects: "  # where the setting is written in mkdocs.yml
