"""The shipped seed records as domain objects, without a database: for the partner finder,
the chapter and anyone who wants the existing arrangements when no register is configured.

>>> from regiokompas.data import load_dataset
>>> from regiokompas.register import congruence
>>> records = seed_regelingen(load_dataset())
>>> congruence("GM0513", [r for r in records if not r.historisch]).regelingen
5
"""

from __future__ import annotations

import csv
from pathlib import Path

from regiokompas.data import DataFileError, Dataset
from regiokompas.register.model import Regeling
from regiokompas.register.rows import check_rows
from regiokompas.register.validation import Reference

__all__ = ["seed_files", "seed_regelingen"]


def seed_files() -> list[Path]:
    """The derived seed CSVs shipped in ``regiokompas/register/seed_data``."""
    return sorted(Path(__file__).with_name("seed_data").glob("*.csv"))


_CACHE: dict[Path, tuple[Regeling, ...]] = {}


def _load(ref: Reference) -> tuple[Regeling, ...]:
    out: list[Regeling] = []
    for path in seed_files():
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        report = check_rows(list(reader.fieldnames or []), rows, ref)
        if not report.ok:
            first = report.problems[0]
            raise DataFileError(str(path), first.message("nl"), first.message("en"))
        out.extend(regeling for _, regeling in report.regelingen)
    return tuple(out)


def seed_regelingen(ds: Dataset) -> tuple[Regeling, ...]:
    """All seed records (2024 regions; 2016 GRs and regioatlas, flagged historic), parsed
    and validated against ``ds`` (cached per bundle folder)."""
    if ds.folder not in _CACHE:
        _CACHE[ds.folder] = _load(Reference.from_dataset(ds))
    return _CACHE[ds.folder]
