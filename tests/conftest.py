"""Shared fixtures: one strict build of the real sources, served by nginx over HTTPS, and Debian's chromium."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from guard.browser import VIOLATION_RECORDER
from guard.site import CHROMIUM, CHROMIUM_ARGS
from nginx_server import serve
from policy_site.messages import CHOICE
from project_facts import HOST, ORIGIN, POLICY, ROOT

BROWSER_ARGS = CHROMIUM_ARGS + [f"--host-resolver-rules=MAP {HOST} 127.0.0.1"]  # the site's host is the local nginx


@pytest.fixture(scope="session", autouse=True)
def english_messages():
    """The tests read the messages in English, the catalog's msgids; tests/test_messages.py checks the Japanese ones."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CHOICE, "en")
        yield


@pytest.fixture(scope="session")
def site():
    """The site built once, strictly, from the repository's sources, for every test that reads it.

    Built under the strictest umask (077), in a folder any user may enter (as /var/www is), so
    that nginx's unprivileged workers serving it prove the build's own modes.
    """
    with tempfile.TemporaryDirectory(prefix="kuruko-build-") as folder:
        os.chmod(folder, 0o755)
        target = Path(folder) / "site"
        result = subprocess.run([sys.executable, str(POLICY), "build", "--site-dir", str(target)],
                                capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), umask=0o077)
        assert result.returncode == 0, result.stdout + result.stderr
        yield target


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """make check first: pytest-xdist (--dist loadfile, in collection order) gives its file a worker of its own,
    which waits on it, mostly on browsers, while the other workers run the other files."""
    items.sort(key=lambda item: "checked" not in item.fixturenames)  # stable: the others keep their order


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """A worker per core, and one more that spends most of the run waiting on make check."""
    return len(os.sched_getaffinity(0)) + 1


@pytest.fixture(scope="session")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """make check on the repository's sources as staff run it before publishing: it builds, skips nothing; offline."""
    folder = tmp_path_factory.mktemp("make-check")
    command = offline([sys.executable, str(POLICY), "check", "--site-dir",
                       str(folder / "site"), "--report-dir", str(folder / "report"),
                       "--performance-floor", "0"])  # reported, not asserted: it moves with the load
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                               start_new_session=True, env={**os.environ, CHOICE: "en"})
    try:
        stdout, stderr = process.communicate()
    finally:
        if process.poll() is None:  # the run was stopped: the check and the browsers it started go too
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return Checked(subprocess.CompletedProcess(command, process.returncode, stdout, stderr),
                   folder / "site", folder / "report")


@dataclass(frozen=True)
class Checked:
    result: subprocess.CompletedProcess
    site: Path
    report: Path


def offline(command: list[str]) -> list[str]:
    """The command in a network namespace of its own: loopback only, no route, no DNS."""
    return ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "offline", *command]


@pytest.fixture(scope="module")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory):
    """The built site on Debian's nginx with its generated configuration, over HTTPS at 127.0.0.1:443.

    Per module, so the standard ports are held only while a module needs them (the host emulators take them too).
    """
    with serve(site, tmp_path_factory.mktemp("nginx")) as running:
        yield running


@pytest.fixture(scope="module")
def site_url(nginx) -> str:
    """The site's real https address; the test browser resolves its host to the local nginx."""
    return f"{ORIGIN}/"


@pytest.fixture(scope="session")
def playwright():
    """Playwright, started once: a second sync_playwright() in the same session would fail."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def browser(playwright):
    """Debian's chromium driven by Playwright (it cannot download a browser here), sending the site's host to nginx."""
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, args=BROWSER_ARGS)
    yield chromium
    chromium.close()


def open_context(browser, **options):
    """A fresh context trusting the test certificate and recording CSP violations in window.__violations."""
    context = browser.new_context(ignore_https_errors=True, **options)
    context.add_init_script(VIOLATION_RECORDER)
    return context


def start_interruptible(command: list[str], **options) -> subprocess.Popen:
    """A staff command started as from a terminal, where Ctrl-C (SIGINT) reaches it. A suite run as a background
    job ignores SIGINT, and so would the commands it starts; a handler here makes exec give them the default."""
    ignored = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(command, **options)
    finally:
        signal.signal(signal.SIGINT, ignored)


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path relative to its root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))

