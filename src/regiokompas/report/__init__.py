"""The collegeprogramma chapter "Samenwerken met andere gemeenten" (issue 7).

Build the chapter model for one gemeente with :func:`build_chapter`, then render it with
:func:`render` (bytes for docx, pdf, html or md) or write it with :func:`write_chapter`
(format from the extension, atomic).

>>> from regiokompas.data import load_dataset
>>> chapter = build_chapter(load_dataset(), "Gouda", ChapterOptions(figures=False))
>>> render(chapter, "html")[:15]
b'<!DOCTYPE html>'
"""

from regiokompas.report._build import build_chapter
from regiokompas.report._engines import engine_opportunities, engine_status
from regiokompas.report._model import (
    Block,
    BulletList,
    Chapter,
    Image,
    Num,
    Paragraph,
    Section,
    Table,
)
from regiokompas.report._opportunities import (
    Opportunity,
    OpportunityResult,
    OpportunitySource,
    TangibleItem,
)
from regiokompas.report._options import ChapterOptions
from regiokompas.report._write import (
    FORMATS,
    MEDIA_TYPES,
    Download,
    OutputPathError,
    UnknownFormatError,
    check_output_path,
    download,
    format_for_path,
    html_fragment,
    render,
    write_chapter,
)

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "Block",
    "BulletList",
    "Chapter",
    "ChapterOptions",
    "Download",
    "Image",
    "Num",
    "Opportunity",
    "OpportunityResult",
    "OpportunitySource",
    "OutputPathError",
    "Paragraph",
    "Section",
    "Table",
    "TangibleItem",
    "UnknownFormatError",
    "build_chapter",
    "check_output_path",
    "engine_opportunities",
    "engine_status",
    "download",
    "format_for_path",
    "html_fragment",
    "render",
    "write_chapter",
]
