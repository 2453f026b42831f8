"""One comparison of two revisions of a page, for its "what changed" section and the revision's 新旧対照表 alike.

Provisions (provisions.py) are aligned by their text without their number, so
a renumbered provision is the same provision; one that was deleted in one place
and added with the same text in another is shown as moved. A provision whose
text changed is compared sentence by sentence, and inside a changed sentence
word by word (character by character in Japanese and Chinese), so only what
changed is marked. Both views read the same rows, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup

from .provisions import Provision, html, provisions, tokens


@dataclass
class Row:
    """One provision of the new or the old revision, and how it changed."""

    status: str  # equal, changed, renumbered, moved, added, deleted
    old: Provision | None
    new: Provision | None
    segments: list[tuple[str, str]]  # (op, text) in reading order, op: equal, delete, insert
    section: Markup | None = None  # the heading of the section it is in; None for a heading itself
    moved_from: Markup | None = None  # for a moved provision: the heading of the section it was in

    @property
    def changed(self) -> bool:
        return self.status != "equal"

    @property
    def heading(self) -> bool:
        return (self.new or self.old).kind == "heading"

    @property
    def inline(self) -> list[tuple[str, Markup]]:
        """Old and new in one text: deletions and insertions where they happen ("what changed")."""
        return [(op, html(text)) for op, text in self.segments]

    @property
    def new_parts(self) -> list[tuple[str, Markup]]:
        """The new text, its changed words marked (the 改正後 column)."""
        return [(op, html(text)) for op, text in self.segments if op != "delete"] if self.new else []

    @property
    def old_parts(self) -> list[tuple[str, Markup]]:
        """The old text, its changed words marked (the 改正前 column)."""
        return [(op, html(text)) for op, text in self.segments if op != "insert"] if self.old else []


@dataclass
class Comparison:
    rows: list[Row]

    @property
    def changed(self) -> list[Row]:
        """Only the provisions that changed ("what changed")."""
        return [row for row in self.rows if row.changed]

    def table(self) -> list[tuple[str, Row | None]]:
        """The 新旧対照表: (kind, row), kind: changed, context (the heading of a section that changed) or
        omitted (unchanged provisions, shown as (略)); runs of omitted provisions become one."""
        table: list[tuple[str, Row | None]] = []
        for section in _sections(self.rows):
            if not any(row.changed for row in section):
                table.append(("omitted", None))
                continue
            for row in section:
                kind = "changed" if row.changed else "context" if row.heading else "omitted"
                table.append((kind, row if kind != "omitted" else None))
        return [entry for number, entry in enumerate(table)
                if entry[0] != "omitted" or not number or table[number - 1][0] != "omitted"]


def compare(old: str, new: str, locale: str) -> Comparison:
    """Compare two page bodies (Markdown) written in `locale`."""
    old_provisions, new_provisions = provisions(old, locale), provisions(new, locale)
    matcher = SequenceMatcher(None, [_key(p) for p in old_provisions], [_key(p) for p in new_provisions],
                              autojunk=False)
    pairs: list[tuple[Provision | None, Provision | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(old_provisions[i1:i2], new_provisions[j1:j2])
        else:
            pairs += _pair(old_provisions[i1:i2], new_provisions[j1:j2])
    rows = _find_moves([_row(old_one, new_one, locale) for old_one, new_one in pairs], old_provisions, locale)
    section = None
    for row in rows:
        if row.heading:
            section = html((row.new or row.old).text)
        else:
            row.section = section
    return Comparison(rows)


def _row(old: Provision | None, new: Provision | None, locale: str) -> Row:
    if old is None:
        return Row("added", None, new, [("insert", new.text)])
    if new is None:
        return Row("deleted", old, None, [("delete", old.text)])
    if old.text == new.text:
        return Row("equal", old, new, [("equal", new.text)])
    if old.key == new.key:  # the same words under another number: the number is what changed
        return Row("renumbered", old, new, [("delete", old.label), ("insert", new.label),
                                            ("equal", new.text[len(new.label):])])
    return Row("changed", old, new, _sentences(old, new, locale))


def _pair(old: list[Provision], new: list[Provision]) -> list[tuple[Provision | None, Provision | None]]:
    """In a stretch that differs, pair each old provision with the most similar new one after the last
    pair (a changed provision); the rest were deleted or added, in reading order."""
    pairs, taken = [], 0
    for old_one in old:
        scores = [(SequenceMatcher(None, old_one.key, new_one.key, autojunk=False).ratio(), j)
                  for j, new_one in enumerate(new[taken:], taken) if new_one.kind == old_one.kind]
        score, j = max(scores, default=(0.0, None), key=lambda pair: pair[0])
        if j is None or score < SIMILAR:
            pairs.append((old_one, None))
            continue
        pairs += [(None, added) for added in new[taken:j]] + [(old_one, new[j])]
        taken = j + 1
    return pairs + [(None, added) for added in new[taken:]]


def _find_moves(rows: list[Row], old: list[Provision], locale: str) -> list[Row]:
    """A provision deleted in one place and added with the same words in another was moved."""
    section, old_sections = None, {}
    for provision in old:
        if provision.kind == "heading":
            section = html(provision.text)
        old_sections[id(provision)] = section
    deleted = {}
    for row in rows:
        if row.status == "deleted":
            deleted.setdefault(_key(row.old), row)
    gone = set()
    for row in rows:
        origin = deleted.pop(_key(row.new), None) if row.status == "added" else None
        if origin is not None:
            row.status, row.old = "moved", origin.old
            row.segments, row.moved_from = _words(origin.old.text, row.new.text, locale), old_sections[id(origin.old)]
            gone.add(id(origin))
    return [row for row in rows if id(row) not in gone]


def _sentences(old: Provision, new: Provision, locale: str) -> list[tuple[str, str]]:
    """A changed provision: its unchanged sentences kept whole, the changed ones compared word by word."""
    matcher = SequenceMatcher(None, [s.strip() for s in old.sentences], [s.strip() for s in new.sentences],
                              autojunk=False)
    segments = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old.sentences[i1:i2]), "".join(new.sentences[j1:j2])
        if tag == "equal":
            segments.append(("equal", after))
        elif tag == "delete":
            segments.append(("delete", before))
        elif tag == "insert":
            segments.append(("insert", after))
        else:
            segments += _words(before, after, locale)
    return _merged(segments)


def _words(old: str, new: str, locale: str) -> list[tuple[str, str]]:
    """Inside a changed sentence: only the words (characters) that changed are deleted and inserted."""
    a, b = tokens(old, locale), tokens(new, locale)
    segments = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            segments.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("insert", "".join(b[j1:j2])))
    return _merged(_absorb_spaces(segments))


def _absorb_spaces(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A space alone between two changes belongs to them: "Secure Socket" is one change, not two."""
    result = []
    for number, (op, text) in enumerate(segments):
        between = 0 < number < len(segments) - 1 and segments[number - 1][0] != "equal" != segments[number + 1][0]
        if op == "equal" and between and not text.strip():
            result += [("delete", text), ("insert", text)]
        else:
            result.append((op, text))
    return result


def _merged(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent pieces of one kind joined; in each run of changes, what was deleted before what was inserted."""
    result: list[tuple[str, str]] = []
    run: dict[str, str] = {}
    for op, text in segments + [("equal", "")]:
        if op != "equal":
            run[op] = run.get(op, "") + text
            continue
        result += [(change, run[change]) for change in ("delete", "insert") if run.get(change)]
        run = {}
        if text:
            if result and result[-1][0] == "equal":
                result[-1] = ("equal", result[-1][1] + text)
            else:
                result.append(("equal", text))
    return result


def _key(provision: Provision) -> tuple[str, str]:
    return provision.kind, provision.key


def _sections(rows: list[Row]) -> list[list[Row]]:
    """The rows cut before each heading."""
    sections: list[list[Row]] = [[]]
    for row in rows:
        if row.heading and sections[-1]:
            sections.append([])
        sections[-1].append(row)
    return [section for section in sections if section]


SIMILAR = 0.4  # how alike two provisions must be to count as one that changed rather than one deleted, one added
