"""APPI disclosures: where the policy states each item the Act requires (appi.yml); a removed section is an error.

An item the policy does not state is advisory, never a fault: the co-op decides
its own words, and the guard only says what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from guard.site import Finding, Site
from policy_site.messages import N_, _


@dataclass(frozen=True)
class Disclosure:
    group: str
    item: str
    article: str
    line: int  # in appi.yml
    stated_in: list[str]  # page#heading-id of the Japanese pages, as in appi.yml
    missing: list[str]  # those of stated_in the built site does not have


def check(site: Site) -> tuple[list[Finding], list[Disclosure]]:
    """Each item with the sections that state it; a Finding for each mapped section the build lacks."""
    source = site.project / FILE
    if not source.is_file():
        return [Finding(NAME, FILE, _("the list of the disclosures the APPI requires is missing"),
                        _("restore it from git (git checkout -- {file})").format(file=FILE))], []
    try:
        entries = list(_entries(source))
    except (yaml.YAMLError, AttributeError, TypeError, ValueError) as error:
        mark = getattr(error, "problem_mark", None)
        return [Finding(NAME, f"{FILE}:{mark.line + 1}" if mark else FILE, _("this file is not a list of groups of items"),
                        _("{shape}; compare with the copy in git: git diff {file}").format(shape=_(SHAPE), file=FILE))], []
    revision = _newest_revision(site)
    folder = f"archive/{revision}/" if revision else ""
    disclosures, findings = [], []
    for group, entry in entries:
        try:
            disclosures.append(_disclosure(site, folder, group, entry))
        except (TypeError, ValueError) as error:
            findings.append(Finding(NAME, f"{FILE}:{entry.start_mark.line + 1}",
                                    _("this item cannot be read: {error}").format(error=error), _(SHAPE)))
    findings += [Finding(NAME, f"{FILE}:{d.line}", _("'{item}' ({article}) is mapped to {section}, which the revision "
                                                     "of {date} does not have").format(
                             item=d.item, article=d.article, section=section, date=revision),
                         _("map it to the section that now states it (page.md#heading-id of docs/ja/), "
                           "or write stated_in: [] if the policy no longer states it"))
                 for d in disclosures for section in d.missing]
    return findings, disclosures


def _entries(source: Path):
    """(group, entry node) for every item, with the line it starts on kept for the messages."""
    root = yaml.compose(source.read_text(encoding="utf-8"))
    for group, items in root.value:
        for entry in items.value:
            yield group.value, entry


def _newest_revision(site: Site) -> str | None:
    """The date of the newest revision, the one staff are about to publish, in force or not yet."""
    return max((path.split("/")[1] for path in site.pages if REVISION.fullmatch(path)), default=None)


def _disclosure(site: Site, folder: str, group: str, entry: yaml.Node) -> Disclosure:
    fields = yaml.safe_load(yaml.serialize(entry))
    if not isinstance(fields, dict) or set(fields) != {"item", "article", "stated_in"}:
        raise ValueError(_("it needs item:, article: and stated_in:, and nothing else"))
    if not isinstance(fields["stated_in"], list):
        raise ValueError(_("stated_in: is a list in brackets, [] when the policy does not state the item"))
    stated_in = [str(section) for section in fields["stated_in"]]
    missing = [section for section in stated_in if not _has_section(site, folder, section)]
    return Disclosure(group, str(fields["item"]), str(fields["article"]), entry.start_mark.line + 1, stated_in, missing)


def _has_section(site: Site, folder: str, section: str) -> bool:
    """page.md#id names the Japanese page built as page.html in the revision's folder; the id must be one of its elements."""
    source, _hash, anchor = section.partition("#")
    if not source.endswith(".md") or not anchor:
        raise ValueError(_("'{section}' is not page.md#heading-id").format(section=section))
    page = site.pages.get(folder + source.removesuffix(".md") + ".html")
    return page is not None and page.soup.find(id=anchor) is not None


NAME = N_("APPI disclosures (appi.yml)")
FILE = "appi.yml"
REVISION = re.compile(r"archive/\d{4}-\d{2}-\d{2}/[^/]+\.html")  # the authoritative language's dated pages
SHAPE = N_("each item has item:, article: and stated_in: [page.md#heading-id, ...], as the comments at the top of the file say")
