"""The build date: the one input a build takes from the clock, so the same sources give the same site.

It decides only what truly depends on the day of the build (which revision is in
force, the security.txt expiry). SOURCE_DATE_EPOCH fixes it for reproducible
builds (https://reproducible-builds.org/specs/source-date-epoch/); otherwise it is
today. Either way it is the date in Japan, where the policy takes effect.
"""

from __future__ import annotations

import datetime
import os
from zoneinfo import ZoneInfo

from mkdocs.exceptions import PluginError


def build_date() -> datetime.date:
    """The day the site is built for: a revision dated 2027-04-01 is in force from midnight in Japan."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.datetime.now(TIMEZONE).date()
    if not epoch.strip().isdigit():
        raise PluginError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01\n"
                          f"  How to fix: unset it to build for today, or set it to a Unix time, "
                          f"for example SOURCE_DATE_EPOCH=$(date -d '2027-04-01 12:00 JST' +%s)")
    return datetime.datetime.fromtimestamp(int(epoch), TIMEZONE).date()


TIMEZONE = ZoneInfo("Asia/Tokyo")
