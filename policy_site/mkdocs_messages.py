"""MkDocs' own error messages, reworded for staff: the file, the line, the fix in plain words.

The plugin words its own errors this way; this covers what MkDocs itself
reports: mistakes in mkdocs.yml and links to pages or headings that do not exist,
for the build (scripts/policy.py) and the live preview (preview.py) alike.
"""

from __future__ import annotations

import difflib
import re
from importlib.metadata import entry_points
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .config import PolicySiteConfig
from .messages import _, explained, fault, listing
from .sources.pages import HEADING


def explain(message: str, config_file: Path, docs_dir: Path | None) -> str:
    """One MkDocs message as staff should read it; messages we do not know pass unchanged."""
    message = PAGE_ERROR.sub("", message).strip()
    if match := CONFIG_VALUE.match(message):
        return _config_value(config_file, *match.groups())
    if YAML_ERROR in message and MARK.search(message):
        return _yaml_error(config_file, message)
    if docs_dir is not None and (match := NAV_MISSING.match(message)):
        return _nav_entry(config_file, docs_dir, match.group(1))
    if docs_dir is not None and (match := DOC_LINK.match(message)):
        return _link(docs_dir, config_file.parent, *match.groups())
    return message


def _yaml_error(config_file: Path, message: str) -> str:
    """PyYAML reports where it gave up, with the absolute path and a caret drawing: keep the line and the words."""
    line = MARK.findall(message)[-1][0]
    fix = explained("", "").rstrip()  # policy.py adds its own fix to MkDocs' message, in the language chosen
    details = MARK.sub("\n", message.partition(YAML_ERROR)[2].partition(fix)[0])
    problem = "; ".join(part.strip() for part in details.split("\n") if part.strip())
    return fault(f"{config_file.name}:{line}", _("this line is not valid YAML ({problem})").format(problem=problem),
                 _("check the indentation (spaces, never tabs) and the ':' after each setting's name; "
                   "compare with the copy in git: git diff {file}").format(file=config_file.name))


def _nav_entry(config_file: Path, docs_dir: Path, entry: str) -> str:
    """The menu names pages without their language folder, which MkDocs' message does not say."""
    pages = sorted({p.name for p in docs_dir.glob("*/*.md")})
    guess = difflib.get_close_matches(entry, pages, n=1)
    return fault(f"{config_file.name}:{_yaml_line(config_file, entry)}",
                 _("the menu (nav) lists '{entry}', but there is no such page").format(entry=entry),
                 _hint(guess) + _("list only the pages of the language folders: {pages}").format(pages=listing(pages)))


def _config_value(config_file: Path, key: str, problem: str) -> str:
    """MkDocs names the setting but not the line, and never guesses what a misspelt name meant."""
    name, known = key, list(MkDocsConfig())
    if match := PLUGIN_OPTION.match(problem):
        plugin, option, problem = match.groups()
        guess = difflib.get_close_matches(option, list(PolicySiteConfig()), n=1) if UNKNOWN_SETTING.match(problem) else []
        return fault(f"{config_file.name}:{_yaml_line(config_file, option)}", f"plugins > {plugin} > {option}: {problem}",
                     _hint(guess) + _("correct that setting; compare with the copy in git: git diff {file}").format(
                         file=config_file.name))
    if match := UNKNOWN_SETTING.match(problem):
        name = match.group(1)
        problem = _("'{name}' is not a setting MkDocs knows").format(name=name)
    elif match := UNKNOWN_PLUGIN.match(problem):
        name, known = match.group(1), sorted(e.name for e in entry_points(group="mkdocs.plugins"))
        problem = _("there is no plugin called '{name}'").format(name=name)
    else:
        problem = problem.split("\n")[0].replace(f"{config_file.parent}/", "")
        name = next((quoted for quoted in QUOTED.findall(problem) if _yaml_line(config_file, quoted) > 1), key)
        problem, known = _("the setting '{key}' has a wrong value: {problem}").format(key=key, problem=problem), []
    guess = [match for match in difflib.get_close_matches(name, known, n=1) if match != name]
    return fault(f"{config_file.name}:{_yaml_line(config_file, name)}", problem,
                 _hint(guess) + _("check the spelling and the value; compare with the copy in git: git diff {file}")
                 .format(file=config_file.name))


