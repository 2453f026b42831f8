"""Front matter of policy pages: the one reader, validator and writer.

Hooks, the staff CLI and the tests all import this module, so the schema lives
here and nowhere else. Dates stay strings while parsing (YAML would otherwise
turn 2017-02-30 into a crash) and are validated here with a line number.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .messages import N_, _, fault, listing

FENCE = "---"


class FrontMatterError(ValueError):
    """A mistake in a page's front matter, with the file and line it is on."""

    def __init__(self, path: Path | str, line: int, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = Path(path), line, problem, fix
        super().__init__(fault(f"{path}:{line}", problem, fix))


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "text" or "date"
    help: str
    required: bool = True


@dataclass
class Page:
    path: Path
    meta: dict
    body: str
    body_line: int  # the line number the body starts on

    @property
    def revision(self) -> datetime.date:
        return datetime.date.fromisoformat(self.meta["revision"])


def read(path: Path | str) -> Page:
    """Read and validate one page; raise FrontMatterError naming file and line."""
    path = Path(path)
    text = _decode(path)
    if not text.strip():
        raise _empty(path)
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(path, 1, _("the page does not start with front matter (a line '---')"),
                               _("add the front matter block of another page of the same language, then edit it"))
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == FENCE)
    except StopIteration:
        raise FrontMatterError(path, 1, _("the front matter is never closed"),
                               _("add a line '---' after the last field")) from None
    _check_colons(path, lines[1:end])
    meta, key_lines = _parse_yaml(path, "\n".join(lines[1:end]))
    meta = dict(meta)  # the parsed fields are shared through the cache; callers change their own copy
    _validate(path, meta, key_lines)
    body = "\n".join(lines[end + 1:])
    if not body.strip():
        raise _empty(path)
    return Page(path, meta, body, end + 2)


def salvage(path: Path) -> Page:
    """What the live preview can still show of a page whose front matter has a mistake: the text after it."""
    lines = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n").split("\n")
    fences = [number for number, line in enumerate(lines) if line.strip() == FENCE][:2]
    end = fences[1] if len(fences) == 2 and fences[0] == 0 else -1
    return Page(path, {"title": path.stem}, "\n".join(lines[end + 1:]), end + 2)


def write(page: Page) -> None:
    """Write a page back, fields in schema order, body untouched."""
    page.path.write_text(text(page), encoding="utf-8")


def text(page: Page) -> str:
    """The page as write() puts it on disk."""
    ordered = {f.name: page.meta[f.name] for f in SCHEMA if f.name in page.meta}
    header = "".join(f"{key}: {_dump_value(value)}\n" for key, value in ordered.items())
    return f"{FENCE}\n{header}{FENCE}\n{page.body}"


def format_error(error: FrontMatterError, root: Path | None = None) -> str:
    """The message staff see: path relative to the project, line, problem, fix."""
    path = error.path
    if root is not None and path.is_absolute():
        try:
            path = path.relative_to(root)
        except ValueError:
            pass
    return fault(f"{path}:{error.line}", error.problem, error.fix)


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FrontMatterError(path, line, _("the file is not saved as UTF-8 text"),
                               _("open it in your editor and save it again with the encoding 'UTF-8'")) from None


def _empty(path: Path) -> FrontMatterError:
    return FrontMatterError(path, 1, _("the page is empty, it has no text to publish"),
                            _("write the page, or copy it from another language folder and translate it; "
                              "delete the file if the page should not exist"))


@functools.lru_cache(maxsize=8192)  # a build reads each archived page many times: parse each text once
def _parse_yaml(path: Path, source: str) -> tuple[dict, dict[str, int]]:
    loader = _StringLoader(source)
    try:
        node = loader.get_single_node()
        meta = loader.construct_document(node) if node else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        raise FrontMatterError(path, line, _("the front matter is not valid YAML ({problem})").format(
                                   problem=getattr(error, "problem", error)),
                               _("write each field as 'name: value' on its own line; "
                                 "put text containing ':' in quotes")) from None
    finally:
        loader.dispose()
    if not isinstance(meta, dict):
        raise FrontMatterError(path, 2, _("the front matter is not a list of 'name: value' fields"),
                               _("write each field as 'name: value' on its own line"))
    key_lines = {k.value: k.start_mark.line + 2 for k, _ in node.value} if node else {}
    return meta, key_lines


