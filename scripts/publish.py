"""make publish: put the build make check passed into the web server's folder in one atomic swap.

The copy keeps only the bytes and modification times: files 0644 and folders 0755, owned by
whoever publishes, no owner, mode or extended attribute of the build machine. It is checked
against what make check recorded (site-report/passed.json) before it replaces anything, and
the server's folder is exchanged with it in one rename (renameat2 RENAME_EXCHANGE), so a reader
sees the old site or the new one, never a mix or nothing.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
from pathlib import Path

from build_output import copy_for_web, staging_folder
from guard import passed
from policy_site.messages import _, explained, fault

AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h


def publish(args: argparse.Namespace) -> int:
    """Copy the build that make check passed to TARGET (the web server's folder), atomically.

    Refuses, and changes nothing, if make check has not passed for this build and these sources.
    """
    site_dir = args.project / args.site_dir
    target = Path(args.target).absolute()
    if not args.target or target.is_relative_to(site_dir.absolute()) or site_dir.absolute().is_relative_to(target):
        print(fault("make publish", _("TARGET is '{target}'").format(target=args.target),
                    _("name the web server's folder, outside {site}/, e.g. make publish "
                      "TARGET=/var/www/privacy.coop-kuruko.example").format(site=args.site_dir)), file=sys.stderr)
        return 1
    if not target.parent.is_dir():
        print(fault("make publish", _("{folder} does not exist").format(folder=target.parent),
                    _("create it, or correct TARGET")), file=sys.stderr)
        return 1
    with staging_folder(target.parent, f".{target.name}-publishing-") as staging:
        copy_for_web(site_dir, staging)
        problems = passed.differences(args.project / args.report_dir, args.project, site_dir, staging)
        if problems:
            print(explained(_("Not published: this is not the build make check passed; {target} was left as it was.")
                            .format(target=target) + "".join(f"\n  {problem}" for problem in problems),
                            _("run make check; when it says 'fit to publish', run make publish again")), file=sys.stderr)
            return 1
        try:
            _exchange(staging, target)  # staging now holds the old site, removed on leaving the block
        except OSError as error:
            print(_("Not published, {target} was left as it was: {error}").format(target=target, error=error),
                  file=sys.stderr)
            return 1
    print(_("Published {site} to {target}").format(site=site_dir, target=target))
    return 0


def _exchange(staging: Path, target: Path) -> None:
    """Swap the two folders in one step; the first publish just renames."""
    if not target.exists():
        os.rename(staging, target)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(AT_FDCWD, os.fsencode(staging), AT_FDCWD, os.fsencode(target), RENAME_EXCHANGE) != 0:
        error = ctypes.get_errno()
        raise OSError(error, explained(_("{reason}, so it cannot be replaced in one step").format(
                                           reason=os.strerror(error)),
                                       _("publish to a folder on a local Linux file system (ext4, xfs, btrfs)")))

