"""The record that make check passed, so make publish publishes only a checked build of the current sources.

Only a full make check (it builds first and skips nothing) writes site-report/passed.json:
the sha256 of every source file the build read, and of every file it checked (site/ and
site-nginx/). make publish compares its copy of the site and the sources with it, file by file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from build_output import nginx_dir
from policy_site.messages import _

SOURCES = ("mkdocs.yml", "appi.yml", "docs", "overrides", "hosting")  # what a project's build and check read, beside the packages they run
GENERATOR = "policy_site"  # the plugin the build runs, installed from this repository
RECORD = "passed.json"
SHOWN = 5  # differences named before "and N more"


def fingerprint(project: Path) -> dict[str, str]:
    """The sha256 of every source file, by its path in the project; taken before the build reads them."""
    files = [project / name for name in SOURCES if (project / name).is_file()]
    files += [file for name in (*SOURCES, GENERATOR) if (project / name).is_dir() for file in (project / name).rglob("*")
              if file.is_file() and "__pycache__" not in file.parts]
    return {file.relative_to(project).as_posix(): _sha256(file) for file in sorted(files)}


def forget(report_dir: Path) -> None:
    """A check that starts has not passed yet."""
    (report_dir / RECORD).unlink(missing_ok=True)


def record(report_dir: Path, sources: dict[str, str], site_dir: Path) -> Path:
    path = report_dir / RECORD
    checked = {"sources": sources, "site": _tree(site_dir), "nginx": _tree(nginx_dir(site_dir))}
    path.write_text(json.dumps(checked, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def differences(report_dir: Path, project: Path, site_dir: Path, copy: Path) -> list[str]:
    """Why copy (of site_dir) is not the build make check passed for the project's sources; empty when it is."""
    path = report_dir / RECORD
    if not path.is_file():
        return [_("{record} is missing: make check has not passed since this site was built").format(record=path)]
    checked = json.loads(path.read_text(encoding="utf-8"))
    return (_compare("", checked["sources"], fingerprint(project))
            + _compare(f"{site_dir.name}/", checked["site"], _tree(copy))
            + _compare(f"{nginx_dir(site_dir).name}/", checked["nginx"], _tree(nginx_dir(site_dir))))


def _compare(prefix: str, checked: dict[str, str], now: dict[str, str]) -> list[str]:
    found = [(_("{file} is new since make check passed") if name not in checked else
              _("{file} is gone since make check passed") if name not in now else
              _("{file} changed since make check passed")).format(file=f"{prefix}{name}")
             for name in sorted(checked.keys() | now.keys()) if checked.get(name) != now.get(name)]
    return found[:SHOWN] + ([_("and {count} more").format(count=len(found) - SHOWN)] if len(found) > SHOWN else [])


def _tree(folder: Path) -> dict[str, str]:
    return {file.relative_to(folder).as_posix(): _sha256(file) for file in sorted(folder.rglob("*")) if file.is_file()}


def _sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()
