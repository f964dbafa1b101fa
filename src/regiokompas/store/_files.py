"""Reading and writing the register file format as CSV (UTF-8, ``,`` or ``;``) and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any, Literal

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from regiokompas.register import COLUMNS, ImportRejectedError, Problem, Regeling, format_row

__all__ = ["FileFormat", "format_of", "read_table", "write_table"]

FileFormat = Literal["csv", "xlsx"]


def format_of(name: str) -> FileFormat:
    """``csv`` or ``xlsx`` from a file name; anything else is refused."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return "xlsx"
    if lower.endswith(".csv"):
        return "csv"
    raise ImportRejectedError(
        [Problem("", f"'{name}' is geen .csv of .xlsx", f"'{name}' is not a .csv or .xlsx")],
        0,
    )


def _unreadable(detail: str) -> ImportRejectedError:
    return ImportRejectedError(
        [
            Problem(
                "",
                f"het bestand is onleesbaar ({detail})",
                f"the file is unreadable ({detail})",
            )
        ],
        0,
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_table(data: bytes, fmt: FileFormat) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows (as text) of a CSV or XLSX file; raises ImportRejectedError when the
    file cannot be read at all."""
    if fmt == "xlsx":
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise _unreadable(f"geen geldig XLSX: {exc}") from exc
        sheet = book.worksheets[0]
        table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _unreadable(f"geen UTF-8: {exc}") from exc
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not table or not any(h.strip() for h in table[0]):
        raise _unreadable("geen kopregel")
    header = [h.strip() for h in table[0]]
    while header and not header[-1]:
        header.pop()
    rows: list[dict[str, str]] = []
    for raw in table[1:]:
        if len(raw) > len(header) and any(v.strip() for v in raw[len(header) :]):
            raw = [*raw[: len(header)], "|".join(raw[len(header) :])]
            rows.append({**dict(zip(header, raw, strict=False)), "__extra__": raw[-1]})
            continue
        rows.append(dict(zip(header, raw, strict=False)))
    return header, rows


def write_table(regelingen: Sequence[Regeling], fmt: FileFormat) -> bytes:
    """The register file for ``regelingen`` as CSV (UTF-8 with BOM for spreadsheets) or XLSX."""
    rows = [format_row(r) for r in regelingen]
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "regelingen"
        sheet.append(list(COLUMNS))
        for row in rows:
            # Everything as text so that codes, dates and numbers read back unchanged.
            sheet.append([row[c] for c in COLUMNS])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
