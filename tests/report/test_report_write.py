"""write_chapter: format from the extension, atomic writes, clear errors, nothing left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regiokompas.data import Dataset
from regiokompas.report import (
    Chapter,
    ChapterOptions,
    OutputPathError,
    UnknownFormatError,
    build_chapter,
    format_for_path,
    write_chapter,
)

MAGIC = {
    ".docx": b"PK\x03\x04",
    ".pdf": b"%PDF-",
    ".html": b"<!DOCTYPE html>",
    ".htm": b"<!DOCTYPE html>",
    ".md": b"# Samenwerken",
    ".MARKDOWN": b"# Samenwerken",
}


@pytest.fixture(scope="module")
def small(ds: Dataset) -> Chapter:
    return build_chapter(ds, "Gouda", ChapterOptions(figures=False, modus="literature"))


@pytest.mark.parametrize("suffix", sorted(MAGIC))
def test_format_follows_the_extension(small: Chapter, tmp_path: Path, suffix: str) -> None:
    path = write_chapter(small, tmp_path / f"hoofdstuk{suffix}")
    assert path.read_bytes().startswith(MAGIC[suffix])
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"hoofdstuk{suffix}"]


def test_format_for_path() -> None:
    assert format_for_path("a/b/Hoofdstuk.DOCX") == "docx"
    assert format_for_path("x.htm") == "html"
    with pytest.raises(UnknownFormatError):
        format_for_path("hoofdstuk")


def test_unknown_extension_writes_nothing(small: Chapter, tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError) as info:
        write_chapter(small, tmp_path / "hoofdstuk.odt")
    assert "Onbekend uitvoerformaat '.odt'" in info.value.nl
    assert "Unknown output format '.odt'" in info.value.en
    assert list(tmp_path.iterdir()) == []


def test_missing_folder(small: Chapter, tmp_path: Path) -> None:
    with pytest.raises(OutputPathError) as info:
        write_chapter(small, tmp_path / "bestaat-niet" / "h.docx")
    assert "bestaat niet" in info.value.nl and "does not exist" in info.value.en
    assert list(tmp_path.iterdir()) == []


def test_parent_is_a_file(small: Chapter, tmp_path: Path) -> None:
    blocker = tmp_path / "bestand.txt"
    blocker.write_text("x")
    with pytest.raises(OutputPathError):
        write_chapter(small, blocker / "h.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["bestand.txt"]


def test_target_is_a_folder(small: Chapter, tmp_path: Path) -> None:
    (tmp_path / "map.md").mkdir()
    with pytest.raises(OutputPathError) as info:
        write_chapter(small, tmp_path / "map.md")
    assert "map" in info.value.nl and "folder" in info.value.en


def test_unwritable_folder(small: Chapter, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        folder = Path("/proc")  # not writable, not even for root
    else:
        folder = tmp_path / "alleen-lezen"
        folder.mkdir()
        folder.chmod(0o555)
    try:
        with pytest.raises(OutputPathError) as info:
            write_chapter(small, folder / "h.html")
        assert "niet schrijfbaar" in info.value.nl and "not writable" in info.value.en
        assert not (folder / "h.html").exists()
    finally:
        if folder != Path("/proc"):
            folder.chmod(0o755)


def test_failure_while_writing_leaves_no_temp_file_and_keeps_the_old_file(
    small: Chapter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "h.docx"
    target.write_bytes(b"old version")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputPathError) as info:
        write_chapter(small, target)
    assert "No space left" in info.value.en
    assert [p.name for p in tmp_path.iterdir()] == ["h.docx"]
    assert target.read_bytes() == b"old version"


def test_download_for_the_web(small: Chapter) -> None:
    from regiokompas.report import download

    d = download(small, "DOCX")
    assert d.data.startswith(b"PK\x03\x04") and d.filename == "samenwerken-gouda.docx"
    assert d.media_type.endswith("wordprocessingml.document")
    with pytest.raises(UnknownFormatError):
        download(small, "rtf")
