"""Dates: the build date, the one input a build takes from the clock, and dates in each reader's own form.

It decides only what truly depends on the day of the build (which revision is in
force, the security.txt expiry). SOURCE_DATE_EPOCH fixes it for reproducible
builds (https://reproducible-builds.org/specs/source-date-epoch/); otherwise it is
today. Either way it is the date in Japan, where the policy takes effect.
"""

from __future__ import annotations

import datetime
import functools
import os
from zoneinfo import ZoneInfo

from babel.dates import format_date
from mkdocs.exceptions import PluginError

from .messages import _, explained


def build_date() -> datetime.date:
    """The day the site is built for: a revision dated 2027-04-01 is in force from midnight in Japan."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.datetime.now(TIMEZONE).date()
    if not epoch.strip().isdigit():
        raise PluginError(explained(_("SOURCE_DATE_EPOCH={value} is not a number of seconds since 1970-01-01").format(
                                        value=repr(epoch)),
                                    _("unset it to build for today, or set it to a Unix time, "
                                      "for example SOURCE_DATE_EPOCH=$(date -d '2027-04-01 12:00 JST' +%s)")))
    return datetime.datetime.fromtimestamp(int(epoch), TIMEZONE).date()


@functools.lru_cache(maxsize=4096)  # Babel is slow and every page of a revision shows the same few dates
def localized_date(date: datetime.date, locale: str) -> str:
    """A date in the reader's own form: 2017年12月27日, December 27, 2017."""
    return format_date(date, format="long", locale=locale.replace("-", "_"))


TIMEZONE = ZoneInfo("Asia/Tokyo")
