"""Reading import files as people make them: semicolons, a BOM, Excel with typed cells,
and files that cannot be read at all."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from regiokompas.data import load_dataset
from regiokompas.register import ImportRejectedError, Reference, check_rows
from regiokompas.store import format_of, read_table

REF = Reference.from_dataset(load_dataset())


def test_semicolon_csv_with_bom() -> None:
    data = "\ufeffnaam;vorm;deelnemers;startdatum\nA;convenant;GM0513,GM0627;2020-01-01\n".encode()
    header, rows = read_table(data, "csv")
    assert header == ["naam", "vorm", "deelnemers", "startdatum"]
    assert rows == [
        {
            "naam": "A",
            "vorm": "convenant",
            "deelnemers": "GM0513,GM0627",
            "startdatum": "2020-01-01",
        }
    ]


def test_excel_with_typed_cells_reads_like_text() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["naam", "vorm", "deelnemers", "startdatum", "begroting_keur", "zienswijzerecht"])
    sheet.append(
        ["Afval", "openbaar_lichaam", "GM0513;GM0627", dt.datetime(2021, 3, 1), 1250.5, True]
    )
    sheet.append(
        [
            "Belasting",
            "bedrijfsvoeringsorganisatie",
            "Gouda;Zuidplas",
            dt.date(2019, 1, 1),
            700,
            None,
        ]
    )
    out = io.BytesIO()
    book.save(out)
    header, rows = read_table(out.getvalue(), "xlsx")
    report = check_rows(header, rows, REF)
    assert report.ok, report.problems
    first, second = (r for _, r in report.regelingen)
    assert (first.startdatum, first.begroting_keur, first.zienswijzerecht) == (
        dt.date(2021, 3, 1),
        1250.5,
        True,
    )
    assert (second.begroting_keur, second.gemeenten) == (700.0, ("GM0513", "GM1892"))


def test_extra_cells_are_a_row_error() -> None:
    header, rows = read_table(b"naam,vorm,deelnemers\nA,convenant,GM0513,te veel\n", "csv")
    report = check_rows(header, rows, REF)
    assert [(p.rij, p.veld) for p in report.problems] == [(2, "kolommen")]


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"\xff\xfe n\x00a\x00", "csv"),
        (b"PK\x03\x04 kapot", "xlsx"),
        (b"", "csv"),
        (b"\n\n", "csv"),
    ],
)
def test_unreadable_files_are_refused(data: bytes, fmt: str) -> None:
    with pytest.raises(ImportRejectedError) as info:
        read_table(data, fmt)  # type: ignore[arg-type]
    assert "onleesbaar" in info.value.nl


def test_only_csv_and_xlsx() -> None:
    assert format_of("Regelingen.XLSX") == "xlsx" and format_of("a.csv") == "csv"
    with pytest.raises(ImportRejectedError):
        format_of("regelingen.ods")
