"""The one nginx the release guard and the tests run: the server configuration the build wrote for production.

Only its listen addresses, certificate paths and root change (to 127.0.0.1, a throwaway
certificate and the folder served), so every header, cache time, gzip setting and 404 page
measured is the one published. Started as root, its workers run unprivileged, as in production.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import string
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from policy_site.messages import _, explained

ADDRESS = "127.0.0.1"


@dataclass(frozen=True)
class Running:
    folder: Path  # the certificate (cert.pem), the configuration nginx runs (nginx.conf, conf.d/), error.log
    process: subprocess.Popen

    @property
    def certificate(self) -> Path:
        return self.folder / "cert.pem"


@contextlib.contextmanager
def serve(root: Path, configuration: Path, host: str, folder: Path, *, ports: dict[int, int], wait: float = 0):
    """nginx serving root with the build's configuration folder (site-nginx/) until the block ends.

    ports maps the configuration's ports to local ones ({80: 8080, 443: 8443}); while another
    server holds them (another test run on this machine), wait up to `wait` seconds.
    """
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:localhost,DNS:{host},IP:{ADDRESS}",
                    "-keyout", folder / "key.pem", "-out", folder / "cert.pem"], check=True, capture_output=True)
    for part in ("conf.d", "snippets"):
        (folder / part).mkdir(exist_ok=True)
    for file in configuration.iterdir():  # the server block, and the files it includes from snippets/
        if file.name == f"{host}.conf":
            (folder / "conf.d" / file.name).write_text(local_configuration(
                file, ports=ports, certificate=folder / "cert.pem", key=folder / "key.pem", root=root), encoding="utf-8")
        else:
            shutil.copy(file, folder / "snippets" / file.name)
    main = string.Template((Path(__file__).parent / "nginx-main.conf").read_text(encoding="utf-8"))
    (folder / "nginx.conf").write_text(main.substitute(folder=folder), encoding="utf-8")
    process = _start_when_free(folder, list(ports.values()), wait)
    try:
        yield Running(folder, process)
    finally:
        process.terminate()
        process.wait(timeout=10)


def local_configuration(file: Path, *, ports: dict[int, int], certificate: Path, key: Path, root: Path) -> str:
    """The built server configuration with only the local listen addresses, certificate paths and root."""
    text = file.read_text(encoding="utf-8")
    replacements = [  # (what, pattern, replacement): each must be found, or the configuration changed shape
        ("listen [::]", r"^\s*listen \[::\]:\d+.*\n", ""),  # the machine may have no IPv6; production keeps both
        ("listen", r"^(\s*listen )(\d+)\b", lambda m: f"{m[1]}{ADDRESS}:{ports[int(m[2])]}"),
        ("ssl_certificate", r"^(\s*ssl_certificate )\S+;", rf"\g<1>{certificate};"),
        ("ssl_certificate_key", r"^(\s*ssl_certificate_key )\S+;", rf"\g<1>{key};"),
        ("root", r"^(\s*root )\S+;", rf"\g<1>{root.resolve()};"),
    ]
    for what, pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        if not count:
            raise RuntimeError(explained(
                _("{file} has no '{directive}' line for the local server to change").format(file=file, directive=what),
                _("keep {directive} in hosting/nginx-site.conf.j2, or change scripts/guard/nginx.py with it").format(
                    directive=what)))
    return text


def _start_when_free(folder: Path, ports: list[int], wait: float) -> subprocess.Popen:
    deadline = time.monotonic() + wait
    while True:
        taken = [port for port in ports if _answers(port)]
        if not taken:
            try:
                return _start(folder)
            except _PortsTaken as error:
                taken = [str(error)]
        if time.monotonic() >= deadline:
            raise RuntimeError(explained(_("{address} port(s) {ports} are held by another server").format(
                                             address=ADDRESS, ports=taken),
                                         _("wait for the other run to end (ss -ltnp names it), then run again")))
        print(_("nginx: {address} port(s) {ports} are taken, waiting for them...").format(address=ADDRESS, ports=taken),
              file=sys.stderr)
        time.sleep(2)


def _start(folder: Path) -> subprocess.Popen:
    """nginx in the foreground; it writes its pid file once it holds its ports."""
    pid = folder / "nginx.pid"
    pid.unlink(missing_ok=True)
    process = subprocess.Popen(["nginx", "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for _ in range(200):
        if process.poll() is not None:
            log = process.stderr.read() + (folder / "error.log").read_text(encoding="utf-8", errors="replace")
            if "Address already in use" in log:
                raise _PortsTaken(log.strip().splitlines()[-1])
            raise RuntimeError(_("nginx did not start: {log}").format(log=log.strip()))
        if pid.is_file() and pid.read_text().strip():
            return process
        time.sleep(0.05)
    process.terminate()
    raise RuntimeError(_("nginx did not start within 10 s (see {log})").format(log=f"{folder}/error.log"))


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((ADDRESS, port)) == 0


class _PortsTaken(Exception):
    """nginx could not bind its ports: another server took them first."""