def _validate(path: Path, meta: dict, key_lines: dict[str, int]) -> None:
    known = {f.name for f in SCHEMA}
    for key in meta:
        if key not in known:
            raise FrontMatterError(path, key_lines.get(key, 2), _("unknown field '{field}'").format(field=key),
                                   _("use only these fields: {fields} (check the spelling)").format(
                                       fields=listing(sorted(known))))
    for field in SCHEMA:
        if not field.required and field.name not in meta:
            continue
        value = meta.get(field.name)
        line = key_lines.get(field.name, 2)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise FrontMatterError(path, line, _("the field '{field}' is missing or empty").format(field=field.name),
                                   _("add a line '{field}: ...' with {help}").format(field=field.name,
                                                                                     help=_(field.help)))
        if not isinstance(value, str):
            raise FrontMatterError(path, line, _("the field '{field}' must be a single line of text").format(
                                       field=field.name), _("give {help}").format(help=_(field.help)))
        if field.kind == "date":
            _check_date(path, line, field, value)


def _check_colons(path: Path, lines: list[str]) -> None:
    """'revision：' typed with the Japanese input method on: YAML would blame another line and the quoting."""
    for number, line in enumerate(lines, 2):
        if (field := FULL_WIDTH_COLON.match(line)) and field.group(1) in {f.name for f in SCHEMA}:
            raise FrontMatterError(path, number, _("the field '{field}' is followed by the full-width colon '：'").format(
                                       field=field.group(1)),
                                   _("type the half-width ':' instead of the full-width '：', e.g. '{field}: ...' "
                                     "(switch the Japanese input method off)").format(field=field.group(1)))


def half_width(text: str) -> str:
    """What a date typed with the Japanese input method on (２０２７ー０４ー０１) plainly means: 2027-04-01."""
    return unicodedata.normalize("NFKC", text).translate(HYPHENS)


def _check_date(path: Path, line: int, field: Field, value: str) -> None:
    wide = next((c for c in value if c not in DATE_CHARACTERS and half_width(c) in DATE_CHARACTERS), None)
    if wide:
        raise FrontMatterError(path, line, _("'{value}' contains the full-width character '{char}'").format(
                                   value=value, char=wide),
                               _("type the date in half-width characters, e.g. '{field}: 2017-12-27' "
                                 "(switch the Japanese input method off)").format(field=field.name))
    if not DATE.fullmatch(value):
        raise FrontMatterError(path, line, _("'{value}' is not a date in the form YYYY-MM-DD").format(value=value),
                               _("write {help}, for example 2017-12-27").format(help=_(field.help)))
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise FrontMatterError(path, line, _("'{value}' is not a real calendar date").format(value=value),
                               _("check the month and the day")) from None


def _dump_value(value: str) -> str:
    if DATE.fullmatch(value):
        return value  # read back as text by _StringLoader; quotes would only puzzle staff
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6).removesuffix("\n...\n").strip()


class _StringLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML was built with it
    """SafeLoader that keeps dates as strings, so that validation can explain them."""


_StringLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

FULL_WIDTH_COLON = re.compile(r"\s*([a-z]+)\s*：")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_CHARACTERS = set("0123456789-")
HYPHENS = str.maketrans(dict.fromkeys("ー－‐‑‒–—―−", "-"))  # the dashes an input method offers for '-'

SCHEMA = (
    Field("title", "text", N_("the page title, as in its first heading")),
    Field("description", "text", N_("one sentence describing the page, for search engines")),
    Field("revision", "date", N_("the effective date of the policy revision (YYYY-MM-DD)")),
    Field("summary", "text", N_("one line saying what this revision changed on this page (optional: the revision's "
                                "summary is in revision-summary.txt)"), required=False),
    Field("translates", "text", N_("the code of the Japanese text this translation follows (the build prints it)"),
          required=False),
)
