"""Sentence-level differences between two revisions of a page, for the "what changed" section of each revision.

Works on the Markdown source: each line is a block (a heading, a list item, a
paragraph), each block splits into sentences after 。！？ (or . ! ? and a space),
and difflib aligns the sentences of the whole page. Deleted sentences stay in
the block they were in, so a reader sees old and new side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import groupby


@dataclass
class Block:
    heading: bool
    parts: list[tuple[str, str]] = field(default_factory=list)  # (op, sentence), op: equal, insert, delete

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _ in self.parts)


def compare(old: str, new: str) -> list[Block]:
    """The new page's blocks, with inserted and deleted sentences marked where they happen."""
    old_sentences, new_sentences = _sentences(old), _sentences(new)
    matcher = SequenceMatcher(None, [s.text for s in old_sentences], [s.text for s in new_sentences], autojunk=False)
    opcodes = matcher.get_opcodes()
    new_block_of = {}  # old block -> the new block it continues in
    for tag, i1, i2, j1, j2 in opcodes:
        for i, j in zip(range(i1, i2), range(j1, j2)):
            if tag == "equal" or old_sentences[i].block not in new_block_of:
                new_block_of.setdefault(old_sentences[i].block, new_sentences[j].block)
    merged = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            merged += [(("new", s.block), s.heading, "equal", s.text) for s in new_sentences[j1:j2]]
            continue
        changes = [(("new", new_block_of[s.block]) if s.block in new_block_of else ("old", s.block),
                    s.heading, "delete", s.text) for s in old_sentences[i1:i2]]
        changes += [(("new", s.block), s.heading, "insert", s.text) for s in new_sentences[j1:j2]]
        merged += sorted(changes, key=_reading_order)  # stable: deletions before insertions per block
    blocks = []
    for _, group in groupby(merged, key=lambda item: item[0]):
        items = list(group)
        blocks.append(Block(items[0][1], [(op, text) for _, _, op, text in items]))
    return blocks


def changed_blocks(old: str, new: str) -> list[tuple[str | None, Block]]:
    """Only the blocks that changed, each with the heading of the section it is in (None for a heading)."""
    section, changed = None, []
    for block in compare(old, new):
        if block.heading:
            section = " ".join(text for op, text in block.parts if op != "delete")
        if block.changed:
            changed.append((None if block.heading else section, block))
    return changed


def _reading_order(item: tuple) -> tuple[int, int]:
    """Whole deleted blocks first, then each new block with its deletions and insertions."""
    (side, block) = item[0]
    return (0, block) if side == "old" else (1, block)


@dataclass(frozen=True)
class _Sentence:
    block: int
    heading: bool
    text: str


def _sentences(markdown: str) -> list[_Sentence]:
    sentences = []
    for number, line in enumerate(markdown.split("\n")):
        text, heading = _plain(line)
        sentences += [_Sentence(number, heading, s) for s in SENTENCE_END.split(text) if s.strip()]
    return sentences


def _plain(line: str) -> tuple[str, bool]:
    """A Markdown line as the text a reader sees: no heading marks, ids, list bullets or link targets."""
    line = line.strip()
    if line.startswith(("<!--", "///")):  # markers, and the fences of admonition blocks
        return "", False
    heading = line.startswith("#")
    for pattern, replacement in MARKDOWN:
        line = pattern.sub(replacement, line)
    return line.strip(), heading


SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+")
MARKDOWN = (
    (re.compile(r"^#+\s*"), ""),
    (re.compile(r"\s*\{#[^}]*\}\s*$"), ""),
    (re.compile(r"^(?:[-*+]|\d+\.)\s+"), ""),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\*\*|__"), ""),
)
