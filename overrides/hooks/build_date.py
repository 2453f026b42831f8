"""The build date, from one place, so that date-dependent output is reproducible.

SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) wins
when it is set; otherwise it is today's date in UTC.
"""

from __future__ import annotations

import datetime
import os


def build_date() -> datetime.date:
    """The day this build is for: a rebuild with the same SOURCE_DATE_EPOCH gives the same site."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970")
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.datetime.now(datetime.timezone.utc).date()
