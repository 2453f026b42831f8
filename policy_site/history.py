"""The policy's revisions as they are on disk: the working copy, the frozen archive and its manifest.

docs/<lang>/*.md is the newest revision (its `revision` field is its effective
date); docs/<lang>/archive/<YYYY-MM-DD>/*.md are the frozen earlier ones.
docs/archive.sha256 records the sha256 of every archived file, in the format of
`sha256sum`, so an auditor can check it with `cd docs && sha256sum -c archive.sha256`.
The plugin, the revise command and the tests all read revisions through this module.
"""

from __future__ import annotations

import collections
import datetime
import functools
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import front_matter
from .messages import _, fault


class HistoryError(ValueError):
    """A problem with the revisions on disk, worded for staff: file, line, problem, fix."""


@dataclass(frozen=True)
class Revision:
    date: datetime.date
    folders: dict[str, Path]  # language -> the folder holding this revision's pages
    archived: bool

    def pages(self, locale: str) -> list[str]:
        """The page names (policy, handling, ...) of this revision in one language."""
        return self._names.get(locale, [])

    @functools.cached_property
    def _names(self) -> dict[str, list[str]]:
        """Listed once: a build asks for a revision's pages for every page it renders."""
        return {locale: page_names(folder) for locale, folder in self.folders.items()}

    def source(self, locale: str, name: str) -> Path:
        return self.folders[locale] / f"{name}.md"

    def summary(self, locale: str) -> str | None:
        """What the revision changed, in one language, as staff wrote it in its summary file (None if it has none)."""
        path = self.folders[locale] / SUMMARY if locale in self.folders else None
        return path.read_text(encoding="utf-8-sig").strip() if path and path.is_file() else None


def page_names(folder: Path) -> list[str]:
    """The pages of one language folder or archived revision: policy, handling, ..."""
    return sorted(p.stem for p in folder.glob("*.md"))


def revisions(docs: Path, locales: list[str], odd: dict[str, Path] | None = None) -> list[Revision]:
    """Every revision, oldest first, the working copy last; refuse an archive dated after it.

    With a dict for odd pages (the live preview), each working page without the working copy's date is noted
    there (the mistake: the page) instead of refused.
    """
    found: dict[datetime.date, dict[str, Path]] = {}
    for locale in locales:
        for folder in sorted((docs / locale / ARCHIVE).glob("*")):
            if folder.is_dir() and front_matter.DATE.fullmatch(folder.name):
                found.setdefault(datetime.date.fromisoformat(folder.name), {})[locale] = folder
    working = Revision(working_date(docs, locales, odd), {locale: docs / locale for locale in locales}, False)
    for date in found:
        if date >= working.date:
            raise HistoryError(fault(
                f"docs/{locales[0]}/index.md",
                _("the working copy's revision {working} is not after the archived revision {date}").format(
                    working=working.date, date=date),
                _("open a new revision with 'make revision DATE=YYYY-MM-DD' (a date after {date}) "
                  "instead of editing the 'revision' field").format(date=date)))
    return [Revision(date, found[date], True) for date in sorted(found)] + [working]


def working_date(docs: Path, locales: list[str], odd: dict[str, Path] | None = None) -> datetime.date:
    """The effective date of the working copy: every page of every language must give the same one.

    When they disagree, the date most pages give is the working copy's (the newest of those most give),
    and each page that gives another is named.
    """
    dates: dict[Path, datetime.date] = {}
    for locale in locales:
        for path in sorted((docs / locale).glob("*.md")):
            try:
                dates[path] = front_matter.read(path).revision
            except front_matter.FrontMatterError as error:
                if odd is None:
                    raise
                odd[front_matter.format_error(error, docs.parent)] = path
    if not dates:  # not one page gives a date: there is nothing the preview could show either
        raise HistoryError("\n".join(odd))
    counts = collections.Counter(dates.values())
    date = max(counts, key=lambda date: (counts[date], date))
    problems = {fault(
        f"docs/{_relative(path, docs)}:{_field_line(path, 'revision')}",
        _("its revision is {odd}, while the other pages of the working copy give {date}").format(odd=given, date=date),
        _("every page of the working copy belongs to one revision: give every page 'revision: {date}'").format(
            date=date)): path for path, given in dates.items() if given != date}
    if problems and odd is None:
        raise HistoryError("\n".join(problems))
    if problems:
        odd.update(problems)
    return date


def summary_problems(revision: Revision) -> dict[str, Path]:
    """Each language of the revision being edited whose summary file is missing or still empty: what to write,
    and the language's folder."""
    problems = {}
    for locale in revision.folders:
        if not revision.pages(locale):
            continue
        where, facts = f"docs/{locale}/{SUMMARY}", {"locale": locale, "date": revision.date}
        summary = revision.summary(locale)
        if summary is None:
            problem = fault(where, _("the summary of revision {date} is missing").format(**facts),
                            _("create this file and write in it, in the language of docs/{locale}/, one line "
                              "or a short paragraph saying what revision {date} changed (pages that did not "
                              "change need nothing)").format(**facts))
        elif not summary:
            problem = fault(where, _("the summary of revision {date} is still empty").format(**facts),
                            _("write in this file, in the language of docs/{locale}/, one line or a short "
                              "paragraph saying what revision {date} changed (pages that did not change "
                              "need nothing)").format(**facts))
        else:
            continue
        problems[problem] = revision.folders[locale]
    return problems


