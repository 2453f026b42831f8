"""Temporary copies of the project, for tests that break a source on purpose or build it twice."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from pathlib import Path

from build_output import nginx_dir
from guard.passed import SOURCES
from project_facts import ROOT

from policy_site import history
from policy_site.pdfs import CACHE


def copy_project(target: Path, source: Path = ROOT, *, pdf_cache: bool = True) -> Path:
    """The sources a build reads, copied to target (tooling and tests stay in the repository).

    With the PDFs source made before, as a working copy that has built keeps them: laying out a revision's PDFs
    anew costs each copy's first build seconds. A test of a fresh checkout asks for none.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif (source / name).is_file():  # a project may have no appi.yml (then make check says so)
            shutil.copy2(source / name, target / name)
    if pdf_cache and (source / CACHE).is_dir():
        shutil.copytree(source / CACHE, target / CACHE)
    return target


def copy_site(site: Path, target: Path, leave_out: list[str] = ()) -> Path:
    """A copy of a build as the guard reads it: the pages (less the top folders named) and, beside them,
    their nginx configuration."""
    shutil.copytree(nginx_dir(site), nginx_dir(target))
    return shutil.copytree(site, target, ignore=lambda folder, names: list(leave_out) if folder == str(site) else [])


def write_summaries(project: Path, summaries: dict[str, str]) -> Path:
    """Write the open revision's summary in each language, as staff do after `make revision`."""
    for locale, summary in summaries.items():
        (project / "docs" / locale / history.SUMMARY).write_text(f"{summary}\n", encoding="utf-8")
    return project


def retranslate(project: Path) -> Path:
    """Record in every translated page that it follows the Japanese text as it now is (a translator's last step).

    Pages a test broke on purpose (unreadable front matter) are left as they are, for the build to report.
    """
    from policy_site import front_matter
    from policy_site.sources.translations import text_code

    for path in sorted(p for p in (project / "docs").glob("*/*.md") if p.parent.name not in ("ja", "archive")):
        try:
            page = front_matter.read(path)
            page.meta["translates"] = text_code(project / "docs" / "ja" / path.name)
        except (front_matter.FrontMatterError, FileNotFoundError):
            continue
        front_matter.write(page)
    return project


def build(project: Path, *options: str, **env: str) -> subprocess.CompletedProcess:
    """Run the staff build command on a copy, as `make site` does, in this process: the plugin keeps no state
    between builds, so the many mistake builds cost no interpreter start-up each."""
    import policy

    command = ["build", "--project", str(project), *options]
    stdout, stderr = io.StringIO(), io.StringIO()
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = policy.main(command)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(command, code, stdout.getvalue(), stderr.getvalue())


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, to compare two builds byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
