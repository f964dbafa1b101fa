"""Safe file intake and faithful round trips (issue 18): export → import of any valid register
is the identity, formulas are neutralised, Excel's Dutch CSV reads, and hostile files are
refused fast with little memory."""

from __future__ import annotations

import datetime as dt
import io
import resource
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from regiokompas.data import load_dataset
from regiokompas.register import ImportRejectedError, Reference, Regeling, check_rows
from regiokompas.register.forms import VORMEN
from regiokompas.register.model import Deelnemer
from regiokompas.register.validation import validate
from regiokompas.store import read_table
from regiokompas.store._files import MAX_FIELD, write_table

REF = Reference.from_dataset(load_dataset())
CODES = sorted(REF.gemeenten)
TAAKVELDEN = sorted(REF.taakvelden)

# Any character except control characters and surrogates; multi-line fields may hold \n, \t.
_chars = st.characters(blacklist_categories=("Cc", "Cs"))
_line = st.text(_chars, max_size=40).map(str.strip)
_multiline = st.text(st.one_of(_chars, st.sampled_from("\n\t")), max_size=60).map(str.strip)
_amount = st.one_of(
    st.none(),
    st.integers(0, 10**9).map(float),
    st.floats(0, 1e9, allow_nan=False, allow_infinity=False),
)
_date = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
# Values a spreadsheet would read as a formula must survive too.
_tricky = st.sampled_from(["=1+1", "+31 6", "-x", "@SUM(A1)", "'=quoted", "''", "=HYPERLINK()"])


@st.composite
def regelingen(draw: st.DrawFn) -> Regeling:
    naam = draw(st.one_of(_line, _tricky)).strip() or "R"
    codes = draw(st.lists(st.sampled_from(CODES), min_size=0, max_size=4, unique=True))
    others = draw(
        st.lists(
            st.one_of(_line, _tricky)
            .map(lambda s: s.replace(";", "").replace("=", "").strip())
            .filter(lambda s: s and not s.casefold().startswith("overig:")),
            max_size=2,
            unique_by=str.casefold,
        )
    )
    deelnemers = [Deelnemer(c, REF.gemeenten[c], draw(_amount)) for c in codes]
    deelnemers += [Deelnemer("", o, draw(_amount)) for o in others]
    if not deelnemers:
        deelnemers = [Deelnemer(CODES[0], REF.gemeenten[CODES[0]])]
    start, evaluatie = draw(_date), draw(_date)
    if start and evaluatie and evaluatie < start:
        start, evaluatie = evaluatie, start
    override = draw(st.sampled_from([None, "samenwerking", "uitbesteding"]))
    return Regeling(
        naam=naam,
        vorm=draw(st.sampled_from(sorted(VORMEN))),
        deelnemers=tuple(deelnemers),
        taakvelden=tuple(draw(st.lists(st.sampled_from(TAAKVELDEN), max_size=3, unique=True))),
        begroting_keur=draw(_amount),
        startdatum=start,
        evaluatiedatum=evaluatie,
        uittredingsvoorwaarden=draw(_multiline),
        zienswijzerecht=draw(st.booleans()),
        gezamenlijke_raadscommissie=draw(st.booleans()),
        gezamenlijk_bestuur=draw(st.booleans()),
        bron=draw(st.one_of(_line, _tricky)),
        bron_datum=draw(_date),
        historisch=draw(st.booleans()),
        te_verifieren=draw(st.booleans()),
        classificatie_override=override,
        override_reden=(draw(_multiline) or "reden") if override else "",
        opmerking=draw(st.one_of(_multiline, _tricky)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(regelingen(), min_size=1, max_size=5, unique_by=lambda r: r.naam.casefold()))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_import_is_the_identity(fmt: str, records: list[Regeling]) -> None:
    names = {" ".join(r.naam.casefold().split()) for r in records}
    if len(names) < len(records):
        return  # two names equal after normalising: not a valid register
    for r in records:
        assert validate(r, REF) == [], validate(r, REF)
    data = write_table(records, fmt)  # type: ignore[arg-type]
    header, rows = read_table(data, fmt)  # type: ignore[arg-type]
    report = check_rows(header, rows, REF)
    assert report.ok, report.problems
    assert [r for _, r in report.regelingen] == records


def test_formulas_neutralised_on_csv_export() -> None:
    record = Regeling('=HYPERLINK("x")', "convenant", (Deelnemer("GM0513", "Gouda"),))
    text = write_table([record], "csv").decode("utf-8-sig")
    assert "\n,'=HYPERLINK(x)" in text.replace('"', "")
    book = load_workbook(io.BytesIO(write_table([record], "xlsx")))
    sheet = book.worksheets[0]
    cell = sheet.cell(row=2, column=2)
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"  # text, not a formula


def test_formula_cells_read_as_their_text() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["naam", "vorm", "deelnemers", "bron", "opmerking"])
    sheet.append(["Afval", "convenant", "GM0513", '=A2&" bron"', "=1+1"])
    out = io.BytesIO()
    book.save(out)
    header, rows = read_table(out.getvalue(), "xlsx")
    assert rows[0]["bron"] == '=A2&" bron"' and rows[0]["opmerking"] == "=1+1"


