"""Debian's nginx serving a built site with its own configuration (scripts/guard/nginx.py), on 127.0.0.1:80 and :443.

The Observatory takes a host name without a port, so nginx takes the standard
ports; chromium maps the production host name to 127.0.0.1, so pages run at
their real https origin and "nothing off the origin" means exactly that. Another
test run on this machine may hold those ports: this one waits its turn.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from build_output import nginx_dir
from guard import nginx
from project_facts import HOST

WAIT = 900  # seconds: another run of the whole suite holds the ports for a few minutes at most


@contextlib.contextmanager
def serve(site: Path, work: Path):
    """Run nginx for the site in `work` (certificate, configuration, logs) until the block ends."""
    with nginx.serve(site, nginx_dir(site), HOST, work, ports=STANDARD_PORTS, wait=WAIT) as running:
        yield running


STANDARD_PORTS = {80: 80, 443: 443}
