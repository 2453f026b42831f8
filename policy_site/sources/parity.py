"""A translation keeps the structure of the Japanese original: the same headings, the same list items.

Readers and auditors compare the two texts item by item ("policy (5)", "#contact");
a heading or an item lost in translation would make them disagree without anyone noticing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from mkdocs.exceptions import PluginError

from .. import front_matter
from ..messages import _, fault
from .pages import HEADING


def check_parity(original: Path, translation: Path, root: Path) -> None:
    """Compare a translated page with its original, block by block, in order."""
    translated = _outline(translation)
    for expected, found in zip_longest(_outline(original), translated):
        if expected is None or found is None or expected.shape != found.shape:
            where = found or (translated[-1] if translated else _Block("end", 0, 1))
            raise PluginError(_explain(expected, found, where.line, original.relative_to(root).as_posix(),
                                       translation.relative_to(root).as_posix()))


@dataclass
class _Block:
    kind: str  # "heading" or "list"
    level: int  # a heading's level; a list's nesting depth, 0 at the top
    line: int
    anchor: str = ""  # a heading's {#id}
    items: list[tuple[str, int]] = field(default_factory=list)  # a list's items: their number, such as "(5)", and line

    @property
    def shape(self) -> tuple:
        return self.kind, self.level, self.anchor, len(self.items), tuple(label for label, _ in self.items)

    def describe(self) -> str:
        if self.kind == "heading":
            return _("a level-{level} heading{id}").format(level=self.level,
                                                           id=f" {{#{self.anchor}}}" if self.anchor else "")
        return (_("a nested list of {count} items") if self.level else _("a list of {count} items")).format(
            count=len(self.items))


def _outline(path: Path) -> list[_Block]:
    """Headings and lists in reading order; nested lists count as lists of their own."""
    page = front_matter.read(path)
    blocks: list[_Block] = []
    open_lists: list[tuple[int, _Block]] = []  # (indent, list), innermost last
    for number, line in enumerate(page.body.split("\n"), page.body_line):
        heading, item = HEADING.match(line), LIST_ITEM.match(line)
        if heading:
            open_lists.clear()
            blocks.append(_Block("heading", len(heading.group(1)), number, heading.group(3) or ""))
        elif item:
            indent = len(item.group(1).expandtabs(4))
            while open_lists and open_lists[-1][0] > indent:
                open_lists.pop()
            if not open_lists or open_lists[-1][0] < indent:
                open_lists.append((indent, _Block("list", len(open_lists), number)))
                blocks.append(open_lists[-1][1])
            label = ITEM_NUMBER.match(unicodedata.normalize("NFKC", item.group(2)))
            open_lists[-1][1].items.append((label.group(0) if label else "", number))
        elif line.strip() and not line.startswith((" ", "\t")):
            open_lists.clear()
    return blocks


def _explain(expected: _Block | None, found: _Block | None, line: int, original: str, translation: str) -> str:
    if found is None:
        return fault(f"{translation}:{line}", _("the translation ends here: it has nothing where {where} has {block}")
                     .format(where=f"{original}:{expected.line}", block=expected.describe()),
                     _("translate the rest of {original} into {translation}").format(original=original,
                                                                                     translation=translation))
    if expected is None:
        return fault(f"{translation}:{line}", _("the translation has {block} that {original} does not have").format(
            block=found.describe(), original=original), _("remove it, or add it to the original first"))
    if expected.describe() == found.describe():
        want, (got, line) = next((e[0], f) for e, f in zip(expected.items, found.items) if e[0] != f[0])
        return fault(f"{translation}:{line}", _("the translation numbers this item '{found}' where {original} numbers it "
                                                "'{expected}'").format(found=got or _("(no number)"), original=original,
                                                                       expected=want or _("(no number)")),
                     _("number the items as the original does, in the same order"))
    return fault(f"{translation}:{line}", _("the translation has {block} where {where} has {expected}").format(
        block=found.describe(), where=f"{original}:{expected.line}", expected=expected.describe()),
        _("keep the same headings (with the same {#id}) and the same list items, in the same order, as the original"))


LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(\S.*)$")
ITEM_NUMBER = re.compile(r"\(?\d+\)")  # (1) or 1), written by hand at the start of an item
