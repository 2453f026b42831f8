"""A gzip copy beside each file the pages share, for nginx's gzip_static: compressed once at build time, not per request.

The files every page shares (stylesheets, scripts, search indexes and worker,
images, the sitemaps of the language roots) are compressed here; the HTML pages
and what the archive folders hold are not: nginx compresses them on the fly at
the same level (gzip on, templates/nginx-site.conf.j2), so the build does not grow
by a compressed copy of every page and folder sitemap of every revision.
Runs last, after everything that writes or rewrites files, so each .gz matches its file.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from ..history import ARCHIVE


def precompress(site: Path) -> None:
    """Write file.gz for each shared file worth compressing; deterministic, so identical builds give identical bytes."""
    for path in sorted(site.rglob("*")):
        if (path.suffix in SHARED_SUFFIXES and ARCHIVE not in path.relative_to(site).parts  # dated pages, folder sitemaps
                and path.is_file() and path.stat().st_size >= MIN_SIZE):
            data = gzip.compress(path.read_bytes(), compresslevel=LEVEL, mtime=0)
            path.with_name(path.name + ".gz").write_bytes(data)


# Not .html: a page is one request of one reader, and a copy of each of hundreds of pages and
# revisions cost most of this pass. Not .map: source maps are for developer tools only.
SHARED_SUFFIXES = {".css", ".js", ".json", ".xml", ".txt", ".svg"}
LEVEL = 6  # 0.4% larger than level 9 on this site, in a third of the build time (make bench)
MIN_SIZE = 256  # below this, gzip's own header costs more than it saves
