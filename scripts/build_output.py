"""Why site/ is safe to serve as built: readable by a web server's unprivileged user, swapped in whole, no leftovers.

A build writes into one staging folder beside site/: the pages, and the nginx
configuration of those pages, which it moves out of the web root to site-nginx/
(server configuration is not content: Netlify or Cloudflare Pages would publish it).
Both get the modes a static site needs (folders 0755, files 0644) whatever the umask
and mkdtemp's 0700, then each is swapped into place in two renames. A build killed
before the swap leaves its staging folder; the next build in that folder removes it.
copy_for_web makes the copies make publish installs and the release guard serves.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
import tempfile
from pathlib import Path

from policy_site.messages import _

STAGING = ".site-building-"  # the name of a build's staging folder starts so (.gitignore: .site-*/)


def nginx_dir(site_dir: Path) -> Path:
    """Where a build puts the nginx configuration of site_dir's pages: beside it, never inside it."""
    return site_dir.with_name(f"{site_dir.name}-nginx")


@contextlib.contextmanager
def staging_folder(parent: Path, prefix: str):
    """A fresh folder in parent, while no other build (or publish) uses parent; leftovers of killed ones removed."""
    parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(_("Waiting for the other build or publish in {folder}/ to finish...").format(folder=parent),
                  file=sys.stderr)
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # released by the kernel even if that process is killed
        for leftover in parent.glob(f"{prefix}*"):
            shutil.rmtree(leftover)
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def staged_build(target: Path):
    """The folder for MkDocs to build target's pages into; the last good target recovered first if a swap was cut."""
    with staging_folder(target.parent, STAGING) as staging:
        for folder in (target, nginx_dir(target)):
            _recover_interrupted_swap(folder)
        yield staging / "site"


def put_in_place(pages: Path, target: Path, nginx_folder: str) -> None:
    """Move the nginx configuration out of the web root, give both web-server modes, swap them in (nginx first)."""
    nginx = pages.with_name("nginx")
    (pages / nginx_folder).rename(nginx)
    for folder in (nginx, pages):
        make_readable(folder)
    _swap_into_place(nginx, nginx_dir(target))
    _swap_into_place(pages, target)


def make_readable(folder: Path) -> None:
    """Folders 0755 and files 0644, what a static site needs: nginx's workers run as an unprivileged user."""
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def copy_for_web(source: Path, target: Path) -> None:
    """Every file of source under target (made if missing), 0644 in 0755 folders, with its bytes and date only."""
    target.mkdir(exist_ok=True)
    for path in sorted(source.rglob("*")):  # a folder sorts before what it holds
        copy = target / path.relative_to(source)
        if path.is_dir():
            copy.mkdir()
        else:
            shutil.copyfile(path, copy)
            os.utime(copy, ns=(path.stat().st_mtime_ns, path.stat().st_mtime_ns))
    make_readable(target)


def _swap_into_place(staging: Path, target: Path) -> None:
    """Replace target in two renames, so a reader or a crash never sees half a site."""
    old = _previous(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.rename(target, old)
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def _recover_interrupted_swap(target: Path) -> None:
    """A crash between the two renames above leaves the last good folder under its old name: put it back."""
    if _previous(target).is_dir() and not target.exists():
        os.rename(_previous(target), target)


def _previous(target: Path) -> Path:
    return target.with_name(f".{target.name}-previous")
