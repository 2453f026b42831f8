"""Netlify's and Cloudflare Pages' own local servers (npm: netlify-cli, wrangler) serving a built site offline.

Each serves the site with its _headers rules, over HTTPS on 127.0.0.1:443 with a throwaway
certificate, so chromium (which maps the production host name there) and the Observatory
(which takes a host name without a port) see it as they see nginx. Plain HTTP on port 80
is held closed: both hosts redirect it to HTTPS at their edge, which neither server emulates.
"""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import subprocess
import time
import urllib.request
from pathlib import Path

from project_facts import HOST, ROOT

BIN = ROOT / "node_modules" / ".bin"  # netlify-cli finds Deno here (npm: deno): offline it cannot download one
WAIT = 900  # seconds to wait for another test run on this machine to free the standard ports
QUIET = {"CI": "true", "BROWSER": "none", "WRANGLER_SEND_METRICS": "false", "CLOUDFLARE_CF_FETCH_ENABLED": "false",
         "NETLIFY_TELEMETRY_DISABLED": "1"}


def wrangler(site: Path, work: Path) -> list[str]:
    """Cloudflare Pages: wrangler pages dev, at the newest compatibility date its workerd knows (offline it can fetch none)."""
    date = subprocess.run(["node", "-p", "require('workerd').compatibilityDate"], capture_output=True, text=True,
                          cwd=ROOT, check=True).stdout.strip()
    return [str(BIN / "wrangler"), "pages", "dev", str(site), "--ip", "127.0.0.1", "--port", "443",
            "--local-protocol", "https", "--https-key-path", str(work / "key.pem"),
            "--https-cert-path", str(work / "cert.pem"), f"--compatibility-date={date}", "--log-level", "warn"]


def netlify(site: Path, work: Path) -> list[str]:
    """Netlify: netlify dev --offline, static files only, its settings in a netlify.toml of its own."""
    (work / "netlify.toml").write_text(
        f'[dev]\nframework = "#static"\npublish = "{site}"\nport = 443\nstaticServerPort = {_free_port()}\n'
        f'[dev.https]\ncertFile = "{work / "cert.pem"}"\nkeyFile = "{work / "key.pem"}"\n', encoding="utf-8")
    return [str(BIN / "netlify"), "dev", "--offline"]


HOSTS = {"Cloudflare Pages": wrangler, "Netlify": netlify}
# What a local server does not do as its host does, each checked another way in test_static_hosts.py:
# netlify dev lets its own static server's Cache-Control win over the _headers rule (production
# Netlify applies the rule), so for Netlify the rules are also read with Netlify's own parser.
NOT_AS_IN_PRODUCTION = {"Netlify": {"Cache-Control"}, "Cloudflare Pages": set()}


@contextlib.contextmanager
def serve(host: str, site: Path, work: Path):
    """The host's server for the site, started from `work` (its certificate, settings and state) until the block ends."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", f"/CN={HOST}", "-addext",
                    f"subjectAltName=DNS:localhost,DNS:{HOST},IP:127.0.0.1",
                    "-keyout", work / "key.pem", "-out", work / "cert.pem"], check=True, capture_output=True)
    with _closed_port_80():
        log = (work / "server.log").open("w", encoding="utf-8")
        process = subprocess.Popen(HOSTS[host](site, work), cwd=work, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, **QUIET, "HOME": str(work), "PATH": f"{BIN}:{os.environ['PATH']}"},
                                   start_new_session=True)
        try:
            _wait_until_serving(process, work)
            yield work / "cert.pem"
        finally:
            os.killpg(process.pid, 15)  # its own session: the server and the workerd or Deno it started
            process.wait(timeout=20)
            log.close()


@contextlib.contextmanager
def _closed_port_80():
    """127.0.0.1:80 bound but not listening: a connection is refused, and no other run's server can take it."""
    deadline = time.monotonic() + WAIT
    with socket.socket() as holder:
        while True:
            try:
                if not _answers(443):
                    holder.bind(("127.0.0.1", 80))
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "127.0.0.1:80 or :443 stayed taken by another server for 15 minutes"
            time.sleep(2)
        yield


def _wait_until_serving(process: subprocess.Popen, work: Path) -> None:
    tls = ssl.create_default_context(cafile=str(work / "cert.pem"))
    for _ in range(240):
        assert process.poll() is None, (work / "server.log").read_text(encoding="utf-8")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen("https://127.0.0.1/robots.txt", context=tls, timeout=2):
                return
        time.sleep(0.5)
    raise AssertionError(f"the server did not answer within 2 minutes: {(work / 'server.log').read_text()}")


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
