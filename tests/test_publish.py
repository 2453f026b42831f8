"""make publish: only the build make check passed, for the same sources, into the server's folder in one swap.

Here the build is the shared one, recorded as make check records a pass (guard/passed.py), so
these tests do not wait on Lighthouse; test_release_guard.py publishes what a real make check passed.
"""

from __future__ import annotations

import http.client
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_output import nginx_dir
from guard import nginx, passed
from guard.site import free_ports
from project_copies import copy_project, copy_site, tree
from project_facts import HOST, POLICY, ROOT


def publish(target: Path, site_dir: Path, report_dir: Path, project: Path = ROOT,
            prefix: tuple[str, ...] = ()) -> subprocess.Popen:
    """make publish TARGET=target for this build, running (after `prefix`, e.g. strace) until the test waits for it."""
    return subprocess.Popen([*prefix, sys.executable, str(POLICY), "publish", str(target),
                             "--project", str(project), "--site-dir", str(site_dir), "--report-dir", str(report_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err


@dataclass(frozen=True)
class Recorded:
    site: Path
    report: Path


@pytest.fixture(scope="module")
def recorded(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    """The shared build with the record a passing make check leaves for it."""
    report = tmp_path_factory.mktemp("report")
    passed.record(report, passed.fingerprint(ROOT), site)
    return Recorded(site, report)


@pytest.fixture
def web_parent():
    """A folder any user may enter, as /var/www is: nginx's unprivileged workers serve what is published in it."""
    with tempfile.TemporaryDirectory(prefix="kuruko-www-") as folder:
        os.chmod(folder, 0o755)
        yield Path(folder)


def test_publish_refuses_a_build_make_check_has_not_passed(site: Path, web_parent: Path) -> None:
    code, output = finished(publish(web_parent / "www", site, web_parent / "no-report"))
    assert code == 1
    assert "Not published" in output and "passed.json is missing" in output and "run make check" in output
    assert list(web_parent.iterdir()) == []


def test_publish_refuses_a_checked_build_changed_since_and_names_the_files(recorded, tmp_path: Path,
                                                                            web_parent: Path) -> None:
    copy = copy_site(recorded.site, tmp_path / "site")
    (copy / "policy.html").write_text("edited by hand", encoding="utf-8")
    (copy / "en" / "website.html").unlink()
    (nginx_dir(copy) / "security-headers.conf").write_text("", encoding="utf-8")
    code, output = finished(publish(web_parent / "www", copy, recorded.report))
    assert code == 1
    for problem in ("site/policy.html changed since make check passed", "site/en/website.html is gone since",
                    "site-nginx/security-headers.conf changed since"):
        assert problem in output
    assert list(web_parent.iterdir()) == []


def test_publish_refuses_a_checked_build_whose_sources_changed_since(recorded, tmp_path: Path,
                                                                      web_parent: Path) -> None:
    project = copy_project(tmp_path / "project")
    with (project / "docs" / "en" / "policy.md").open("a", encoding="utf-8") as page:
        page.write("\nA sentence added after the check.\n")
    code, output = finished(publish(web_parent / "www", recorded.site, recorded.report, project=project))
    assert code == 1
    assert "docs/en/policy.md changed since make check passed" in output
    assert list(web_parent.iterdir()) == []


def test_publish_keeps_nothing_of_the_build_machine_and_unprivileged_nginx_serves_it(recorded, tmp_path: Path,
                                                                                      web_parent: Path) -> None:
    copy = copy_site(recorded.site, tmp_path / "site")  # then made as a careless copy would leave it
    for path in [copy, *copy.rglob("*")]:
        os.chown(path, 4321, 4321)
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    os.setxattr(copy / "index.html", "user.origin", b"build machine")
    target = web_parent / "www"
    code, output = finished(publish(target, copy, recorded.report))
    assert code == 0, output
    assert tree(target) == tree(recorded.site)
    paths = [target, *target.rglob("*")]
    assert {oct(p.stat().st_mode & 0o7777) for p in paths if p.is_dir()} == {"0o755"}
    assert {oct(p.stat().st_mode & 0o7777) for p in paths if p.is_file()} == {"0o644"}
    assert {(p.stat().st_uid, p.stat().st_gid) for p in paths} == {(os.getuid(), os.getgid())}
    assert os.listxattr(target / "index.html") == []
    assert sorted(p.name for p in web_parent.iterdir()) == ["www"]  # no staging folder left
    http_port, https_port = free_ports(2)
    with nginx.serve(target, nginx_dir(recorded.site), HOST, tmp_path, ports={80: http_port, 443: https_port}):
        tls = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
        connection = http.client.HTTPSConnection("127.0.0.1", https_port, context=tls, timeout=10)
        statuses = []
        for page in ("index.html", "en/policy.html", "en/no-such-page.html"):
            connection.request("GET", "/" + page)
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
        connection.close()
    assert statuses == [200, 200, 404]


def test_publish_swaps_the_servers_folder_in_one_exchange_so_a_reader_never_finds_it_missing(recorded, tmp_path: Path,
                                                                                              web_parent: Path) -> None:
    target = web_parent / "www"
    target.mkdir()
    (target / "index.html").write_text("the site before", encoding="utf-8")
    (target / "gone.html").write_text("a page of the site before", encoding="utf-8")
    reads: list[bytes | OSError] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                reads.append((target / "index.html").read_bytes())
            except OSError as error:
                reads.append(error)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        trace = tmp_path / "renames.txt"
        code, output = finished(publish(target, recorded.site, recorded.report,
                                        prefix=["strace", "-f", "-qq", "-e", "trace=rename,renameat,renameat2", "-o", str(trace)]))
        time.sleep(0.05)
    finally:
        done.set()
        thread.join()
    assert code == 0, output
    touching = [line.split(maxsplit=1)[1] for line in trace.read_text().splitlines() if f'"{target}"' in line]
    assert len(touching) == 1 and touching[0].startswith("renameat2(") and "RENAME_EXCHANGE) = 0" in touching[0]
    new = (recorded.site / "index.html").read_bytes()
    assert [r for r in reads if r not in (b"the site before", new)] == []
    assert reads[0] == b"the site before" and reads[-1] == new
    assert not (target / "gone.html").exists()
    assert tree(target) == tree(recorded.site)


def test_a_killed_publish_leaves_the_servers_folder_as_it_was_and_the_next_one_cleans_up(recorded,
                                                                                        web_parent: Path) -> None:
    target = web_parent / "www"
    target.mkdir()
    (target / "index.html").write_text("the site before", encoding="utf-8")
    process = publish(target, recorded.site, recorded.report)
    for _ in range(4000):
        staging = list(web_parent.glob(".www-publishing-*"))
        if staging and any(staging[0].iterdir()):
            break
        assert process.poll() is None, "the publish ended before it could be killed"
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert tree(target) == {"index.html": b"the site before"}
    assert len(list(web_parent.glob(".www-publishing-*"))) == 1
    code, output = finished(publish(target, recorded.site, recorded.report))
    assert code == 0, output
    assert sorted(p.name for p in web_parent.iterdir()) == ["www"]
    assert tree(target) == tree(recorded.site)
