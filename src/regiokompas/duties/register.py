"""The register of legal duties to cooperate: an editable CSV in the package, read and checked.

Each row cites a law and an article as published on wetten.overheid.nl, with its status (in
force, or a bill with its Kamerstuk number), the taakvelden it concerns, the region layer the
law points to, whether cooperation is required (``ja``) or left to the gemeente (``keuze``),
the form, and what was verified. A row without law, article or status is refused: a duty
without a source is not shipped.

>>> duties = load_duties()
>>> [d.id for d in duties][:2]
['veiligheidsregio', 'ggd']
>>> duties[0].bron_tekst
"Wet veiligheidsregio's, artikel 8 en 9"
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from regiokompas.data import DataFileError
from regiokompas.i18n import N_, gettext

__all__ = ["COLUMNS", "DUTY_FILE", "STATUSES", "VERPLICHT", "Duty", "load_duties", "parse_duties"]

DUTY_FILE = "plichten.csv"
COLUMNS: tuple[str, ...] = (
    "id",
    "wet",
    "artikel",
    "status",
    "sinds",
    "kamerstuk",
    "taakvelden",
    "regiotype",
    "verplicht",
    "vorm",
    "kenmerken",
    "bron_url",
    "geverifieerd",
    "toelichting",
)
#: in_werking: law in force; wetsvoorstel: a bill before parliament (needs its Kamerstuk).
STATUSES: dict[str, str] = {"in_werking": "in werking", "wetsvoorstel": "wetsvoorstel"}
#: ja: the law requires cooperation; keuze: the law sets the task, the gemeente chooses how.
VERPLICHT: dict[str, str] = {
    "ja": N_("verplicht"),
    "keuze": N_("wettelijke taak, samenwerking en vorm kiest de gemeente"),
}
#: The status of a duty as shown (see :meth:`Duty.status_in`).
_BILL = N_("wetsvoorstel (Kamerstuk {kamerstuk})")
_IN_FORCE_SINCE = N_("in werking sinds {datum}")
_IN_FORCE = N_("in werking")


@dataclass(frozen=True)
class Duty:
    """One legal duty (or a task the law leaves to the gemeente's choice)."""

    id: str
    wet: str
    artikel: str
    status: str
    sinds: dt.date | None
    kamerstuk: str
    taakvelden: tuple[str, ...]
    regiotype: str
    verplicht: str
    vorm: str
    kenmerken: tuple[str, ...]
    bron_url: str
    geverifieerd: str
    toelichting: str

    @property
    def bron_tekst(self) -> str:
        """Law and article as a citation, e.g. "Wet publieke gezondheid, artikel 14"."""
        return f"{self.wet}, {self.artikel}"

    @property
    def status_tekst(self) -> str:
        """The status in Dutch, with the date in force or the Kamerstuk number."""
        return self.status_in("nl")

    def status_in(self, language: str) -> str:
        """The status in ``language``: "in werking sinds 1-1-2015" / "in force since 1-1-2015".

        >>> import datetime as dt
        >>> duty = Duty("x", "Jeugdwet", "artikel 2.8", "in_werking", dt.date(2015, 1, 1),
        ...             "", (), "", "ja", "", (), "", "", "")
        >>> duty.status_tekst, duty.status_in("en")
        ('in werking sinds 1-1-2015', 'in force since 1-1-2015')
        """
        if self.status == "wetsvoorstel":
            return gettext(_BILL, language).format(kamerstuk=self.kamerstuk)
        if self.sinds is not None:
            datum = f"{self.sinds.day}-{self.sinds.month}-{self.sinds.year}"
            return gettext(_IN_FORCE_SINCE, language).format(datum=datum)
        return gettext(_IN_FORCE, language)

    @property
    def required(self) -> bool:
        """True when the law itself requires cooperation (not just the task)."""
        return self.verplicht == "ja"


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def _parse_row(row: dict[str, str], line: int, where: str) -> Duty:
    def fail(nl: str, en: str) -> DataFileError:
        return DataFileError(where, f"regel {line}: {nl}", f"line {line}: {en}")

    values = {k: (row.get(k) or "").strip() for k in COLUMNS}
    for column in ("id", "wet", "artikel", "status", "bron_url", "geverifieerd"):
        if not values[column]:
            raise fail(
                f"'{column}' ontbreekt; een plicht zonder bron wordt niet opgenomen",
                f"'{column}' is missing; a duty without a source is not shipped",
            )
    if values["status"] not in STATUSES:
        raise fail(
            f"status '{values['status']}' is onbekend (kies {', '.join(STATUSES)})",
            f"unknown status '{values['status']}' (choose {', '.join(STATUSES)})",
        )
    if values["status"] == "wetsvoorstel" and not values["kamerstuk"]:
        raise fail(
            "een wetsvoorstel heeft een Kamerstuknummer nodig",
            "a bill needs its Kamerstuk number",
        )
    if values["verplicht"] not in VERPLICHT:
        raise fail(
            f"verplicht '{values['verplicht']}' is onbekend (kies {', '.join(VERPLICHT)})",
            f"unknown verplicht '{values['verplicht']}' (choose {', '.join(VERPLICHT)})",
        )
    taakvelden = _split(values["taakvelden"])
    if not taakvelden:
        raise fail("geen taakvelden", "no taakvelden")
    try:
        sinds = dt.date.fromisoformat(values["sinds"]) if values["sinds"] else None
    except ValueError as exc:
        raise fail(f"datum 'sinds' ongeldig: {exc}", f"invalid date 'sinds': {exc}") from exc
    return Duty(
        id=values["id"],
        wet=values["wet"],
        artikel=values["artikel"],
        status=values["status"],
        sinds=sinds,
        kamerstuk=values["kamerstuk"],
        taakvelden=taakvelden,
        regiotype=values["regiotype"],
        verplicht=values["verplicht"],
        vorm=values["vorm"],
        kenmerken=tuple(k.lower() for k in _split(values["kenmerken"])),
        bron_url=values["bron_url"],
        geverifieerd=values["geverifieerd"],
        toelichting=values["toelichting"],
    )


def parse_duties(text: str, where: str = DUTY_FILE) -> tuple[Duty, ...]:
    """Parse the CSV ``text`` of a duty register; raises :class:`DataFileError` on a bad row."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(
            where, f"mist de kolommen {', '.join(missing)}", f"lacks the columns {missing}"
        )
    duties = tuple(_parse_row(row, i + 2, where) for i, row in enumerate(reader))
    ids = [d.id for d in duties]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataFileError(
            where, f"dubbele id's: {', '.join(duplicates)}", f"duplicate ids: {duplicates}"
        )
    return duties


def load_duties(path: Path | None = None) -> tuple[Duty, ...]:
    """The duty register: ``path`` if given, else the file shipped in the package."""
    if path is not None:
        return parse_duties(path.read_text(encoding="utf-8"), str(path))
    text = (resources.files("regiokompas.duties") / "data" / DUTY_FILE).read_text("utf-8")
    return parse_duties(text)
