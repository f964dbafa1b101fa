"""Reading and writing the register file format as CSV and XLSX, safely (issue 18).

Reading never trusts the file: an XLSX is checked for its unpacked size and declared dimension
before a cell is read, then streamed read-only with a limit on rows, columns and field length;
formula cells come back as their formula text (never silently empty). A CSV may be UTF-8 (with
or without BOM) or Windows-1252 (Excel on a Dutch Windows machine) with ``,``, ``;`` or tab.

Writing neutralises spreadsheet formulas, following the OWASP advice on CSV injection
(https://owasp.org/www-community/attacks/CSV_Injection): a CSV value that starts with
``= + - @``, a tab or a carriage return gets a leading ``'``, and so does one that already
starts with ``'`` so that reading strips exactly one and the round trip is exact. XLSX cells
are written as text cells, never formulas.
"""

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

__all__ = [
    "MAX_COLUMNS",
    "MAX_FIELD",
    "MAX_ROWS",
    "FileFormat",
    "format_of",
    "read_table",
    "write_table",
]

FileFormat = Literal["csv", "xlsx"]

#: Data rows one import may hold (the register has a few thousand arrangements).
MAX_ROWS = 50_000
#: Columns a row may use (the format has 20).
MAX_COLUMNS = 100
#: Characters in one cell (the longest field, a note, is limited to 10,000 by validation).
MAX_FIELD = 20_000
#: Unpacked size of all parts of an XLSX file together (a zip bomb stops here).
MAX_UNPACKED = 200_000_000
#: Leading characters a spreadsheet would read as the start of a formula (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def _too_big(nl: str, en: str) -> ImportRejectedError:
    return ImportRejectedError([Problem("", nl, en)], 0)


def _xlsx_table(data: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(f"geen geldig XLSX: {exc}") from exc
    if unpacked > MAX_UNPACKED:
        raise _too_big(
            f"het XLSX-bestand is uitgepakt {unpacked // 1_000_000} MB; hoogstens "
            f"{MAX_UNPACKED // 1_000_000} MB",
            f"the XLSX file unpacks to {unpacked // 1_000_000} MB; at most "
            f"{MAX_UNPACKED // 1_000_000} MB",
        )
    try:
        # data_only=False: a formula cell reads as its formula text, not as a cached value
        # that is missing when the file was never recalculated.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _unreadable(f"geen geldig XLSX: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        declared_rows, declared_cols = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows > MAX_ROWS + 1 or declared_cols > MAX_COLUMNS:
            raise _too_big(
                f"het werkblad verklaart {declared_rows} rijen en {declared_cols} kolommen; "
                f"hoogstens {MAX_ROWS} rijen en {MAX_COLUMNS} kolommen",
                f"the sheet declares {declared_rows} rows and {declared_cols} columns; at most "
                f"{MAX_ROWS} rows and {MAX_COLUMNS} columns",
            )
        # Read what is there, not what the dimension claims (it may be missing or wrong).
        sheet.reset_dimensions()
        table: list[list[str]] = []
        for row in sheet.iter_rows(values_only=True):
            if len(table) > MAX_ROWS:
                raise _too_many_rows()
            cells = list(row)
            while cells and cells[-1] is None:
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise _too_big(
                    f"rij {len(table) + 1} heeft {len(cells)} kolommen; hoogstens {MAX_COLUMNS}",
                    f"row {len(table) + 1} has {len(cells)} columns; at most {MAX_COLUMNS}",
                )
            table.append([_cell(v) for v in cells])
    finally:
        book.close()
    return table


def _too_many_rows() -> ImportRejectedError:
    return _too_big(
        f"het bestand heeft meer dan {MAX_ROWS} rijen", f"the file has more than {MAX_ROWS} rows"
    )


def _decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252; anything else is refused."""
    if b"\x00" in data:  # UTF-16/32 or binary: Windows-1252 would "read" it as garbage
        raise _unreadable("geen UTF-8 of Windows-1252 (nul-tekens; UTF-16?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise _unreadable(f"geen UTF-8 of Windows-1252: {utf8_error}") from utf8_error


def _delimiter(text: str) -> str:
    """``,``, ``;`` or tab, sniffed from the first lines; the header decides a tie."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = text.split("\n", 1)[0]
        return max((",", ";", "\t"), key=first.count)


def _csv_table(data: bytes) -> list[list[str]]:
    text = _decode(data)
    delimiter = _delimiter(text)
    table: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(table) > MAX_ROWS:
                raise _too_many_rows()
            if len(row) > MAX_COLUMNS:
                raise _too_big(
                    f"rij {len(table) + 1} heeft {len(row)} kolommen; hoogstens {MAX_COLUMNS}",
                    f"row {len(table) + 1} has {len(row)} columns; at most {MAX_COLUMNS}",
                )
            table.append(row)
    except csv.Error as exc:  # e.g. a field over the csv module's own limit (128 KiB)
        raise _unreadable(f"rij {len(table) + 1}: {exc}") from exc
    return table


def _unescape(value: str) -> str:
    """Undo :func:`_neutralise`: one leading ``'`` before a formula start or a ``'``."""
    if value.startswith("'") and value[1:2] in (*_FORMULA_START, "'"):
        return value[1:]
    return value


def _neutralise(value: str) -> str:
    """OWASP: a leading ``'`` keeps a spreadsheet from reading the value as a formula."""
    if value.startswith((*_FORMULA_START, "'")):
        return "'" + value
    return value


def read_table(data: bytes, fmt: FileFormat) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows (as text) of a CSV or XLSX file; raises ImportRejectedError when the
    file cannot be read at all or passes a limit (rows, columns, field length, size)."""
    table = _xlsx_table(data) if fmt == "xlsx" else _csv_table(data)
    if not table or not any(h.strip() for h in table[0]):
        raise _unreadable("geen kopregel")
    header = [h.strip() for h in table[0]]
    while header and not header[-1]:
        header.pop()
    rows: list[dict[str, str]] = []
    for number, raw in enumerate(table[1:], start=2):
        long = next((i for i, v in enumerate(raw) if len(v) > MAX_FIELD), None)
        if long is not None:
            column = header[long] if long < len(header) else str(long + 1)
            raise ImportRejectedError(
                [
                    Problem(
                        column,
                        f"het veld heeft {len(raw[long])} tekens; hoogstens {MAX_FIELD}",
                        f"the field has {len(raw[long])} characters; at most {MAX_FIELD}",
                        number,
                    )
                ],
                len(table) - 1,
            )
        if fmt == "csv":
            raw = [_unescape(v) for v in raw]
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
        for r, row in enumerate(rows, start=2):
            for c, name in enumerate(COLUMNS, start=1):
                # Text cells, so codes, dates and numbers read back unchanged and a value
                # starting with "=" stays a value instead of becoming a live formula.
                cell = sheet.cell(row=r, column=c, value=row[name])
                cell.data_type = "s"
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _neutralise(v) for k, v in row.items()} for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
