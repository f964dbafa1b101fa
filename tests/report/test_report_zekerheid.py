"""The chapter appendix 'Hoe zeker zijn we?' carries the back-test rows."""

from __future__ import annotations

from regiokompas.report._model import Table
from regiokompas.report._zekerheid import zekerheid_section
from regiokompas.savings.backtest import backtest


def test_appendix_section_has_every_merger(ds):
    section = zekerheid_section(ds)
    bt = backtest(ds)
    tables = [b for b in section.blocks if isinstance(b, Table)]
    rows = tables[0].rows
    assert len(rows) == len(bt.rows)
    assert sum(r[-1] == "ja" for r in rows) == sum(r.binnen for r in bt.rows)
    for row in rows:  # P10 ≤ P50 ≤ P90 as printed
        p10, p50, p90 = (float(str(c).replace(",", ".")) for c in row[3:6])
        assert p10 <= p50 <= p90
    assert "CBS Iv3" in tables[0].bron
    assert {r[0] for r in tables[1].rows} == set(bt.per_modus)
