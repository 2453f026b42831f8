"""Temporary copies of the project, for tests that break a source on purpose or build it twice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("mkdocs.yml", "docs", "overrides", "hosting")


def copy_project(target: Path) -> Path:
    """The sources a build reads, copied to target (tooling and tests stay in the repository)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, target / name)
    return target


def build(project: Path, *options: str, **env: str) -> subprocess.CompletedProcess:
    """Run the staff build command on a copy, as staff would (make site runs the same)."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "policy.py"), "build", "--project", str(project),
                           *options], capture_output=True, text=True, env={**os.environ, **env})


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, to compare two builds byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
