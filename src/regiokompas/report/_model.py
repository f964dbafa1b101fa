"""The chapter model: frozen dataclasses that every renderer reads and nothing mutates.

A :class:`Chapter` is a tree of :class:`Section` objects holding blocks (:class:`Paragraph`,
:class:`BulletList`, :class:`Table`, :class:`Image`). Every number shown to a reader is a
:class:`Num`, which carries its source and year, so a renderer can never print a figure
without knowing where it came from, and tests can find each figure by its ``key``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = [
    "Block",
    "BulletList",
    "Cell",
    "Chapter",
    "Image",
    "Inline",
    "Num",
    "Paragraph",
    "Section",
    "Table",
]


@dataclass(frozen=True)
class Num:
    """A number as printed: its value, its Dutch text, unit, source and year.

    ``key`` names the figure for machines (tests, the web app), e.g. ``"inwoners"`` or
    ``"kans.0.7.3.p10"``; it is never printed.
    """

    value: float
    text: str
    unit: str
    bron: str
    jaar: int | None
    key: str

    def __str__(self) -> str:
        return self.text


Inline = str | Num
Cell = str | Num


@dataclass(frozen=True)
class Paragraph:
    """Running text made of plain strings and numbers; ``style`` is normal, keuze or let_op."""

    parts: tuple[Inline, ...]
    style: str = "normal"

    @property
    def text(self) -> str:
        return "".join(str(p) for p in self.parts)


@dataclass(frozen=True)
class BulletList:
    items: tuple[Paragraph, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a caption and its source; ``numeric`` marks right-aligned columns."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    bron: str
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Image:
    """A PNG figure with alternative text (required: WCAG 1.1.1) and its source."""

    png: bytes = field(repr=False)
    alt: str
    caption: str
    bron: str
    width_cm: float = 13.0


Block = Paragraph | BulletList | Table | Image


@dataclass(frozen=True)
class Section:
    """A titled part of the chapter. ``appendix`` marks the start of the appendix: renderers
    put it on a new page, and the body (everything before it) is what the page limit counts."""

    title: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    appendix: bool = False

    def walk(self, level: int = 2) -> Iterator[tuple[int, Section]]:
        """This section and all below it, with heading levels (the chapter title is level 1)."""
        yield level, self
        for sub in self.subsections:
            yield from sub.walk(level + 1)


@dataclass(frozen=True)
class Chapter:
    """The draft chapter for one gemeente, ready for any renderer."""

    title: str
    gemeente_code: str
    gemeente_naam: str
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    attributie: str
    engine_parts: tuple[tuple[str, bool], ...] = ()
    language: str = "nl"

    def walk(self) -> Iterator[tuple[int, Section]]:
        for section in self.sections:
            yield from section.walk(2)

    def numbers(self) -> Iterator[Num]:
        """Every number in the chapter (in paragraphs, lists and tables), in reading order."""
        blocks = [*self.intro] + [b for _, s in self.walk() for b in s.blocks]
        for block in blocks:
            yield from _numbers_in(block)

    def number(self, key: str) -> Num:
        """The number with ``key``; raises KeyError when the chapter does not show it."""
        for num in self.numbers():
            if num.key == key:
                return num
        raise KeyError(key)

    def headings(self) -> list[str]:
        return [self.title, *(s.title for _, s in self.walk())]


def _numbers_in(block: Block) -> Iterator[Num]:
    if isinstance(block, Paragraph):
        yield from (p for p in block.parts if isinstance(p, Num))
    elif isinstance(block, BulletList):
        for item in block.items:
            yield from _numbers_in(item)
    elif isinstance(block, Table):
        for row in block.rows:
            yield from (c for c in row if isinstance(c, Num))
