"""PDF renderer in pure Python (fpdf2), so the CLI needs no LibreOffice or system libraries.

fpdf2 is maintained, installs from PyPI as a pure-Python wheel (its dependencies Pillow,
fontTools and defusedxml are wheels too) and embeds TrueType fonts with subsetting. The font is
DejaVu Sans from matplotlib's own data folder (already a dependency), which covers €, –, ² and
all Dutch diacritics. The PDF gets a language tag, a title, bookmarks per heading and alt text
for figures.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace

from regiokompas.report._model import Block, BulletList, Chapter, Image, Paragraph, Table
from regiokompas.report._texts import document_texts

__all__ = ["render_pdf"]

_FONT = "DejaVu"
_DARK = (11, 37, 69)
_GREY = (61, 61, 61)
_HEADING_SIZE = {1: 18.0, 2: 13.0, 3: 11.0, 4: 10.5}


def _font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


class _Pdf(FPDF):
    footer_text = ""
    bron = "Bron"
    bron_klein = "bron"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_FONT, "", 7)
        self.set_text_color(*_GREY)
        self.cell(0, 5, f"{self.footer_text} {self.page_no()}", align=Align.C)


def _new_pdf(chapter: Chapter) -> _Pdf:
    pdf = _Pdf(format="A4", unit="mm")
    fonts = _font_dir()
    pdf.add_font(_FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(_FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font(_FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    texts = document_texts(chapter.language)
    pdf.set_lang("en-GB" if chapter.language == "en" else "nl-NL")
    pdf.set_title(f"{chapter.title} – {chapter.gemeente_naam}")
    pdf.set_author("Regiokompas")
    pdf.set_subject(texts["subject"])
    pdf.set_creator("Regiokompas")
    pdf.set_margins(20, 16, 20)
    pdf.set_auto_page_break(True, margin=16)
    pdf.footer_text = texts["footer"].format(naam=chapter.gemeente_naam)
    pdf.bron, pdf.bron_klein = texts["bron"], texts["bron_klein"]
    pdf.add_page()
    return pdf


def _text(
    pdf: FPDF,
    text: str,
    style: str = "",
    size: float = 10.0,
    gap: float = 1.6,
    color: tuple[int, int, int] = (26, 26, 26),
) -> None:
    pdf.set_font(_FONT, style, size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.46, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(gap)


def _heading(pdf: FPDF, text: str, level: int) -> None:
    size = _HEADING_SIZE.get(level, 10.5)
    if pdf.will_page_break(size * 2.5):
        pdf.add_page()
    pdf.ln(1.5 if level > 2 else 3)
    pdf.start_section(text, level=level - 1)
    _text(pdf, text, "B", size, gap=1.5, color=_DARK)


def _widths(pdf: FPDF, block: Table) -> tuple[float, ...]:
    """Column widths in mm: figures get what they need on one line, text shares the rest."""
    pad = 3.0
    cells = [[str(row[i]) for row in block.rows] for i in range(len(block.columns))]

    def width(text: str) -> float:
        return float(pdf.get_string_width(text))

    # Headers are bold: measure their words in bold.
    size = pdf.font_size_pt
    pdf.set_font(_FONT, "B", size)
    header_words = [max(width(w) for w in c.split()) if c.split() else 0.0 for c in block.columns]
    header_full = [width(c) for c in block.columns]
    pdf.set_font(_FONT, "", size)

    out: list[float] = []
    text_columns: list[int] = []
    for i in range(len(block.columns)):
        words = [*(w for c in cells[i] for w in c.split()), "x"]
        longest_word = max([header_words[i], *(width(w) for w in words)])
        if i in block.numeric:
            out.append(max([longest_word, *(width(c) for c in cells[i])]) + pad)
        else:
            out.append(longest_word + pad)
            text_columns.append(i)
    natural = {i: max([header_full[i], *(width(c) for c in cells[i])]) + pad for i in text_columns}
    room = pdf.epw - sum(out)
    extra = sum(natural[i] - out[i] for i in text_columns)
    if text_columns and room > 0 and extra > 0:
        share = min(1.0, room / extra)
        for i in text_columns:
            out[i] += (natural[i] - out[i]) * share
    return tuple(out)


def _block(pdf: _Pdf, block: Block) -> None:
    if isinstance(block, Paragraph):
        style = {"keuze": "B", "let_op": "I"}.get(block.style, "")
        _text(pdf, block.text, style)
    elif isinstance(block, BulletList):
        for i, item in enumerate(block.items):
            mark = f"{i + 1}." if block.ordered else "•"
            pdf.set_font(_FONT, "", 10)
            pdf.set_text_color(26, 26, 26)
            pdf.cell(7, 5, mark)
            pdf.multi_cell(0, 4.6, item.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(0.6)
        pdf.ln(1)
    elif isinstance(block, Table):
        _text(pdf, block.caption, "B", 9.5, gap=1, color=_DARK)
        pdf.set_font(_FONT, "", 8.5)
        pdf.set_text_color(26, 26, 26)
        align = tuple("RIGHT" if i in block.numeric else "LEFT" for i in range(len(block.columns)))
        with pdf.table(
            col_widths=_widths(pdf, block),
            text_align=align,
            line_height=4.0,
            headings_style=FontFace(emphasis="BOLD", fill_color=(232, 238, 245)),
            first_row_as_headings=True,
        ) as table:
            header = table.row()
            for column in block.columns:
                header.cell(column)
            for row in block.rows:
                cells = table.row()
                for value in row:
                    cells.cell(str(value))
        pdf.ln(1)
        _text(pdf, f"{pdf.bron}: {block.bron}", "", 7.5, gap=3, color=_GREY)
    elif isinstance(block, Image):
        width = min(block.width_cm * 10, pdf.epw)
        pdf.image(
            io.BytesIO(block.png), w=width, x=Align.C, alt_text=block.alt, title=block.caption
        )
        pdf.ln(1)
        _text(pdf, f"{block.caption} ({pdf.bron_klein}: {block.bron})", "I", 8, gap=3, color=_GREY)
    else:  # pragma: no cover - the Block union is closed
        raise TypeError(f"unknown block {type(block).__name__}")


def render_pdf(chapter: Chapter) -> bytes:
    """The chapter as a PDF document (A4)."""
    pdf = _new_pdf(chapter)
    pdf.start_section(chapter.title, level=0)
    _text(pdf, chapter.title, "B", _HEADING_SIZE[1], gap=3, color=_DARK)
    for block in chapter.intro:
        _block(pdf, block)
    for level, section in chapter.walk():
        if section.appendix:
            pdf.add_page()  # the appendix starts on its own page: the body's length is clear
        _heading(pdf, section.title, level)
        for block in section.blocks:
            _block(pdf, block)
    # The attribution is printed once, in the appendix's own section (not in every footer).
    return bytes(pdf.output())
