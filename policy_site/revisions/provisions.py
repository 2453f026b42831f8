"""A page's Markdown as the provisions a 新旧対照表 compares: headings, paragraphs and list items, each split into sentences.

A paragraph hard-wrapped over several lines is one provision (its lines joined
as a reader sees them); each list item, nested ones included, is one. Sentences
end at 。！？ and at . ! ? before a space and a capital, but not after an
abbreviation (Co., e.g., Mr.) or an initial. Words are whitespace-separated for
languages written with spaces; Japanese and Chinese compare character by
character, a run of Latin letters or digits counting as one word. A reading
(<ruby>個人<rt>こじん</rt></ruby>) is one token and stays markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Provision:
    kind: str  # heading, paragraph, item
    depth: int  # list nesting, 0 outside lists
    label: str  # the provision's number as written: (7), 1), 3.; "" when it has none
    text: str  # what a reader sees, readings kept as <ruby> markup
    sentences: tuple[str, ...]  # spans of text, each with the spaces after it: they join back to text

    @property
    def key(self) -> str:
        """The provision without its number, so a renumbered provision is recognised as the same one."""
        return self.text[len(self.label):].strip()


def provisions(markdown: str, locale: str) -> list[Provision]:
    """The provisions of a page body in reading order; markers and the fences of notices are left out."""
    found, lines, kind, depth = [], [], "", 0

    def close() -> None:
        if lines:
            text = _join(lines)
            if text:
                label = LABEL.match(text)
                found.append(Provision(kind, depth, label.group(1) if label else "", text,
                                       tuple(sentences(text, locale))))
        lines.clear()

    for raw in markdown.split("\n"):
        line = raw.rstrip()
        item = ITEM.match(line)
        if not line.strip() or line.lstrip().startswith(SKIPPED):
            close()
        elif line.startswith("#"):
            close()
            kind, depth = "heading", 0
            lines.append(line)
            close()
        elif item:
            close()
            kind, depth = "item", len(item.group(1).expandtabs(4)) // 4 + 1
            lines.append(item.group(2))
        else:
            if not lines:
                kind, depth = "paragraph", (len(line) - len(line.lstrip())) // 4
            lines.append(line)
    close()
    return found


def sentences(text: str, locale: str) -> list[str]:
    """The text cut after each sentence's end (and the spaces after it): the pieces join back to the text."""
    cuts = [match.end() for match in CJK_END.finditer(text)]
    for match in LATIN_END.finditer(text):
        before = text[:match.start()].split()
        word = before[-1].lstrip("(\"'“‘") if before else ""
        following = text[match.end():].lstrip("\"'“‘(")
        if (word.lower() not in ABBREVIATIONS and not INITIAL.fullmatch(word)
                and following[:1] and not following[0].islower()):
            cuts.append(match.end())
    pieces, start = [], 0
    for cut in sorted(set(cuts)):
        if start < cut < len(text):
            pieces.append(text[start:cut])
            start = cut
    return pieces + [text[start:]]


def tokens(text: str, locale: str) -> list[str]:
    """The units a changed sentence is compared in: characters for Japanese and Chinese, else words."""
    pattern = CJK_TOKEN if is_cjk(locale) else WORD_TOKEN
    return pattern.findall(text)


def is_cjk(locale: str) -> bool:
    return locale.split("-")[0] in ("ja", "zh")


def html(text: str) -> Markup:
    """Text for a template: escaped, readings kept as ruby."""
    pieces = RUBY.split(text)
    return Markup("").join(Markup(piece) if RUBY.fullmatch(piece) else escape(piece) for piece in pieces)


def _join(lines: list[str]) -> str:
    """Hard-wrapped lines as one text: a space between words, none between Japanese or Chinese characters."""
    text = ""
    for line in lines:
        line = _plain(line)
        if text and line and not (CJK_CHAR.match(text[-1]) and CJK_CHAR.match(line[0])):
            text += " "
        text += line
    return text


def _plain(line: str) -> str:
    """A Markdown line as the text a reader sees: no heading marks, ids, link targets or emphasis."""
    line = line.strip()
    for pattern, replacement in MARKDOWN:
        line = pattern.sub(replacement, line)
    return line.strip()


SKIPPED = ("<!--", "///")  # markers, and the fences of admonition blocks
ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
LABEL = re.compile(r"^(\(\d+\)|（\d+）|\d+\)|\d+\.(?!\d)|[①-⑳])\s*")
MARKDOWN = (
    (re.compile(r"^#+\s*"), ""),
    (re.compile(r"\s*\{[#:][^}]*\}\s*$"), ""),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\*\*|__"), ""),
)
CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_END = re.compile(r"[。！？][」』）)]*")
LATIN_END = re.compile(r"""[.!?]["'”’)]*\s+""")  # a sentence's end, if the next word is not in lower case
INITIAL = re.compile(r"[A-Za-z](?:\.[A-Za-z])*")  # J. or U.S. or e.g.: initials and abbreviations spelled with dots
ABBREVIATIONS = {"co", "e.g", "i.e", "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "corp", "no", "nos", "vs",
                 "st", "jr", "sr", "sra", "dra", "ltda", "art", "arts", "n", "nº", "tp", "ths", "ts", "p", "pp"}
RUBY = re.compile(r"(<ruby>.*?</ruby>)")
CJK_TOKEN = re.compile(r"<ruby>.*?</ruby>|[A-Za-z0-9À-ɏ]+(?:['’.-][A-Za-z0-9À-ɏ]+)*|\s+|.")
WORD_TOKEN = re.compile(r"<ruby>.*?</ruby>|[^\W_]+(?:['’-][^\W_]+)*|\s+|.")
