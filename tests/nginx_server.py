"""Debian's nginx serving a built site with the generated server block, on 127.0.0.1:80 and :443.

The Observatory takes a host name without a port, so nginx takes the standard
ports; chromium maps the production host name to 127.0.0.1, so pages run at
their real https origin and "nothing off the origin" means exactly that.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from pathlib import Path

from project_facts import HOST


@contextlib.contextmanager
def serve(site: Path, work: Path):
    """Run nginx for the site in `work` (certificate, configuration, logs) until the block ends."""
    for port in (80, 443):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} is taken: stop what listens there"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", f"subjectAltName=DNS:localhost,DNS:{HOST},IP:127.0.0.1",
                    "-keyout", work / "key.pem", "-out", work / "cert.pem"], check=True, capture_output=True)
    (work / "site.conf").write_text(_local_copy(site, work), encoding="utf-8")
    temp = "\n".join(f"  {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"user root;\nworker_processes 1;\ndaemon off;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n{temp}\n  include {work}/site.conf;\n}}\n", encoding="utf-8")
    server = subprocess.Popen(["nginx", "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for(server, work)
        yield work
    finally:
        server.terminate()
        server.wait(timeout=10)


def _local_copy(site: Path, work: Path) -> str:
    """The generated server block, pointed at this run's files; each replaced line must exist."""
    conf = (site / "_nginx" / f"{HOST}.conf").read_text(encoding="utf-8")
    replacements = {f"root /var/www/{HOST};": f"root {site};",
                    f"/etc/ssl/{HOST}/fullchain.pem": str(work / "cert.pem"),
                    f"/etc/ssl/{HOST}/privkey.pem": str(work / "key.pem"),
                    "include /etc/nginx/snippets/security-headers.conf;": f"include {site}/_nginx/security-headers.conf;"}
    for old, new in replacements.items():
        assert old in conf, f"the generated server block no longer has {old!r}"
        conf = conf.replace(old, new)
    # The test machine may have no IPv6; production keeps both.
    return "\n".join(line for line in conf.splitlines() if "listen [::]" not in line)


def _wait_for(server: subprocess.Popen, work: Path) -> None:
    for _ in range(100):
        if server.poll() is not None:
            log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
            raise RuntimeError(f"nginx did not start: {server.stdout.read().decode()}{log}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", 443)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("nginx did not listen on 127.0.0.1:443")
