"""Column widths for the chapter's tables, measured on the font the document renders in.

A word processor breaks a word inside a table cell when the word is wider than the column;
that is how "samenwerkin g" got onto paper. Here every column is at least as wide as its
longest word (numbers: the whole figure, which must never wrap), measured with DejaVu Sans,
the font matplotlib ships and LibreOffice falls back to. DejaVu Sans is wider than Arial
and Calibri, so widths that fit it fit those too. The rest of the page width goes to the
text columns in proportion to what they would need on one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib
from PIL import ImageFont

__all__ = ["column_widths", "text_width_cm", "words"]

_REFERENCE_SIZE = 100  # measure at 100 pt and scale: integer rounding then costs nothing
_CM_PER_PT = 2.54 / 72


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
    return ImageFont.truetype(str(path), _REFERENCE_SIZE)


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` on one line at ``size_pt``, in cm.

    >>> round(text_width_cm("samenwerking", 10), 2)
    2.58
    """
    length = float(_font(bold).getlength(text))
    return length / _REFERENCE_SIZE * size_pt * _CM_PER_PT


_BREAK = re.compile(r"(?<=[-–])")


def words(text: str) -> list[str]:
    """The pieces a line may not be broken inside: words, split after an existing hyphen
    (a word processor may break "Hollands-Midden" after the hyphen, which is no broken word).

    >>> words("GGD Hollands-Midden (2016)")
    ['GGD', 'Hollands-', 'Midden', '(2016)']
    """
    return [piece for word in text.split() for piece in _BREAK.split(word) if piece]


def column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: frozenset[int],
    size_pt: float,
    available_cm: float,
    padding_cm: float = 0.5,
) -> tuple[float, ...] | None:
    """Widths (cm) that fill ``available_cm`` without breaking a word, or None when even
    the narrowest layout (every column as wide as its longest word) does not fit.

    >>> w = column_widths(["Taakveld", "Lasten"], [["7.2 Riolering", "€ 277"]], frozenset({1}),
    ...                   8.5, 16.0)
    >>> round(sum(w), 6), w[0] > w[1]
    (16.0, True)
    """
    n = len(header)
    minimum: list[float] = []
    natural: list[float] = []
    for i in range(n):
        cells = [str(row[i]) for row in rows]
        head_word = max((text_width_cm(w, size_pt, True) for w in words(header[i])), default=0)
        head_full = text_width_cm(header[i], size_pt, True)
        cell_full = max((text_width_cm(c, size_pt) for c in cells), default=0.0)
        if i in numeric:
            low = max(head_word, cell_full)
        else:
            cell_word = max((text_width_cm(w, size_pt) for c in cells for w in words(c)), default=0)
            low = max(head_word, cell_word)
        minimum.append(low + padding_cm)
        natural.append(max(low, head_full, cell_full) + padding_cm)
    room = available_cm - sum(minimum)
    if room < 0:
        return None
    wish = sum(natural) - sum(minimum)
    out = list(minimum)
    if wish > 0:
        share = min(1.0, room / wish)
        out = [lo + (nat - lo) * share for lo, nat in zip(minimum, natural, strict=True)]
    # Whatever is left widens every column alike, so tables span the text width.
    left = available_cm - sum(out)
    if left > 0:
        out = [w + left / n for w in out]
    return tuple(out)
