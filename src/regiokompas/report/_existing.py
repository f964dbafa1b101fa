"""Existing arrangements of the gemeente, from the register (issue 8's pure module).

The adapters may pass the register's current records (``ChapterOptions.regelingen``);
otherwise the seed records shipped with :mod:`regiokompas.register` are read (CBS
Gebiedsindelingen 2024, Open State Foundation GR 2016, BZK regioatlas 2016; the 2016 ones
historical and to be verified). The register is imported lazily: without it the chapter says
that the inventory is not available.
"""

from __future__ import annotations

import csv
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regiokompas.data import Dataset
from regiokompas.i18n import N_
from regiokompas.report._format import num
from regiokompas.report._i18n import _, ngettext
from regiokompas.report._model import Block, Cell, Num, Paragraph, Table

__all__ = ["Existing", "existing_arrangements", "existing_blocks", "existing_tables"]

_MAX_ROWS = 30

#: The register's classes (register.KLASSEN) and the unknown source year, as the table shows them.
_WORDS = (N_("samenwerking"), N_("uitbesteding"), N_("onbekend"))


def _vorm(vorm: str, lang: str) -> str:
    """A register form as the table shows it: the code in Dutch ("wgr onbekend"), the
    register's English label in English ("Joint arrangement (Wgr), form not recorded")."""
    if lang == "nl":
        return vorm
    from regiokompas.register import VORMEN

    known = VORMEN.get(vorm.replace(" ", "_"))
    return vorm if known is None else known.name_en


@dataclass(frozen=True)
class Existing:
    """What the register says about one gemeente's current arrangements."""

    regelingen: int
    historisch: int
    te_verifieren: int
    samenwerking: int
    uitbesteding: int
    partnersets: int
    index: float | None
    rows: tuple[tuple[str, str, str, int, str], ...]  # naam, vorm, klasse, gemeenten, bron
    partners: tuple[tuple[str, int, str], ...]  # naam, aantal regelingen, taakvelden
    bron: str
    jaar: int
    onbekend: int = 0  # classification undecided: never counted as samenwerking or uitbesteding


def _register() -> Any | None:
    try:
        module = importlib.import_module("regiokompas.register")
    except ImportError:
        return None
    needed = (
        "congruence",
        "existing_partners",
        "regelingen_of",
        "classify",
        "check_rows",
        "Reference",
    )
    return module if all(hasattr(module, n) for n in needed) else None


#: Parsed seed records per bundle folder (the seed depends only on the gemeente list).
_SEED_CACHE: dict[Path, tuple[Any, ...]] = {}