def in_force(history: list[Revision], today: datetime.date) -> Revision:
    """The revision members are bound by today: the newest one that has taken effect."""
    started = [revision for revision in history if revision.date <= today]
    return started[-1] if started else history[0]


def frozen_date(source: str | Path) -> datetime.date | None:
    """The date of an archived source, else None: archived pages were checked while they were the
    working copy, the manifest proves them unchanged, and staff could not fix them anyway."""
    folders = Path(source).parts[-3:-1]
    if len(folders) == 2 and folders[0] == ARCHIVE and front_matter.DATE.fullmatch(folders[1]):
        return datetime.date.fromisoformat(folders[1])
    return None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def archive_problems(docs: Path) -> list[str]:
    """Every archived file that was edited, deleted or added by hand, each with its fix."""
    recorded = read_manifest(docs)
    present = {_relative(path, docs): path for path in _archived_files(docs)}
    problems = []
    for name in sorted(recorded.keys() | present.keys()):
        where = f"docs/{name}"
        if name not in present:
            problems.append(fault(where, _("this archived file is missing"),
                                  _("archived revisions never change; restore it with: git checkout -- {file}").format(
                                      file=where)))
        elif name not in recorded:
            problems.append(fault(where, _("this file is not in the archive manifest {manifest}").format(
                                      manifest=f"docs/{MANIFEST}"),
                                  _("only 'make revision' writes to the archive; remove the file "
                                    "(to change the policy, edit docs/<lang>/*.md and open a new revision)")))
        elif sha256(present[name]) != recorded[name]:
            problems.append(fault(where, _("this archived file was edited (its sha256 differs from {manifest})").format(
                                      manifest=f"docs/{MANIFEST}"),
                                  _("archived revisions never change; undo the edit with: git checkout -- {file}")
                                  .format(file=where)))
    return problems


def freeze(docs: Path, revision: Revision) -> list[Path]:
    """Copy the working copy's pages into the archive under its date and record their hashes."""
    copies = []
    for locale, folder in revision.folders.items():
        target = docs / locale / ARCHIVE / revision.date.isoformat()
        target.mkdir(parents=True)
        for name in revision.pages(locale):
            copies.append(Path(shutil.copy2(folder / f"{name}.md", target / f"{name}.md")))
        if (folder / SUMMARY).is_file():
            copies.append(Path(shutil.copy2(folder / SUMMARY, target / SUMMARY)))
    _write_manifest(docs, read_manifest(docs) | {_relative(path, docs): sha256(path) for path in copies})
    return copies


def thaw(docs: Path, revision: Revision, working: Revision) -> None:
    """Undo freeze(): the archived revision's files are the working copy again, and leave the archive."""
    for locale, frozen in revision.folders.items():
        folder = working.folders[locale]
        for name in working.pages(locale):
            (folder / f"{name}.md").unlink()
        (folder / SUMMARY).unlink(missing_ok=True)
        for path in sorted(frozen.iterdir()):
            shutil.copy2(path, folder / path.name)
        shutil.rmtree(frozen)
        if not any(frozen.parent.iterdir()):  # the language's first revision made its archive folder
            frozen.parent.rmdir()
    thawed = {_relative(folder, docs) for folder in revision.folders.values()}
    _write_manifest(docs, {name: digest for name, digest in read_manifest(docs).items()
                           if name.rsplit("/", 1)[0] not in thawed})


def read_manifest(docs: Path) -> dict[str, str]:
    path = docs / MANIFEST
    if not path.is_file():
        return {}
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _separator, name = line.partition("  ")
        entries[name] = digest
    return entries


def _write_manifest(docs: Path, recorded: dict[str, str]) -> None:
    """The manifest with these entries, sorted; none, no file (as before the first revision was frozen)."""
    if recorded:
        lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(recorded.items()))
        (docs / MANIFEST).write_text(lines, encoding="utf-8")
    else:
        (docs / MANIFEST).unlink(missing_ok=True)


def _archived_files(docs: Path) -> list[Path]:
    return sorted(p for p in docs.glob(f"*/{ARCHIVE}/**/*") if p.is_file())


def _relative(path: Path, docs: Path) -> str:
    return path.relative_to(docs).as_posix()


def _field_line(path: Path, field: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next((number for number, line in enumerate(lines, 1) if line.startswith(f"{field}:")), 1)


ARCHIVE = "archive"
MANIFEST = "archive.sha256"
SUMMARY = "revision-summary.txt"  # one per revision and language: what the revision changed, in plain words
