"""What make site leaves: a site any web server user can read, its nginx configuration beside it, no leftovers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from build_output import STAGING, nginx_dir
from project_copies import copy_project, tree
from project_facts import HOST, POLICY, ROOT


def test_every_folder_is_0755_and_every_file_0644_though_the_build_ran_under_umask_077(site: Path) -> None:
    for folder in (site, nginx_dir(site)):
        paths = [folder, *folder.rglob("*")]
        assert {oct(p.stat().st_mode & 0o7777) for p in paths if p.is_dir()} == {"0o755"}, folder
        assert {oct(p.stat().st_mode & 0o7777) for p in paths if p.is_file()} == {"0o644"}, folder
        assert len(paths) > 1


def test_the_nginx_configuration_is_written_beside_the_site_and_nothing_of_it_inside(site: Path) -> None:
    assert sorted(p.name for p in nginx_dir(site).iterdir()) == sorted(["security-headers.conf", f"{HOST}.conf"])
    assert not (site / "_nginx").exists()
    assert not [p for p in site.rglob("*") if p.suffix == ".conf" or "nginx" in p.name]


def test_a_killed_build_keeps_the_last_site_and_the_next_build_removes_its_staging_folder(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first = _build(project)
    assert first.wait(timeout=120) == 0, first.stderr.read()
    last_good = tree(project / "site")
    killed = _build(project)
    staging = _wait_for_staging(project, killed)  # MkDocs is writing pages into it now
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=10)
    assert staging.is_dir() and any(staging.rglob("*.html"))
    assert tree(project / "site") == last_good
    again = _build(project)
    assert again.wait(timeout=120) == 0, again.stderr.read()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == [".cache"]  # the PDFs, no staging
    assert tree(project / "site") == last_good


def _build(project: Path) -> subprocess.Popen:
    """The staff build, all on one build date (a build across midnight in Japan would differ)."""
    return subprocess.Popen([sys.executable, str(POLICY), "build", "--project", str(project)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_MOMENT})


BUILD_MOMENT = str(int(time.time()))


def _wait_for_staging(project: Path, build: subprocess.Popen) -> Path:
    for _ in range(3000):
        found = [p for p in project.glob(f"{STAGING}*") if any(p.rglob("*.html"))]
        if found:
            return found[0]
        assert build.poll() is None, "the build ended before it could be killed"
        time.sleep(0.005)
    raise AssertionError("the build wrote no page into its staging folder within 15 s")
