"""The register's file format (one row per arrangement) and the all-or-nothing check of an
import: every row is parsed and validated first, and a per-row report comes back.

Columns (``COLUMNS``; ``naam``, ``vorm`` and ``deelnemers`` are required, the rest optional):
``deelnemers`` is a ``;``-separated list; each entry is a gemeente (code or name, 2023
division) or ``overig:<name>`` for another body, optionally followed by ``=<bijdrage k€>``.
``taakvelden`` is a ``;``-separated list of Iv3 codes. Dates are ``JJJJ-MM-DD``; yes/no
fields take ``ja``/``nee``. ``id`` and ``classificatie`` are written on export for
readers and ignored on import (the database assigns ids; the class is recomputed).

>>> from regiokompas.register.validation import Reference
>>> ref = Reference(gemeenten={"GM0363": "Amsterdam", "GM0362": "Amstelveen"}, taakvelden={"7.3"})
>>> rows = [{"naam": "Afval", "vorm": "openbaar_lichaam", "deelnemers": "GM0363=10;GM0362",
...          "taakvelden": "7.3"}]
>>> report = check_rows(["naam", "vorm", "deelnemers", "taakvelden"], rows, ref)
>>> report.ok, report.regelingen[0][1].deelnemers[0].bijdrage_keur
(True, 10.0)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from regiokompas.data import RegiokompasError
from regiokompas.register._errors import Problem
from regiokompas.register.classify import classify
from regiokompas.register.model import Deelnemer, Regeling
from regiokompas.register.validation import Reference, validate

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "ImportReport",
    "check_rows",
    "format_row",
    "normalise_name",
    "parse_row",
]

COLUMNS: tuple[str, ...] = (
    "id",
    "naam",
    "vorm",
    "classificatie",
    "deelnemers",
    "taakvelden",
    "begroting_keur",
    "startdatum",
    "evaluatiedatum",
    "uittredingsvoorwaarden",
    "zienswijzerecht",
    "gezamenlijke_raadscommissie",
    "gezamenlijk_bestuur",
    "bron",
    "bron_datum",
    "historisch",
    "te_verifieren",
    "classificatie_override",
    "override_reden",
    "opmerking",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("naam", "vorm", "deelnemers")
_BOOLEANS = (
    "zienswijzerecht",
    "gezamenlijke_raadscommissie",
    "gezamenlijk_bestuur",
    "historisch",
    "te_verifieren",
)
_TRUE = {"ja", "j", "true", "waar", "1", "yes", "y"}
_FALSE = {"nee", "n", "false", "onwaar", "0", "no", ""}
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


def normalise_name(naam: str) -> str:
    """The key under which two names count as the same arrangement (case, spaces)."""
    return " ".join(naam.casefold().split())


def _number(text: str) -> float:
    value = text.strip()
    if not _NUMBER.match(value):
        raise ValueError(value)
    return float(value.replace(",", "."))


def _format_number(value: float | None) -> str:
    if value is None:
        return ""
    # Shortest text that reads back to the same float, never in exponent notation.
    return format(Decimal(repr(float(value))).normalize(), "f")


def parse_row(
    row: Mapping[str, str], ref: Reference, rij: int | None
) -> tuple[Regeling | None, list[Problem]]:
    """Parse one file row into a :class:`Regeling` and validate it; problems name ``rij``
    (None for a web form)."""
    problems: list[Problem] = []

    def bad(veld: str, nl: str, en: str) -> None:
        problems.append(Problem(veld, nl, en, rij))

    def get(name: str) -> str:
        return (row.get(name) or "").strip()

    deelnemers: list[Deelnemer] = []
    for entry in (e.strip() for e in get("deelnemers").split(";")):
        if not entry:
            continue
        who, _, amount = entry.partition("=")
        bijdrage: float | None = None
        if amount.strip():
            try:
                bijdrage = _number(amount)
            except ValueError:
                bad(
                    "deelnemers",
                    f"bijdrage '{amount.strip()}' is geen getal",
                    f"contribution '{amount.strip()}' is not a number",
                )
        who = who.strip()
        if who.casefold().startswith("overig:"):
            deelnemers.append(Deelnemer("", who[7:].strip(), bijdrage))
            continue
        try:
            code = ref.resolve(who)
        except RegiokompasError as exc:
            bad(
                "deelnemers",
                f"onbekende gemeente '{who}' ({exc.nl})",
                f"unknown gemeente '{who}' ({exc.en})",
            )
            continue
        deelnemers.append(Deelnemer(code, ref.gemeenten.get(code, ""), bijdrage))

    dates: dict[str, dt.date | None] = {}
    for name in ("startdatum", "evaluatiedatum", "bron_datum"):
        text = get(name)
        dates[name] = None
        if text:
            try:
                dates[name] = dt.date.fromisoformat(text)
            except ValueError:
                bad(
                    name,
                    f"'{text}' is geen datum (JJJJ-MM-DD)",
                    f"'{text}' is not a date (YYYY-MM-DD)",
                )
    flags: dict[str, bool] = {}
    for name in _BOOLEANS:
        text = get(name).casefold()
        flags[name] = text in _TRUE
        if text not in _TRUE and text not in _FALSE:
            bad(name, f"'{get(name)}' is geen ja/nee", f"'{get(name)}' is not yes/no (ja/nee)")
    begroting: float | None = None
    if get("begroting_keur"):
        try:
            begroting = _number(get("begroting_keur"))
        except ValueError:
            bad(
                "begroting_keur",
                f"'{get('begroting_keur')}' is geen getal",
                f"'{get('begroting_keur')}' is not a number",
            )
    regeling = Regeling(
        naam=get("naam"),
        vorm=get("vorm"),
        deelnemers=tuple(deelnemers),
        taakvelden=tuple(t.strip() for t in get("taakvelden").split(";") if t.strip()),
        begroting_keur=begroting,
        startdatum=dates["startdatum"],
        evaluatiedatum=dates["evaluatiedatum"],
        uittredingsvoorwaarden=get("uittredingsvoorwaarden"),
        bron=get("bron"),
        bron_datum=dates["bron_datum"],
        classificatie_override=get("classificatie_override") or None,
        override_reden=get("override_reden"),
        opmerking=get("opmerking"),
        **flags,
    )
    problems.extend(validate(regeling, ref, rij))
    return (None if problems else regeling), problems


def format_row(regeling: Regeling) -> dict[str, str]:
    """One file row for ``regeling``; :func:`parse_row` reads it back to an equal record."""

    def deelnemer(d: Deelnemer) -> str:
        who = d.code if d.is_gemeente else f"overig:{d.naam}"
        return who if d.bijdrage_keur is None else f"{who}={_format_number(d.bijdrage_keur)}"

    def date(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    row = {
        "id": "" if regeling.id is None else str(regeling.id),
        "naam": regeling.naam,
        "vorm": regeling.vorm,
        "classificatie": classify(regeling).klasse,
        "deelnemers": ";".join(deelnemer(d) for d in regeling.deelnemers),
        "taakvelden": ";".join(regeling.taakvelden),
        "begroting_keur": _format_number(regeling.begroting_keur),
        "startdatum": date(regeling.startdatum),
        "evaluatiedatum": date(regeling.evaluatiedatum),
        "uittredingsvoorwaarden": regeling.uittredingsvoorwaarden,
        "bron": regeling.bron,
        "bron_datum": date(regeling.bron_datum),
        "classificatie_override": regeling.classificatie_override or "",
        "override_reden": regeling.override_reden,
        "opmerking": regeling.opmerking,
    }
    for name in _BOOLEANS:
        row[name] = "ja" if getattr(regeling, name) else "nee"
    return {c: row[c] for c in COLUMNS}


@dataclass
class ImportReport:
    """The outcome of checking an import file: parsed records with their row numbers and
    every problem; ``ok`` only when there is no problem at all."""

    rows: int = 0
    regelingen: list[tuple[int, Regeling]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: After writing: records added, updated in place, and matched without a change.
    nieuw: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0

    @property
    def ok(self) -> bool:
        """True when the whole file may be written."""
        return not self.problems


def check_rows(
    header: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    ref: Reference,
    existing_names: Collection[str] = (),
) -> ImportReport:
    """Check a whole file: columns, then each row (data rows start at row 2, below the
    header), then duplicates within the file and against ``existing_names`` (normalised
    names of active arrangements already in the register)."""
    report = ImportReport(rows=len(rows))
    columns = [h.strip() for h in header]
    unknown = [c for c in columns if c not in COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    doubled = sorted({c for c in columns if columns.count(c) > 1})
    if unknown:
        report.problems.append(
            Problem(
                "kolommen",
                f"onbekende kolom(men) {', '.join(unknown)}; toegestaan: {', '.join(COLUMNS)}",
                f"unknown column(s) {', '.join(unknown)}; allowed: {', '.join(COLUMNS)}",
                1,
            )
        )
    if missing:
        report.problems.append(
            Problem(
                "kolommen",
                f"verplichte kolom(men) ontbreken: {', '.join(missing)}",
                f"required column(s) missing: {', '.join(missing)}",
                1,
            )
        )
    if doubled:
        report.problems.append(
            Problem(
                "kolommen",
                f"dubbele kolom(men): {', '.join(doubled)}",
                f"duplicate column(s): {', '.join(doubled)}",
                1,
            )
        )
    if report.problems:
        return report
    existing = {normalise_name(n) for n in existing_names}
    first_row: dict[str, int] = {}
    for index, row in enumerate(rows):
        rij = index + 2
        if not any((v or "").strip() for v in row.values()):
            continue
        regeling, problems = parse_row(row, ref, rij)
        report.problems.extend(problems)
        if "__extra__" in row:
            report.problems.append(
                Problem(
                    "kolommen",
                    "de rij heeft meer cellen dan de kopregel",
                    "the row has more cells than the header",
                    rij,
                )
            )
        key = normalise_name(row.get("naam") or "")
        if key and key in first_row:
            report.problems.append(
                Problem(
                    "naam",
                    f"dubbele regeling: dezelfde naam als rij {first_row[key]}",
                    f"duplicate arrangement: same name as row {first_row[key]}",
                    rij,
                )
            )
        elif key and key in existing:
            report.problems.append(
                Problem(
                    "naam",
                    "dubbele regeling: een regeling met deze naam staat al in het register",
                    "duplicate arrangement: an arrangement with this name is already registered",
                    rij,
                )
            )
        if key:
            first_row.setdefault(key, rij)
        if regeling is not None:
            report.regelingen.append((rij, regeling))
    if report.problems:
        report.regelingen.clear()
    return report
