"""The list of every URL the site ever published: published-urls.txt at the top of the repository.

One path a line, relative to site_url. Only `make publish-urls` and the revision
command add to it, through record_published_urls(); nothing removes a line.
Imports nothing beyond the standard library, so any staff command can call it.
"""

from __future__ import annotations

from pathlib import Path


def record_published_urls(site_dir: Path, project: Path) -> list[str]:
    """Add the URLs of a build to the list (never removing one); return those that were new."""
    listed = read_published_urls(project)
    built = built_urls(site_dir)
    new = sorted(set(built) - set(listed))
    if new or not (project / URL_LIST).is_file():
        lines = sorted(set(listed) | set(built))
        (project / URL_LIST).write_text(HEADER + "".join(f"{url}\n" for url in lines), encoding="utf-8")
    return new


def read_published_urls(project: Path) -> list[str]:
    """The URLs in the list, without its comment lines."""
    path = project / URL_LIST
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def built_urls(site_dir: Path) -> list[str]:
    """The pages of a build, as the paths readers type after the site URL."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


URL_LIST = "published-urls.txt"
HEADER = ("# Every URL this site has ever published, relative to site_url in mkdocs.yml.\n"
          "# The release guard (make check) fails when a build drops one; a moved page leaves a redirect page.\n"
          "# Added to by 'make publish-urls' and by the revision command; never remove a line.\n")