def _link(docs_dir: Path, root: Path, page: str, link: str, problem: str) -> str:
    """MkDocs names the page but not the line, and never lists the headings or pages one could link to."""
    source = docs_dir / page
    if not source.is_file():
        return ""  # a dated copy the build made of a page (archive/<date>/): the page's own message says it
    where = f"{source.relative_to(root).as_posix()}:{_first_line(source, [f'({link})', link])}"
    if match := MISSING_ANCHOR.match(problem):
        target, anchor = docs_dir / (match.group(1) or page), match.group(2) or link.partition("#")[2]
        ids = listing(f"#{match.group(3)}" for line in target.read_text(encoding="utf-8").split("\n")
                        if (match := HEADING.match(line)) and match.group(3))
        return fault(where, _("the link '{link}' goes to '{anchor}', which is not a heading id of {page}").format(
                         link=link, anchor=f"#{anchor}", page=target.relative_to(root).as_posix()),
                     _("use one of its heading ids ({ids}), the {{#...}} written at the end of each heading").format(
                         ids=ids or _("it has none")))
    if match := MISSING_PAGE.match(problem):
        pages = sorted(p.name for p in source.parent.glob("*.md"))
        guess = difflib.get_close_matches(link.partition("#")[0], pages, n=1)
        return fault(where, _("the link '{link}' goes to a page that does not exist").format(link=link),
                     _hint(guess) + _("link to the Markdown file of a page of the same language: {pages}").format(
                         pages=listing(pages)))
    problem = (_("the link '{link}' is an address on the web server, so the build cannot check it") if link.startswith("/")
               else _("the link '{link}' is not the name of a Markdown file, so the build cannot check it"))
    return fault(where, problem.format(link=link),
                 _("link to the Markdown file of the page, for example 'policy.md' or 'handling.md#contact'; "
                   "links to other sites start with https://"))


def _hint(guess: list[str]) -> str:
    """A guess at what a misspelt name meant, said before the fix; nothing when there is no close name."""
    return _("did you mean '{name}'? ").format(name=guess[0]) if guess else ""


def _yaml_line(config_file: Path, name: str) -> int:
    """Where a setting or list entry is written; comments mention names too, so they come last."""
    return _first_line(config_file, [rf"^\s*(- )?{re.escape(name)}\s*:", rf"^\s*- {re.escape(name)}\s*$",
                                     rf"^[^#]*(^|\W){re.escape(name)}(\W|$)"], regex=True)


def _first_line(path: Path, patterns: list[str], *, regex: bool = False) -> int:
    """The first line matching the first pattern found; line 1 when the text is not written out (a missing setting)."""
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    for pattern in patterns:
        for number, line in enumerate(lines, 1):
            if (re.search(pattern, line) if regex else pattern in line):
                return number
    return 1


PAGE_ERROR = re.compile(r"^Error (?:reading|building) page '[^']*':")
CONFIG_VALUE = re.compile(r"^Config value '([^']+)': (.*)$", re.S)
QUOTED = re.compile(r"'([^']+)'")
NAV_MISSING = re.compile(r"^A reference to '([^']+)' is included in the 'nav' configuration, which is not found")
UNKNOWN_SETTING = re.compile(r"^Unrecognised configuration name: (\S+)")
PLUGIN_OPTION = re.compile(r"^Plugin '([^']+)' option '([^']+)': (.*)$", re.S)
UNKNOWN_PLUGIN = re.compile(r'^The "([^"]+)" plugin is not installed')
YAML_ERROR = "MkDocs encountered an error parsing the configuration file:"
MARK = re.compile(r'\s*in "[^"]*", line (\d+), column (\d+):?(?:\n.*\n\s*\^)?')
DOC_LINK = re.compile(r"^Doc file '([^']+)' contains (?:a|an absolute|an unrecognized relative) link '([^']*)', (.*)$", re.S)
MISSING_ANCHOR = re.compile(r"^but (?:the doc '([^']+)' does not contain an anchor|there is no such anchor on this page)"
                            r"(?: '#([^']+)')?")
MISSING_PAGE = re.compile(r"^but the target .*? is not found among documentation files")