def test_dutch_excel_csv_windows_1252_semicolons() -> None:
    data = "naam;vorm;deelnemers;opmerking\nRégio Zuid;convenant;GM0513;café € 5\n".encode("cp1252")
    header, rows = read_table(data, "csv")
    report = check_rows(header, rows, REF)
    assert report.ok, report.problems
    assert report.regelingen[0][1].naam == "Régio Zuid"
    assert report.regelingen[0][1].opmerking == "café € 5"


def test_control_characters_and_infinity_are_field_errors() -> None:
    data = b"naam,vorm,deelnemers,opmerking,begroting_keur\nA,convenant,GM0513,x\x07y,1e999\n"
    header, rows = read_table(data, "csv")
    report = check_rows(header, rows, REF)
    assert sorted(p.veld for p in report.problems) == ["begroting_keur", "opmerking"]
    assert any("U+0007" in p.nl for p in report.problems)
    infinite = Regeling("B", "convenant", (Deelnemer("GM0513"),), begroting_keur=float("inf"))
    assert [p.veld for p in validate(infinite, REF)] == ["begroting_keur"]
    long_note = Regeling("C", "convenant", (Deelnemer("GM0513"),), opmerking="x" * 10_001)
    assert [p.veld for p in validate(long_note, REF)] == ["opmerking"]


def test_long_csv_field_is_a_clear_refusal() -> None:
    data = b"naam,vorm,deelnemers,opmerking\nA,convenant,GM0513," + b"x" * 200_000 + b"\n"
    with pytest.raises(ImportRejectedError) as info:
        read_table(data, "csv")
    assert info.value.problems[0].veld in ("opmerking", "")
    data = b"naam,vorm,deelnemers,opmerking\nA,convenant,GM0513," + b"x" * (MAX_FIELD + 1)
    with pytest.raises(ImportRejectedError) as info:
        read_table(data, "csv")
    assert (info.value.problems[0].veld, info.value.problems[0].rij) == ("opmerking", 2)


def _dimension_bomb() -> bytes:
    """A valid one-cell workbook whose sheet declares the dimension A1:XFD1048576."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["naam"])
    out = io.BytesIO()
    book.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'"A1:A1"', b'"A1:XFD1048576"', 1)
                assert b"XFD1048576" in data
            target.writestr(info, data)
    return bomb.getvalue()


def test_dimension_bomb_refused_fast_with_little_memory() -> None:
    bomb = _dimension_bomb()
    assert len(bomb) < 10_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(ImportRejectedError) as info:
        read_table(bomb, "xlsx")
    assert time.perf_counter() - start < 1.0
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100_000
    assert "1048576 rijen" in info.value.problems[0].nl


def test_many_real_rows_refused_by_count() -> None:
    from regiokompas.store import _files

    lines = ["naam,vorm,deelnemers"] + [f"R{i},convenant,GM0513" for i in range(30)]
    old = _files.MAX_ROWS
    _files.MAX_ROWS = 20
    try:
        with pytest.raises(ImportRejectedError) as info:
            read_table("\n".join(lines).encode(), "csv")
    finally:
        _files.MAX_ROWS = old
    assert "meer dan 20 rijen" in info.value.problems[0].nl
