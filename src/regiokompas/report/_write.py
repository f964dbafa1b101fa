"""``render`` (chapter → bytes for one format) and ``write_chapter`` (atomic file output)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from regiokompas.data import RegiokompasError
from regiokompas.report._model import Chapter

__all__ = [
    "FORMATS",
    "Download",
    "MEDIA_TYPES",
    "OutputPathError",
    "UnknownFormatError",
    "check_output_path",
    "download",
    "format_for_path",
    "html_fragment",
    "render",
    "write_chapter",
]

#: Format name → file extensions that select it.
FORMATS: dict[str, tuple[str, ...]] = {
    "docx": (".docx",),
    "pdf": (".pdf",),
    "html": (".html", ".htm"),
    "md": (".md", ".markdown"),
}

MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


class UnknownFormatError(RegiokompasError):
    """The requested output format (or file extension) is not one the chapter is made in."""

    def __init__(self, what: str) -> None:
        known = ", ".join(ext for exts in FORMATS.values() for ext in exts)
        super().__init__(
            f"Onbekend uitvoerformaat '{what}'. Kies een bestandsnaam die eindigt op {known}.",
            f"Unknown output format '{what}'. Choose a file name ending in {known}.",
        )
        self.what = what


class OutputPathError(RegiokompasError):
    """The output file cannot be written (missing or read-only folder, a folder in the way)."""

    def __init__(self, path: Path, reason_nl: str, reason_en: str) -> None:
        super().__init__(
            f"Kan '{path}' niet schrijven: {reason_nl}. Er is geen bestand aangemaakt.",
            f"Cannot write '{path}': {reason_en}. No file was created.",
        )
        self.path = path


def _renderer(fmt: str) -> Callable[[Chapter], bytes]:
    # Imported here so that importing regiokompas.report does not load python-docx and fpdf2.
    if fmt == "docx":
        from regiokompas.report._render_docx import render_docx

        return render_docx
    if fmt == "pdf":
        from regiokompas.report._render_pdf import render_pdf

        return render_pdf
    if fmt == "html":
        from regiokompas.report._render_html import render_html

        return render_html
    if fmt == "md":
        from regiokompas.report._render_markdown import render_markdown

        return render_markdown
    raise UnknownFormatError(fmt)


def render(chapter: Chapter, fmt: str) -> bytes:
    """The chapter as bytes in ``fmt`` (docx, pdf, html or md); see :data:`MEDIA_TYPES`.

    >>> from regiokompas.data import load_dataset
    >>> from regiokompas.report import ChapterOptions, build_chapter
    >>> chapter = build_chapter(load_dataset(), "Gouda", ChapterOptions(figures=False))
    >>> render(chapter, "md")[:35].decode()
    '# Samenwerken met andere gemeenten\\n'
    """
    return _renderer(fmt.lower().lstrip("."))(chapter)


@dataclass(frozen=True)
class Download:
    """A rendered chapter ready to serve: bytes, media type and a suggested file name."""

    data: bytes
    media_type: str
    filename: str


def download(chapter: Chapter, fmt: str) -> Download:
    """The chapter rendered for a web download (``Content-Type`` and file name included).

    >>> from regiokompas.data import load_dataset
    >>> from regiokompas.report import ChapterOptions, build_chapter
    >>> d = download(build_chapter(load_dataset(), "Gouda", ChapterOptions(figures=False)), "md")
    >>> d.media_type, d.filename
    ('text/markdown; charset=utf-8', 'samenwerken-gouda.md')
    """
    key = fmt.lower().lstrip(".")
    data = render(chapter, key)
    slug = "".join(ch if ch.isalnum() else "-" for ch in chapter.gemeente_naam.lower())
    slug = "-".join(part for part in slug.split("-") if part)
    return Download(data, MEDIA_TYPES[key], f"samenwerken-{slug}.{key}")


def html_fragment(chapter: Chapter, top_level: int = 2) -> str:
    """The chapter as an HTML fragment to embed in a page, headings starting at ``h{top_level}``.

    >>> from regiokompas.data import load_dataset
    >>> from regiokompas.report import ChapterOptions, build_chapter
    >>> html_fragment(build_chapter(load_dataset(), "Gouda", ChapterOptions(figures=False)))[:4]
    '<h2>'
    """
    from regiokompas.report._render_html import render_html_fragment

    return render_html_fragment(chapter, top_level)


def format_for_path(path: Path | str) -> str:
    """The format a file name asks for, from its extension; raises UnknownFormatError."""
    suffix = Path(path).suffix.lower()
    for fmt, extensions in FORMATS.items():
        if suffix in extensions:
            return fmt
    raise UnknownFormatError(suffix or Path(path).name)


def check_output_path(path: Path | str) -> str:
    """Fail early, before any work, on an unknown extension, a missing folder or a folder in
    the way; returns the format. (Whether the folder is writable shows only when writing.)"""
    target = Path(path)
    fmt = format_for_path(target)
    folder = target.parent
    if not folder.is_dir():
        raise OutputPathError(
            target, f"de map '{folder}' bestaat niet", f"the folder '{folder}' does not exist"
        )
    if target.is_dir():
        raise OutputPathError(target, "dat is een map", "it is a folder")
    return fmt


def write_chapter(chapter: Chapter, path: Path | str) -> Path:
    """Write the chapter to ``path`` in the format its extension names, atomically.

    The document is rendered in memory, written to a temporary file in the target folder and
    renamed over ``path``; on any failure no file (half-written or temporary) is left behind.
    Raises :class:`UnknownFormatError` or :class:`OutputPathError`.
    """
    target = Path(path)
    fmt = check_output_path(target)
    folder = target.parent
    data = render(chapter, fmt)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputPathError(
            target,
            f"de map is niet schrijfbaar ({exc.strerror})",
            f"the folder is not writable ({exc.strerror})",
        ) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise OutputPathError(
            target, f"schrijven mislukte ({exc.strerror})", f"writing failed ({exc.strerror})"
        ) from exc
    return target
