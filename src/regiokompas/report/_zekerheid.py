"""Appendix 'Hoe zeker zijn we': the merger back-test of the savings model, in the chapter.

The numbers come from :func:`regiokompas.savings.backtest.backtest`; this module only turns
them into chapter blocks (the web page ``/hoe-zeker`` shows the same rows).
"""

from __future__ import annotations

from regiokompas.data import Dataset
from regiokompas.report._model import Block, Paragraph, Section, Table
from regiokompas.savings.backtest import BACKTEST_MODES, backtest, uitleg

__all__ = ["zekerheid_section"]


def _pct(value: float) -> str:
    return f"{100 * value:+.1f}".replace(".", ",")


def zekerheid_section(ds: Dataset) -> Section:
    """The back-test table per merger, coverage and width per mode, and what it means."""
    bt = backtest(ds, BACKTEST_MODES[0])
    rows = tuple(
        (
            r.naam,
            str(r.fusiejaar),
            str(r.basisjaar),
            _pct(r.p10),
            _pct(r.p50),
            _pct(r.p90),
            _pct(r.werkelijk),
            "ja" if r.binnen else "nee",
        )
        for r in bt.rows
    )
    table = Table(
        "Terugtoets: voorspelde en werkelijke verandering van de lasten per inwoner na een fusie "
        "(procentpunt, gecorrigeerd voor gemeenten zonder fusie)",
        ("Gemeente", "Fusiejaar", "Basisjaar", "P10", "P50", "P90", "Werkelijk", "Binnen"),
        rows,
        bt.bron,
        frozenset({1, 2, 3, 4, 5, 6}),
    )
    modes = Table(
        "Dekking en mediane breedte per modus",
        ("Modus", "Dekking", "Mediane breedte (punten)"),
        tuple(
            (m, f"{round(100 * d)}%", f"{100 * w:.1f}".replace(".", ","))
            for m, (d, w) in bt.per_modus.items()
        ),
        bt.bron,
        frozenset({1, 2}),
    )
    blocks: list[Block] = [Paragraph((p,)) for p in uitleg(bt, "nl")]
    blocks += [table, modes]
    return Section("Hoe zeker zijn we?", tuple(blocks))
