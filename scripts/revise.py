"""The `revise` verb: freeze the current revision into the archive and open the next one.

Every check runs before anything is written, so a refusal changes nothing.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from guard.published import record_published_urls
from policy_site import front_matter, history
from policy_site.i18n import Languages
from policy_site.messages import N_, _, explained, fault
from policy_site.sources.translations import stale_translations


def revise(args: argparse.Namespace) -> int:
    """Open a new revision: policy.py revise YYYY-MM-DD (the date it takes effect).

    The current text is frozen, in every language, into docs/<lang>/archive/<its date>/
    (recorded in docs/archive.sha256), its revision-summary.txt with it; docs/<lang>/*.md then
    carry the new date, and each docs/<lang>/revision-summary.txt is empty, ready to write.
    The URLs of the last build (site/) are added to published-urls.txt, so the release guard
    keeps them reachable.
    """
    docs = args.project / "docs"
    try:
        date = _parse(args.date)
        locales = staff_locales(args.project)
        problems = history.archive_problems(docs)
        if problems:
            raise Refused(_("the archive was changed by hand, so nothing was done:") + "\n" + "\n".join(problems))
        revisions = history.revisions(docs, locales)
        problems = stale_translations(docs, locales)
        if problems:
            raise Refused(_("a translation is behind its original, so nothing was done:") + "\n" + "\n".join(problems))
        problems = history.summary_problems(revisions[-1])
        if problems:
            raise Refused(_("revision {date} has no summary yet, so nothing was done:").format(
                date=revisions[-1].date) + "\n" + "\n".join(problems))
        _check_date(date, revisions)
    except REFUSALS as error:
        print(refusal(error, args.project), file=sys.stderr)
        return 1
    working = revisions[-1]
    if (args.project / "site").is_dir():  # what was published up to now stays reachable: list it first
        record_published_urls(args.project / "site", args.project)
    pages = [front_matter.read(working.source(locale, name)) for locale in locales for name in working.pages(locale)]
    history.freeze(docs, working)
    for page in pages:  # the old revision's page summaries stay in the archive; the new one's pages need none
        page.meta.pop("summary", None)
        page.meta.update(revision=date.isoformat())
        front_matter.write(page)
    for locale, folder in working.folders.items():
        if working.pages(locale):
            (folder / history.SUMMARY).write_text("", encoding="utf-8")
    print(_(NEXT_STEPS).format(old=working.date, new=date, docs=_shown(docs, args.project)))
    return 0


class Refused(Exception):
    """A reason not to change the revisions, worded for staff."""


REFUSALS = (Refused, history.HistoryError, front_matter.FrontMatterError)


def refusal(error: Exception, project: Path) -> str:
    """What a revision command that changed nothing prints: its reason, or the mistake to fix first."""
    if isinstance(error, Refused):
        return _("Refused: {reason}").format(reason=error)
    detail = front_matter.format_error(error, project) if isinstance(error, front_matter.FrontMatterError) else error
    return _("Refused: fix this first, nothing was done:") + f"\n{detail}"


def _parse(text: str) -> datetime.date:
    text = front_matter.half_width(text or "").strip()
    if not front_matter.DATE.fullmatch(text):
        raise Refused(explained(_("'{value}' is not a date in the form YYYY-MM-DD").format(value=text),
                                _("give the date the new revision takes effect, e.g. make revision DATE=2027-04-01")))
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise Refused(explained(_("'{value}' is not a real calendar date").format(value=text),
                                _("check the month and the day"))) from None


def staff_locales(project: Path) -> list[str]:
    """The languages of mkdocs.yml, default first, read the way the build reads them."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return Languages(load_config(str(project / "mkdocs.yml"))).locales
    except ConfigurationError as error:
        raise Refused(config_fault(error)) from None


def config_fault(error: Exception) -> str:
    """A mistake in mkdocs.yml that MkDocs itself names, as the build and this command both report it."""
    return fault("mkdocs.yml", str(error),
                 _("correct the setting it names (compare with the copy in git: git diff mkdocs.yml)"))


def _check_date(date: datetime.date, revisions: list[history.Revision]) -> None:
    current = revisions[-1].date
    if any(revision.date == date for revision in revisions[:-1]):
        raise Refused(explained(_("the archive already holds the revision of {date}; archived revisions never change")
                                .format(date=date),
                                _("choose a date after {current}, the date of the revision being edited now")
                                .format(current=current)))
    if date <= current:
        raise Refused(explained(_("{date} is not after {current}, the date of the current revision").format(
                                    date=date, current=current),
                                _("choose a later date; to correct the current revision, edit docs/<lang>/*.md "
                                  "without opening a new one")))


def _shown(path: Path, project: Path) -> str:
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return str(path)


NEXT_STEPS = N_("""Revision {old} is frozen in {docs}/<lang>/archive/{old}/ and revision {new} is open.
Next:
  1. Edit the Japanese pages in {docs}/ja/, and write what revision {new} changes, in one line or a
     short paragraph, in {docs}/ja/revision-summary.txt (pages that do not change need nothing).
  2. Update the translations in the other language folders the same way, each with its own
     revision-summary.txt in its language; the build tells you the 'translates:' code to copy into
     each page you have brought up to date.
  3. Run: make site   (it lists anything still to fix), check site/, then commit everything in git.""")
