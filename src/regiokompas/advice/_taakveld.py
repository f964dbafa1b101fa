"""One parser for taakvelden as users type them, shared by CLI, API and pages.

Users write ``0.4``, ``0,4`` (Dutch decimal comma), ``6.7`` (the comparable series of the
social domain: 6.71–6.79 were split over the years, so Regiokompas compares them as one
series) or ``6.71`` (a single taakveld of that series). Every form resolves to the series
(reeks) the cost model and the savings engine count in, with a note where the user's code is
counted in a wider series.

>>> from regiokompas.data import load_dataset
>>> ds = load_dataset()
>>> parse_taakveld(ds, "0,4").reeks
'0.4'
>>> t = parse_taakveld(ds, "6.71")
>>> t.reeks, t.notitie
('6.7', 'Taakveld 6.71 telt mee in reeks 6.7 (Maatwerkdienstverlening 18+ en 18-, jeugdhulp).')
>>> parse_taakveld(ds, " 6.7 ").omschrijving
'Maatwerkdienstverlening 18+ en 18-, jeugdhulp'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regiokompas.costs import UnknownTaakveldError
from regiokompas.data import Dataset

__all__ = ["SERIES_NAMES", "ParsedTaakveld", "parse_taakveld", "parse_taakvelden", "series_name"]

#: Names of series that merge several taakvelden (the first taakveld's name would undersell
#: them). Source: CBS Iv3 taakveldenlijst; the merge is Regiokompas's (docs/data.md).
SERIES_NAMES: dict[str, str] = {"6.7": "Maatwerkdienstverlening 18+ en 18-, jeugdhulp"}

_CODE = re.compile(r"^\d{1,2}([.,]\d{1,2})?$")


@dataclass(frozen=True)
class ParsedTaakveld:
    """A taakveld as typed (``invoer``), the code it means, its series and a note."""

    invoer: str
    taakveld: str
    reeks: str
    omschrijving: str
    notitie: str = ""


def series_name(ds: Dataset, reeks: str) -> str:
    """The Dutch name of a series: a merged series by its own name, else the taakveld's."""
    if reeks in SERIES_NAMES:
        return SERIES_NAMES[reeks]
    table = ds.taakvelden
    hit = table.loc[table["taakveld"] == reeks, "omschrijving"]
    if len(hit):
        return str(hit.iloc[0])
    hit = table.loc[table["reeks"] == reeks, "omschrijving"]
    return str(hit.iloc[0]) if len(hit) else ""


def _known(ds: Dataset) -> list[str]:
    def key(code: str) -> tuple[int, ...]:
        return tuple(int(p) for p in code.split(".") if p.isdigit())

    return sorted(set(ds.taakvelden["reeks"]) | set(ds.taakvelden["taakveld"]), key=key)


def parse_taakveld(ds: Dataset, text: str) -> ParsedTaakveld:
    """Resolve one code as typed; raises :class:`~regiokompas.costs.UnknownTaakveldError`."""
    raw = str(text).strip()
    code = raw.replace(",", ".").replace(" ", "")
    if not _CODE.match(raw.replace(" ", "")):
        raise UnknownTaakveldError(raw, _known(ds))
    table = ds.taakvelden
    if code in set(table["reeks"]):
        return ParsedTaakveld(raw, code, code, series_name(ds, code))
    hit = table.loc[table["taakveld"] == code]
    if not len(hit):
        raise UnknownTaakveldError(raw, _known(ds))
    reeks = str(hit["reeks"].iloc[0])
    name = series_name(ds, reeks)
    note = f"Taakveld {code} telt mee in reeks {reeks} ({name})." if reeks != code else ""
    return ParsedTaakveld(raw, code, reeks, name, note)


def parse_taakvelden(ds: Dataset, text: str | list[str] | tuple[str, ...]) -> list[ParsedTaakveld]:
    """Several codes, separated by ``;`` or spaces (a comma between codes works too when
    every part is a whole taakveld code: ``0.4, 7.3``); duplicates of a series kept once.

    >>> from regiokompas.data import load_dataset
    >>> [t.reeks for t in parse_taakvelden(load_dataset(), "0,4; 7.3 6.72")]
    ['0.4', '7.3', '6.7']
    """
    items = [text] if isinstance(text, str) else list(text)
    parts: list[str] = []
    for item in items:
        # "0,4" is one code with a decimal comma; "0.4,7.3" or "0.4, 7.3" are two codes.
        for chunk in re.split(r"[;\s]+|,(?=\s)|(?<=\.\d),(?=\d+\.)|(?<=\.\d\d),(?=\d+\.)", item):
            if chunk.strip():
                parts.append(chunk.strip())
    out: list[ParsedTaakveld] = []
    for part in parts:
        parsed = parse_taakveld(ds, part)
        if parsed.reeks not in {p.reeks for p in out}:
            out.append(parsed)
    return out
