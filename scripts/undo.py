"""The `undo_revision` verb: take back the last `make revision`, as long as nothing of it was published.

Every check runs before anything is written, so a refusal changes nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from guard.published import URL_LIST, read_published_urls
from policy_site import front_matter, history
from policy_site.messages import N_, _, fault
from revise import REFUSALS, Refused, refusal, staff_locales


def undo_revision(args: argparse.Namespace) -> int:
    """Undo the last 'make revision': docs/ as they were just before it, the previous revision open again.

    Its frozen copy in docs/<lang>/archive/<its date>/ becomes the working copy again, with its page
    and revision summaries, and leaves the archive and docs/archive.sha256. Refused, changing
    nothing, when published-urls.txt lists a page of the revision being undone (it was published:
    correct it by opening another revision) or when a page or summary was edited since 'make
    revision' (undo would throw the edit away: keep a copy, then --discard-edits).
    """
    docs = args.project / "docs"
    try:
        problems = history.archive_problems(docs)
        if problems:
            raise Refused(_("the archive was changed by hand, so nothing was done:") + "\n" + "\n".join(problems))
        *archived, opened = history.revisions(docs, staff_locales(args.project))
        if not archived:
            raise Refused(fault("docs/", _("no revision was ever opened with make revision here, so there is none to "
                                           "undo"), _("nothing to do: the pages are the first revision's")))
        frozen = archived[-1]
        _refuse_if_published(opened, args.project)
        _refuse_if_added_languages(opened, frozen)
        edits = _edits(opened, frozen, args.project)
        if edits and not args.discard_edits:
            raise Refused(_("these files were edited since revision {date} was opened, and undo would throw the "
                            "edits away, so nothing was done:").format(date=opened.date) + "\n" + "\n".join(edits))
    except REFUSALS as error:
        print(refusal(error, args.project), file=sys.stderr)
        return 1
    history.thaw(docs, frozen, opened)
    print(_(UNDONE).format(new=opened.date, old=frozen.date))
    return 0


def _refuse_if_published(opened: history.Revision, project: Path) -> None:
    """A published page has readers and auditors who may have kept its URL: it never disappears."""
    dated = re.compile(rf"^(?:[^/]+/)?{history.ARCHIVE}/{opened.date.isoformat()}/")
    published = [url for url in read_published_urls(project) if dated.match(url)]
    if published:
        raise Refused(fault(f"{URL_LIST}: {published[0]}",
                            _("revision {date} was published (its pages are in the list of published URLs), so it "
                              "cannot be undone").format(date=opened.date),
                            _("correct it instead: to change its text before {date}, edit docs/<lang>/*.md; "
                              "for a later date, open another revision with make revision DATE=YYYY-MM-DD")
                            .format(date=opened.date)))


def _refuse_if_added_languages(opened: history.Revision, frozen: history.Revision) -> None:
    added = [locale for locale in opened.folders if opened.pages(locale) and locale not in frozen.folders]
    if added:
        raise Refused(fault(f"docs/{added[0]}/", _("this language was added after revision {date} was opened, and "
                                                   "the revision before it has no text in it").format(date=opened.date),
                            _("keep a copy of docs/{locale}/, remove the language from mkdocs.yml and its folder, "
                              "then undo; add the language back afterwards").format(locale=added[0])))


def _edits(opened: history.Revision, frozen: history.Revision, project: Path) -> list[str]:
    """Each file whose text differs from what 'make revision' wrote, at its first changed line."""
    edits = []
    for locale, folder in frozen.folders.items():
        where = f"docs/{locale}/"
        for name in sorted(set(opened.pages(locale)) - set(frozen.pages(locale))):
            edits.append(fault(f"{where}{name}.md:1", _("this page was added after the revision was opened"),
                               _(KEEP_A_COPY)))
        for name in sorted(set(frozen.pages(locale)) - set(opened.pages(locale))):
            edits.append(fault(f"{where}{name}.md", _("this page was deleted after the revision was opened; undo "
                                                      "brings it back"), _(KEEP_A_COPY)))
        for name in sorted(set(frozen.pages(locale)) & set(opened.pages(locale))):
            line = _first_edited_line(frozen.source(locale, name), opened.source(locale, name), opened)
            if line:
                edits.append(fault(f"{where}{name}.md:{line}", _("edited after the revision was opened"),
                                   _(KEEP_A_COPY)))
        if opened.summary(locale):
            edits.append(fault(f"{where}{history.SUMMARY}:1", _("the summary of revision {date} was written").format(
                date=opened.date), _(KEEP_A_COPY)))
    return edits


def _first_edited_line(frozen: Path, working: Path, opened: history.Revision) -> int | None:
    """The page as 'make revision' left it is the frozen page with the new date and without its summary."""
    page = front_matter.read(frozen)
    page.meta.pop("summary", None)
    page.meta.update(revision=opened.date.isoformat())
    expected = front_matter.text(page).split("\n")
    actual = working.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    return next((number for number, (left, right) in enumerate(zip(expected, actual), 1) if left != right),
                None if len(expected) == len(actual) else min(len(expected), len(actual)) + 1)


KEEP_A_COPY = N_("undo gives this file its text from before the revision was opened: keep a copy of it if the "
                 "edit is worth keeping, then run make undo-revision DISCARD_EDITS=1")
UNDONE = N_("""Revision {new} is undone: docs/ are as they were before make revision DATE={new}, and revision
{old} is open again, with its summaries. published-urls.txt keeps every URL it lists.
Next: if revision {new} was opened with the wrong date, open it again with the right one:
  make revision DATE=YYYY-MM-DD""")
