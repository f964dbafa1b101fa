"""Session fixtures for the chapter tests: chapters and documents built once per session."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_helpers import need_tool, synthetic_source

from regiokompas.data import Dataset
from regiokompas.report import Chapter, ChapterOptions, build_chapter, render

# ---------------------------------------------------------------- session fixtures


@pytest.fixture(scope="session")
def gouda(ds: Dataset) -> Chapter:
    """Gouda's chapter with figures, from whatever engines are installed (literature mode:
    the fitted cost model is the savings engine's business and slow to fit)."""
    return build_chapter(ds, "Gouda", ChapterOptions(modus="literature"))


@pytest.fixture(scope="session")
def gouda_synthetic(ds: Dataset) -> Chapter:
    return build_chapter(ds, "Gouda", ChapterOptions(source=synthetic_source))


@pytest.fixture(scope="session")
def gouda_docx(gouda_synthetic: Chapter, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "hoofdstuk.docx"
    path.write_bytes(render(gouda_synthetic, "docx"))
    return path


@pytest.fixture(scope="session")
def libreoffice_pdf(gouda_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The DOCX converted to PDF by LibreOffice headless (once per session)."""
    soffice = need_tool("soffice", "libreoffice")
    out = tmp_path_factory.mktemp("lo")
    profile = tmp_path_factory.mktemp("lo-profile")
    completed = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(gouda_docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = out / "hoofdstuk.pdf"
    assert completed.returncode == 0 and pdf.is_file(), completed.stdout + completed.stderr
    yield pdf