def _seed_records(ds: Dataset, register: Any) -> tuple[Any, ...]:
    if ds.folder not in _SEED_CACHE:
        ref = register.Reference.from_dataset(ds)
        out: list[Any] = []
        for path in sorted((Path(register.__file__).parent / "seed_data").glob("*.csv")):
            with open(path, encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                rows = list(reader)
            report = register.check_rows(reader.fieldnames or [], rows, ref)
            out.extend(regeling for _, regeling in report.regelingen)
        _SEED_CACHE[ds.folder] = tuple(out)
    return _SEED_CACHE[ds.folder]


def existing_arrangements(
    ds: Dataset, code: str, regelingen: Sequence[Any] | None = None
) -> Existing | None:
    """The gemeente's arrangements and congruence, or None when the register is missing."""
    register = _register()
    if register is None:
        return None
    records = tuple(regelingen) if regelingen is not None else _seed_records(ds, register)
    own = register.regelingen_of(code, records)
    if not own:
        return None
    congruence = register.congruence(code, records)
    classes = [register.classify(r).klasse for r in own]
    names = ds.gemeenten.set_index("gm_code")["naam"]
    years = [r.bron_datum.year for r in own if r.bron_datum is not None]
    sources = sorted({r.bron.split(",")[0].split(";")[0].strip() for r in own if r.bron})
    rows = tuple(
        (
            str(r.naam),
            str(r.vorm).replace("_", " "),
            klasse,
            len(r.gemeenten),
            str(r.bron_datum.year) if r.bron_datum is not None else "onbekend",
        )
        for r, klasse in sorted(
            zip(own, classes, strict=True), key=lambda rk: (-len(rk[0].gemeenten), rk[0].naam)
        )
    )
    partners = tuple(
        (str(names.get(p.code, p.code)), int(p.aantal), ", ".join(p.taakvelden) or "–")
        for p in register.existing_partners(code, records)[:8]
    )
    return Existing(
        regelingen=len(own),
        historisch=sum(1 for r in own if r.historisch),
        te_verifieren=sum(1 for r in own if r.te_verifieren),
        samenwerking=classes.count("samenwerking"),
        uitbesteding=classes.count("uitbesteding"),
        partnersets=int(congruence.partnersets),
        index=congruence.index,
        rows=rows,
        partners=partners,
        bron="Register Regiokompas (" + "; ".join(sources) + ")",
        jaar=max(years) if years else 0,
        onbekend=classes.count("onbekend"),
    )


def existing_blocks(naam: str, ex: Existing, lang: str = "nl") -> list[Block]:
    """One paragraph: how many arrangements, partner sets and of which kind (the body)."""
    bron, jaar = ex.bron, ex.jaar or None

    def count(value: int, key: str) -> Num:
        return num(value, "regelingen", bron, jaar, f"register.{key}", lang=lang)

    return [
        Paragraph(
            (
                _("Volgens het register neemt {naam} deel aan ", lang).format(naam=naam),
                count(ex.regelingen, "regelingen"),
                ngettext(
                    " regeling met andere gemeenten, in ",
                    " regelingen met andere gemeenten, in ",
                    ex.regelingen,
                    lang,
                ),
                num(ex.partnersets, "partnersets", bron, jaar, "register.partnersets", lang=lang),
                ngettext(
                    " samenstelling van partners. Daarvan zijn ",
                    " verschillende samenstellingen van partners. Daarvan zijn ",
                    ex.partnersets,
                    lang,
                ),
                count(ex.samenwerking, "samenwerking"),
                _(" echte samenwerking, ", lang),
                count(ex.uitbesteding, "uitbesteding"),
                _(" uitbesteding en ", lang),
                count(ex.onbekend, "onbekend"),
                _(" nog onbekend (gedeeld bestuur niet aangetoond); ", lang),
                count(ex.te_verifieren, "te_verifieren"),
                ngettext(
                    " moet nog worden nagelopen. Het register is een startpunt, geen eindoordeel.",
                    " moeten nog worden nagelopen. Het register is een startpunt, geen "
                    "eindoordeel.",
                    ex.te_verifieren,
                    lang,
                ),
            )
        ),
    ]


def existing_tables(ex: Existing, lang: str = "nl") -> list[Block]:
    """The arrangements and the most frequent partners as tables (for the appendix)."""
    bron, jaar = ex.bron, ex.jaar or None
    blocks: list[Block] = []
    shown = ex.rows[:_MAX_ROWS]
    rows: list[tuple[Cell, ...]] = [
        (
            n,
            _vorm(vorm, lang),
            _(klasse, lang),
            num(k, "gemeenten", bron, jaar, f"register.regeling.{i}.gemeenten", lang=lang),
            _(bronjaar, lang),
        )
        for i, (n, vorm, klasse, k, bronjaar) in enumerate(shown)
    ]
    left_out = len(ex.rows) - len(shown)
    more = (
        ngettext(
            " De kleinste is weggelaten.", " De {n} kleinste zijn weggelaten.", left_out, lang
        ).format(n=left_out)
        if left_out
        else ""
    )
    blocks.append(
        Table(
            _("Bestaande samenwerkingsverbanden volgens het register", lang),
            (
                _("Regeling", lang),
                _("Vorm", lang),
                _("Klasse", lang),
                _("Gemeenten", lang),
                _("Bronjaar", lang),
            ),
            tuple(rows),
            bron + "." + more,
            frozenset({3}),
        )
    )
    if ex.partners:
        blocks.append(
            Table(
                _("Met wie de gemeente nu al het vaakst samenwerkt", lang),
                (_("Gemeente", lang), _("Regelingen", lang), _("Taakvelden", lang)),
                tuple(
                    (p, num(k, "regelingen", bron, jaar, f"register.partner.{i}", lang=lang), tv)
                    for i, (p, k, tv) in enumerate(ex.partners)
                ),
                bron,
                frozenset({1}),
            )
        )
    return blocks
